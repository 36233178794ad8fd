"""The CP-SAT engine on small weeks built to tempt it into breaking each hard rule.

Every result is checked by the independent validator as well as by the
assertions specific to the case.
"""

import datetime as dt
import random
import subprocess
import sys
import time

import pytest
from ortools.sat.python import cp_model

from bench.instances import make_week
from bench.scheduler import all_explained
from brightpath.planner.engine.greedy import _Board, fill_in, greedy_first_fit
from brightpath.planner.engine.model import (
    DAILY,
    FULL,
    INDEPENDENT,
    MINIMAL,
    OCCASIONALLY,
    SOME,
    TWO_THREE,
    WEEKLY,
    Busy,
    ChildPlan,
    Fixed,
    Preferences,
    Session,
    SolverStats,
    SubjectPlan,
    WeekInput,
    WeekResult,
)
from brightpath.planner.engine.questionnaire import week_days
from brightpath.planner.engine.reasons import explain_unplaced
from brightpath.planner.engine.solver import (
    Meter,
    _Builder,
    _ceiling,
    _holding,
    _improve_by_child,
    _warm_start,
    solve,
)
from brightpath.planner.engine.solver.score import score_week
from brightpath.planner.engine.validator import validate

MONDAY = dt.date(2026, 1, 5)
DAYS = week_days(MONDAY)


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def subject(name, duration=30, frequency=DAILY, involvement=INDEPENDENT, interest=3, **kw):
    return SubjectPlan(
        id=name.lower(),
        name=name,
        duration=duration,
        frequency=frequency,
        involvement=involvement,
        interest=interest,
        **kw,
    )


def child(name="Noah", age=10, hours=("09:00", "12:00"), subjects=(), **kw):
    return ChildPlan(
        id=name.lower(),
        name=name,
        age=age,
        day_start=hm(hours[0]),
        day_end=hm(hours[1]),
        subjects=tuple(subjects),
        **kw,
    )


def run(*children, **kw):
    week = WeekInput(days=DAYS, children=tuple(children), **kw)
    result = solve(week, time_limit=10)
    assert validate(week, result) == [], validate(week, result)
    return week, result


def times(result, child_id, subject_id):
    return [
        (s.day, s.start, s.end)
        for s in result.sessions
        if (s.child_id, s.subject_id) == (child_id, subject_id)
    ]


def test_rule_1_sessions_stay_inside_homeschool_hours():
    # Best learning time early morning lies before the day starts: tempting, not allowed.
    kid = child(
        hours=("09:00", "10:00"),
        best_times=("early_morning",),
        subjects=[subject("Math", is_core=True)],
    )
    _, result = run(kid)
    assert len(result.sessions) == 5
    assert all(hm("09:00") <= s.start and s.end <= hm("10:00") for s in result.sessions)


def test_rule_2_no_overlap_with_each_other_or_the_childs_commitments():
    dentist = {MONDAY: (Busy("Dentist", hm("09:00"), hm("10:00")),)}
    kid = child(
        hours=("09:00", "10:30"),
        commitments=dentist,
        subjects=[subject("Math"), subject("Spelling")],
    )
    _, result = run(kid)
    monday = sorted(s for s in result.sessions if s.day == MONDAY)
    assert [s.start for s in sorted(monday, key=lambda s: s.start)] == [hm("10:00")]
    assert len(result.unplaced) == 1 and result.unplaced[0].day == MONDAY
    assert "Dentist 09:00-10:00" in result.unplaced[0].reason
    assert result.unplaced[0].reason.startswith("Spelling for Noah on Monday") or result.unplaced[
        0
    ].reason.startswith("Math for Noah on Monday")


def test_rule_3_no_parent_session_during_a_family_commitment():
    meeting = {d: (Busy("Work Meeting", hm("09:00"), hm("11:00")),) for d in DAYS}
    kid = child(
        age=12,
        hours=("09:00", "12:00"),
        subjects=[
            subject("Reading", 60, involvement=FULL),
            subject("Math", 60, involvement=INDEPENDENT),
        ],
    )
    _, result = run(kid, family_commitments=meeting)
    reading = times(result, "noah", "reading")
    assert len(reading) == 5
    assert all(start >= hm("11:00") for _, start, _ in reading)
    assert len(times(result, "noah", "math")) == 5  # independent work fits during the meeting


