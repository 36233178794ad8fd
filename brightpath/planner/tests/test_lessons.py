"""Lesson plans that shift (issue 13): each session shows the next lesson not yet
done, a missed session leaves its lesson for the next one, siblings sharing a
sequence move on their own, and the pace projects the finishing date."""

import csv
import datetime as dt
import io

import pytest
import vobject
from django.core import mail
from django.core.cache import cache

from brightpath.common.tests.openapi import documented as conforms
from brightpath.curriculum.models import Subject
from brightpath.curriculum.services.lessons import (
    LessonInput,
    lesson_sequence_create,
    lessons_replace,
    subject_lesson_sequence_set,
)
from brightpath.planner.models import ActivityLog, LessonCompletion, RecordsTarget, ScheduleItem
from brightpath.planner.selectors.lessons import (
    LessonRow,
    Session,
    actual_pace,
    assign,
    pace_of,
)
from brightpath.planner.services.agenda import agenda_email_send, agenda_email_set
from brightpath.planner.services.items import item_complete, item_skip, item_uncomplete
from brightpath.planner.tests.conftest import DEMO_MONDAY
from brightpath.planner.tests.stored_weeks import generate_reusing_solve

pytestmark = pytest.mark.django_db

MONDAY = DEMO_MONDAY
TUESDAY = MONDAY + dt.timedelta(days=1)


# --- the rule, as a pure function -----------------------------------------------------


def lessons(n: int) -> list[LessonRow]:
    return [LessonRow(str(i), "seq", i, f"Lesson {i}") for i in range(1, n + 1)]


def week(*states: str) -> list[Session]:
    """Sessions Monday.. with a state each: "" planned, "done", "skipped"."""
    return [
        Session(
            id=f"s{day}",
            subject_id="math",
            date=MONDAY + dt.timedelta(days=day),
            start="09:00",
            completed=state == "done",
            skipped=state == "skipped",
        )
        for day, state in enumerate(states)
    ]


def titles(assigned: dict, sessions: list[Session]) -> list[str | None]:
    return [assigned[s.id][0].title if s.id in assigned else None for s in sessions]


def test_sessions_ahead_are_dealt_the_lessons_not_done_in_order():
    sessions = week("", "", "", "", "")
    assigned = assign(sessions=sessions, not_done=lessons(10), done_by_session={}, today=MONDAY)
    assert titles(assigned, sessions) == [f"Lesson {n}" for n in range(1, 6)]
    assert not any(done for _, done in assigned.values())


def test_monday_missed_does_mondays_lesson_on_tuesday_and_every_later_lesson_shifts():
    sessions = week("", "", "", "", "")
    assigned = assign(sessions=sessions, not_done=lessons(10), done_by_session={}, today=TUESDAY)
    assert titles(assigned, sessions) == [None, "Lesson 1", "Lesson 2", "Lesson 3", "Lesson 4"]


def test_a_skipped_session_takes_no_lesson_and_a_completed_one_keeps_its_own():
    sessions = week("done", "skipped", "", "")
    all_lessons = lessons(10)
    assigned = assign(
        sessions=sessions,
        not_done=all_lessons[1:],
        done_by_session={"s0": all_lessons[0]},
        today=TUESDAY,
    )
    assert titles(assigned, sessions) == ["Lesson 1", None, "Lesson 2", "Lesson 3"]
    assert assigned["s0"][1] is True


def test_sessions_ahead_before_the_window_take_the_first_lessons_and_the_end_is_the_end():
    sessions = week("", "", "")
    assigned = assign(
        sessions=sessions, not_done=lessons(4), done_by_session={}, today=MONDAY, ahead_before=2
    )
    assert titles(assigned, sessions) == ["Lesson 3", "Lesson 4", None]


# --- pace, as a pure function ----------------------------------------------------------


def test_the_projection_moves_as_the_pace_changes():
    today = dt.date(2026, 3, 2)
    four_weeks_ago = today - dt.timedelta(days=27)
    slow = [four_weeks_ago + dt.timedelta(days=7 * w) for w in range(4)]  # one a week
    fast = [four_weeks_ago + dt.timedelta(days=2 * d) for d in range(14)]  # 14 in four weeks
    common = {
        "remaining": 20,
        "planned_per_week": 5,
        "today": today,
        "year_end": None,
        "school_days": [],
        "session_days": [],
    }
    at_slow = pace_of(completed_on=slow, **common)
    at_fast = pace_of(completed_on=fast, **common)
    planned = pace_of(completed_on=[], **common)
    assert at_slow.actual_per_week == 1.0
    assert at_fast.actual_per_week == 3.5
    assert at_slow.projected_finish == today + dt.timedelta(days=140)  # 20 weeks
    assert at_fast.projected_finish == today + dt.timedelta(days=40)
    assert planned.actual_per_week is None  # nothing done yet: the plan's pace
    assert planned.projected_finish == today + dt.timedelta(days=28)


