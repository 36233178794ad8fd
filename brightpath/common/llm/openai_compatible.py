"""A ChatProvider over any endpoint that speaks OpenAI's chat API (OpenAI
itself, or a local server: llama.cpp, Ollama, vLLM), through the official
`openai` client, which also does the retries with its own backoff.

Children's messages go through here, so nothing the client or this module logs
carries a prompt or an answer: failures are logged by kind ("timeout",
"status 500"), and the vendor's exception (whose message may quote the
provider's error body) is not chained onto `LLMUnavailable`.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import openai
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import ChatMessage, ChatProvider, Completion, LLMUnavailable

log = logging.getLogger(__name__)

PROVIDER = "openai"
# A local server takes any key, but the client refuses to start without one.
DUMMY_API_KEY = "no-key-configured"
# What a malformed answer raises while the client parses it or we read it.
MALFORMED = (ValueError, TypeError, AttributeError, KeyError, IndexError)


def _reason(exc: Exception) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection failed"
    if isinstance(exc, openai.APIStatusError):
        return f"status {exc.status_code}"
    if isinstance(exc, (openai.APIResponseValidationError, LLMUnavailable, *MALFORMED)):
        return "malformed answer"
    return f"provider error ({type(exc).__name__})"


@contextmanager
def _failures_as_unavailable(operation: str, model: str):
    try:
        yield
    except (openai.OpenAIError, LLMUnavailable, *MALFORMED) as exc:
        reason = _reason(exc)
        log.warning(
            "LLM %s failed: %s",
            operation,
            reason,
            extra={"llm_operation": operation, "llm_model": model, "llm_reason": reason},
        )
        raise LLMUnavailable(reason) from None


def _wire(messages: Sequence[ChatMessage]) -> list[dict]:
    return [{"role": m.role, "content": m.content} for m in messages]


def _answer_text(response) -> str:
    text = response.choices[0].message.content
    if not isinstance(text, str) or not text.strip():
        raise LLMUnavailable("empty answer")
    return text


def _tokens(response) -> int | None:
    usage = getattr(response, "usage", None)
    total = getattr(usage, "total_tokens", None)
    return total if isinstance(total, int) else None


class OpenAICompatibleProvider:
    name = PROVIDER

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str = "",
        timeout: float = 20.0,
        max_retries: int = 2,
        embeddings_model: str = "",
    ):
        self.model = model
        self.embeddings_model = embeddings_model
        self._client = openai.OpenAI(
            base_url=base_url,
            api_key=api_key or DUMMY_API_KEY,
            timeout=timeout,
            max_retries=max_retries,
        )

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int,
        temperature: float = 0.7,
        response_format: dict | None = None,
    ) -> Completion:
        started = time.monotonic()
        extra = {"response_format": response_format} if response_format else {}
        with _failures_as_unavailable("completion", self.model):
            response = self._client.chat.completions.create(
                model=self.model,
                messages=_wire(messages),
                max_tokens=max_tokens,
                temperature=temperature,
                **extra,
            )
            text = _answer_text(response)
            model = response.model if isinstance(response.model, str) else self.model
        return Completion(
            text=text,
            model=model or self.model,
            provider=self.name,
            tokens_used=_tokens(response),
            latency_ms=round((time.monotonic() - started) * 1000),
        )

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int, temperature: float = 0.7
    ) -> Iterator[str]:
        with _failures_as_unavailable("stream", self.model):
            chunks = self._client.chat.completions.create(
                model=self.model,
                messages=_wire(messages),
                max_tokens=max_tokens,
                temperature=temperature,
                stream=True,
            )
            answered = False
            with chunks:
                for chunk in chunks:
                    # Some servers end with a usage-only chunk that has no choices.
                    for choice in chunk.choices or ():
                        if choice.delta is not None and choice.delta.content:
                            answered = True
                            yield choice.delta.content
            if not answered:
                raise LLMUnavailable("empty answer")

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not self.embeddings_model:
            raise LLMUnavailable("no embeddings model configured")
        if not texts:
            return []
        with _failures_as_unavailable("embeddings", self.embeddings_model):
            response = self._client.embeddings.create(
                model=self.embeddings_model, input=list(texts)
            )
            items = sorted(response.data, key=lambda item: item.index)
            vectors = [[float(x) for x in item.embedding] for item in items]
            if len(vectors) != len(texts) or any(not v for v in vectors):
                raise LLMUnavailable("malformed answer")
        return vectors


def configured_provider() -> ChatProvider | None:
    """The endpoint the settings name, or None when LLM_BASE_URL is unset (the
    embedded default): a product then answers with its own offline provider."""
    base_url = getattr(settings, "LLM_BASE_URL", "")
    if not base_url:
        return None
    if not settings.LLM_MODEL:
        raise ImproperlyConfigured("LLM_MODEL must be set when LLM_BASE_URL is")
    return _provider(
        base_url,
        settings.LLM_MODEL,
        settings.LLM_API_KEY,
        float(settings.LLM_TIMEOUT_SECONDS),
        int(settings.LLM_MAX_RETRIES),
        settings.LLM_EMBEDDINGS_MODEL,
    )


@functools.lru_cache(maxsize=4)
def _provider(
    base_url: str, model: str, api_key: str, timeout: float, retries: int, embeddings: str
) -> OpenAICompatibleProvider:
    # One client per configuration, so its connection pool is reused.
    return OpenAICompatibleProvider(
        base_url=base_url,
        model=model,
        api_key=api_key,
        timeout=timeout,
        max_retries=retries,
        embeddings_model=embeddings,
    )