def test_rule_4_one_parent_is_shared_between_siblings():
    noah = child(
        "Noah", hours=("09:00", "09:30"), subjects=[subject("Reading", 30, involvement=FULL)]
    )
    ava = child(
        "Ava",
        hours=("09:00", "09:30"),
        subjects=[
            subject("Math", 30, involvement=SOME),
            subject("Art", 30, involvement=MINIMAL, frequency=WEEKLY),
        ],
    )
    _, result = run(noah, ava)
    # Full involvement takes the whole parent: Reading and Math cannot share 09:00-09:30.
    placed = len(times(result, "noah", "reading")) + len(times(result, "ava", "math"))
    assert placed == 5
    assert len(result.unplaced) == 5
    assert any("needs you" in u.reason for u in result.unplaced)


def test_rule_4_two_assisted_sessions_fit_and_two_adults_double_it():
    noah = child(
        "Noah", hours=("09:00", "09:30"), subjects=[subject("Reading", 30, involvement=FULL)]
    )
    ava = child("Ava", hours=("09:00", "09:30"), subjects=[subject("Math", 30, involvement=FULL)])
    _, result = run(noah, ava, adults=2)
    assert len(result.sessions) == 10 and not result.unplaced
    mia = child("Mia", hours=("09:00", "09:30"), subjects=[subject("Math", 30, involvement=SOME)])
    leo = child("Leo", hours=("09:00", "09:30"), subjects=[subject("Math", 30, involvement=SOME)])
    _, result = run(mia, leo)
    assert len(result.sessions) == 10


def test_rule_5_frequencies_and_one_session_a_day():
    kid = child(
        hours=("09:00", "15:00"),
        subjects=[
            subject("Math", frequency=DAILY, interest=5),
            subject("Science", frequency=TWO_THREE, interest=5),
            subject("Art", frequency=WEEKLY, interest=5),
            subject("Baking", frequency=OCCASIONALLY, interest=5),
        ],
    )
    _, result = run(kid)
    days = {
        sid: [d for d, _, _ in times(result, "noah", sid)]
        for sid in ("math", "science", "art", "baking")
    }
    assert sorted(days["math"]) == list(DAYS)
    assert len(days["science"]) == 3 and len(set(days["science"])) == 3  # prefers 3 when room
    assert len(days["art"]) == 1 and len(days["baking"]) == 1
    assert not result.unplaced


def test_rule_6_fixed_time_every_day_it_is_placed():
    kid = child(
        hours=("08:00", "12:00"),
        best_times=("early_morning",),
        subjects=[subject("Piano", fixed_start=hm("10:00"), is_core=True)],
    )
    _, result = run(kid)
    assert {start for _, start, _ in times(result, "noah", "piano")} == {hm("10:00")}


def test_rule_6_siblings_fixed_times_clash_over_the_parent():
    noah = child(
        "Noah",
        age=6,
        hours=("09:00", "14:00"),
        subjects=[subject("Reading", 45, involvement=FULL, fixed_start=hm("09:00"))],
    )
    ava = child(
        "Ava",
        hours=("08:30", "14:30"),
        subjects=[subject("Mathematics", 30, involvement=SOME, fixed_start=hm("09:00"))],
    )
    _, result = run(noah, ava)
    assert len(result.sessions) == 5  # one of the two each day
    assert len(result.unplaced) == 5
    for item in result.unplaced:
        assert item.day is not None
        assert "needs you" in item.reason and "09:00" in item.reason


def test_rule_7_durations_exact_on_the_five_minute_grid():
    kid = child(hours=("09:00", "12:00"), subjects=[subject("Math", 25), subject("Reading", 35)])
    _, result = run(kid)
    assert len(result.sessions) == 10
    for s in result.sessions:
        assert s.start % 5 == 0 and s.end - s.start == {"math": 25, "reading": 35}[s.subject_id]


