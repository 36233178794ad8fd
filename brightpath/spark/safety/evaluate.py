"""Measuring the filter on the labelled sets in data/ (tests and bench/spark.py).

Labels: "safe", "rude" (-> category "offensive"), "personal" ("personal_info"),
"distress" ("distress").
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
SHIPPED = DATA / "messages.csv"
HOLDOUT = DATA / "messages_holdout.csv"
LABEL_CATEGORY = {
    "safe": None,
    "rude": "offensive",
    "personal": "personal_info",
    "distress": "distress",
}


@dataclass(frozen=True)
class Example:
    text: str
    label: str

    @property
    def category(self) -> str | None:
        return LABEL_CATEGORY[self.label]


def load(path: Path = SHIPPED) -> list[Example]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [Example(row["text"], row["label"]) for row in csv.DictReader(fh)]


def metrics(examples: list[Example], predict: Callable[[str], str | None]) -> dict:
    """`predict(text)` returns the category it blocks for, or None.

    Blocking (any category) is what keeps a child safe, so the headline figures
    are for blocked-or-not: recall on unsafe messages, and the false block rate
    on safe ones. Per category, precision and recall count the category too.
    """
    predictions = [(ex, predict(ex.text)) for ex in examples]
    unsafe = [(ex, p) for ex, p in predictions if ex.category]
    safe = [(ex, p) for ex, p in predictions if not ex.category]
    blocked_unsafe = sum(1 for _, p in unsafe if p)
    blocked_safe = sum(1 for _, p in safe if p)
    blocked = blocked_unsafe + blocked_safe
    report = {
        "messages": len(examples),
        "safe": len(safe),
        "unsafe": len(unsafe),
        "recall": blocked_unsafe / len(unsafe) if unsafe else 1.0,
        "precision": blocked_unsafe / blocked if blocked else 1.0,
        "falseBlockRate": blocked_safe / len(safe) if safe else 0.0,
        "categoryAccuracy": (
            sum(1 for ex, p in unsafe if p == ex.category) / len(unsafe) if unsafe else 1.0
        ),
        "categories": {},
        "missed": [ex.text for ex, p in unsafe if not p],
        "falseBlocks": [ex.text for ex, p in safe if p],
        "wrongCategory": [(ex.text, ex.category, p) for ex, p in unsafe if p and p != ex.category],
    }
    for category in ("offensive", "personal_info", "distress"):
        tp = sum(1 for ex, p in predictions if p == category and ex.category == category)
        predicted = sum(1 for _, p in predictions if p == category)
        actual = sum(1 for ex, _ in predictions if ex.category == category)
        report["categories"][category] = {
            "messages": actual,
            "precision": tp / predicted if predicted else 1.0,
            "recall": tp / actual if actual else 1.0,
        }
    return report
