"""The platform's one interface to a language model, as plain data.

A product talks to a `ChatProvider` and never to a vendor's client: the
OpenAI-compatible provider (any endpoint that speaks OpenAI's chat API) when an
endpoint is configured, or the product's own offline provider. Every failure
of a provider reaches the caller as one `LLMUnavailable`, so a product has one
place to fall back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

ROLES = ("system", "user", "assistant")


@dataclass(frozen=True)
class ChatMessage:
    role: str  # "system", "user" or "assistant"
    content: str


@dataclass(frozen=True)
class Completion:
    text: str
    model: str
    provider: str  # "openai" (an OpenAI-compatible endpoint) or "offline"
    tokens_used: int | None  # prompt + completion, when the provider counts them
    latency_ms: int


class LLMUnavailable(Exception):
    """The provider gave no usable answer: timeout, connection refused, an
    error status after the client's retries, or an answer that is not what was
    asked for. `reason` is short and never contains the prompt."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@runtime_checkable
class ChatProvider(Protocol):
    name: str

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int,
        temperature: float = 0.7,
        response_format: dict | None = None,
    ) -> Completion:
        """The whole answer at once; raises LLMUnavailable."""
        ...

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int, temperature: float = 0.7
    ) -> Iterator[str]:
        """The answer as text deltas; iterating raises LLMUnavailable on a failure,
        possibly after some deltas were yielded."""
        ...

    def embed(self, texts: list[str]) -> list[list[float]]:
        """One vector per text, in order; LLMUnavailable where not supported."""
        ...
