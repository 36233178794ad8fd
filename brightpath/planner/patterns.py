"""A planned week's patterns (seed 000 `schedules.patterns`): the learning
blocks it falls into and the break rhythm the child's insights recommend.

A block is a run of sessions on one day with short gaps (at most a break)
between them; blocks of the same kind at the same part of the day are summed
up over the week, so a parent reads "core subjects in the morning, about two
hours" rather than a list of times.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import mean
from typing import TypedDict

BLOCK_GAP = 15  # minutes: sessions this close belong to one block


@dataclass(frozen=True)
class PlannedSession:
    day: dt.date
    start: int  # minutes after midnight
    end: int
    name: str
    is_core: bool


class LearningBlock(TypedDict):
    type: str  # core_academic or enrichment
    preferredTime: str  # morning, afternoon or evening
    subjects: list[str]  # most frequent first
    averageDuration: int  # minutes


class BreakPattern(TypedDict):
    frequency: str  # e.g. every_60_minutes
    duration: int  # minutes
    activitySuggestions: list[str]


class Patterns(TypedDict, total=False):
    learningBlocks: list[LearningBlock]
    breakPatterns: BreakPattern


def part_of_day(minute: int) -> str:
    if minute < 12 * 60:
        return "morning"
    return "afternoon" if minute < 17 * 60 else "evening"


def _blocks(sessions: list[PlannedSession]) -> list[list[PlannedSession]]:
    by_day: dict[dt.date, list[PlannedSession]] = defaultdict(list)
    for session in sessions:
        by_day[session.day].append(session)
    blocks: list[list[PlannedSession]] = []
    for day_sessions in by_day.values():
        day_sessions.sort(key=lambda s: s.start)
        for session in day_sessions:
            same_block = (
                blocks
                and blocks[-1][0].day == session.day
                and session.start - blocks[-1][-1].end <= BLOCK_GAP
            )
            if same_block:
                blocks[-1].append(session)
            else:
                blocks.append([session])
    return blocks


def learning_blocks(sessions: list[PlannedSession]) -> list[LearningBlock]:
    """The week's blocks grouped by kind and part of the day, longest habit first."""
    groups: dict[tuple[str, str], list[list[PlannedSession]]] = defaultdict(list)
    for block in _blocks(sessions):
        core = sum(s.is_core for s in block) * 2 >= len(block)
        kind = "core_academic" if core else "enrichment"
        groups[(kind, part_of_day(block[0].start))].append(block)
    out: list[LearningBlock] = []
    for (kind, when), blocks in sorted(groups.items(), key=lambda g: -len(g[1])):
        names = Counter(s.name for block in blocks for s in block)
        out.append(
            {
                "type": kind,
                "preferredTime": when,
                "subjects": [name for name, _ in names.most_common()],
                "averageDuration": round(mean(b[-1].end - b[0].start for b in blocks)),
            }
        )
    return out


def _minutes(text: str) -> int | None:
    found = re.search(r"\d+", text or "")
    return int(found.group()) if found else None


def break_pattern(insights: dict) -> BreakPattern | None:
    """The break rhythm of the child's derivedInsights (age-based), in seed 000's shape."""
    breaks = insights.get("recommendedBreaks") or {}
    duration = _minutes(str(breaks.get("duration", "")))
    if not breaks.get("frequency") or duration is None:
        return None
    return {
        "frequency": breaks["frequency"],
        "duration": duration,
        "activitySuggestions": list(breaks.get("activities", [])),
    }


def week_patterns(sessions: list[PlannedSession], insights: dict) -> Patterns:
    patterns: Patterns = {"learningBlocks": learning_blocks(sessions)}
    if rhythm := break_pattern(insights):
        patterns["breakPatterns"] = rhythm
    return patterns