def test_on_plan_the_sessions_planned_ahead_say_when_the_last_lesson_falls():
    tuesday, friday = dt.date(2026, 1, 6), dt.date(2026, 1, 9)
    ahead = [tuesday + dt.timedelta(days=d) for d in range(4)]  # Tuesday to Friday
    common = {
        "planned_per_week": 5,
        "today": tuesday,
        "year_end": friday,
        "school_days": [],
        "session_days": [],
        "ahead": ahead,
    }
    three_left = pace_of(remaining=3, completed_on=[], **common)
    assert three_left.projected_finish == dt.date(2026, 1, 8)  # Thursday's session
    assert not three_left.finishes_late and three_left.warning is None
    # Past the planned weeks the plan's pace carries on from the last planned session.
    assert pace_of(remaining=9, completed_on=[], **common).projected_finish == friday + (
        dt.timedelta(days=7)
    )
    # Behind the plan, the family's own pace counts from today.
    behind = pace_of(remaining=3, completed_on=[tuesday - dt.timedelta(days=6)], **common)
    assert behind.actual_per_week == 1.0
    assert behind.projected_finish == tuesday + dt.timedelta(days=21)
    assert behind.finishes_late


def test_actual_pace_counts_since_the_first_lesson_when_that_is_recent():
    today = dt.date(2026, 3, 6)
    assert actual_pace([today - dt.timedelta(days=d) for d in range(10)], today) == round(
        10 / (10 / 7), 2
    )
    assert actual_pace([today], today) == 1.0  # at least a week


