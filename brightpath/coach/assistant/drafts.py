"""An assistant's reply read back as a lesson draft.

Works on the offline assistant's outline and on a model's usual plan: headings
as "# ...", "## ...", "**...**" or "Objectives:" lines, lists as "-", "*",
"\u2022" or "1." items, timings as "(10 min)" or "10 minutes". What is not
recognised is kept in the description; only the words before the plan's title
(the assistant talking to the teacher: "Here's a plan...") are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import OFFLINE_LABEL
from .provider import fallback_note

_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*(?P<hash>.+?)\s*#*|\*\*(?P<bold>[^*]+?)\*\*:?"
    r"|(?P<colon>[A-Z][\w /&-]{2,40}):)\s*$"
)
_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+(?P<text>.+)$")
_MINUTES = re.compile(r"\(?\b(\d{1,3})\s*(?:-\s*\d{1,3}\s*)?(?:min(?:ute)?s?)\b\.?\)?", re.I)
_TITLE_PREFIX = re.compile(r"^(?:lesson plan|lesson title|lesson|plan|title)\s*[:\u2013-]\s*", re.I)
_LENGTH = re.compile(r"\blength:\s*(\d{1,3})\s*min", re.I)
_GRADE = re.compile(
    r"\bgrade:?\s*(\d{1,2})\b|\b(\d{1,2})(?:st|nd|rd|th)[- ]grade\b|\b(kindergarten)\b", re.I
)
_SUBJECT = re.compile(r"\bsubject:\s*([^\n\u00b7|,]{2,60})", re.I)

KINDS = {
    "objectives": ("objective", "learning objective", "goal", "learning goal", "learning target",
                   "success criteria", "swbat", "aims"),
    "materials": ("material", "resource", "you will need", "supplies", "equipment"),
    "standards": ("standard",),
    "warmup": ("warm-up", "warm up", "warmup", "hook", "do now", "starter", "opening"),
    "activities": ("activit", "procedure", "lesson sequence", "steps", "main", "instruction",
                   "guided practice", "independent practice", "lesson flow", "agenda"),
    "differentiation": ("differentiat", "accommodation", "adaptation", "support", "extension"),
    "assessment": ("assessment", "check for understanding", "exit ticket", "evaluation",
                   "closure", "wrap-up", "wrap up"),
    "homework": ("homework", "home learning", "follow-up", "take-home"),
}  # fmt: skip


@dataclass
class Draft:
    title: str = ""
    description: str = ""
    objectives: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)  # {"title", "minutes", "body"}
    assessment: str = ""
    homework: str = ""
    differentiation: list[str] = field(default_factory=list)
    duration_minutes: int | None = None
    grade_level: str = ""  # "5", "k", or "" when the reply names none
    subjects: list[str] = field(default_factory=list)  # names the reply's facts give


def _kind(heading: str) -> str:
    lowered = heading.lower()
    for kind, cues in KINDS.items():
        if any(cue in lowered for cue in cues):
            return kind
    return ""


def _heading(line: str) -> str | None:
    match = _HEADING.match(line)
    if not match:
        return None
    return (match.group("hash") or match.group("bold") or match.group("colon") or "").strip()


def _minutes(text: str) -> int | None:
    match = _MINUTES.search(text)
    if not match:
        return None
    value = int(match.group(1))
    return value if 1 <= value <= 240 else None


def _without_minutes(text: str) -> str:
    return " ".join(_MINUTES.sub("", text).split()).strip(" :\u2013-")


def _strip_label(text: str) -> str:
    text = text.strip()
    if text.startswith(OFFLINE_LABEL):
        text = text.removeprefix(OFFLINE_LABEL).strip()
    note = re.compile(re.escape(fallback_note("X")).replace("X", ".*?"), re.S)
    return note.sub("", text, count=1).strip()


def draft_from_reply(reply: str) -> Draft:
    """The lesson a reply describes (every field may be empty)."""
    draft = Draft()
    kind, heading, loose = "", "", []
    blocks: list[tuple[str, str, list[str]]] = []
    for line in _strip_label(reply).splitlines():
        if not line.strip():
            continue
        title = _heading(line)
        marked = title is not None and not line.rstrip().endswith(":") or line.lstrip()[:1] == "#"
        if title is not None and (marked or _kind(title)):
            blocks.append((kind, heading, loose))
            kind, heading, loose = _kind(title), title, []
            if not draft.title and not kind and (marked or _TITLE_PREFIX.match(title)):
                draft.title = _TITLE_PREFIX.sub("", title).strip()
                kind, heading = "title", title
            continue
        loose.append(line.rstrip())
    blocks.append((kind, heading, loose))
    if draft.title and blocks and not blocks[0][1]:
        blocks = blocks[1:]  # the words before the plan's title ("here is a plan...")
    description: list[str] = []
    for kind, heading, lines in blocks:
        _apply(draft, kind, heading, lines, description)
    _facts(draft, description)
    draft.description = "\n".join(description).strip()
    if not draft.title:
        first = next((ln for ln in description if ln.strip()), "")
        draft.title = _TITLE_PREFIX.sub("", first.split(".")[0]).strip()[:200]
    minutes = [s["minutes"] for s in draft.sections if s["minutes"]]
    length = _LENGTH.search(reply)
    draft.duration_minutes = int(length.group(1)) if length else (sum(minutes) or None)
    if draft.duration_minutes is not None and not 1 <= draft.duration_minutes <= 240:
        draft.duration_minutes = None
    return draft


def _facts(draft: Draft, description: list[str]) -> None:
    """The grade and subject the plan's header states ("Grade 5 \u00b7 Science \u00b7 ...")."""
    for line in description[:6]:
        grade = _GRADE.search(line)
        if grade and not draft.grade_level:
            number = grade.group(1) or grade.group(2)
            draft.grade_level = str(int(number)) if number else "k"
        subject = _SUBJECT.search(line)
        if subject:
            draft.subjects.append(subject.group(1).strip())
        if "\u00b7" in line or "|" in line:
            parts = re.split(r"\s*[\u00b7|]\s*", line)
            draft.subjects += [p.strip() for p in parts if p.strip() and ":" not in p]


