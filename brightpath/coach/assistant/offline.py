"""The offline assistant: real work without a network, always labelled as offline.

The message's intent picks one of the assistant's enabled capabilities
(`intent.choose`); the capability's `template` names what answers it. A
capability whose template is unknown, or a message that asks for nothing in
particular, gets a general answer: what was noted, what is remembered that
bears on it, and what the assistant can do.
"""

from __future__ import annotations

from collections.abc import Callable

from brightpath.common.llm import ChatMessage, OfflineProvider

from . import OFFLINE_LABEL, Request
from .feedback import feedback
from .intent import choose
from .plans import differentiation, lesson_plan
from .quizzes import quiz, rubric
from .situation import Situation, situation_of

TEMPLATES: dict[str, Callable[[Situation], str]] = {
    "lesson_plan": lesson_plan,
    "quiz": quiz,
    "rubric": rubric,
    "feedback": feedback,
    "differentiation": differentiation,
}
OPENERS = {
    "warm": "here {verb} {what}, built from templates, your lessons and what you have told me.",
    "encouraging": "great idea! Here {verb} {what}, built from templates, your lessons and what "
    "you have told me.",
    "concise": "{what}, from templates, your lessons and your notes.",
    "formal": "please find {what} below, prepared from templates, your lessons and your notes.",
}
WHAT = {
    "lesson_plan": "a lesson plan outline",
    "quiz": "a quiz",
    "rubric": "a rubric",
    "feedback": "feedback on the work",
    "differentiation": "differentiation suggestions",
}
PLURAL = frozenset({"differentiation"})
MODEL_NAME = "coach-offline-templates"


def answer(request: Request) -> tuple[str, str | None]:
    """The offline answer to `request` and the name of the capability that gave it."""
    intent = choose(request.message, request.assistant.capabilities, request.other_capabilities)
    capability = intent.capability
    template = TEMPLATES.get(capability.template) if capability is not None else None
    if capability is None or template is None:
        return label(general(request, intent.unavailable)), None
    body = template(situation_of(request, intent))
    opener = OPENERS.get(request.assistant.tone, OPENERS["warm"]).format(
        what=WHAT.get(capability.template, capability.label),
        verb="are" if capability.template in PLURAL else "is",
    )
    noted = _noted(request)
    parts = [opener, *([noted] if noted else []), body]
    return label("\n\n".join(parts)), capability.name


def label(text: str) -> str:
    return f"{OFFLINE_LABEL} {text}"


def _noted(request: Request) -> str:
    if not request.noted:
        return ""
    return "I will remember: " + " ".join(f"\u201c{n}\u201d" for n in request.noted[:4])


def general(request: Request, unavailable=None) -> str:
    """No capability asked for: what was noted, what is remembered, and what can be done."""
    assistant = request.assistant
    blocks: list[str] = []
    if request.noted:
        blocks.append(
            "\n".join(["Thank you, I will remember that:", *(f"- {n}" for n in request.noted[:6])])
        )
    else:
        blocks.append("Hello!")
    if unavailable is not None:
        about = unavailable.description[:1].lower() + unavailable.description[1:]
        blocks.append(
            f"{assistant.name} is not set up for {unavailable.label} ({about.rstrip('.')}). Pick "
            "an assistant that has it, or add it to your own assistant."
        )
    used = [m for m in request.memories if m.content not in request.noted][:5]
    if used and not request.noted:
        blocks.append(
            "\n".join(["What I remember that may help:", *(f"- {m.content}" for m in used)])
        )
    if assistant.capabilities:
        lines = [f"I am {assistant.name}. I can help with:"]
        lines += [f"- {c.label}: {c.description}" for c in assistant.capabilities]
        example = _example(assistant.capabilities[0].template)
        if example:
            lines += ["", f"Try, for example: \u201c{example}\u201d"]
        blocks.append("\n".join(lines))
    else:
        blocks.append(f"I am {assistant.name}. I have no capabilities switched on yet.")
    return "\n\n".join(blocks)


def _example(template: str) -> str:
    return {
        "lesson_plan": "Plan a 45-minute lesson on the water cycle for my 5th graders.",
        "quiz": "Make a quiz from my lesson on fractions.",
        "rubric": "Write a rubric for a persuasive essay.",
        "feedback": "Give feedback on this paragraph: (paste the student's work)",
        "differentiation": "How can I differentiate my lesson on fractions?",
    }.get(template, "")


def provider(request: Request) -> OfflineProvider:
    """The offline assistant behind the platform's ChatProvider interface (it reads
    the request it was built for, not the messages: those are for a model)."""

    def rules(messages: list[ChatMessage]) -> str:
        return answer(request)[0]

    return OfflineProvider(rules, model=MODEL_NAME)