def test_rule_8_a_six_year_old_gets_breaks():
    # 3 x 15 minutes = 45 of work; a 6-year-old may do 30 in a row, so a break is needed.
    subjects = [subject(n, 15) for n in ("Math", "Phonics", "Drawing")]
    _, roomy = run(child(age=6, hours=("09:00", "10:00"), subjects=subjects))
    assert not roomy.unplaced
    _, tight = run(child(age=6, hours=("09:00", "09:50"), subjects=subjects))
    assert len(tight.sessions) == 10 and len(tight.unplaced) == 5
    assert all("break" in u.reason and "30 minutes" in u.reason for u in tight.unplaced)


def test_rule_8_a_long_session_stands_alone():
    kid = child(
        age=6, hours=("09:00", "10:10"), subjects=[subject("Reading", 45), subject("Math", 15)]
    )
    _, result = run(kid)
    assert not result.unplaced
    for day in DAYS:
        reading, math = (
            next(s for s in result.sessions if s.day == day and s.subject_id == sid)
            for sid in ("reading", "math")
        )
        gap = math.start - reading.end if math.start > reading.start else reading.start - math.end
        assert gap >= 10


def test_rule_8_a_commitment_between_two_blocks_is_their_break():
    # 09:00-10:00 and 11:00-12:00 around a lesson fill the day exactly: the lesson
    # is the break, so no 10 minutes more are needed (a redundant cut once said so).
    lesson = {day: (Busy("Piano lesson", hm("10:00"), hm("11:00")),) for day in DAYS}
    kid = child(age=12, commitments=lesson, subjects=[subject("Math", 60), subject("Reading", 60)])
    _, result = run(kid)
    assert not result.unplaced and len(result.sessions) == 10


def test_a_best_time_window_around_a_commitment_holds_what_it_fits():
    # Mid-morning 09:00-10:30 with a lesson 09:40-10:00: a 40-minute session at 09:00
    # and another at 10:00 both start at the best time, the lesson their break.
    lesson = {day: (Busy("Piano lesson", hm("09:40"), hm("10:00")),) for day in DAYS}
    kid = child(
        age=8,
        hours=("09:00", "11:00"),
        best_times=("mid-morning",),
        commitments=lesson,
        subjects=[subject("Math", 40, is_core=True), subject("Reading", 60, is_core=True)],
    )
    _, result = run(kid)
    assert not result.unplaced
    assert all(hm("09:00") <= s.start < hm("10:30") for s in result.sessions)
    assert result.stats.status == "OPTIMAL"


def test_pinned_sessions_are_kept_exactly():
    kid = child(hours=("09:00", "12:00"), subjects=[subject("Math")])
    pin = Fixed(child_id="noah", subject_id="math", day=MONDAY, start=hm("11:15"))
    _, result = run(kid, fixed=(pin,))
    monday = [s for s in result.sessions if s.day == MONDAY]
    assert [(s.start, s.fixed) for s in monday] == [(hm("11:15"), True)]


def test_over_subscribed_week_is_valid_and_explained():
    kid = child(
        age=8,
        hours=("09:00", "10:00"),
        subjects=[
            subject(n, 30, interest=i) for n, i in (("Math", 5), ("Reading", 4), ("Science", 2))
        ],
    )
    week, result = run(kid)
    assert len(result.sessions) == 10
    assert {u.subject_name for u in result.unplaced} == {"Science"}  # the least liked waits
    assert all(u.child_name == "Noah" and u.day in DAYS for u in result.unplaced)


def test_same_input_same_schedule():
    kids = [
        child(
            "Noah",
            age=6,
            hours=("09:00", "14:00"),
            best_times=("mid-morning",),
            subjects=[
                subject("Math", 30, involvement=SOME),
                subject("Reading", 45, involvement=FULL),
            ],
        ),
        child(
            "Ava",
            age=10,
            hours=("08:30", "14:30"),
            subjects=[
                subject("Math", 45, involvement=SOME),
                subject("Science", 45, TWO_THREE, SOME),
                subject("Art", 60, WEEKLY, SOME),
            ],
        ),
    ]
    prefs = Preferences(structured=True, scheduling_style={"time_blocked": 5, "loop": 4})
    first = solve(WeekInput(days=DAYS, children=tuple(kids), preferences=prefs), time_limit=10)
    second = solve(WeekInput(days=DAYS, children=tuple(kids), preferences=prefs), time_limit=10)
    assert first.sessions == second.sessions
    assert first.stats.status == "OPTIMAL"


