"""The preference update rule (insights.learning.preferences): windows and
weights move in the expected direction, and every change says why."""

import datetime as dt

import pytest

from brightpath.insights.learning.preferences import (
    DEFAULT_WEIGHTS,
    ChildSeed,
    FamilyPreferences,
    SubjectSeed,
    cold_start,
    update,
)
from brightpath.insights.learning.signals import COMPLETE, MOVE, SKIP, Example
from brightpath.planner.engine.model import LearnedTime

MONDAY = dt.date(2026, 1, 5)


def family(*children):
    return cold_start(
        children
        or [
            ChildSeed(
                "c1",
                "Ava",
                best_times=("early_afternoon",),
                subjects=(SubjectSeed("math", "Mathematics"), SubjectSeed("art", "Art")),
            )
        ]
    )


def moved(day, start, to, *, child="c1", subject="math", name="Mathematics"):
    return Example(
        kind=MOVE,
        child_id=child,
        subject_id=subject,
        subject_name=name,
        day=day,
        start=start,
        planned_minutes=45,
        on=day,
        to_day=day,
        to_start=to,
    )


def done(day, start, kind=COMPLETE, engagement=None):
    return Example(
        kind=kind,
        child_id="c1",
        subject_id="math",
        subject_name="Mathematics",
        day=day,
        start=start,
        planned_minutes=45,
        on=day,
        engagement=engagement,
    )


def test_cold_start_learns_nothing_and_scales_weights_by_the_likert_scores():
    prefs = cold_start(
        [ChildSeed("c1", "Ava", ("mid-morning",), (SubjectSeed("math", "Mathematics"),))],
        style_scores={"timeManagement": 4.5, "flexibilityVsStructure": 1.5},
    )
    weights, learned = prefs.engine_input()
    assert learned == ()
    assert weights["learning_times"] == pytest.approx(DEFAULT_WEIGHTS["learning_times"] * 1.5)
    assert weights["subject_coherence"] == pytest.approx(DEFAULT_WEIGHTS["subject_coherence"] / 2)
    assert weights["child_interest"] == DEFAULT_WEIGHTS["child_interest"]  # no score: default


def test_dragging_mathematics_to_the_morning_puts_it_in_the_morning_with_a_reason():
    examples = [
        moved(MONDAY, 13 * 60, 9 * 60),
        moved(MONDAY + dt.timedelta(days=2), 13 * 60 + 30, 9 * 60),
        moved(MONDAY + dt.timedelta(days=8), 14 * 60, 9 * 60 + 15),
    ]
    prefs, changes = update(family(), examples, today=MONDAY + dt.timedelta(days=11))
    _, learned = prefs.engine_input()
    (math,) = learned
    assert (math.child_id, math.subject_id) == ("c1", "math")
    ((start, end),) = math.windows
    assert start < 9 * 60 < end <= 10 * 60  # a morning window around 9:00
    assert 0 < math.strength <= 1
    texts = [c.text for c in changes if c.kind == "time"]
    assert texts == [
        "Mathematics moves to mornings (around 9:00): you moved it earlier 3 times in 2 weeks."
    ]


def test_a_week_of_later_moves_moves_the_window_later():
    prefs, _ = update(family(), [moved(MONDAY, 13 * 60, 9 * 60)], today=MONDAY)
    before = prefs.engine_input()[1][0].windows[0]
    week2 = [moved(MONDAY + dt.timedelta(days=7 + n), 9 * 60, 14 * 60) for n in range(4)]
    prefs, changes = update(prefs, week2, today=MONDAY + dt.timedelta(days=11))
    after = prefs.engine_input()[1][0].windows[0]
    assert after[0] > before[0]
    assert any("moves to afternoons" in c.text and "later 4 times" in c.text for c in changes)


def test_completions_alone_learn_no_window():
    examples = [done(MONDAY + dt.timedelta(days=n), 10 * 60, engagement=5) for n in range(5)]
    prefs, changes = update(family(), examples, today=MONDAY + dt.timedelta(days=4))
    assert prefs.engine_input()[1] == ()
    assert changes == []


def test_a_learned_window_fades_without_evidence_and_survives_with_completions():
    learned, _ = update(family(), [moved(MONDAY, 13 * 60, 9 * 60)], today=MONDAY)
    quiet, kept = learned, learned
    said = []
    for week in range(1, 6):
        day = MONDAY + dt.timedelta(weeks=week)
        quiet, changes = update(quiet, [], today=day)
        said += [c.text for c in changes]
        kept, _ = update(kept, [done(day, 9 * 60, engagement=4)] * 3, today=day)
    assert quiet.engine_input()[1] == ()
    assert said == [
        "Mathematics no longer has a set time: no moves in 4 weeks, "
        "and few sessions done where it was."
    ]
    assert kept.engine_input()[1][0].windows[0][0] <= 9 * 60


def test_skips_weaken_the_place_they_happen():
    twice = [moved(MONDAY, 13 * 60, 9 * 60), moved(MONDAY, 14 * 60, 9 * 60)]
    prefs, _ = update(family(), twice, today=MONDAY)
    next_week = MONDAY + dt.timedelta(days=7)
    quiet, _ = update(prefs, [], today=next_week)
    skipped, _ = update(prefs, [done(next_week, 9 * 60, kind=SKIP)], today=next_week)
    assert skipped.engine_input()[1][0].strength < quiet.engine_input()[1][0].strength