def test_a_finish_past_the_school_year_warns_and_suggests_more_sessions():
    today = dt.date(2026, 4, 6)  # a Monday
    year_end = dt.date(2026, 5, 29)  # 7.7 weeks away
    result = pace_of(
        remaining=60,
        completed_on=[],
        planned_per_week=3,
        today=today,
        year_end=year_end,
        school_days=["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        session_days=["Monday", "Wednesday", "Friday"],
    )
    assert result.finishes_late
    assert "after the school year ends" in result.warning
    # 8 a week: 5 more than planned, more than the 2 free days: both, and doubling up.
    suggestion = result.suggestion
    assert (suggestion.kind, suggestion.needed_per_week, suggestion.extra_per_week) == (
        "double_up",
        8,
        5,
    )
    assert suggestion.message.startswith(
        "Add sessions on Tuesday and Thursday, and double up on Wednesday, Thursday and Friday"
    )
    on_time = pace_of(
        remaining=20,
        completed_on=[],
        planned_per_week=3,
        today=today,
        year_end=year_end,
        school_days=["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        session_days=["Monday", "Wednesday", "Friday"],
    )
    assert not on_time.finishes_late and on_time.warning is None and on_time.suggestion is None


def test_the_suggestion_adds_a_session_on_a_free_day_or_doubles_up_when_there_is_none():
    today = dt.date(2026, 4, 6)
    year_end = dt.date(2026, 5, 31)  # 8 weeks
    school = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    add = pace_of(
        remaining=32,
        completed_on=[],
        planned_per_week=3,
        today=today,
        year_end=year_end,
        school_days=school,
        session_days=["Monday", "Wednesday", "Friday"],
    ).suggestion
    assert (add.kind, add.extra_per_week, add.days) == ("add_sessions", 1, ["Tuesday"])
    assert add.message.startswith("Add 1 session a week (on Tuesday)")
    double = pace_of(
        remaining=48,
        completed_on=[],
        planned_per_week=5,
        today=today,
        year_end=year_end,
        school_days=school,
        session_days=school,
    ).suggestion
    assert (double.kind, double.extra_per_week, double.days) == ("double_up", 1, ["Friday"])
    assert double.message.startswith("Double up on Friday")


# --- the demo family's week ------------------------------------------------------------


@pytest.fixture
def family(demo_family):
    return demo_family


def math_of(family, child="Noah") -> Subject:
    return Subject.objects.get(child__family=family, child__name=child, name="Mathematics")


def with_sequence(user, family, n=30, children=("Noah",), name="Singapore 1A"):
    sequence = lesson_sequence_create(
        user=user,
        name=name,
        lessons=[LessonInput(title=f"Lesson {i}", minutes=30) for i in range(1, n + 1)],
    )
    for child in children:
        subject_lesson_sequence_set(user=user, subject=math_of(family, child), sequence=sequence)
    return sequence


def math_sessions(family, child="Noah", monday=MONDAY) -> list[ScheduleItem]:
    return list(
        ScheduleItem.objects.filter(
            schedule__child__family=family,
            schedule__child__name=child,
            schedule__is_active=True,
            schedule__week_start_date=monday,
            name="Mathematics",
        ).order_by("day_date", "start_time")
    )


def week_lessons(client, family, child="Noah", week="2026-01-05") -> dict[str, str | None]:
    """Each Mathematics session's lesson title in the child's week, by date."""
    # The tests run in one transaction, so writes never commit and never drop
    # the cached week after commit; read what a real commit would leave.
    cache.clear()
    child_id = family.children.get(name=child).pk
    body = client.get(f"/api/children/{child_id}/week/?week={week}").json()
    return {
        day["date"]: (item.get("lesson") or {}).get("title")
        for day in body["days"]
        for item in day["items"]
        if item["name"] == "Mathematics"
    }


def complete(user, item: ScheduleItem) -> ScheduleItem:
    item.refresh_from_db()
    return item_complete(user=user, item_id=item.pk, version=item.version)


def test_each_session_of_the_week_shows_its_lesson(auth_client, user, family):
    with_sequence(user, family)
    shown = week_lessons(auth_client, family)
    assert list(shown.values()) == [f"Lesson {n}" for n in range(1, len(shown) + 1)]
    child_id = family.children.get(name="Noah").pk
    monday = auth_client.get(f"/api/children/{child_id}/today/?date=2026-01-05").json()
    lesson = next(i for i in monday["items"] if i["name"] == "Mathematics")["lesson"]
    assert lesson == {
        "id": lesson["id"],
        "sequenceId": lesson["sequenceId"],
        "title": "Lesson 1",
        "position": 1,
        "of": 30,
        "notes": "",
        "resourceUrl": "",
        "estimatedMinutes": 30,
        "done": False,
    }


def test_monday_missed_shows_lesson_n_on_tuesday_and_every_later_lesson_shifted(
    auth_client, user, family, at
):
    with_sequence(user, family)
    before = week_lessons(auth_client, family)
    at(2026, 1, 6, 8, 0)  # Tuesday morning: Monday's Mathematics was not done
    after = week_lessons(auth_client, family)
    dates = list(before)
    assert after[dates[0]] is None  # missed: no lesson
    for earlier, later in zip(dates, dates[1:], strict=False):
        assert after[later] == before[earlier]  # each lesson moved one session on
    # The family view and today's checklist agree.
    family_week = auth_client.get("/api/family/week/").json()
    tuesday = next(d for d in family_week["days"] if d["date"] == "2026-01-06")
    noah = next(c for c in tuesday["children"] if c["childName"] == "Noah")
    assert next(i for i in noah["items"] if i["name"] == "Mathematics")["lesson"]["position"] == 1
    today = auth_client.get("/api/family/today/").json()
    noah = next(c for c in today["children"] if c["childName"] == "Noah")
    assert next(i for i in noah["items"] if i["name"] == "Mathematics")["lesson"]["title"] == (
        "Lesson 1"
    )


def test_completing_records_the_lesson_and_uncompleting_puts_it_back(auth_client, user, family, at):
    with_sequence(user, family)
    at(2026, 1, 5, 10, 0)
    monday, tuesday, *_ = math_sessions(family)
    response = auth_client.post(
        f"/api/schedule-items/{monday.pk}/complete/", {"version": monday.version}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["lesson"]["title"] == "Lesson 1"
    assert response.json()["lesson"]["done"] is True
    shown = week_lessons(auth_client, family)
    assert shown["2026-01-05"] == "Lesson 1" and shown["2026-01-06"] == "Lesson 2"
    completion = LessonCompletion.objects.get(schedule_item=monday)
    assert completion.completed_on == MONDAY and completion.lesson.position == 1
    log = ActivityLog.objects.get(schedule_item=monday, action="completed")
    assert log.actual["lesson"]["title"] == "Lesson 1"

    monday.refresh_from_db()
    response = auth_client.post(
        f"/api/schedule-items/{monday.pk}/uncomplete/", {"version": monday.version}, format="json"
    )
    assert response.json()["lesson"]["title"] == "Lesson 1"  # back, still ahead today
    assert not LessonCompletion.objects.filter(subject=math_of(family)).exists()
    assert week_lessons(auth_client, family)["2026-01-06"] == "Lesson 2"


def test_completing_a_later_session_first_does_the_first_lesson_not_done(user, family, at):
    with_sequence(user, family)
    at(2026, 1, 5, 8, 0)
    monday, tuesday, wednesday, *_ = math_sessions(family)
    complete(user, wednesday)
    assert LessonCompletion.objects.get(schedule_item=wednesday).lesson.position == 1
    complete(user, monday)
    assert LessonCompletion.objects.get(schedule_item=monday).lesson.position == 2
    again = complete(user, monday)  # completing again (new notes) keeps its lesson
    assert LessonCompletion.objects.get(schedule_item=again).lesson.position == 2


def test_skipping_does_not_use_up_a_lesson(auth_client, user, family, at):
    with_sequence(user, family)
    at(2026, 1, 5, 8, 0)
    monday = math_sessions(family)[0]
    item_skip(user=user, item_id=monday.pk, version=monday.version, reason="Dentist")
    shown = week_lessons(auth_client, family)
    assert shown["2026-01-05"] is None and shown["2026-01-06"] == "Lesson 1"
    assert not LessonCompletion.objects.exists()


def test_two_siblings_sharing_a_sequence_each_progress_on_their_own(auth_client, user, family, at):
    sequence = with_sequence(user, family, children=("Noah", "Ava"))
    at(2026, 1, 6, 18, 0)  # Tuesday evening
    for item in math_sessions(family, "Noah")[:2]:  # Noah did Monday and Tuesday
        complete(user, item)
    assert math_of(family, "Noah").lesson_sequence_id == math_of(family, "Ava").lesson_sequence_id
    noah, ava = week_lessons(auth_client, family, "Noah"), week_lessons(auth_client, family, "Ava")
    assert noah["2026-01-07"] == "Lesson 3"
    # Ava missed Monday, and has not done today's yet: she starts at the beginning.
    assert (ava["2026-01-05"], ava["2026-01-06"], ava["2026-01-07"]) == (
        None,
        "Lesson 1",
        "Lesson 2",
    )
    sequence.refresh_from_db()
    assert LessonCompletion.objects.filter(subject=math_of(family, "Ava")).count() == 0


def test_a_later_week_starts_where_this_week_leaves_off(auth_client, user, family):
    with_sequence(user, family)
    generate_reusing_solve(family=family, week_start=MONDAY + dt.timedelta(days=7))
    this_week = week_lessons(auth_client, family)
    next_week = week_lessons(auth_client, family, week="2026-01-12")
    assert list(next_week.values())[0] == f"Lesson {len(this_week) + 1}"


def test_replanning_the_week_keeps_the_lesson_on_a_completed_session(auth_client, user, family, at):
    with_sequence(user, family)
    at(2026, 1, 5, 10, 0)
    monday = complete(user, math_sessions(family)[0])
    generate_reusing_solve(family=family, week_start=MONDAY)
    new_monday = math_sessions(family)[0]
    assert new_monday.pk != monday.pk and new_monday.completed
    assert LessonCompletion.objects.get().schedule_item_id == new_monday.pk
    assert week_lessons(auth_client, family)["2026-01-05"] == "Lesson 1"
    item_uncomplete(user=user, item_id=new_monday.pk, version=new_monday.version)
    assert not LessonCompletion.objects.exists()


def test_changing_the_lessons_changes_what_sessions_show_but_not_progress(
    auth_client, user, family, at
):
    sequence = with_sequence(user, family, n=3)
    at(2026, 1, 5, 10, 0)
    complete(user, math_sessions(family)[0])
    lessons_replace(
        user=user,
        sequence=sequence,
        lessons=[LessonInput("Counting"), LessonInput("Adding"), LessonInput("Taking away")],
    )
    shown = week_lessons(auth_client, family)
    assert [shown[d] for d in sorted(shown)][:4] == ["Counting", "Adding", "Taking away", None]


def test_views_with_lessons_cost_a_fixed_number_of_queries(
    auth_client, user, family, at, django_assert_num_queries
):
    with_sequence(user, family, children=("Noah", "Ava"))
    at(2026, 1, 6, 8, 0)
    complete(user, math_sessions(family)[1])
    generate_reusing_solve(family=family, week_start=MONDAY + dt.timedelta(days=7))
    auth_client.get("/api/family/week/")  # fills the cache
    # 6 without lessons (test_living.py), then the lessons and the completions
    with django_assert_num_queries(8):
        auth_client.get("/api/family/week/")
    # ... a later week: from the database, and the sessions still ahead before it
    with django_assert_num_queries(10):
        auth_client.get("/api/family/week/?week=2026-01-12")


# --- the lessons API: progress and pace ------------------------------------------------


def lessons_url(family, child="Noah") -> str:
    subject = math_of(family, child)
    return f"/api/children/{subject.child_id}/subjects/{subject.pk}/lessons/"


def test_a_subjects_lessons_say_which_are_done_and_the_pace(auth_client, user, family, at):
    with_sequence(user, family, n=20)
    RecordsTarget.objects.create(
        family=family,
        year_start=dt.date(2025, 8, 1),
        year_end=dt.date(2026, 1, 16),
        required_days=180,
    )
    at(2026, 1, 6, 18, 0)
    for item in math_sessions(family)[:2]:
        complete(user, item)
    body = auth_client.get(lessons_url(family)).json()
    assert (body["total"], body["done"], body["remaining"]) == (20, 2, 18)
    assert body["sequenceName"] == "Singapore 1A"
    assert body["nextLesson"]["title"] == "Lesson 3"
    assert [row["done"] for row in body["lessons"][:3]] == [True, True, False]
    assert body["lessons"][0]["completedOn"] == "2026-01-05"
    pace = body["pace"]
    assert pace["plannedPerWeek"] == len(math_sessions(family))
    assert pace["actualPerWeek"] == 2.0  # two in the first week
    assert pace["projectedFinish"] == "2026-03-10"  # 18 lessons at 2 a week: 63 days
    assert pace["schoolYearEnd"] == "2026-01-16"
    assert pace["finishesLate"] is True
    assert "after the school year ends" in pace["warning"]
    assert pace["suggestion"]["kind"] == "double_up"  # Mathematics is daily already

    for item in math_sessions(family)[2:]:  # the pace picks up: the projection moves
        at(2026, 1, 9, 18, 0)
        complete(user, item)
    faster = auth_client.get(lessons_url(family)).json()["pace"]
    assert faster["actualPerWeek"] > pace["actualPerWeek"]
    assert faster["projectedFinish"] < pace["projectedFinish"]


def test_a_child_can_start_a_sequence_halfway(auth_client, user, family):
    with_sequence(user, family, n=10)
    response = auth_client.post(lessons_url(family) + "start/", {"position": 4}, format="json")
    assert response.status_code == 200
    assert response.json()["done"] == 3
    assert response.json()["pace"]["actualPerWeek"] is None  # by hand is not a pace
    assert week_lessons(auth_client, family)["2026-01-05"] == "Lesson 4"
    back = auth_client.post(lessons_url(family) + "start/", {"position": 2}, format="json")
    assert back.json()["done"] == 1
    bad = auth_client.post(lessons_url(family) + "start/", {"position": 11}, format="json")
    assert bad.status_code == 400 and "position" in bad.json()["error"]["fields"]


def test_a_subject_without_a_sequence_has_no_lessons(auth_client, family):
    body = auth_client.get(lessons_url(family)).json()
    assert body["sequenceId"] is None and body["lessons"] == [] and body["pace"] is None


def test_the_family_progress_lists_every_subject_with_a_sequence(auth_client, user, family):
    with_sequence(user, family, children=("Noah", "Ava"))
    rows = auth_client.get("/api/family/lesson-progress/").json()
    assert [(r["childName"], r["subjectName"], r["done"]) for r in rows] == [
        ("Noah", "Mathematics", 0),
        ("Ava", "Mathematics", 0),
    ]


def test_another_familys_subject_lessons_are_404(auth_client, other_client, user, family):
    with_sequence(user, family)
    assert other_client.get(lessons_url(family)).status_code == 404
    url = lessons_url(family) + "start/"
    assert other_client.post(url, {"position": 1}, format="json").status_code == 404
    assert other_client.get("/api/family/lesson-progress/").status_code == 404


# --- records, feeds and emails ----------------------------------------------------------


def test_completed_lessons_are_in_the_log_the_records_and_the_csv(auth_client, user, family, at):
    with_sequence(user, family)
    at(2026, 1, 6, 18, 0)
    for item in math_sessions(family)[:2]:
        complete(user, item)
    noah = family.children.get(name="Noah")
    records = auth_client.get(
        f"/api/children/{noah.pk}/records/?from=2026-01-01&to=2026-01-31"
    ).json()
    assert [
        (r["date"], r["subjectName"], r["position"], r["title"]) for r in records["lessons"]
    ] == [
        ("2026-01-05", "Mathematics", 1, "Lesson 1"),
        ("2026-01-06", "Mathematics", 2, "Lesson 2"),
    ]
    log = auth_client.get("/api/family/activity-log/?from=2026-01-01&to=2026-01-31").json()
    done = [e for e in log["results"] if e["action"] == "completed"]
    assert [e["lesson"]["title"] for e in done] == ["Lesson 1", "Lesson 2"]
    response = auth_client.get("/api/family/activity-log.csv?from=2026-01-01&to=2026-01-31")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["lesson"] for r in rows if r["action"] == "completed"] == ["Lesson 1", "Lesson 2"]


def test_the_calendar_feed_and_the_agenda_email_show_the_lesson(auth_client, user, family, at):
    with_sequence(user, family)
    now = at(2026, 1, 5, 6, 0)
    noah = family.children.get(name="Noah")
    url = auth_client.post("/api/calendar-feeds/", {"childId": str(noah.pk)}, format="json")
    feed = auth_client.get(url.json()["url"].split("testserver")[-1])
    summaries = {e.summary.value for e in vobject.readOne(feed.content.decode()).vevent_list}
    assert {"Mathematics: Lesson 1", "Mathematics: Lesson 5"} <= summaries

    email = agenda_email_set(user=user, enabled=True, send_at=dt.time(6, 30))
    assert agenda_email_send(email=email, now=now + dt.timedelta(minutes=30))
    text = mail.outbox[-1].body
    assert "Mathematics: Lesson 1" in text
    assert "Mathematics: Lesson 1" in mail.outbox[-1].alternatives[0][0]


def test_answers_with_lessons_conform_to_the_schema(auth_client, user, family, at):
    sequence = with_sequence(user, family, n=40, children=("Noah", "Ava"))
    RecordsTarget.objects.create(
        family=family, year_start=dt.date(2025, 8, 1), year_end=dt.date(2026, 1, 30)
    )
    at(2026, 1, 7, 8, 0)
    monday = math_sessions(family)[0]
    item = conforms(
        auth_client.post(
            f"/api/schedule-items/{monday.pk}/complete/", {"version": monday.version}, format="json"
        ),
        "/api/schedule-items/{item_id}/complete/",
        "post",
    )
    assert item["lesson"]["done"]
    noah = family.children.get(name="Noah")
    week = conforms(
        auth_client.get(f"/api/children/{noah.pk}/week/"), "/api/children/{child_id}/week/"
    )
    assert any("lesson" in i for d in week["days"] for i in d["items"])
    conforms(auth_client.get(f"/api/children/{noah.pk}/today/"), "/api/children/{child_id}/today/")
    conforms(auth_client.get("/api/family/week/"), "/api/family/week/")
    conforms(auth_client.get("/api/family/today/"), "/api/family/today/")
    progress = conforms(
        auth_client.get(lessons_url(family)),
        "/api/children/{child_id}/subjects/{subject_id}/lessons/",
    )
    assert progress["pace"]["suggestion"] is not None
    conforms(auth_client.get("/api/family/lesson-progress/"), "/api/family/lesson-progress/")
    conforms(auth_client.get("/api/lesson-sequences/"), "/api/lesson-sequences/")
    conforms(
        auth_client.get(f"/api/lesson-sequences/{sequence.pk}/"),
        "/api/lesson-sequences/{sequence_id}/",
    )
    log = conforms(auth_client.get("/api/family/activity-log/"), "/api/family/activity-log/")
    assert any(e["lesson"] for e in log["results"])
    conforms(
        auth_client.get(f"/api/children/{noah.pk}/records/"), "/api/children/{child_id}/records/"
    )