def _items(lines: list[str]) -> list[str]:
    items: list[str] = []
    for line in lines:
        match = _ITEM.match(line)
        if match:
            items.append(match.group("text").strip())
        elif items:
            items[-1] = f"{items[-1]} {line.strip()}"
        else:
            items.append(line.strip())
    return [i for i in items if i]


def _apply(draft: Draft, kind: str, heading: str, lines: list[str], description: list[str]):
    items = _items(lines)
    if kind == "title":
        description.extend(line.strip() for line in lines)
    elif kind in ("objectives", "materials", "standards", "differentiation"):
        getattr(draft, kind).extend(items)
    elif kind == "warmup":
        draft.sections.append(
            {
                "title": _without_minutes(heading) or "Warm-up",
                "minutes": _minutes(heading),
                "body": " ".join(items),
            }  # fmt: skip
        )
    elif kind == "activities":
        for item in items:
            name, _, body = item.partition(":")
            if not body or len(name) > 80:
                name, body = heading, item
            draft.sections.append(
                {"title": _without_minutes(name) or "Activity",
                 "minutes": _minutes(name) or _minutes(body),
                 "body": _without_minutes(body) if _minutes(name) is None else body.strip()}
            )  # fmt: skip
    elif kind == "assessment":
        draft.assessment = " ".join(items)
        minutes = _minutes(heading)
        if minutes:
            draft.sections.append(
                {"title": _without_minutes(heading), "minutes": minutes, "body": " ".join(items)}
            )
    elif kind == "homework":
        draft.homework = " ".join(items)
    else:
        if heading and kind != "title":
            description.append(heading)
        description.extend(line.strip() for line in lines)
