"""Which weeks are planned: looking plans only this week and the next few; a
parent plans up to a year ahead; dates outside the product's range are a 400."""

import pytest

from brightpath.planner.models import Schedule

pytestmark = pytest.mark.django_db


def _field(response, name: str) -> list[str]:
    assert response.status_code == 400, response.content
    return response.json()["error"]["fields"][name]


@pytest.mark.parametrize("week", ["1990-01-01", "9999-12-31", "2150-01-05"])
def test_a_week_outside_the_calendar_is_a_400_and_plans_nothing(auth_client, demo_family, week):
    before = Schedule.objects.count()
    assert _field(auth_client.get(f"/api/family/week/?week={week}"), "week")
    noah = demo_family.children.get(name="Noah")
    assert _field(auth_client.get(f"/api/children/{noah.pk}/today/?date={week}"), "date")
    assert Schedule.objects.count() == before


@pytest.mark.parametrize("week", ["2005-01-03", "2025-06-02", "2026-09-07"])
def test_looking_at_a_past_or_far_week_reads_it_without_planning(auth_client, demo_family, week):
    before = Schedule.objects.count()
    assert auth_client.get(f"/api/family/week/?week={week}").status_code == 200
    noah = demo_family.children.get(name="Noah")
    response = auth_client.get(f"/api/children/{noah.pk}/week/?week={week}")
    assert response.status_code == 200 and response.json()["scheduleId"] is None
    assert Schedule.objects.count() == before
    unplanned = auth_client.get(f"/api/children/{noah.pk}/schedule/?week={week}")
    assert unplanned.status_code == 404


def test_looking_at_a_week_soon_plans_it(auth_client, demo_family):
    assert auth_client.get("/api/family/week/?week=2026-02-02").status_code == 200  # 5 ahead
    planned = Schedule.objects.filter(family=demo_family, week_start_date="2026-02-02")
    assert planned.count() == demo_family.children.count()


@pytest.mark.parametrize("week_start", ["2025-12-29", "2024-01-01", "2027-01-11"])
def test_a_parent_plans_from_this_week_up_to_a_year_ahead(auth_client, demo_family, week_start):
    response = auth_client.post(
        "/api/schedules/generate/", {"weekStart": week_start}, format="json"
    )
    if week_start == "2025-12-29":  # this week (the clock is on Sunday 4 January)
        assert response.status_code == 201
    else:
        assert "weeks ahead" in _field(response, "weekStart")[0]


def test_far_dates_in_bodies_are_a_400_naming_the_field(auth_client, demo_family):
    before = Schedule.objects.count()
    day_off = {"date": "9999-12-31", "kind": "holiday"}
    assert _field(auth_client.post("/api/family/days-off/", day_off, format="json"), "date")
    far = {"weekStart": "9999-12-27"}
    assert _field(auth_client.post("/api/schedules/generate/", far, format="json"), "weekStart")
    noah = demo_family.children.get(name="Noah")
    trip = {
        "childId": str(noah.pk),
        "name": "Museum",
        "date": "0001-01-01",
        "startTime": "10:00",
        "endTime": "11:00",
    }
    assert _field(auth_client.post("/api/schedule-items/", trip, format="json"), "date")
    assert Schedule.objects.count() == before


def test_a_day_off_added_before_its_week_is_planned_gets_no_sessions(
    auth_client, user, demo_submission
):
    """Issue 24 #7: a day off first, the week planned afterwards on first look."""
    from brightpath.onboarding.services import questionnaire_submit
    from brightpath.planner.models import ScheduleItem

    family = questionnaire_submit(user=user, data=demo_submission)
    noah = family.children.get(name="Noah")
    for day_off in (
        {"date": "2026-01-07", "kind": "holiday", "label": "Snow day"},
        {"date": "2026-01-08", "kind": "sick", "childId": str(noah.pk)},
    ):
        assert auth_client.post("/api/family/days-off/", day_off, format="json").status_code == 201
    assert auth_client.get("/api/family/week/?week=2026-01-05").status_code == 200

    sessions = ScheduleItem.objects.filter(
        schedule__family=family, schedule__is_active=True, item_type="subject"
    )
    assert sessions.exists()
    assert not sessions.filter(day_date="2026-01-07").exists()
    assert not sessions.filter(day_date="2026-01-08", schedule__child=noah).exists()
    assert sessions.filter(day_date="2026-01-08").exclude(schedule__child=noah).exists()


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ((2026, 1, 9, 16, 0), "2026-01-05"),  # Friday: this week
        ((2026, 1, 10, 9, 0), "2026-01-12"),  # Saturday: this week's school days are over
        ((2026, 1, 11, 20, 0), "2026-01-12"),  # Sunday evening
    ],
)
def test_the_week_a_family_lives_toward(demo_family, at, moment, expected):
    from brightpath.planner.clock import planning_week

    at(*moment)
    assert planning_week(demo_family).isoformat() == expected


def test_a_saturday_sign_up_plans_the_coming_week(
    auth_client, demo_submission, at, django_capture_on_commit_callbacks
):
    at(2026, 1, 10, 9, 0)
    with django_capture_on_commit_callbacks(execute=True):
        answer = auth_client.post("/api/questionnaire/submit/", demo_submission, format="json")
    assert answer.status_code == 201
    planned = Schedule.objects.filter(week_start_date="2026-01-12", is_active=True)
    assert planned.count() == 2 and all(s.items.filter(item_type="subject") for s in planned)
