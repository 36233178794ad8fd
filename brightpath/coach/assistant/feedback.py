"""Offline template: feedback on a piece of student work the teacher pasted.

Simple, visible analysis: length and sentences, reasons and examples, linking
words, variety of words, conventions (capitals, end punctuation, a lone "i",
repeated words, run-on sentences), and the lesson's key terms it uses. From it,
two or three strengths that quote the work and two or three next steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import reading as r
from .situation import Situation

_REASONS = re.compile(
    r"\b(?:because|since|so that|therefore|this shows|which means|for example|for instance|"
    r"such as|according to|evidence|as a result|this proves)\b",
    re.I,
)
_LINKS = re.compile(
    r"\b(?:first(?:ly)?|second(?:ly)?|next|then|finally|however|also|in addition|moreover|"
    r"on the other hand|in conclusion|to conclude|although|meanwhile|afterwards|lastly)\b",
    re.I,
)
_COUNTER = re.compile(
    r"\b(?:some people (?:think|say|believe)|others (?:might|may) (?:say|argue)|"
    r"on the other hand|although|however)\b",
    re.I,
)
_LONE_I = re.compile(r"(?<![\w'])i(?![\w'])")
_REPEATED = re.compile(r"\b(\w+)\s+\1\b", re.I)
RUN_ON_WORDS = 35


@dataclass(frozen=True)
class Analysis:
    words: int
    sentences: list[str]
    paragraphs: int
    reasons: list[str]
    links: list[str]
    variety: float
    lowercase_starts: int
    no_end_mark: bool
    lone_i: int
    repeated: list[str]
    run_ons: list[str]
    terms_used: list[str]
    terms_missing: list[str]
    counterargument: bool


def _sentences(work: str) -> list[str]:
    """A student's sentences: split at every end mark, capital after it or not."""
    return [" ".join(p.split()) for p in re.split(r"(?<=[.!?])\s+|\n+", work) if p.strip()]


def analyse(work: str, terms: list[str]) -> Analysis:
    sentences = _sentences(work)
    tokens = re.findall(r"[A-Za-z']+", work)
    content = [t.lower() for t in tokens if len(t) > 3]
    lowered = work.lower()
    used = [t for t in terms if re.search(rf"\b{re.escape(t.lower())}", lowered)]
    return Analysis(
        words=len(tokens),
        sentences=sentences,
        paragraphs=len([p for p in re.split(r"\n\s*\n", work) if p.strip()]),
        reasons=[s for s in sentences if _REASONS.search(s)],
        links=sorted({m.group(0).lower() for m in _LINKS.finditer(work)}),
        variety=len(set(content)) / len(content) if content else 0.0,
        lowercase_starts=sum(1 for s in sentences if s[:1].islower()),
        no_end_mark=bool(work.strip()) and work.strip()[-1] not in '.!?"\u201d)',
        lone_i=len(_LONE_I.findall(work)),
        repeated=sorted({m.group(0) for m in _REPEATED.finditer(work)}),
        run_ons=[s for s in sentences if len(s.split()) > RUN_ON_WORDS],
        terms_used=used,
        terms_missing=[t for t in terms if t not in used][:3],
        counterargument=bool(_COUNTER.search(work)),
    )


def _quote(sentence: str, limit: int = 140) -> str:
    sentence = sentence.strip()
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + "\u2026"
    return f"\u201c{sentence}\u201d"


def feedback(s: Situation) -> str:
    work = s.intent.work
    if not work:
        return (
            "# Feedback on student work\n\n"
            "Paste the student's work after your message, for example: \u201cFeedback on this "
            "paragraph about the water cycle: ...\u201d, and tell me what the task was. I will "
            "suggest strengths that quote the work and next steps the student can act on."
        )
    terms = r.key_terms(s.lesson)[:10] if s.lesson is not None else []
    a = analyse(work, terms)
    strengths, steps = [], []
    if a.reasons:
        strengths.append(
            f"You explain your thinking with reasons or examples: {_quote(a.reasons[0])}"
        )
    else:
        steps.append(
            "Add a reason or an example to your main point: try finishing a sentence with "
            "\u201cbecause...\u201d or \u201cfor example...\u201d."
        )
    if a.terms_used:
        strengths.append(
            f"You use the lesson's key words correctly in context: {', '.join(a.terms_used[:4])}."
        )
    if a.terms_missing and len(steps) < 3:
        steps.append(
            f"Use more of the lesson's key words to be precise: {', '.join(a.terms_missing)}."
        )
    if len(a.links) >= 2:
        strengths.append(
            f"Your ideas are linked in order with words like {', '.join(a.links[:3])}."
        )
    elif len(a.sentences) >= 3:
        steps.append(
            "Link your ideas with words like \u201cfirst\u201d, \u201calso\u201d, "
            "\u201chowever\u201d and \u201cfinally\u201d so the reader can follow your order."
        )
    if a.variety >= 0.7 and a.words >= 40:
        strengths.append("You choose varied words and rarely repeat yourself.")
    conventions = []
    if a.lowercase_starts:
        conventions.append(
            f"start every sentence with a capital letter ({a.lowercase_starts} do not)"
        )
    if a.lone_i:
        conventions.append("write \u201cI\u201d as a capital")
    if a.no_end_mark:
        conventions.append("end with a full stop")
    if a.repeated:
        conventions.append(f"check repeated words ({', '.join(a.repeated[:2])})")
    if a.run_ons:
        conventions.append(f"split long sentences in two, such as {_quote(a.run_ons[0], 80)}")
    if conventions:
        steps.append("Proofread: " + "; ".join(conventions) + ".")
    elif a.sentences:
        strengths.append("Your sentences are correctly punctuated and capitalised.")
    if a.words < 40:
        steps.append("Say more: add two or three sentences that develop your main idea.")
    if not strengths:
        strengths.append(f"You have made a clear start on the task: {_quote(a.sentences[0])}")
    lines = [
        "# Feedback on student work",
        "",
        f"What I read: {a.words} words, {len(a.sentences)} sentences"
        + (f", {a.paragraphs} paragraphs" if a.paragraphs > 1 else "")
        + ".",
        "",
        "## Strengths",
        *(f"- {x}" for x in strengths[:3]),
        "",
        "## Next steps",
        *(
            f"- {x}"
            for x in steps[:3] or ["Try the extension: apply the same idea to a new example."]
        ),
        "",
        "## A question to push their thinking",
        "- "
        + (
            "What would someone who disagrees say, and how would you answer them?"
            if not a.counterargument
            else "Which of your reasons is strongest, and why?"
        ),
    ]
    named = [need for need in s.needs if need.who.lower() in s.ask.lower()]
    for need in named:
        if "reading" in need.needs or "writing" in need.needs:
            lines += [
                "",
                f"Keeping {need.who} in mind (\u201c{need.said}\u201d): respond to the ideas "
                "first and pick one convention to work on, not all of them.",
            ]
    return "\n".join(lines)
