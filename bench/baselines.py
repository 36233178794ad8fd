"""The baselines the scheduler is compared against.

- ``greedy_first_fit`` (brightpath.planner.engine.greedy): the earliest slot
  that breaks no hard rule, session by session.
- ``seed002_heuristic``: seed 002's ``_generate_daily_schedule`` rebuilt: blocks
  in subject order from a start hour set by the structure level, with a
  15-minute break every few blocks, ignoring commitments, hours and siblings.
"""

from __future__ import annotations

import datetime as dt
import time

from brightpath.planner.engine.greedy import greedy_first_fit, heuristic_stats
from brightpath.planner.engine.model import ChildPlan, Session, WeekInput, WeekResult

__all__ = ["greedy_first_fit", "seed002_heuristic"]

# --- seed 002's heuristic ---------------------------------------------------

# Seed 002's model predicts these; its reward model's defaults stand in for a trained model.
SEED002_STRUCTURE = 0.5  # 0.8 when the family favours structure
SEED002_BREAKS_FREQUENCY = 3
SEED002_BREAK_MINUTES = 15


def seed002_heuristic(week: WeekInput) -> WeekResult:
    """Seed 002's day generator for every child and school day, as the seed does it.

    Adapted in two ways only: each block lasts its subject's own duration (the
    seed uses one block length for all), and every subject is placed every day
    (the seed's loop does exactly that). Commitments, homeschool hours, fixed
    times, frequencies, siblings and the parent are ignored, as in the seed.
    """
    started = time.perf_counter()
    structure = 0.8 if week.preferences.structured else SEED002_STRUCTURE
    sessions = [
        session
        for child in week.children
        for day in week.days
        for session in _seed002_day(child, day, structure, SEED002_BREAKS_FREQUENCY)
    ]
    return WeekResult(tuple(sessions), (), heuristic_stats(started))


def _seed002_day(
    child: ChildPlan, day: dt.date, structure_level: float, breaks_frequency: int
) -> list[Session]:
    if structure_level > 0.7:
        start_hour = 8
    elif structure_level > 0.4:
        start_hour = 9
    else:
        start_hour = 10
    current = start_hour * 60
    sessions = []
    for i, subject in enumerate(child.subjects):
        if i > 0 and i % breaks_frequency == 0:
            current += SEED002_BREAK_MINUTES
        end = current + subject.duration
        sessions.append(
            Session(child.id, subject.id, subject.name, day, current, end, subject.involvement)
        )
        current = end
    return sessions
