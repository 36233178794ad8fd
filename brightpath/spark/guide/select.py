"""Which guide answers: the LLM guide when an endpoint is configured and the
parent allowed sharing with it (the caller decides `llm_allowed` from the
data-sharing consent), else the offline guide; any LLM failure falls back to
the offline guide, so a child always gets an answer. `reply.provider` says
which one answered ("openai" or "offline")."""

from __future__ import annotations

import logging

from brightpath.common.llm import ChatProvider, LLMUnavailable, configured_provider

from . import Choice, GuideContext, GuideReply
from . import llm as llm_guide

log = logging.getLogger(__name__)


def guide_opening(ctx: GuideContext, *, llm_allowed: bool) -> GuideReply:
    provider = _provider(llm_allowed)
    if provider is not None:
        try:
            return llm_guide.opening(ctx, provider)
        except LLMUnavailable as exc:
            _fell_back("opening", exc)
    return _offline(_offline_guide().opening(ctx))


def guide_reply(
    ctx: GuideContext, text: str, choice: Choice | None, *, llm_allowed: bool
) -> GuideReply:
    provider = _provider(llm_allowed)
    if provider is not None:
        try:
            return llm_guide.reply(ctx, text, choice, provider)
        except LLMUnavailable as exc:
            _fell_back("reply", exc)
    return _offline(_offline_guide().reply(ctx, text, choice))


def _provider(llm_allowed: bool) -> ChatProvider | None:
    return configured_provider() if llm_allowed else None


def _offline_guide():
    # Imported when needed: the offline guide loads its rules and is used only here.
    from . import offline

    return offline


def _offline(reply: GuideReply) -> GuideReply:
    reply.provider = "offline"
    return reply


def _fell_back(move: str, exc: LLMUnavailable) -> None:
    # The reason only: never the child's words or the model's answer.
    log.warning(
        "Spark guide %s answered offline: the LLM was unavailable (%s)",
        move,
        exc.reason,
        extra={"guide_move": move, "llm_reason": exc.reason},
    )