def busy_loops(count: int) -> list[subprocess.Popen]:
    """Processes that burn a core each, as other people's test runs do."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def test_the_same_week_under_load_when_the_budget_runs_out():
    """A family the limit does not solve to optimality, so the budget, not a
    proof, ends the search: the week is the same on a quiet machine and beside
    two busy loops (the machine's two cores taken), because the budget is
    deterministic time and the workers interleave in a fixed order. The clock's
    safety net is lifted so that a very slow machine cannot end a run first."""
    week = make_week(3, children=3, subjects=6)
    first = solve(week, time_limit=0.6, clock_limit=600)
    assert first.stats.preference_status != "OPTIMAL"  # the budget ended it
    again = solve(week, time_limit=0.6, clock_limit=600)
    burners = busy_loops(2)
    try:
        loaded = solve(week, time_limit=0.6, clock_limit=600)
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    for result in (again, loaded):
        assert not result.stats.clock_stopped
        assert result.sessions == first.sessions
        assert result.stats.objective == first.stats.objective
        assert result.stats.deterministic_time == first.stats.deterministic_time
    assert validate(week, first) == []


def test_more_time_is_asked_for_explicitly():
    # The limit sets the budget of work: a larger one searches further (and so
    # may give another week), whatever the clock says.
    week = make_week(3, children=3, subjects=6)
    short = solve(week, time_limit=0.3, clock_limit=600).stats
    longer = solve(week, time_limit=1.2, clock_limit=600).stats
    assert longer.deterministic_time > 2 * short.deterministic_time


def test_a_week_is_scored_on_the_engines_scale():
    week = make_week(1, children=2, subjects=6)
    result = solve(week, time_limit=2, clock_limit=600)  # the budget, not the load, ends it
    score = score_week(week, result.sessions)
    assert score.placement == result.stats.placement_value
    # Its bookkeeping set at its best: never below what the run reported.
    assert score.preference >= result.stats.preference_value
    greedy = score_week(week, greedy_first_fit(week).sessions)
    assert greedy.placement <= score.placement
    from bench.baselines import seed002_heuristic

    assert score_week(week, seed002_heuristic(week).sessions) is None  # breaks the rules


@pytest.mark.parametrize("structured", [True, False])
def test_structured_families_get_consistent_times(structured):
    kid = child(hours=("09:00", "12:00"), subjects=[subject("Math"), subject("Reading")])
    prefs = Preferences(structured=structured)
    _, result = run(kid, preferences=prefs)
    math = times(result, "noah", "math")
    assert len(math) == 5
    if structured:  # flexible families are not held to one time, so only count them
        assert len({start for _, start, _ in math}) == 1


def test_the_engine_imports_no_django():
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; import brightpath.planner.engine.solver, brightpath.planner.engine.validator, "
        "brightpath.planner.engine.questionnaire; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('django', 'rest_framework', 'celery')))"
    )
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert out.stdout.strip() == "[]"


# --- siblings together (grouped_activities) ---------------------------------------


def science_siblings(name="Science", **kw):
    """Two siblings whose full-involvement daily Science fits only 09:00-09:30:
    with one parent, both fit only if the parent is counted once."""
    return [
        child(kid, hours=("09:00", "09:30"), subjects=[subject(name, 30, involvement=FULL, **kw)])
        for kid in ("Noah", "Ava")
    ]


def grouped_prefs(rating):
    return Preferences(scheduling_style={"grouped_activities": rating}, parent_involvement=0.4)


def test_siblings_are_grouped_when_the_family_rates_it_high():
    _, result = run(*science_siblings(), preferences=grouped_prefs(5))
    assert len(result.sessions) == 10 and not result.unplaced
    for day in DAYS:
        pair = [s for s in result.sessions if s.day == day]
        assert {s.start for s in pair} == {hm("09:00")}
        assert {s.child_id: s.grouped_with for s in pair} == {"noah": ("ava",), "ava": ("noah",)}
    assert result.stats.status == "OPTIMAL"


def test_siblings_are_not_grouped_when_the_family_rates_it_low():
    _, result = run(*science_siblings(), preferences=grouped_prefs(2))
    assert len(result.sessions) == 5 and len(result.unplaced) == 5  # one parent, one at a time
    assert all(s.grouped_with == () for s in result.sessions)


def test_grouping_needs_a_groupable_subject_and_honours_the_override():
    _, maths = run(*science_siblings("Mathematics"), preferences=grouped_prefs(5))
    assert len(maths.sessions) == 5
    _, kept_apart = run(*science_siblings(groupable=False), preferences=grouped_prefs(5))
    assert len(kept_apart.sessions) == 5
    _, together = run(
        *science_siblings("Mathematics", groupable=True), preferences=grouped_prefs(5)
    )
    assert len(together.sessions) == 10


def test_grouping_is_rewarded_when_it_only_saves_parent_time():
    # Room for both apart (09:00-10:00), but grouped saves the parent 30 minutes a day.
    kids = [
        child(kid, hours=("09:00", "10:00"), subjects=[subject("Art", 30, involvement=SOME)])
        for kid in ("Noah", "Ava")
    ]
    _, result = run(*kids, preferences=grouped_prefs(4))
    assert len(result.sessions) == 10
    assert all(s.grouped_with for s in result.sessions)


def test_a_shorter_lighter_sibling_joins_inside_the_longer_session():
    noah = child(
        "Noah",
        hours=("09:00", "10:00"),
        subjects=[subject("Nature Study", 60, involvement=FULL)],
    )
    ava = child(
        "Ava", hours=("09:00", "10:00"), subjects=[subject("nature study", 30, involvement=SOME)]
    )
    _, result = run(noah, ava, preferences=grouped_prefs(5))
    assert len(result.sessions) == 10
    for day in DAYS:
        starts = {s.child_id: s.start for s in result.sessions if s.day == day}
        assert starts["noah"] == starts["ava"] == hm("09:00")


def test_stats_report_each_stage():
    _, result = run(*science_siblings(), preferences=grouped_prefs(5))
    stats = result.stats
    assert stats.placement_status == stats.preference_status == "OPTIMAL"
    assert stats.placement_gap == stats.preference_gap == stats.gap == 0.0
    assert stats.objective == pytest.approx(stats.best_bound)
    assert stats.wall_time > 0


def test_the_gap_is_the_worse_stage_not_the_summed_objective():
    week = make_week(0, children=4, subjects=8)
    stats = solve(week, time_limit=1).stats
    assert stats.gap == max(stats.placement_gap, stats.preference_gap)
    if stats.preference_status != "OPTIMAL":
        # The summed objective would make this look far smaller (placement ~ 10^7).
        assert stats.preference_gap > abs(stats.best_bound - stats.objective) / stats.best_bound
    assert (stats.status == "OPTIMAL") == (stats.gap == 0.0)


def built(week):
    model = cp_model.CpModel()
    builder = _Builder(model, week)
    builder.build()
    return model, builder


def best_with(model, held):
    solver = cp_model.CpSolver()
    assert solver.solve(_holding(model, held)) == cp_model.OPTIMAL
    return solver.objective_value


def test_the_warm_start_hints_every_variable_at_the_greedy_weeks_true_value():
    week = make_week(1, children=2, subjects=6)
    model, builder = built(week)
    model.maximize(sum(builder.placement))
    _warm_start(model, builder.decisions_of(greedy_first_fit(week).sessions))
    hint = dict(zip(model.proto.solution_hint.vars, model.proto.solution_hint.values, strict=True))
    assert len(hint) == len(model.proto.variables)
    # The hint is worth what the greedy week's decisions can be worth: the required
    # sessions counted and the rest completed at their best, not left at 0.
    decisions = {var.index: hint[var.index] for var in builder.decisions()}
    assert best_with(model, hint) == best_with(model, decisions) > 0


@pytest.mark.parametrize("seed", range(60))
def test_the_model_admits_every_valid_week_it_is_tried_on(seed):
    # The greedy week keeps every hard rule (the validator says so), so the model
    # must accept it: a constraint or redundant cut that rejects it would cut off
    # valid weeks, perhaps the best one. Over-subscribed families press hardest.
    week = make_week(seed, oversubscribed=True)
    greedy = greedy_first_fit(week)
    assert validate(week, greedy) == []
    model, builder = built(week)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    held = _holding(model, builder.decisions_of(greedy.sessions))
    assert solver.solve(held) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def from_the_empty_week(week):
    """The preference model and its solution with nothing placed (always valid)."""
    model, builder = built(week)
    model.maximize(sum(builder.objective))
    start = cp_model.CpSolver()
    empty = {c.present.index: 0 for c in builder.candidates if not c.fixed}
    assert start.solve(_holding(model, empty)) == cp_model.OPTIMAL
    return model, builder, start


def test_child_by_child_runs_give_a_valid_week_no_worse_than_the_start():
    week = make_week(3, children=3, subjects=6)
    model, builder, start = from_the_empty_week(week)  # much to gain
    meter = Meter(deadline=time.perf_counter() + 600)
    best = _improve_by_child(model, builder, start, 3.0, meter)
    assert best.objective_value > start.objective_value
    stats = SolverStats("FEASIBLE", best.objective_value, 0.0, 0.0, 0.0)
    sessions = builder.sessions(best)
    result = WeekResult(tuple(sessions), tuple(explain_unplaced(week, sessions)), stats)
    assert validate(week, result) == []


def test_out_of_time_the_answer_is_never_worse_than_the_greedy_week():
    """So short a limit that the search finds nothing of its own: the week is the
    greedy one it was hinted with, valid and explained, not an empty week."""
    week = make_week(0, children=4, subjects=8)
    result = solve(week, time_limit=0.001)
    assert len(result.sessions) >= len(greedy_first_fit(week).sessions) > 0
    assert validate(week, result) == []
    assert result.stats.status == "FEASIBLE" and 0 < result.stats.placement_gap < 1
    assert all_explained(week, result)  # every wanted session: placed, or listed with a reason


def test_fill_in_adds_what_fits_and_moves_nothing():
    week = make_week(3, children=3, subjects=6)
    kept = [s for n, s in enumerate(greedy_first_fit(week).sessions) if n % 3]  # a third out
    added = fill_in(week, kept)
    assert added
    week_after = kept + added
    stats = SolverStats("FEASIBLE", 0.0, 0.0, 0.0, 0.0)
    result = WeekResult(tuple(week_after), tuple(explain_unplaced(week, week_after)), stats)
    assert validate(week, result) == []
    assert fill_in(week, week_after) == []  # nothing more fits


def test_past_the_deadline_no_child_run_starts():
    model, builder, start = from_the_empty_week(make_week(3, children=3, subjects=6))
    meter = Meter(deadline=time.perf_counter() - 1)
    assert _improve_by_child(model, builder, start, 3.0, meter) is start


def test_an_unplaced_session_that_would_fit_says_so():
    # Never the solver's answer when it finishes, but out of time it can be: the
    # reason must not blame the breaks for a session that fits.
    kid = child(age=12, subjects=[subject("Math", 60), subject("Reading", 60)])
    week = WeekInput(days=DAYS, children=(kid,))
    without_friday_reading = [
        s
        for s in solve(week, time_limit=5).sessions
        if not (s.subject_id == "reading" and s.day == DAYS[-1])
    ]
    (reason,) = [u.reason for u in explain_unplaced(week, without_friday_reading)]
    assert reason.startswith("Reading for Noah on Friday: it would fit at ")
    assert "ran out of time" in reason


def test_a_reason_counts_grouped_siblings_once_on_the_parent():
    # Ava and Noah do Science together 09:00-10:00, one assisted group: the parent
    # has room for Mia's assisted Math beside it, so "you are busy" would be false.
    science = subject("Science", 60, involvement=SOME)
    math = subject("Math", 60, involvement=SOME)
    kids = [child(n, hours=("09:00", "10:00"), subjects=[science]) for n in ("Ava", "Noah")]
    mia = child("Mia", hours=("09:00", "10:00"), subjects=[math])
    week = WeekInput(days=DAYS, children=(*kids, mia))

    def science_of(name, other):
        start = hm("09:00")
        return Session(name, "science", "Science", MONDAY, start, start + 60, SOME, False, (other,))

    sessions = [science_of("ava", "noah"), science_of("noah", "ava")]
    reason = next(u.reason for u in explain_unplaced(week, sessions) if u.child_id == "mia")
    assert reason.startswith("Math for Mia on Monday: it would fit at 09:00"), reason


@pytest.mark.parametrize("fixed", ["08:00", "11:45"])
def test_a_fixed_time_outside_the_day_is_the_reason(fixed):
    piano = subject("Piano", 30, fixed_start=hm(fixed))
    _, result = run(child(hours=("09:00", "12:00"), subjects=[piano]))
    assert result.stats.status == "OPTIMAL" and len(result.unplaced) == 5
    for u in result.unplaced:
        assert "outside Noah's homeschool day (09:00-12:00)" in u.reason, u.reason


def random_valid_week(seed: int) -> tuple[WeekInput, list]:
    """One child, two days, short commitments anywhere, and sessions put at random
    free starts that keep every hard rule (the greedy board checks them)."""
    rng = random.Random(seed)
    start = rng.choice([hm("08:00"), hm("08:30"), hm("09:00")])
    end = start + rng.choice([120, 150, 180, 240])
    days = DAYS[:2]
    commitments = {
        day: tuple(
            Busy("Lesson", at, at + rng.choice([5, 10, 15, 20, 30]))
            for at in (rng.randrange(start - 20, end + 10, 5) for _ in range(rng.randint(0, 3)))
        )
        for day in days
    }
    subjects = [
        subject(f"S{n}", rng.choice([10, 15, 20, 30, 45, 60, 90]), is_core=rng.random() < 0.6)
        for n in range(rng.randint(3, 7))
    ]
    best = tuple(rng.sample(["early_morning", "mid-morning", "late_morning"], rng.randint(0, 2)))
    kid = ChildPlan(
        id="k",
        name="Kit",
        age=rng.choice([5, 8, 12]),
        day_start=start,
        day_end=end,
        subjects=tuple(subjects),
        best_times=best,
        commitments=commitments,
    )
    week = WeekInput(days=days, children=(kid,))
    board = _Board(week)
    for day in days:
        for plan in rng.sample(subjects, len(subjects)):
            free = [t for t in range(start, end, 5) if board.fits(kid, plan, day, t)]
            if free and rng.random() < 0.85:
                board.add(kid, plan, day, rng.choice(free), fixed=False)
    return week, board.sessions


def test_the_model_admits_random_valid_weeks():
    # Weeks with sessions at random valid starts around short commitments: the
    # break cuts rejected 5 of these 100 (seeds 8, 30, 64, 67, 90) when a
    # commitment between two blocks was not counted as their break.
    rejected = []
    for seed in range(100):
        week, sessions = random_valid_week(seed)
        stats = SolverStats("FEASIBLE", 0.0, 0.0, 0.0, 0.0)
        valid = [v for v in validate(week, WeekResult(tuple(sessions), (), stats)) if v.rule != 5]
        assert valid == [], valid  # rule 5: a random week may miss a daily subject
        model, builder = built(week)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        held = _holding(model, builder.decisions_of(sessions))
        if solver.solve(held) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            rejected.append(seed)
    assert rejected == []


def test_the_objective_ceiling_bounds_the_preferences():
    # Stage 2's stand-in bound when the clock stops it before it finds anything.
    toy = cp_model.CpModel()
    x, y, z = (toy.new_bool_var(n) for n in "xyz")
    n = toy.new_int_var(-2, 4, "n")
    toy.maximize(3 * x + 2 * y - z - n + 7)
    assert _ceiling(toy) == 3 + 2 + 2 + 7
    model, builder = built(make_week(1, children=2, subjects=6))
    model.maximize(sum(builder.objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = 0.5  # the clock failed it on a loaded machine
    assert solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assert _ceiling(model) >= solver.best_objective_bound >= solver.objective_value > 0
