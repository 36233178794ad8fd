"""Learned preferences (issue 17) as the planner stores them and plans with them:
the stored times of day and weights reach the engine's input, and a week
planned with them puts the subject in its learned window."""

import datetime as dt

import pytest

from brightpath.common.errors import Invalid
from brightpath.planner.engine.model import LearnedTime
from brightpath.planner.learned import shape_errors
from brightpath.planner.models import LearnedPreferences, ScheduleItem
from brightpath.planner.selectors import week_input
from brightpath.planner.services import schedule_generate
from brightpath.planner.services.learned import (
    learned_preferences_forget,
    learned_preferences_save,
)

from .conftest import DEMO_MONDAY

pytestmark = pytest.mark.django_db

NEXT_MONDAY = DEMO_MONDAY + dt.timedelta(days=7)
EARLY_AFTERNOON = [780, 840]  # 13:00-14:00: Noah's Mathematics is planned in the morning now


def learned(family, window=EARLY_AFTERNOON, strength=1.0, **weights) -> dict:
    noah = family.children.get(name="Noah")
    math = noah.subjects.get(name="Mathematics")
    return {
        "version": 1,
        "engine": {
            "weights": {"learning_times": 0.3, "learned_times": 1.0, **weights},
            "learnedTimes": [
                {
                    "childId": str(noah.pk),
                    "subjectId": str(math.pk),
                    "windows": [window],
                    "strength": strength,
                }
            ],
        },
        "explanations": [{"text": "Mathematics moves to early afternoons.", "at": "2026-01-04"}],
        "subjects": [{"anything": "the learner keeps"}],  # the learner's own state, kept as is
    }


def test_without_learned_preferences_the_engine_input_is_as_before(demo_family):
    week, _ = week_input(family=demo_family, week_start=NEXT_MONDAY)
    assert week.learned_times == ()
    assert week.preferences.learned_times == 1.0  # the engine's default, unused without times


def test_stored_learned_preferences_reach_the_engine_input(demo_family):
    data = learned(demo_family, child_interest=0.6)
    learned_preferences_save(family=demo_family, data=data)
    week, _ = week_input(family=demo_family, week_start=NEXT_MONDAY)
    noah = demo_family.children.get(name="Noah")
    math = noah.subjects.get(name="Mathematics")
    assert week.learned_times == (LearnedTime(str(noah.pk), str(math.pk), ((780, 840),), 1.0),)
    assert week.preferences.child_interest == 0.6
    assert week.preferences.learning_times == 0.3
    # The family's own preferences are still read beside them.
    assert week.preferences.scheduling_style == demo_family.preferences.get("schedulingStyle", {})


def test_a_week_planned_with_a_learned_time_puts_the_subject_there(demo_family):
    learned_preferences_save(family=demo_family, data=learned(demo_family))
    schedule_generate(family=demo_family, week_start=NEXT_MONDAY, time_limit=5.0)
    starts = {
        item.start_time
        for item in ScheduleItem.objects.filter(
            schedule__child__name="Noah",
            schedule__week_start_date=NEXT_MONDAY,
            schedule__is_active=True,
            name="Mathematics",
        )
    }
    assert starts
    assert all(dt.time(13, 0) <= start < dt.time(14, 0) for start in starts), starts


def test_forgetting_plans_from_the_questionnaire_again(demo_family):
    learned_preferences_save(family=demo_family, data=learned(demo_family))
    learned_preferences_forget(family=demo_family)
    week, _ = week_input(family=demo_family, week_start=NEXT_MONDAY)
    assert week.learned_times == ()
    assert LearnedPreferences.objects.get(family=demo_family).logs_through is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"version": 2}, "version"),
        ({"engine": None}, "engine"),
        ({"engine": {"weights": {"speed": 1.0}}}, "engine.weights.speed"),
        ({"engine": {"weights": {"learned_times": -1}}}, "engine.weights.learned_times"),
        (
            {
                "engine": {
                    "learnedTimes": [{"childId": "c", "subjectId": "s", "windows": [[600, 540]]}]
                }
            },
            "engine.learnedTimes[0].windows[0]",
        ),
        (
            {"engine": {"learnedTimes": [{"childId": "", "subjectId": "s", "windows": []}]}},
            "engine.learnedTimes[0].childId",
        ),
        (
            {
                "engine": {
                    "learnedTimes": [
                        {"childId": "c", "subjectId": "s", "windows": [], "strength": 2}
                    ]
                }
            },
            "engine.learnedTimes[0].strength",
        ),
        ({"explanations": [{"at": "2026-01-04"}]}, "explanations[0].text"),
    ],
)
def test_a_bad_shape_is_refused_naming_the_field(demo_family, change, field):
    data = {**learned(demo_family), **change}
    assert field in shape_errors(data)
    with pytest.raises(Invalid) as error:
        learned_preferences_save(family=demo_family, data=data)
    assert field in error.value.fields
    assert not LearnedPreferences.objects.exists()


def test_logs_through_only_moves_forward(demo_family):
    later = dt.datetime(2026, 1, 9, 12, tzinfo=dt.UTC)
    learned_preferences_save(family=demo_family, data=learned(demo_family), logs_through=later)
    learned_preferences_save(
        family=demo_family, data=learned(demo_family), logs_through=later - dt.timedelta(days=2)
    )
    assert LearnedPreferences.objects.get(family=demo_family).logs_through == later
