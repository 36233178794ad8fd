"""The records a family must keep: attendance, hours, the target, the activity log."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from types import SimpleNamespace

import pytest

from brightpath.common.errors import Invalid
from brightpath.curriculum.models import Subject
from brightpath.families.models import Child, Family
from brightpath.planner.models import ActivityLog, RecordsTarget, Schedule, ScheduleItem
from brightpath.planner.selectors.records import Period, records_period

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 1, 5)
TUESDAY = MONDAY + dt.timedelta(days=1)
WEDNESDAY = MONDAY + dt.timedelta(days=2)
THURSDAY = MONDAY + dt.timedelta(days=3)


def _subject(child: Child, name: str, core: bool) -> Subject:
    return Subject.objects.create(
        child=child,
        name=name,
        is_core_subject=core,
        session_duration=30,
        frequency="daily",
        parent_involvement="some_assistance",
        interest_level=3,
    )


def _schedule(child: Child, version: int, active: bool) -> Schedule:
    return Schedule.objects.create(
        family=child.family,
        child=child,
        week_start_date=MONDAY,
        version=version,
        is_active=active,
        generation_method="test",
        schedule_data={"days": []},
    )


def _item(schedule, day, start, end, name, *, subject=None, kind="subject", **state):
    data = {}
    if subject is not None:
        data["originalSubject"] = {
            "name": subject.name,
            "isCoreSubject": subject.is_core_subject,
            "sessionDuration": 30,
            "parentInvolvement": "some_assistance",
        }
    return ScheduleItem.objects.create(
        schedule=schedule,
        day_date=day,
        item_type=kind,
        name=name,
        start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
        subject=subject,
        item_data=data,
        calendar_uid=f"{schedule.child_id}-{name}-{day}",
        completed_at=dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC) if state.get("completed") else None,
        **state,
    )


_order = itertools.count(1)


def _log(item: ScheduleItem, action: str, notes: str = "", **actual) -> ActivityLog:
    """A log entry written after every earlier one: the clock is frozen in these
    tests, and "latest" goes by created_at, so each gets its own microsecond."""
    log = ActivityLog.objects.create(
        family=item.schedule.family,
        child=item.schedule.child,
        schedule=item.schedule,
        schedule_item=item,
        subject=item.subject,
        date=item.day_date,
        activity_name=item.name,
        activity_type=item.item_type,
        action=action,
        scheduled={"startTime": f"{item.start_time:%H:%M}", "endTime": f"{item.end_time:%H:%M}"},
        actual={"completed": action == "completed", **actual},
        notes=notes,
    )
    log.created_at += dt.timedelta(microseconds=next(_order))
    ActivityLog.objects.filter(pk=log.pk).update(created_at=log.created_at)
    return log


def build_records(user) -> SimpleNamespace:
    """Noah's week of 2026-01-05, in its second version (the first is kept):

    - Mon Mathematics (core) 09:00-09:30, done 09:05-09:50 (logged against
      version 1): 45 minutes, with a note;
    - Mon Art 10:00-10:30 done: 30 minutes;
    - Tue Library day (an activity) 13:00-13:30 done: 30 minutes;
    - Wed Science skipped, Thu Reading completed then uncompleted, Tue Piano (a
      commitment) marked done: none of them count.

    Ava: Mon Nature walk (an activity) 14:00-15:00 done: 60 minutes.
    """
    family = Family.objects.create(owner=user, name="Kim", time_zone="America/New_York")
    noah = Child.objects.create(
        family=family, name="Noah", birth_date=dt.date(2019, 9, 14), position=0
    )
    ava = Child.objects.create(
        family=family,
        name="Ava",
        birth_date=dt.date(2015, 5, 1),
        birth_date_precision="month",
        position=1,
    )
    math = _subject(noah, "Mathematics", core=True)
    art = _subject(noah, "Art", core=False)
    science = _subject(noah, "Science", core=True)
    reading = _subject(noah, "Reading", core=True)

    old = _schedule(noah, 1, active=False)
    old_math = _item(old, MONDAY, "09:00", "09:30", "Mathematics", subject=math, completed=True)
    _log(old_math, "completed", "Fractions with pizza", startTime="09:05", endTime="09:50")
    old_art = _item(old, MONDAY, "10:00", "10:30", "Art", subject=art, completed=True)
    _log(old_art, "completed")

    week = _schedule(noah, 2, active=True)
    _item(week, MONDAY, "09:00", "09:30", "Mathematics", subject=math, completed=True)
    _item(week, MONDAY, "10:00", "10:30", "Art", subject=art, completed=True)
    library = _item(week, TUESDAY, "13:00", "13:30", "Library day", kind="activity", completed=True)
    _log(library, "completed", "Chose three books", childEngagement=5)
    _item(week, TUESDAY, "16:00", "17:00", "Piano", kind="commitment", completed=True)
    science_item = _item(
        week, WEDNESDAY, "09:00", "09:30", "Science", subject=science, skipped=True
    )
    _log(science_item, "skipped", "Sick")
    reading_item = _item(week, THURSDAY, "09:00", "09:30", "Reading", subject=reading)
    _log(reading_item, "completed", startTime="09:00", endTime="11:00")
    _log(reading_item, "uncompleted")

    ava_week = _schedule(ava, 1, active=True)
    walk = _item(ava_week, MONDAY, "14:00", "15:00", "Nature walk", kind="activity", completed=True)
    _log(walk, "completed")
    return SimpleNamespace(family=family, noah=noah, ava=ava)


@pytest.fixture
def kim(user):
    return build_records(user)


@pytest.fixture
def target(kim):
    return RecordsTarget.objects.create(
        family=kim.family,
        state="MO",
        year_start=dt.date(2025, 8, 1),
        year_end=dt.date(2026, 5, 31),
        required_days=180,
        required_hours=900,
        required_core_hours=600,
    )


def records_url(child: Child, query: str = "from=2026-01-01&to=2026-01-31") -> str:
    return f"/api/children/{child.pk}/records/?{query}"


# --- attendance and hours --------------------------------------------------------------


def test_child_records_count_days_and_minutes_by_subject(auth_client, kim):
    body = auth_client.get(records_url(kim.noah)).json()
    assert body["period"] == {"from": "2026-01-01", "to": "2026-01-31"}
    assert body["daysOfInstruction"] == 2
    assert body["dates"] == ["2026-01-05", "2026-01-06"]
    assert (body["totalMinutes"], body["totalHours"]) == (105, 1.75)
    assert (body["coreMinutes"], body["coreHours"]) == (45, 0.75)
    subjects = {s["name"]: (s["type"], s["isCoreSubject"], s["minutes"]) for s in body["subjects"]}
    assert subjects == {
        "Mathematics": ("subject", True, 45),
        "Art": ("subject", False, 30),
        "Library day": ("activity", False, 30),
    }
    assert [(n["date"], n["activityName"], n["notes"]) for n in body["notes"]] == [
        ("2026-01-05", "Mathematics", "Fractions with pizza"),
        ("2026-01-06", "Library day", "Chose three books"),
    ]
    assert body["progress"] is None


def test_records_respect_the_period(auth_client, kim):
    body = auth_client.get(records_url(kim.noah, "from=2026-01-06&to=2026-01-06")).json()
    assert (body["daysOfInstruction"], body["totalMinutes"], body["coreMinutes"]) == (1, 30, 0)


def test_the_latest_completion_decides_the_minutes(auth_client, kim):
    """Completed again on the new version without times: the planned 30 minutes."""
    math = ScheduleItem.objects.get(name="Mathematics", schedule__is_active=True)
    _log(math, "uncompleted")
    _log(math, "completed")
    body = auth_client.get(records_url(kim.noah)).json()
    assert body["totalMinutes"] == 90
    assert body["notes"] == [
        {"date": "2026-01-06", "activityName": "Library day", "notes": "Chose three books"}
    ]


def test_family_records_per_child_and_totals(auth_client, kim):
    body = auth_client.get("/api/family/records/?from=2026-01-01&to=2026-01-31").json()
    by_child = {c["childName"]: c for c in body["children"]}
    assert [c["childName"] for c in body["children"]] == ["Noah", "Ava"]
    assert by_child["Noah"]["totalMinutes"] == 105
    assert by_child["Ava"]["totalMinutes"] == 60
    assert by_child["Ava"]["subjects"][0]["name"] == "Nature walk"
    assert body["totals"] == {
        "daysOfInstruction": 2,
        "totalMinutes": 165,
        "totalHours": 2.75,
        "coreMinutes": 45,
        "coreHours": 0.75,
    }


def test_progress_toward_the_school_year_target(auth_client, kim, target, at):
    at(2026, 1, 7, 8, 0)  # 160 of the school year's 304 days have begun
    body = auth_client.get(records_url(kim.noah, "")).json()
    assert body["period"] == {"from": "2025-08-01", "to": "2026-05-31"}
    progress = body["progress"]
    assert progress["schoolYear"] == {"from": "2025-08-01", "to": "2026-05-31"}
    assert progress["state"] == "MO"
    assert progress["days"] == {
        "done": 2,
        "required": 180,
        "percent": 1.1,
        "expectedByNow": 94.7,
        "onTrack": False,
    }
    assert isinstance(progress["days"]["done"], int)  # days are whole: 2, not 2.0
    assert (progress["hours"]["done"], progress["hours"]["percent"]) == (1.75, 0.2)
    assert (progress["coreHours"]["done"], progress["coreHours"]["required"]) == (0.75, 600)


def test_progress_counts_the_school_year_whatever_the_period(auth_client, kim, target):
    body = auth_client.get(records_url(kim.noah, "from=2026-01-06&to=2026-01-06")).json()
    assert body["totalMinutes"] == 30
    assert body["progress"]["days"]["done"] == 2
    assert body["progress"]["hours"]["done"] == 1.75


def test_unrequired_measures_have_no_percent(auth_client, kim, target):
    target.required_hours = None
    target.save()
    hours = auth_client.get(records_url(kim.noah)).json()["progress"]["hours"]
    assert hours == {
        "done": 1.75,
        "required": None,
        "percent": None,
        "expectedByNow": None,
        "onTrack": None,
    }


# --- the period ------------------------------------------------------------------------

SCHOOL_YEAR = RecordsTarget(year_start=dt.date(2025, 8, 1), year_end=dt.date(2026, 5, 31))


@pytest.mark.parametrize(
    ("target", "today", "date_from", "date_to", "expected"),
    [
        # nothing asked: the last 365 days, today included, leap day or not
        (None, dt.date(2026, 3, 1), None, None, (dt.date(2025, 3, 2), dt.date(2026, 3, 1))),
        (None, dt.date(2024, 2, 29), None, None, (dt.date(2023, 3, 2), dt.date(2024, 2, 29))),
        (None, dt.date(2024, 3, 1), None, None, (dt.date(2023, 3, 3), dt.date(2024, 3, 1))),
        # nothing asked, with a target: its school year, across the new year
        (SCHOOL_YEAR, dt.date(2026, 1, 7), None, None, (dt.date(2025, 8, 1), dt.date(2026, 5, 31))),
        # one end asked: the other from the school year
        (
            SCHOOL_YEAR,
            dt.date(2026, 1, 7),
            dt.date(2025, 12, 31),
            None,
            (dt.date(2025, 12, 31), dt.date(2026, 5, 31)),
        ),
        (
            SCHOOL_YEAR,
            dt.date(2026, 1, 7),
            None,
            dt.date(2026, 1, 1),
            (dt.date(2025, 8, 1), dt.date(2026, 1, 1)),
        ),
        # one end asked beyond the school year: 365 days from it
        (
            SCHOOL_YEAR,
            dt.date(2026, 1, 7),
            dt.date(2026, 6, 1),
            None,
            (dt.date(2026, 6, 1), dt.date(2027, 5, 31)),
        ),
        (
            SCHOOL_YEAR,
            dt.date(2026, 1, 7),
            None,
            dt.date(2025, 7, 31),
            (dt.date(2024, 8, 1), dt.date(2025, 7, 31)),
        ),
        # `from` after today without a target: 365 days from it
        (
            None,
            dt.date(2026, 1, 7),
            dt.date(2026, 2, 1),
            None,
            (dt.date(2026, 2, 1), dt.date(2027, 1, 31)),
        ),
        # both asked: as asked, month ends and a single day included
        (
            None,
            dt.date(2026, 1, 7),
            dt.date(2024, 1, 31),
            dt.date(2024, 2, 29),
            (dt.date(2024, 1, 31), dt.date(2024, 2, 29)),
        ),
        (
            SCHOOL_YEAR,
            dt.date(2026, 1, 7),
            dt.date(2025, 12, 31),
            dt.date(2025, 12, 31),
            (dt.date(2025, 12, 31), dt.date(2025, 12, 31)),
        ),
    ],
)
def test_records_period(target, today, date_from, date_to, expected):
    period = records_period(target=target, today=today, date_from=date_from, date_to=date_to)
    assert period == Period(*expected)


@pytest.mark.parametrize("target", [None, SCHOOL_YEAR])
def test_records_period_to_before_from_names_to(target):
    with pytest.raises(Invalid) as raised:
        records_period(
            target=target,
            today=dt.date(2026, 1, 7),
            date_from=dt.date(2026, 1, 1),
            date_to=dt.date(2025, 12, 31),
        )
    assert list(raised.value.fields) == ["to"]


def test_default_period_is_the_last_365_days_without_a_target(auth_client, kim, at):
    at(2026, 1, 7, 8, 0)
    body = auth_client.get(records_url(kim.noah, "")).json()
    assert body["period"] == {"from": "2025-01-08", "to": "2026-01-07"}
    assert body["totalMinutes"] == 105


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-13-01", "from"),
        ("from=yesterday&to=2026-01-31", "from"),
        ("to=31/01/2026", "to"),
        ("from=2026-02-01&to=2026-01-01", "to"),
    ],
)
def test_bad_dates_are_a_400_naming_the_field(auth_client, kim, query, field):
    for url in (records_url(kim.noah, query), f"/api/family/records/?{query}"):
        response = auth_client.get(url)
        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == [field]
    for url in (f"/api/family/activity-log/?{query}", f"/api/family/activity-log.csv?{query}"):
        response = auth_client.get(url)
        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == [field]


def test_the_log_defaults_to_the_records_period(auth_client, kim, target, at):
    """Without dates, the log (JSON and CSV) covers what the records cover: the school year."""
    at(2027, 1, 7, 8, 0)  # the school year is over, the log still shows it
    assert auth_client.get("/api/family/activity-log/").json()["count"] == 7
    response = auth_client.get("/api/family/activity-log.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="activity-log-2025-08-01-to-2026-05-31.csv"'
    )


def test_without_a_family_records_are_404(other_client, kim):
    assert other_client.get(records_url(kim.noah)).status_code == 404
    assert other_client.get("/api/family/records/").status_code == 404
    assert other_client.get("/api/family/activity-log/").status_code == 404


def test_another_familys_child_in_the_log_filter_is_404(other_user, other_client, auth_client, kim):
    build_records(other_user)
    response = other_client.get(f"/api/family/activity-log/?childId={kim.noah.pk}")
    assert response.status_code == 404
    response = other_client.get(f"/api/family/activity-log.csv?childId={kim.noah.pk}")
    assert response.status_code == 404
    assert other_client.get(records_url(kim.noah)).status_code == 404


def test_records_cost_a_fixed_number_of_queries(
    auth_client, kim, target, django_assert_num_queries
):
    # user, child, target, items, logs
    with django_assert_num_queries(5):
        assert auth_client.get(records_url(kim.noah)).status_code == 200
    # user, family, children, target, items, logs
    with django_assert_num_queries(6):
        assert auth_client.get("/api/family/records/").status_code == 200
    week = Schedule.objects.get(child=kim.ava)
    for day in range(5):  # more work does not mean more queries
        extra = _item(
            week,
            MONDAY + dt.timedelta(days=day),
            "08:00",
            "08:30",
            f"Walk {day}",
            kind="activity",
            completed=True,
        )
        _log(extra, "completed", "ok")
    with django_assert_num_queries(6):
        body = auth_client.get("/api/family/records/?from=2026-01-01&to=2026-01-31").json()
    assert body["totals"]["totalMinutes"] == 165 + 5 * 30


# --- the target ------------------------------------------------------------------------


def test_target_is_404_until_set_then_created_and_replaced(auth_client, kim):
    assert auth_client.get("/api/family/records/target/").status_code == 404
    body = {"state": "mo", "yearStart": "2025-08-01", "yearEnd": "2026-05-31", "requiredDays": 180}
    response = auth_client.put("/api/family/records/target/", body, format="json")
    assert response.status_code == 200
    assert response.json() == {
        "state": "MO",
        "yearStart": "2025-08-01",
        "yearEnd": "2026-05-31",
        "requiredDays": 180,
        "requiredHours": None,
        "requiredCoreHours": None,
    }
    body = {**body, "requiredDays": None, "requiredHours": 1000, "requiredCoreHours": 600}
    auth_client.put("/api/family/records/target/", body, format="json")
    target = RecordsTarget.objects.get(family=kim.family)
    assert (target.required_days, target.required_hours, target.required_core_hours) == (
        None,
        1000,
        600,
    )
    assert auth_client.get("/api/family/records/target/").json()["requiredHours"] == 1000


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"yearEnd": "2025-08-01"}, "yearEnd"),
        ({"yearEnd": "2025-07-01"}, "yearEnd"),
        ({"yearStart": "August"}, "yearStart"),
        ({"requiredDays": -1}, "requiredDays"),
        ({"requiredHours": 1.5}, "requiredHours"),
        ({"requiredCoreHours": "many"}, "requiredCoreHours"),
        ({"state": "Missouri"}, "state"),
        ({"state": "M1"}, "state"),
    ],
)
def test_bad_target_is_a_400_naming_the_field_and_saves_nothing(auth_client, kim, change, field):
    body = {"state": "MO", "yearStart": "2025-08-01", "yearEnd": "2026-05-31", **change}
    response = auth_client.put("/api/family/records/target/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    assert not RecordsTarget.objects.exists()


def test_target_without_a_family_is_404(other_client):
    body = {"yearStart": "2025-08-01", "yearEnd": "2026-05-31"}
    assert other_client.put("/api/family/records/target/", body, format="json").status_code == 404


# --- the activity log ------------------------------------------------------------------


def test_activity_log_lists_entries_in_seed_shape(auth_client, kim):
    body = auth_client.get("/api/family/activity-log/?from=2026-01-01&to=2026-01-31").json()
    assert body["count"] == 7
    first = body["results"][0]
    assert first["date"] == "2026-01-05"
    assert first["childName"] == "Noah"
    assert first["activityName"] == "Mathematics"
    assert first["activityType"] == "subject"
    assert first["action"] == "completed"
    assert first["scheduled"] == {"startTime": "09:00", "endTime": "09:30"}
    assert first["actual"]["startTime"] == "09:05"
    assert first["minutes"] == 45
    assert first["notes"] == "Fractions with pizza"
    assert first["childId"] == str(kim.noah.pk)
    assert first["createdAt"].endswith("+00:00")  # the stored UTC instant
    assert set(first) >= {"subjectId", "scheduleItemId"}


def test_activity_log_filters_by_child_and_date(auth_client, kim):
    url = f"/api/family/activity-log/?from=2026-01-01&to=2026-01-31&childId={kim.ava.pk}"
    body = auth_client.get(url).json()
    assert [r["activityName"] for r in body["results"]] == ["Nature walk"]
    body = auth_client.get("/api/family/activity-log/?from=2026-01-06&to=2026-01-06").json()
    assert [r["activityName"] for r in body["results"]] == ["Library day"]
    response = auth_client.get("/api/family/activity-log/?childId=noah")
    assert list(response.json()["error"]["fields"]) == ["childId"]


def test_activity_log_is_paginated(auth_client, kim):
    body = auth_client.get("/api/family/activity-log/?from=2026-01-01&to=2026-01-31&pageSize=4")
    body = body.json()
    assert (body["count"], len(body["results"])) == (7, 4)
    assert body["next"]


def test_activity_log_csv_parses_back(auth_client, kim):
    ActivityLog.objects.filter(activity_name="Library day").update(notes="=HYPERLINK(1), said ok")
    response = auth_client.get(
        f"/api/family/activity-log.csv?from=2026-01-01&to=2026-01-31&childId={kim.noah.pk}"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="activity-log-2026-01-01-to-2026-01-31.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "date",
        "child",
        "activity",
        "lesson",
        "type",
        "action",
        "scheduled start",
        "scheduled end",
        "actual start",
        "actual end",
        "minutes",
        "engagement",
        "notes",
    ]
    assert len(rows) == 1 + 6  # Noah's entries only
    assert rows[1] == [
        "2026-01-05",
        "Noah",
        "Mathematics",
        "",  # no lesson sequence (test_lessons.py has one)
        "subject",
        "completed",
        "09:00",
        "09:30",
        "09:05",
        "09:50",
        "45",
        "",
        "Fractions with pizza",
    ]
    library = next(r for r in rows if r[2] == "Library day")
    assert (library[10], library[11], library[12]) == ("30", "5", "'=HYPERLINK(1), said ok")
    skipped = next(r for r in rows if r[5] == "skipped")
    assert (skipped[2], skipped[10], skipped[12]) == ("Science", "", "Sick")


def test_activity_log_csv_accepts_a_csv_accept_header(auth_client, kim):
    response = auth_client.get("/api/family/activity-log.csv", HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    assert response.content.decode().startswith("date,child,activity")


def test_activity_log_needs_sign_in(api_client, kim):
    assert api_client.get("/api/family/activity-log.csv").status_code == 401
    assert api_client.get(records_url(kim.noah)).status_code == 401


def test_the_activity_log_costs_a_fixed_number_of_queries(
    auth_client, kim, target, django_assert_num_queries
):
    # user, family, target, count, page
    with django_assert_num_queries(5):
        assert auth_client.get("/api/family/activity-log/").status_code == 200
    # and the child
    with django_assert_num_queries(6):
        url = f"/api/family/activity-log/?childId={kim.noah.pk}"
        assert auth_client.get(url).status_code == 200
    # user, family, target, rows
    with django_assert_num_queries(4):
        assert auth_client.get("/api/family/activity-log.csv").status_code == 200
