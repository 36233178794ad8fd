"""The learned changes told to the parent, one sentence each: "Mathematics
moves to mornings (around 9:30): you moved it earlier 3 times in 2 weeks."

Read for any subject name (a name typed in lower case still opens the
sentence capitalised) and any time (the clock and the part of the day name
the same minute on the grid; noon is midday, not an afternoon).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from typing import TYPE_CHECKING

from brightpath.planner.engine.model import LEARNING_WINDOWS, SLOT

if TYPE_CHECKING:
    from .preferences import SubjectPreference


def part_of_day(minute: float) -> str:
    if minute < 12 * 60:
        return "mornings"
    if minute < 12 * 60 + 30:
        return "midday"  # "afternoons (around 12:00)" would be wrong
    if minute < LEARNING_WINDOWS["evening"][0]:
        return "afternoons"
    return "evenings"


def on_the_grid(minute: float) -> int:
    return int(round(minute / SLOT)) * SLOT


def clock(minute: float) -> str:
    minute = on_the_grid(minute)
    return f"{minute // 60}:{minute % 60:02d}"


def time_sentence(
    pref: SubjectPreference, centre: float, today: dt.date, several_children: bool
) -> str:
    """E.g. "Mathematics moves to mornings (around 9:30): you moved it earlier 3
    times in 2 weeks." """
    subject = _subject_words(pref, several_children)
    at = on_the_grid(centre)  # the same minute names the part of the day and the clock
    head = f"{subject} moves to {part_of_day(at)} (around {clock(at)})"
    moves = _into(pref.moves, pref.window)
    if not moves:
        return f"{head}: that is where you have been doing it."
    directions = statistics.multimode(m["direction"] for m in moves)
    direction = directions[0] if len(directions) == 1 else None
    counted = [m for m in moves if direction is None or m["direction"] == direction]
    first = min(dt.date.fromisoformat(m["on"]) for m in counted)
    weeks = max(1, math.ceil(((today - first).days + 1) / 7))
    times = (
        "once" if len(counted) == 1 else "twice" if len(counted) == 2 else f"{len(counted)} times"
    )
    how = "" if direction in (None, "same") else f" {direction}"
    span = "this week" if weeks == 1 else f"in {weeks} weeks"
    return f"{head}: you moved it{how} {times} {span}."


def _into(moves: list[dict], window: tuple[int, int] | None) -> list[dict]:
    """The moves that put the subject where it now goes: after a change of mind,
    the moves the other way are not the reason (moves stored without "to" count)."""
    if window is None:
        return moves
    start, end = window
    return [m for m in moves if m.get("to") is None or start <= m["to"] < end]


def forget_sentence(pref: SubjectPreference, today: dt.date, several_children: bool) -> str:
    """E.g. "Art no longer has a set time: no moves in 5 weeks, and few sessions
    done where it was." """
    subject = _subject_words(pref, several_children)
    if pref.last_moved is None:
        return f"{subject} no longer has a set time: few sessions were done where it was."
    weeks = int(weeks_between(pref.last_moved, today))
    moves = "no moves for a week" if weeks <= 1 else f"no moves in {weeks} weeks"
    return f"{subject} no longer has a set time: {moves}, and few sessions done where it was."


def _subject_words(pref: SubjectPreference, several_children: bool) -> str:
    """The subject as the sentence opens with it: a name typed all in lower case
    ("reading") is capitalised; one with capitals of its own ("iPad time") is left."""
    words = pref.subject_name
    if several_children and pref.child_name:
        words = f"{pref.child_name}'s {words}"
    first = words.split(" ", 1)[0]
    return words[:1].upper() + words[1:] if first.islower() else words


def weeks_between(iso_day: str, today: dt.date) -> float:
    return (today - dt.date.fromisoformat(iso_day)).days / 7
