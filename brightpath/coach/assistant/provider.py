"""Who answers: the OpenAI-compatible endpoint when LLM_BASE_URL is set, else the
offline assistant; and what happens when the endpoint fails.

The endpoint's client does the timeouts and retries (LLM_TIMEOUT_SECONDS,
LLM_MAX_RETRIES). When it still fails (`LLMUnavailable`), the offline
assistant answers instead, with a visible note saying why, unless
COACH_LLM_FALLBACK is off: then, as when a stream breaks after some text was
shown, the reply is failed and the teacher can retry it.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from dataclasses import dataclass

from brightpath.common.llm import ChatProvider, LLMUnavailable, configured_provider
from brightpath.common.llm.offline import words

from . import OFFLINE_LABEL, Request, offline, prompt
from .intent import choose

OFFLINE, OPENAI = "offline", "openai"


@dataclass
class Reply:
    text: str
    provider: str
    model: str
    capability: str | None
    tokens_used: int | None = None
    latency_ms: int = 0
    fallback: str = ""  # why the offline assistant answered instead of the model
    error: str = ""  # set when the reply failed

    @property
    def failed(self) -> bool:
        return bool(self.error)


def language_model() -> ChatProvider | None:
    return configured_provider()


def embedder():
    """A stable `embed(texts)` for memory retrieval when an embeddings model is set, else None.

    The same callable is returned for the same provider, so the retrieval index
    cached for it is reused."""
    provider = configured_provider()
    if provider is None or not getattr(provider, "embeddings_model", ""):
        return None
    return _embed_of(provider)


@functools.lru_cache(maxsize=4)
def _embed_of(provider):
    return provider.embed


def _capability(request: Request) -> str | None:
    capability = choose(
        request.message, request.assistant.capabilities, request.other_capabilities
    ).capability
    return capability.name if capability is not None else None


def fallback_note(reason: str) -> str:
    return (
        f"(The language model did not answer: {reason}. This answer comes from the offline "
        "templates; you can retry later for the model's answer.)"
    )


def _offline_reply(request: Request, started: float, reason: str = "") -> Reply:
    text, capability = offline.answer(request)
    if reason:
        body = text.removeprefix(OFFLINE_LABEL).lstrip()
        text = f"{OFFLINE_LABEL} {fallback_note(reason)}\n\n{body}"
    return Reply(
        text=text,
        provider=OFFLINE,
        model=offline.MODEL_NAME,
        capability=capability,
        latency_ms=_ms(started),
        fallback=reason,
    )


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


def answer(request: Request, *, max_tokens: int, temperature: float, fallback: bool) -> Reply:
    """The whole reply at once."""
    started = time.monotonic()
    model = language_model()
    if model is None:
        return _offline_reply(request, started)
    try:
        completion = model.complete(
            prompt.messages(request), max_tokens=max_tokens, temperature=temperature
        )
    except LLMUnavailable as exc:
        if fallback:
            return _offline_reply(request, started, exc.reason)
        return Reply("", OPENAI, getattr(model, "model", ""), _capability(request),
                     latency_ms=_ms(started), error=exc.reason)  # fmt: skip
    return Reply(
        text=completion.text,
        provider=OPENAI,
        model=completion.model,
        capability=_capability(request),
        tokens_used=completion.tokens_used,
        latency_ms=completion.latency_ms,
    )


class StreamedReply:
    """The reply as text deltas; `result` holds the whole Reply once iterated to the end."""

    def __init__(self, request: Request, *, max_tokens: int, temperature: float, fallback: bool):
        self.request = request
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.fallback = fallback
        self.result: Reply | None = None

    def __iter__(self) -> Iterator[str]:
        started = time.monotonic()
        model = language_model()
        if model is None:
            self.result = _offline_reply(self.request, started)
            yield from words(self.result.text)
            return
        sent: list[str] = []
        try:
            for delta in model.stream(
                prompt.messages(self.request),
                max_tokens=self.max_tokens,
                temperature=self.temperature,
            ):
                sent.append(delta)
                yield delta
        except LLMUnavailable as exc:
            if not sent and self.fallback:
                self.result = _offline_reply(self.request, started, exc.reason)
                yield from words(self.result.text)
                return
            self.result = Reply(
                "".join(sent),
                OPENAI,
                getattr(model, "model", ""),
                _capability(self.request),
                latency_ms=_ms(started),
                error=exc.reason if not sent else f"{exc.reason} (the answer was cut off)",
            )
            return
        self.result = Reply(
            text="".join(sent),
            provider=OPENAI,
            model=getattr(model, "model", ""),
            capability=_capability(self.request),
            latency_ms=_ms(started),
        )
