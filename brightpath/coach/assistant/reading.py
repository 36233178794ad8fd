"""Reading a teacher's message and lessons: the topic, grade, length, key terms,
pasted student work, and the lesson a message is about. Plain rules over words."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from brightpath.coach.memory import text as words
from brightpath.coach.memory.extraction import sentences as message_sentences
from brightpath.coach.memory.extraction import tags_for
from brightpath.coach.memory.text import words_of

from . import Lesson, Remembered

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n+")
_TOPIC = re.compile(
    r"\b(?:on|about|covering|introducing|introduction to|intro to|unit on|reviewing|review of|"
    r"from my lesson on|for my lesson on|teaching)\s+(?:the topic of\s+)?"
    r"(?P<topic>[^.,;:?!\n]{2,80}?)"
    r"(?=\s+(?:for|to|with|in|that|which|using|so|and then|by|before|after|at|from|"
    r"including|include)\b|[.,;:?!\n]|\s*$)",
    re.I,
)
_QUOTED_TITLE = re.compile(r"[\"\u201c']([^\"\u201d']{3,80})[\"\u201d']")
_NOT_TOPICS = frozenset(
    words_of(
        """
        monday tuesday wednesday thursday friday saturday sunday today tomorrow it this that
        them my class my students the class the students time me us
        """
    )
)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|some|my|our|this|that)\s+", re.I)
_MINUTES = re.compile(r"\b(\d{1,3})[- ]?(?:minutes?|mins?)\b", re.I)
_HOURS = re.compile(r"\b(an|one|1|two|2|1\.5)[- ]hours?\b", re.I)
_COUNT = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
    r"[- ](?:\w+[- ])?(?:questions?|items?|problems?)\b",
    re.I,
)
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_LEVELS = re.compile(r"\b(\d|three|four|five|six)[- ](?:level|point|band)s?\b", re.I)
_WORK_INTRO = re.compile(r"[:\n]")
_SWBAT = re.compile(
    r"^(?:students will be able to|students will|swbat|i can|we will|learners will|"
    r"pupils will|to be able to|be able to)\s*:?\s*",
    re.I,
)
# Words that are never a quiz's key term on their own (too general to test).
_GENERAL = frozenset(
    words_of(
        """
        student students teacher class lesson lessons able will learn learning understand
        explain describe identify using use used make made example examples different important
        thing things way ways also many much more most some other another each every first
        second third next then finally today question questions answer answers work group groups
        pair pairs partner write read talk look find show tell give take part parts kind kinds
        type types called means mean include includes including number numbers time times minute
        minutes
        """
    )
)


def sentences(text: str) -> list[str]:
    """The sentences of a block of prose (a lesson's, or a student's work)."""
    out = []
    for part in _SENTENCE.split(text or ""):
        part = " ".join(part.split()).strip(" -*\u2022")
        if part:
            out.append(part)
    return out


def objective_text(objective: str) -> str:
    """An objective without its "Students will be able to" stem, as a task."""
    body = _SWBAT.sub("", " ".join(objective.split())).rstrip(".")
    return body[:1].upper() + body[1:] if body else body


# --- the message -----------------------------------------------------------------------


@dataclass(frozen=True)
class Parts:
    """A message split into what the teacher asks and the work they pasted (if any)."""

    request: str
    work: str


def split_work(message: str) -> Parts:
    """Pasted student work: a long block after a colon or a line break (or in quotes).

    The request is the teacher's words before it; intent is read only from those,
    so a student's "plan" or "test" never picks a template.
    """
    message = message.strip()
    for match in _WORK_INTRO.finditer(message):
        head, tail = message[: match.start()], message[match.end() :].strip()
        if len(tail.split()) >= 25 and len(head.split()) <= 60:
            return Parts(head.strip(), tail.strip().strip('"\u201c\u201d'))
    quoted = re.search(r"[\"\u201c]([^\"\u201d]{120,})[\"\u201d]", message)
    if quoted:
        return Parts((message[: quoted.start()] + message[quoted.end() :]).strip(), quoted.group(1))
    return Parts(message, "")


def request_sentences(message: str) -> list[str]:
    return message_sentences(message) or [message]


def topic_of(message: str) -> str:
    """What the teacher asks about ("a lesson on the water cycle" -> "water cycle"), or ""."""
    quoted = _QUOTED_TITLE.search(message)
    if quoted:
        return quoted.group(1).strip()
    for match in _TOPIC.finditer(message):
        topic = _LEADING_ARTICLE.sub("", match.group("topic").strip())
        topic = re.sub(r"\s+(?:lesson|unit|topic|class)$", "", topic, flags=re.I).strip()
        if topic and topic.lower() not in _NOT_TOPICS and not topic.lower().startswith("my "):
            return topic
    return ""


def grade_of(message: str) -> str:
    """The grade the message names ("5th graders" -> "5"), or ""."""
    for tag in sorted(tags_for(message)):
        if tag.startswith("grade:"):
            return tag.split(":", 1)[1]
    return ""


def minutes_of(message: str) -> int | None:
    """The lesson length the message names ("45-minute", "an hour"), or None."""
    match = _MINUTES.search(message)
    if match:
        return int(match.group(1))
    match = _HOURS.search(message)
    if match:
        return {"1.5": 90, "two": 120, "2": 120}.get(match.group(1).lower(), 60)
    return None


def count_of(message: str) -> int | None:
    """How many questions the message asks for ("ten questions" -> 10), or None."""
    match = _COUNT.search(message)
    if not match:
        return None
    value = match.group(1).lower()
    return int(value) if value.isdigit() else _NUMBERS.get(value)


def levels_of(message: str) -> int | None:
    match = _LEVELS.search(message)
    if not match:
        return None
    value = match.group(1).lower()
    return int(value) if value.isdigit() else _NUMBERS.get(value)


def subject_of(message: str) -> str:
    for tag in sorted(tags_for(message)):
        if tag.startswith("subject:"):
            return tag.split(":", 1)[1]
    return ""


# --- lessons -----------------------------------------------------------------------------

_REFERS_TO_A_LESSON = re.compile(
    r"\b(?:my|this|that|the|last|today'?s|yesterday'?s|latest|recent)\s+(?:\w+\s+)?lesson\b", re.I
)


def lesson_about(message: str, lessons: tuple[Lesson, ...], topic: str = "") -> Lesson | None:
    """The teacher's lesson the message is about: the best match of its words with a
    lesson's title (then objectives and prose), or the latest lesson when the
    message says "my lesson" and names none."""
    asked = words.content_words(f"{message} {topic}")
    best, best_score = None, 0.0
    for lesson in lessons:
        title = words.content_words(lesson.title)
        body = words.content_words(" ".join([lesson.description, *lesson.objectives]))
        score = 3 * len(asked & title) + 0.5 * len(asked & (body - title))
        if title and title <= asked:
            score += 3
        if score > best_score:
            best, best_score = lesson, score
    if best is not None and best_score >= 3:
        return best
    if lessons and _REFERS_TO_A_LESSON.search(message) and not topic:
        return lessons[0]
    return None


@dataclass(frozen=True)
class Term:
    text: str
    score: float


def key_terms(lesson: Lesson, limit: int = 12) -> list[str]:
    """The lesson's key terms: words and two-word phrases it defines or repeats,
    weighted up when its title or objectives use them."""
    prose = lesson.sentences_source()
    if not prose:
        return []
    focus = words.content_words(" ".join([lesson.title, *lesson.objectives]))
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for sentence in sentences(" ".join(prose)):
        tokens = re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]", sentence)
        seen_here: set[str] = set()
        for i in range(len(tokens)):
            for size in (2, 1):
                piece = tokens[i : i + size]
                if len(piece) < size or not _term_like(piece):
                    continue
                key = " ".join(words.stem(w.lower()) for w in piece)
                if key in seen_here:
                    continue
                seen_here.add(key)
                counts[key] += 1
                surface.setdefault(key, " ".join(piece))
        for defined in _defined_terms(sentence):
            key = " ".join(words.stem(w.lower()) for w in defined.split())
            counts[key] += 2
            surface.setdefault(key, defined)
    scored = []
    for key, count in counts.items():
        parts = key.split()
        score = float(count) + 2.0 * len(set(parts) & focus)
        if len(parts) == 2:
            score = score * 1.2 if count >= 2 else score * 0.4
        scored.append(Term(surface[key], score))
    scored.sort(key=lambda t: (-t.score, t.text.lower()))
    chosen: list[str] = []
    for term in scored:
        lowered = term.text.lower()
        if any(lowered in c.lower().split() or lowered == c.lower() for c in chosen):
            continue
        if term.score < 2 and len(chosen) >= 4:
            break
        chosen.append(term.text if not term.text.isupper() else term.text)
        if len(chosen) >= limit:
            break
    return chosen


def _term_like(piece: list[str]) -> bool:
    for token in piece:
        lowered = token.lower()
        if len(lowered) < 4 or lowered in words.STOPWORDS or lowered in _GENERAL:
            return False
        if lowered.endswith("ly"):
            return False
    return True


_DEFINES = re.compile(
    r"^(?:an?\s+|the\s+)?(?P<term>[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*)?)\s+"
    r"(?:is|are|means|refers to)\s+(?:an?\s+|the\s+)?\w",
    re.I,
)
_CALLED = re.compile(
    r"\b(?:called|known as|named)\s+(?:an?\s+|the\s+)?(?P<term>[A-Za-z-]{4,})", re.I
)


def _defined_terms(sentence: str) -> list[str]:
    found = []
    match = _DEFINES.match(sentence)
    if match and _term_like(match.group("term").split()):
        found.append(match.group("term"))
    for match in _CALLED.finditer(sentence):
        if _term_like([match.group("term")]):
            found.append(match.group("term"))
    return found


# --- memories ------------------------------------------------------------------------------

# What a memory about a student's need is about, as the memory engine's concepts.
NEEDS = (
    "medical",
    "reading",
    "writing",
    "math",
    "language",
    "attention",
    "autism",
    "emotional",
    "hearing",
    "vision",
    "mobility",
    "speech",
    "advanced",
    "struggling",
    "accommodation",
    "behavior",
)


@dataclass(frozen=True)
class StudentNeed:
    who: str  # "Maya", or "Some students"
    needs: tuple[str, ...]  # concepts from NEEDS
    said: str  # the memory, as the teacher said it


_NAMED_CLAUSE = re.compile(r"^([A-Z][a-z]{1,15})(?:'s)?\s+(?!and\b)[a-z]")
_CLAUSES = re.compile(r",\s*(?:and\s+)?|;\s*|\s+and\s+(?=[A-Z])|\.\s+")
_NOT_NAMES = frozenset(
    words_of(
        """
        I We My Our The This That They She He It Some Most Many All
        """
    )
)


def _needs(text: str) -> tuple[str, ...]:
    found = words.concepts(words.all_words(text))
    return tuple(n for n in NEEDS if n in found)


def student_needs(memories: tuple[Remembered, ...]) -> list[StudentNeed]:
    """The students (or groups) the teacher told about, with what they need.

    One memory may name several students ("Maya has dyslexia and Jonah has ADHD"):
    each named clause is its own student, with its own needs."""
    out = []
    for memory in memories:
        if memory.category != "student":
            continue
        named = []
        for clause in _CLAUSES.split(memory.content):
            match = _NAMED_CLAUSE.match(clause.strip())
            if match and match.group(1) not in _NOT_NAMES and _needs(clause):
                named.append(StudentNeed(match.group(1), _needs(clause), memory.content))
        if len(named) > 1:
            out.extend(named)
            continue
        names = [t.split(":", 1)[1] for t in memory.tags if t.startswith("student:")]
        who = names[0].title() if names else "Some students"
        out.append(StudentNeed(who, _needs(memory.content), memory.content))
    return out


def concepts_of(text: str) -> set[str]:
    return words.concepts(words.all_words(text))


def grade_from_memories(memories: tuple[Remembered, ...]) -> str:
    """The grade the best-ranked memory about the class names (its words, then its tags)."""
    for memory in memories:
        if memory.category == "class" and (grade := grade_of(memory.content)):
            return grade
    for memory in memories:
        for tag in memory.tags:
            if tag.startswith("grade:"):
                return tag.split(":", 1)[1]
    return ""


def minutes_from_memories(memories: tuple[Remembered, ...]) -> int | None:
    for memory in memories:
        if memory.category in ("class", "constraint"):
            minutes = minutes_of(memory.content)
            if minutes:
                return minutes
    return None
