"""Learned times of day in the planning engine (WeekInput.learned_times): the
soft term pulls a subject into its learned window, never breaks a hard rule,
and changes nothing when nothing is learned."""

import dataclasses
import datetime as dt

from brightpath.planner.engine.greedy import greedy_first_fit
from brightpath.planner.engine.model import (
    DAILY,
    MINIMAL,
    TWO_THREE,
    ChildPlan,
    LearnedTime,
    Preferences,
    SubjectPlan,
    WeekInput,
)
from brightpath.planner.engine.solver import solve
from brightpath.planner.engine.validator import validate

DAYS = tuple(dt.date(2026, 1, 5) + dt.timedelta(days=n) for n in range(5))
AFTERNOON = (13 * 60, 14 * 60 + 30)


def week(*learned, weight=1.0):
    child = ChildPlan(
        id="c1",
        name="Ava",
        age=10,
        day_start=8 * 60,
        day_end=15 * 60,
        subjects=(
            SubjectPlan("math", "Mathematics", 45, DAILY, MINIMAL, 3, is_core=True),
            SubjectPlan("read", "Reading", 30, DAILY, MINIMAL, 4, is_core=True),
            SubjectPlan("art", "Art", 40, TWO_THREE, MINIMAL, 5),
        ),
        best_times=("early_morning", "mid-morning"),
    )
    return WeekInput(
        days=DAYS,
        children=(child,),
        preferences=Preferences(learned_times=weight),
        learned_times=tuple(learned),
    )


def starts(result, subject):
    return [s.start for s in result.sessions if s.subject_id == subject]


def test_a_learned_afternoon_moves_mathematics_out_of_the_best_morning_times():
    before = solve(week(), time_limit=5)
    assert all(s < 12 * 60 for s in starts(before, "math"))  # the questionnaire's mornings
    after = solve(week(LearnedTime("c1", "math", (AFTERNOON,), 1.0)), time_limit=5)
    assert after.stats.status == "OPTIMAL"
    assert validate(week(), after) == []
    assert len(starts(after, "math")) == 5
    assert all(AFTERNOON[0] <= s < AFTERNOON[1] for s in starts(after, "math"))


def test_any_subject_can_learn_a_time_not_only_core_ones():
    result = solve(week(LearnedTime("c1", "art", ((8 * 60, 8 * 60 + 30),), 0.8)), time_limit=5)
    assert starts(result, "art") and all(8 * 60 <= s < 8 * 60 + 30 for s in starts(result, "art"))


def test_nothing_learned_plans_as_before():
    plain = solve(week(), time_limit=5)
    strangers = week(
        LearnedTime("someone-else", "math", (AFTERNOON,), 1.0),
        LearnedTime("c1", "math", (AFTERNOON,), 0.0),  # no confidence: ignored
        LearnedTime("c1", "read", (), 1.0),  # no window: ignored
    )
    ignored = solve(strangers, time_limit=5)
    assert ignored.sessions == plain.sessions
    assert ignored.stats.objective == plain.stats.objective
    off = solve(week(LearnedTime("c1", "math", (AFTERNOON,), 1.0), weight=0.0), time_limit=5)
    assert off.sessions == plain.sessions


def test_greedy_warm_start_tries_the_learned_window_first():
    learned = LearnedTime("c1", "math", (AFTERNOON,), 1.0)
    greedy = greedy_first_fit(week(learned))
    assert all(AFTERNOON[0] <= s < AFTERNOON[1] for s in starts(greedy, "math"))
    plain = greedy_first_fit(week())
    assert starts(plain, "math") == [8 * 60] * 5  # first fit, as always
    assert validate(week(), dataclasses.replace(greedy)) == []
