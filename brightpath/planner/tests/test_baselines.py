"""The benchmark's generated families and its two baselines, judged by the validator."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from bench.baselines import greedy_first_fit, seed002_heuristic
from bench.instances import DAYS, WEEK_START, make_week
from brightpath.planner.engine.greedy import GREEDY_REASON
from brightpath.planner.engine.model import Fixed
from brightpath.planner.engine.validator import validate

SEEDS = range(20)


def oversubscribed(seed: int) -> bool:
    return seed % 3 == 0


# --- generated families -------------------------------------------------------------


def test_the_same_seed_gives_the_same_family():
    assert make_week(7) == make_week(7)
    assert make_week(7) != make_week(8)


def test_families_look_like_real_ones():
    for seed in SEEDS:
        week = make_week(seed, oversubscribed=oversubscribed(seed))
        assert week.days == DAYS and week.days[0] == WEEK_START and WEEK_START.weekday() == 0
        assert 1 <= len(week.children) <= 6
        for child in week.children:
            assert 4 <= child.age <= 16
            assert 4 <= len(child.subjects) <= 10
            assert 7 * 60 <= child.day_start < child.day_end <= 16 * 60
            for subject in child.subjects:
                assert 15 <= subject.duration <= 60 and subject.duration % 5 == 0
                if subject.fixed_start is not None:
                    assert child.day_start <= subject.fixed_start
                    assert subject.fixed_start + subject.duration <= child.day_end


def test_size_can_be_fixed():
    week = make_week(1, children=6, subjects=8)
    assert [len(c.subjects) for c in week.children] == [8] * 6


def test_an_oversubscribed_family_has_siblings_fixed_at_the_same_time():
    week = make_week(2, children=3, oversubscribed=True)
    clashing = [
        s
        for c in week.children
        for s in c.subjects
        if s.fixed_start == 10 * 60 and s.involvement == "full_involvement"
    ]
    assert len({s.id.split("-")[0] for s in clashing}) >= 2


# --- greedy first fit ------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_greedy_never_breaks_a_hard_rule(seed):
    week = make_week(seed, oversubscribed=oversubscribed(seed))
    result = greedy_first_fit(week)
    assert validate(week, result) == []
    assert result.sessions
    assert result.stats.status == "HEURISTIC"


def test_greedy_explains_what_an_oversubscribed_family_cannot_have():
    week = make_week(0, oversubscribed=True)
    result = greedy_first_fit(week)
    assert result.unplaced
    assert {u.reason for u in result.unplaced} == {GREEDY_REASON}
    assert validate(week, result) == []


def test_greedy_keeps_fixed_sessions_where_they_are():
    week = make_week(5)
    child = week.children[0]
    subject = child.subjects[-1]
    start = subject.fixed_start or child.day_end - subject.duration
    week = replace(week, fixed=(Fixed(child.id, subject.id, DAYS[2], start),))
    result = greedy_first_fit(week)
    assert validate(week, result) == []
    kept = [s for s in result.sessions if s.fixed]
    assert [(s.subject_id, s.day, s.start) for s in kept] == [(subject.id, DAYS[2], start)]


# --- seed 002's heuristic ----------------------------------------------------------------


def test_seed002_breaks_the_rules_it_ignores():
    """Hours, commitments, the shared parent, frequencies, fixed times and breaks."""
    broken: Counter[int] = Counter()
    for seed in SEEDS:
        week = make_week(seed, oversubscribed=oversubscribed(seed))
        result = seed002_heuristic(week)
        violations = validate(week, result)
        assert violations, f"seed {seed}"
        broken.update(v.rule for v in violations)
    assert {1, 2, 3, 4, 5, 6, 8} <= set(broken)
    assert 7 not in broken  # each block lasts its subject's duration, on the grid


def test_seed002_books_children_during_their_commitments():
    with_commitments = [
        week
        for week in (make_week(seed) for seed in SEEDS)
        if any(c.commitments for c in week.children)
    ]
    assert with_commitments
    week = with_commitments[0]
    rules = {v.rule for v in validate(week, seed002_heuristic(week))}
    assert 2 in rules
    assert validate(week, greedy_first_fit(week)) == []
