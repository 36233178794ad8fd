"""Is the child asking something? One rule for the guide, the counts and the summaries.

Pure functions on text, no Django. A child's turn is a question when it holds a
question mark or starts like one: a question word ("why", "how", "can", "is",
...) or "tell me about" / "explain". The conversation counts its questions with
`is_question`, the offline guide answers them, and the nightly summaries count
the why/how questions of critical thinking with `why_how_words`.
"""

from __future__ import annotations

import re

# fmt: off
QUESTION_WORDS = frozenset([
    "why", "how", "what", "whats", "what's", "where", "when", "who", "whom", "whose",
    "which", "can", "could", "do", "does", "did", "is", "are", "was", "were", "will",
    "would", "should", "shall", "may", "might", "has", "have",
])
# fmt: on
QUESTION_PHRASES = ("tell me about", "explain")
_WORD = re.compile(r"[a-z']+")
_WHY_HOW = re.compile(r"\b(why|how)\b")


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


def starts_like_question(text: str) -> bool:
    """The text starts with a question word or "tell me about" / "explain"."""
    lowered = _normal(text)
    words = _WORD.findall(lowered)
    if words and words[0].strip("'") in QUESTION_WORDS:
        return True
    start = lowered.lstrip("\"'([ -")
    return start.startswith(QUESTION_PHRASES)


def is_question(text: str) -> bool:
    """The child asked something: a question mark, or it starts like a question."""
    return "?" in text or starts_like_question(text)


def why_how_words(text: str) -> int:
    """How many times the text asks why or how (critical thinking's words)."""
    return len(_WHY_HOW.findall(_normal(text)))
