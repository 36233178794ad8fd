"""The family and child day and week views: the parent load and the item shapes."""

import datetime as dt
import json

import pytest

from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.engine import validator
from brightpath.planner.engine.model import GROUPABLE_SUBJECTS, SolverStats, WeekResult
from brightpath.planner.models import Schedule
from brightpath.planner.selectors.checks import week_state
from brightpath.planner.selectors.views import parent_load
from brightpath.planner.services import schedule_generate
from brightpath.planner.tests.conftest import DEMO, DEMO_MONDAY

MONDAY = DEMO_MONDAY


def science_siblings_data() -> dict:
    """The demo family, one adult, rating grouped activities 5, where Noah and
    Ava each have only daily full-involvement Science in 09:00-09:30: both fit
    only done together, the parent counted once."""
    data = json.loads(DEMO.read_text())
    data["section7"]["schedulingStyle"]["grouped_activities"] = 5
    for child in data["children"]:
        child["section4"]["subjects"] = [
            {
                "name": "Science",
                "isCoreSubject": True,
                "sessionDuration": 30,
                "frequency": "daily",
                "parentInvolvement": "full_involvement",
                "interestLevel": 4,
            }
        ]
        child["section6"].update(startTime="09:00", endTime="09:30")
    return data


@pytest.mark.django_db
def test_siblings_grouped_in_one_subject_count_the_parent_once(auth_client, user):
    family = questionnaire_submit(user=user, data=science_siblings_data())
    assert family.adults == 1
    _, result = schedule_generate(family=family, week_start=MONDAY, time_limit=2)
    assert len(result.sessions) == 10 and all(s.grouped_with for s in result.sessions)
    state = week_state(family=family, week_start=MONDAY)
    week = WeekResult(tuple(state.sessions), (), SolverStats("FEASIBLE", 0, 0, 0, 0))
    assert [v for v in validator.validate(state.week, week) if v.rule == 4] == []

    together = {
        "startTime": "09:00",
        "endTime": "09:30",
        "load": 2,  # not 4: one parent teaches both
        "capacity": 2,
        "overloaded": False,
        "items": ["Ava: Science", "Noah: Science"],
    }
    day = auth_client.get("/api/family/today/?date=2026-01-06").json()
    assert day["parentLoad"] == [together]
    week_view = auth_client.get("/api/family/week/?week=2026-01-05").json()
    assert [d["parentLoad"] for d in week_view["days"][:5]] == [[together]] * 5


def child_day(name: str, *items: tuple[str, str, str, str]) -> dict:
    return {
        "childId": name.lower(),
        "childName": name,
        "items": [
            {
                "type": "subject",
                "name": subject,
                "startTime": start,
                "endTime": end,
                "parentInvolvement": involvement,
                "skipped": False,
            }
            for subject, start, end, involvement in items
        ],
    }


def loads(stretches: list[dict]) -> list[tuple[str, str, int, bool]]:
    return [(s["startTime"], s["endTime"], s["load"], s["overloaded"]) for s in stretches]


def test_a_group_weighs_its_most_demanding_member_still_running():
    noah = child_day("Noah", ("Science", "09:00", "09:30", "full_involvement"))
    ava = child_day("Ava", (" science ", "09:00", "10:00", "some_assistance"))
    assert loads(parent_load([noah, ava], 2)) == [
        ("09:00", "09:30", 2, False),
        ("09:30", "10:00", 1, False),
    ]


@pytest.mark.parametrize(
    ("noah_subject", "noah_start"),
    [("Mathematics", "09:00"), ("Science", "09:05")],  # not groupable; not started together
)
def test_siblings_not_together_count_one_by_one(noah_subject, noah_start):
    noah = child_day("Noah", (noah_subject, noah_start, "09:35", "full_involvement"))
    ava = child_day("Ava", (noah_subject, "09:00", "09:30", "full_involvement"))
    stretches = parent_load([noah, ava], 2)
    assert max(s["load"] for s in stretches) == 4
    assert any(s["overloaded"] for s in stretches)


def test_the_view_and_the_validator_agree_on_which_subjects_group():
    assert GROUPABLE_SUBJECTS == validator.GROUPABLE


@pytest.mark.django_db
def test_the_snapshot_keeps_the_seed_000_item_fields_of_the_api_item(auth_client, demo_family, at):
    at(2026, 1, 6, 8, 0)
    noah = demo_family.children.get(name="Noah")
    schedule = Schedule.objects.get(child=noah, week_start_date=MONDAY, is_active=True)
    snapshot = schedule.schedule_data
    assert [d["date"] for d in snapshot["days"]] == [
        (MONDAY + dt.timedelta(days=n)).isoformat() for n in range(7)
    ]
    week = auth_client.get(f"/api/children/{noah.pk}/week/").json()
    served = {i["id"]: i for d in week["days"] for i in d["items"]}
    fields = {
        "subject": [
            "id",
            "type",
            "name",
            "startTime",
            "endTime",
            "completed",
            "skipped",
            "subjectId",
        ],
        "commitment": [
            "id",
            "type",
            "name",
            "startTime",
            "endTime",
            "completed",
            "skipped",
            "commitmentId",
            "isExternal",
        ],
    }
    entries = [i for d in snapshot["days"] for i in d["items"]]
    assert {e["type"] for e in entries} == {"subject", "commitment"}
    for entry in entries:
        assert set(entry) == set(fields[entry["type"]])  # JSONB keeps no key order
        assert entry == {key: served[entry["id"]][key] for key in entry}
    assert [[i["id"] for i in d["items"]] for d in snapshot["days"]] == [
        [i["id"] for i in d["items"]] for d in week["days"]
    ]
