"""Spark's guide on a language model: the same two moves as the offline guide
(`opening`, `reply`), with the provider passed in.

The model is told who it talks to only by age group: nothing from the child's
profile goes out (not the interests the parent typed, as the notice promises),
and the child's display name is replaced by "friend" in the history and the
child's words. It teaches from the topic's own material for that age group and
answers in JSON, which is checked strictly here: anything off (not JSON, a
reply too long or with a link, a button to a topic the child cannot open) is
an `LLMUnavailable`, so the caller falls back to the offline guide.
"""

from __future__ import annotations

import json
import re

from brightpath.common.llm import ChatMessage, ChatProvider, LLMUnavailable
from brightpath.spark.age_groups import CURIOUS_EXPLORERS, LABELS, MIND_MASTERS, WONDER_CUBS

from . import CHOICE_KINDS, Choice, GuideContext, GuideReply, Turn

MAX_CHOICES = 4
MAX_LABEL = 60
# The longest reply shown to each age group, in characters (the prompt asks for less).
MAX_REPLY = {WONDER_CUBS: 300, CURIOUS_EXPLORERS: 500, MIND_MASTERS: 700}
MAX_TOKENS = 500
TEMPERATURE = 0.6
RESPONSE_FORMAT = {"type": "json_object"}
ANONYMOUS = "friend"

STYLE = {
    WONDER_CUBS: (
        "The child is 4 to 6 years old. Use very short sentences of a few simple words each, "
        "at most three sentences in all. Use everyday words a young child knows; compare new "
        "things to things they can see, touch or do at home."
    ),
    CURIOUS_EXPLORERS: (
        "The child is 7 to 10 years old. Use short, clear sentences, at most four. Explain any "
        "new word in a few words when you first use it. Invite them to guess before you tell."
    ),
    MIND_MASTERS: (
        "The child is 11 to 14 years old. Use at most five sentences. You may use real terms "
        "(explain them briefly), give reasons and evidence, and invite them to argue a view."
    ),
}

RULES = """How you talk:
- Be warm, patient and encouraging. Praise curiosity and good thinking, not only right answers.
- Call the child "you". You do not know their name and never ask for it.
- Never ask for personal information: no names, age, address, school, phone, email, photos, \
or where they are. If the child shares any, say kindly that it is best kept private, and go \
back to the topic.
- Never give links, web addresses or names of websites or apps, and never suggest going \
online or meeting anyone.
- Keep to what is true and to the topic. If you are not sure, say so simply. Nothing scary, \
violent or grown-up. If the child seems sad, hurt or in danger, gently tell them to talk to \
a grown-up they trust.
- Always end your reply with one question for the child."""

URL = re.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|org|net|io|edu|gov|app|co|uk|ly|me|tv)\b", re.IGNORECASE
)


def opening(ctx: GuideContext, provider: ChatProvider) -> GuideReply:
    """The guide's first message; raises LLMUnavailable."""
    turn = (
        "(The child has just opened this conversation and said nothing yet. Greet them in a few "
        "words and start exploring with one question.)"
    )
    answer = _ask(ctx, provider, _history(ctx, None), turn)
    answer.deeper = False  # nothing was explored yet
    answer.aha = False
    return answer


def reply(
    ctx: GuideContext, text: str, choice: Choice | None, provider: ChatProvider
) -> GuideReply:
    """The guide's answer to the child's turn (`choice`: the button pressed, whose
    label is `text`); raises LLMUnavailable."""
    return _ask(ctx, provider, _history(ctx, text), _child_turn(ctx, text, choice))


def _ask(
    ctx: GuideContext, provider: ChatProvider, history: list[ChatMessage], turn: str
) -> GuideReply:
    messages = [ChatMessage("system", system_prompt(ctx)), *history, ChatMessage("user", turn)]
    completion = provider.complete(
        messages, max_tokens=MAX_TOKENS, temperature=TEMPERATURE, response_format=RESPONSE_FORMAT
    )
    answer = parse_answer(completion.text, ctx)
    answer.provider = completion.provider
    answer.tokens_used = completion.tokens_used
    return answer


# --- what the model is told ----------------------------------------------------------


def system_prompt(ctx: GuideContext) -> str:
    parts = [
        "You are the guide in Spark, a place where a child explores ideas by talking with you. "
        f"You are talking with a child in the group {LABELS.get(ctx.age_group, ctx.age_group)}.",
        STYLE.get(ctx.age_group, STYLE[CURIOUS_EXPLORERS]),
        RULES,
        _material(ctx),
    ]
    parts.append(f"Exchanges so far in this conversation: {ctx.depth}.")
    parts.append(_answer_format(ctx))
    return "\n\n".join(p for p in parts if p)


def _material(ctx: GuideContext) -> str:
    lines: list[str] = []
    if ctx.topic is not None:
        topic, group = ctx.topic, ctx.age_group
        meta = topic.metadata or {}
        lines.append(f"The topic: {topic.name} ({topic.category}). {topic.description}".strip())
        if meta.get("summary"):
            lines.append(f"In short: {meta['summary']}")
        lines += _listed("Facts to teach from (true, and right for this age)", meta, "facts", group)
        lines += _listed("Questions you can ask", meta, "questions", group)
        lines += _listed("Things the child can try", meta, "activities", group)
        words = meta.get("words") or {}
        if isinstance(words, dict) and words:
            lines.append("Words and how to explain them:")
            lines += [f"- {word}: {meaning}" for word, meaning in words.items()]
    if ctx.spark is not None:
        spark = ctx.spark
        lines.append(f"Today's brain spark ({spark.spark_type}): {spark.question}")
        if spark.hints:
            lines.append("Hints, one at a time, only if the child is stuck:")
            lines += [f"- {hint}" for hint in spark.hints]
        if spark.follow_ups:
            lines.append("Follow-up questions:")
            lines += [f"- {q}" for q in spark.follow_ups]
    if not lines:
        return "Talk about whatever the child is curious about, at their level."
    return "What you are exploring together (teach from this):\n" + "\n".join(lines)


