"""The synthetic families and the simulated parent (insights.learning.simulation)."""

from brightpath.insights.learning import simulation
from brightpath.insights.learning.signals import COMPLETE, MOVE, SKIP, extract
from brightpath.planner.engine.greedy import greedy_first_fit


def planned(seed, week_index=0):
    family = simulation.make_family(seed)
    week = simulation.week_for(family, week_index, simulation.family_cold_start(family))
    return family, week, list(greedy_first_fit(week).sessions)


def test_the_same_seed_makes_the_same_family_and_the_same_week():
    assert simulation.make_family(7) == simulation.make_family(7)
    assert simulation.make_family(7) != simulation.make_family(8)
    family, week, sessions = planned(7)
    first = simulation.simulate_week(family, week, sessions, seed=3)
    again = simulation.simulate_week(family, week, sessions, seed=3)
    assert first == again
    other = [simulation.simulate_week(family, week, sessions, seed=s) for s in range(4, 9)]
    assert any(o.events != first.events for o in other)


def test_the_parent_moves_what_does_not_fit_into_where_it_does():
    into, other = 0, 0
    for seed in range(5):
        family, week, sessions = planned(seed)
        outcome = simulation.simulate_week(family, week, sessions, seed=1)
        for example in extract(outcome.events):
            if example.kind != MOVE:
                continue
            assert example.to_day == example.day  # the parent moves within the day
            truth = family.truth.get((example.child_id, example.subject_id))
            if truth and not truth.fits(example.start):
                if truth.fits(example.to_start):
                    into += 1
                else:  # a move for no reason of fit (NOISE_MOVE), now and then
                    other += 1
    assert into > 10 * max(1, other)


def test_every_session_is_completed_or_skipped_once_and_the_week_is_rated():
    family, week, sessions = planned(2)
    outcome = simulation.simulate_week(family, week, sessions, seed=5)
    kinds = [e.kind for e in extract(outcome.events)]
    assert kinds.count(COMPLETE) + kinds.count(SKIP) == len(sessions) == outcome.sessions
    assert kinds.count(COMPLETE) == outcome.completed
    assert kinds.count(MOVE) == outcome.moves
    assert 1 <= outcome.stars <= 5
    assert 0 <= outcome.fit <= 1


def test_a_plan_that_fits_the_hidden_times_needs_no_moves_and_gets_more_done():
    family, week, sessions = planned(4)
    fitted = [
        s.__class__(**{**s.__dict__, "start": family.truth[(s.child_id, s.subject_id)].ideal})
        if (s.child_id, s.subject_id) in family.truth
        else s
        for s in sessions
    ]
    assert simulation.hidden_fit(family, fitted) == 1.0
    assert simulation.hidden_fit(family, sessions) < 1.0
    good = [simulation.simulate_week(family, week, fitted, seed=n) for n in range(20)]
    bad = [simulation.simulate_week(family, week, sessions, seed=n) for n in range(20)]
    fitted_moves = sum(o.moves for o in good)
    assert fitted_moves < sum(o.moves for o in bad)
    assert sum(o.completed for o in good) > sum(o.completed for o in bad)
    assert sum(o.stars for o in good) > sum(o.stars for o in bad)


def test_weeks_follow_each_other_with_the_same_children():
    family = simulation.make_family(1)
    first, third = simulation.week_for(family, 0), simulation.week_for(family, 2)
    assert (third.days[0] - first.days[0]).days == 14
    assert [c.subjects for c in first.children] == [c.subjects for c in third.children]
