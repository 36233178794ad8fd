"""A ChatProvider with no network: a product's own rules behind the same
interface as a model, so callers need not know which one answered."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence

from .base import ChatMessage, Completion, LLMUnavailable

OFFLINE = "offline"


def words(text: str) -> Iterator[str]:
    """`text` in word-sized deltas (each word with the spaces after it), the way
    a model streams; joined they give `text` back exactly."""
    yield from re.findall(r"\S+\s*|\s+", text)


class OfflineProvider:
    """Wraps `answer(messages) -> str` (a product's rules) as a ChatProvider;
    `stream` gives the same answer word by word."""

    name = OFFLINE

    def __init__(self, answer: Callable[[list[ChatMessage]], str], *, model: str = OFFLINE):
        self._answer = answer
        self.model = model

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int,
        temperature: float = 0.7,
        response_format: dict | None = None,
    ) -> Completion:
        started = time.monotonic()
        text = self._answer(list(messages))
        return Completion(
            text=text,
            model=self.model,
            provider=self.name,
            tokens_used=None,
            latency_ms=round((time.monotonic() - started) * 1000),
        )

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int, temperature: float = 0.7
    ) -> Iterator[str]:
        yield from words(self._answer(list(messages)))

    def embed(self, texts: list[str]) -> list[list[float]]:
        raise LLMUnavailable("the offline provider has no embeddings")