def _listed(title: str, meta: dict, key: str, group: str) -> list[str]:
    by_group = meta.get(key) or {}
    items = by_group.get(group) if isinstance(by_group, dict) else None
    if not items:
        return []
    return [f"{title}:", *(f"- {item}" for item in items)]


def _answer_format(ctx: GuideContext) -> str:
    if ctx.related:
        related = "; ".join(f'"{slug}" ({name})' for slug, name in ctx.related)
        related_rule = (
            f'For kind "related", "topic" must be one of these slugs: {related}; for every '
            'other kind, "topic" is null.'
        )
    else:
        related_rule = 'Do not use kind "related" here; "topic" is always null.'
    return (
        "Answer with one JSON object and nothing else:\n"
        '{"reply": "what you say to the child (at most '
        f'{MAX_REPLY.get(ctx.age_group, 500)} characters, ending with a question)", '
        '"choices": [{"label": "a few words the child can press, in their voice", '
        '"kind": "deeper", "topic": null}], '
        '"deeper": true if this exchange went further into the topic, '
        '"aha": true if the child just showed an insight of their own (a reason with '
        '"because", a link between two ideas)}\n'
        f'Give 2 to {MAX_CHOICES} choices. Kinds: "deeper" (go on with this), "question" '
        '(ask something), "story" (tell me a story about it), "end" (finish for now), '
        f'"related" (jump to a neighbouring topic). {related_rule}'
    )


def _child_turn(ctx: GuideContext, text: str, choice: Choice | None) -> str:
    said = _anonymous(text, ctx.child_name)
    if choice is None:
        return said
    target = dict(ctx.related).get(choice.topic or "", "")
    pressed = f'(The child pressed the button "{_anonymous(choice.label, ctx.child_name)}"'
    if choice.kind == "related" and target:
        pressed += f": they want to explore {target} next"
    elif choice.kind == "end":
        pressed += ": they want to finish for now; say a warm goodbye"
    return f"{pressed}.)" if said in ("", choice.label) else f"{pressed}.) {said}"


PROMPT_TURNS = 8  # the recent turns sent to the model; the offline guide reads them all


def _history(ctx: GuideContext, text: str | None) -> list[ChatMessage]:
    turns: list[Turn] = list(ctx.history[-PROMPT_TURNS:])
    # The child's current words are sent once, as the last turn.
    if text is not None and turns and turns[-1].role == "user" and turns[-1].content == text:
        turns.pop()
    return [
        ChatMessage(t.role, _anonymous(t.content, ctx.child_name))
        for t in turns
        if t.role in ("user", "assistant") and t.content.strip()
    ]


def _anonymous(text: str, name: str) -> str:
    """`text` without the child's display name (nor a part of it of three letters
    or more), in any case: an offline reply in the history may greet the child by
    name, and a child may type it. A name that is also a common word ("Sky") is
    replaced too: privacy first."""
    parts = {name.strip(), *(p for p in re.split(r"[\s\-']+", name) if len(p) >= 3)}
    for part in sorted((p for p in parts if p), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", ANONYMOUS, text, flags=re.IGNORECASE)
    return text


# --- what the model answers ----------------------------------------------------------


def parse_answer(text: str, ctx: GuideContext) -> GuideReply:
    """The model's JSON answer as a GuideReply; LLMUnavailable unless it is exactly
    what was asked for."""
    try:
        data = json.loads(text)
    except ValueError:
        raise LLMUnavailable("the answer is not JSON") from None
    if not isinstance(data, dict):
        raise LLMUnavailable("the answer is not a JSON object")
    content = data.get("reply")
    if not isinstance(content, str) or not content.strip():
        raise LLMUnavailable("no reply")
    content = content.strip()
    if len(content) > MAX_REPLY.get(ctx.age_group, 500):
        raise LLMUnavailable("the reply is too long")
    if URL.search(content):
        raise LLMUnavailable("the reply has a link")
    for flag in ("deeper", "aha"):
        if not isinstance(data.get(flag), bool):
            raise LLMUnavailable(f"{flag} is not true or false")
    return GuideReply(
        content=content,
        choices=_choices(data.get("choices"), ctx),
        deeper=data["deeper"],
        aha=data["aha"],
    )


def _choices(raw: object, ctx: GuideContext) -> list[Choice]:
    if not isinstance(raw, list) or len(raw) > MAX_CHOICES:
        raise LLMUnavailable(f"choices must be a list of at most {MAX_CHOICES}")
    related = {slug for slug, _ in ctx.related}
    current = ctx.topic.slug if ctx.topic is not None else None
    choices = []
    for item in raw:
        if not isinstance(item, dict):
            raise LLMUnavailable("a choice is not an object")
        label, kind, topic = item.get("label"), item.get("kind"), item.get("topic")
        if not isinstance(label, str) or not label.strip() or len(label.strip()) > MAX_LABEL:
            raise LLMUnavailable("a choice's label is missing or too long")
        if URL.search(label):
            raise LLMUnavailable("a choice's label has a link")
        if kind not in CHOICE_KINDS:
            raise LLMUnavailable("a choice has an unknown kind")
        if kind == "related":
            if not isinstance(topic, str) or topic not in related:
                raise LLMUnavailable("a related choice names a topic the child cannot open")
        elif topic not in (None, "", current):
            raise LLMUnavailable("a choice names a topic where none belongs")
        choices.append(
            Choice(label=label.strip(), kind=kind, topic=topic if kind == "related" else None)
        )
    return choices