def test_moving_sessions_out_of_the_questionnaire_best_times_lowers_that_weight():
    # Ava's best time is early afternoon (12:00-14:00); the parent moves twice out of it.
    examples = [moved(MONDAY, 12 * 60 + 30, 9 * 60), moved(MONDAY, 13 * 60, 8 * 60 + 30)]
    prefs, changes = update(family(), examples, today=MONDAY)
    assert prefs.weights["learning_times"] < DEFAULT_WEIGHTS["learning_times"]
    weight_changes = [c.text for c in changes if c.kind == "weight"]
    assert weight_changes == [
        "The best learning times from your questionnaire now count for less: "
        "you moved 2 sessions out of them this week."
    ]
    # ...and moving them back in raises it again.
    back = [moved(MONDAY, 9 * 60, 12 * 60 + 30), moved(MONDAY, 8 * 60 + 30, 13 * 60)]
    again, _ = update(prefs, back, today=MONDAY + dt.timedelta(days=7))
    assert again.weights["learning_times"] > prefs.weights["learning_times"]


def test_a_sibling_borrows_the_familys_window_at_half_strength_unless_it_has_its_own():
    children = [
        ChildSeed("c1", "Ava", (), (SubjectSeed("m1", "Mathematics"),)),
        ChildSeed("c2", "Noah", (), (SubjectSeed("m2", "mathematics "),)),
    ]
    prefs, changes = update(
        family(*children),
        [moved(MONDAY, 13 * 60, 9 * 60, child="c1", subject="m1")],
        today=MONDAY,
    )
    learned = {t.child_id: t for t in prefs.engine_input()[1]}
    assert learned["c2"].windows == learned["c1"].windows
    assert learned["c2"].strength == round(learned["c1"].strength / 2, 3)
    assert changes[0].text.startswith("Ava's Mathematics moves to mornings")


def test_the_state_round_trips_through_json_and_feeds_the_engine():
    prefs, _ = update(family(), [moved(MONDAY, 13 * 60, 9 * 60)], today=MONDAY)
    again = FamilyPreferences.from_json(prefs.to_json())
    assert again.engine_input() == prefs.engine_input()
    assert [c.text for c in again.explanations] == [c.text for c in prefs.explanations]
    engine = prefs.engine_json()
    (item,) = engine["learnedTimes"]
    assert (
        LearnedTime(
            item["childId"], item["subjectId"], tuple(map(tuple, item["windows"])), item["strength"]
        )
        == prefs.engine_input()[1][0]
    )


def test_update_leaves_the_old_state_alone():
    prefs = family()
    update(prefs, [moved(MONDAY, 13 * 60, 9 * 60)], today=MONDAY)
    assert prefs.engine_input()[1] == ()


def test_evidence_fades_by_the_weeks_elapsed_not_by_the_number_of_updates():
    prefs, _ = update(family(), [moved(MONDAY, 13 * 60, 9 * 60)], today=MONDAY)
    weekly = prefs
    for day in (7, 14):
        weekly, _ = update(weekly, [], today=MONDAY + dt.timedelta(days=day))
    often = prefs
    for day in (2, 5, 7, 9, 14, 14):
        often, _ = update(often, [], today=MONDAY + dt.timedelta(days=day))

    def weight(p):
        return p.subjects[("c1", "math")].weight

    assert weight(often) == pytest.approx(weight(weekly))
    assert FamilyPreferences.from_json(often.to_json()).updated_on == MONDAY + dt.timedelta(14)


def test_after_a_change_of_mind_the_sentence_counts_the_moves_that_made_it():
    later = [moved(MONDAY + dt.timedelta(days=n), 9 * 60, 13 * 60) for n in range(5)]
    prefs, _ = update(family(), later, today=MONDAY + dt.timedelta(days=5))
    earlier = [moved(MONDAY + dt.timedelta(days=7 + n), 13 * 60, 9 * 60) for n in range(5)]
    _, changes = update(prefs, earlier, today=MONDAY + dt.timedelta(days=12))
    assert [c.text for c in changes if c.kind == "time"] == [
        "Mathematics moves to mornings (around 9:00): you moved it earlier 5 times this week."
    ]


@pytest.mark.parametrize(
    ("name", "to", "text"),
    [
        ("reading", 15 * 60, "Reading moves to afternoons (around 15:00)"),
        ("PE", 12 * 60, "PE moves to midday (around 12:00)"),
        ("Arts & Crafts", 17 * 60 + 10, "Arts & Crafts moves to evenings (around 17:10)"),
        ("iPad coding", 8 * 60 + 5, "iPad coding moves to mornings (around 8:05)"),
    ],
)
def test_sentences_read_naturally_for_any_subject_and_time(name, to, text):
    prefs, changes = update(
        family(
            ChildSeed("c1", "Ava", (), (SubjectSeed("s", name),)),
        ),
        [moved(MONDAY, 10 * 60, to, subject="s", name=name)],
        today=MONDAY,
    )
    (change,) = changes
    assert change.text.startswith(text + ": you moved it "), change.text


def test_the_clock_and_the_part_of_day_name_the_same_minute():
    # 11:58 is shown as 12:00, so it must not be called a morning.
    prefs, changes = update(family(), [moved(MONDAY, 9 * 60, 11 * 60 + 58)], today=MONDAY)
    assert changes[0].text.startswith("Mathematics moves to midday (around 12:00)")
