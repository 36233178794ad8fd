"""Living with the schedule: views, complete, skip, move, ad-hoc items, concurrency."""

import datetime as dt
import threading

import pytest
from django.db import connection

from brightpath.planner.engine.validator import validate
from brightpath.planner.models import ActivityLog, Schedule, ScheduleItem
from brightpath.planner.selectors.checks import week_state
from brightpath.planner.services import schedule_generate
from brightpath.planner.tests.conftest import DEMO_MONDAY
from brightpath.planner.tests.stored_weeks import generate_reusing_solve

pytestmark = pytest.mark.django_db

MONDAY = DEMO_MONDAY


@pytest.fixture
def family(demo_family):
    return demo_family


def item(child: str, name: str, day: dt.date) -> ScheduleItem:
    return ScheduleItem.objects.get(
        schedule__child__name=child, schedule__is_active=True, name=name, day_date=day
    )


def post(client, item_, action, **body):
    return client.post(
        f"/api/schedule-items/{item_.pk}/{action}/",
        {"version": item_.version, **body},
        format="json",
    )


def snapshot_matches_items(schedule: Schedule) -> bool:
    schedule.refresh_from_db()
    snap = {
        (i["id"], d["date"], i["startTime"], i["endTime"], i["completed"])
        for d in schedule.schedule_data["days"]
        for i in d["items"]
    }
    rows = {
        (
            str(i.pk),
            i.day_date.isoformat(),
            f"{i.start_time:%H:%M}",
            f"{i.end_time:%H:%M}",
            i.completed,
        )
        for i in schedule.items.all()
    }
    return snap == rows


def hard_rule_violations(family, week_start=MONDAY) -> list:
    """Violations of the week as it stands, leaving out rule 5 shortfalls (a
    session missed or skipped is not in the week any more, by design)."""
    from brightpath.planner.engine.model import SolverStats, WeekResult

    state = week_state(family=family, week_start=week_start)
    result = WeekResult(tuple(state.sessions), (), SolverStats("FEASIBLE", 0, 0, 0, 0))
    return [v for v in validate(state.week, result) if v.rule != 5]


# --- views -----------------------------------------------------------------------------


def test_family_week_shows_children_side_by_side_with_the_parent_load(auth_client, family, at):
    at(2026, 1, 6, 8, 0)  # Tuesday
    body = auth_client.get("/api/family/week/").json()
    assert body["weekOf"] == "2026-01-05"
    tuesday = body["days"][1]
    assert [c["childName"] for c in tuesday["children"]] == ["Noah", "Ava"]
    assert {b["name"] for b in tuesday["parentBusy"]} == {"Work Meeting"}
    reading = next(i for i in tuesday["children"][0]["items"] if i["name"] == "Reading")
    assert (reading["startTime"], reading["parentInvolvement"]) == ("09:00", "full_involvement")
    # Noah's Reading needs the parent fully from 09:00: the load shows it.
    at_nine = next(s for s in tuesday["parentLoad"] if s["startTime"] <= "09:00" < s["endTime"])
    assert at_nine["load"] >= 2 and "Noah: Reading" in at_nine["items"]
    assert not any(s["overloaded"] for d in body["days"] for s in d["parentLoad"])


def test_today_is_the_family_local_day(auth_client, family, at):
    at(2026, 1, 7, 23, 30)  # Wednesday 23:30 in New York is already Thursday in UTC
    body = auth_client.get("/api/family/today/").json()
    assert body["date"] == "2026-01-07"
    noah = body["children"][0]
    assert "Soccer Practice" in [i["name"] for i in noah["items"]]  # Mon/Wed
    child = auth_client.get(f"/api/children/{noah['childId']}/today/").json()
    assert child == noah


def test_views_cost_a_fixed_number_of_queries(auth_client, family, at, django_assert_num_queries):
    at(2026, 1, 6, 8, 0)
    generate_reusing_solve(family=family, week_start=MONDAY + dt.timedelta(days=7))
    auth_client.get("/api/family/week/")  # fills the cache
    # ... and one for the sessions' lessons (none here: test_lessons.py counts those)
    with django_assert_num_queries(7):
        auth_client.get("/api/family/week/")
    with django_assert_num_queries(8):
        auth_client.get("/api/family/week/?week=2026-01-12")  # another week: from the database


def test_another_familys_child_and_items_are_404(other_client, family):
    noah = family.children.get(name="Noah")
    math = item("Noah", "Mathematics", MONDAY)
    assert other_client.get(f"/api/children/{noah.pk}/week/").status_code == 404
    assert post(other_client, math, "complete").status_code == 404
    assert post(other_client, math, "move", date="2026-01-05", startTime="13:00").status_code == 404


def test_bad_week_parameter_names_the_field(auth_client, family):
    response = auth_client.get("/api/family/week/?week=soon")
    assert response.status_code == 400
    assert "week" in response.json()["error"]["fields"]


# --- complete, skip ------------------------------------------------------------------


def test_complete_with_details_writes_the_activity_log(auth_client, family):
    math = item("Noah", "Mathematics", MONDAY)
    response = post(
        auth_client,
        math,
        "complete",
        notes="Counted to 100",
        actualStartTime="09:50",
        actualEndTime="10:25",
        childEngagement=4,
        parentInvolvement="full_involvement",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["completed"] is True and body["version"] == math.version + 1
    assert response["ETag"] == f'"{math.version + 1}"'
    entry = ActivityLog.objects.get(schedule_item=math, action="completed")
    assert entry.scheduled["startTime"] == f"{math.start_time:%H:%M}"
    assert entry.scheduled["original"]["duration"] == 30
    assert entry.actual == {
        **entry.actual,
        "completed": True,
        "startTime": "09:50",
        "endTime": "10:25",
        "childEngagement": 4,
        "parentInvolvement": "full_involvement",
    }
    assert entry.notes == "Counted to 100"
    assert snapshot_matches_items(math.schedule)

    math.refresh_from_db()
    undone = post(auth_client, math, "uncomplete")
    assert undone.status_code == 200 and undone.json()["completed"] is False
    assert ActivityLog.objects.filter(schedule_item=math, action="uncompleted").count() == 1


def test_bad_completion_names_the_field_and_saves_nothing(auth_client, family):
    math = item("Noah", "Mathematics", MONDAY)
    response = post(auth_client, math, "complete", actualStartTime="10:00", actualEndTime="09:00")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["actualEndTime"]
    response = post(auth_client, math, "complete", childEngagement=9)
    assert "childEngagement" in response.json()["error"]["fields"]
    math.refresh_from_db()
    assert not math.completed and not ActivityLog.objects.exists()


def test_a_write_needs_the_version_read(auth_client, family):
    math = item("Noah", "Mathematics", MONDAY)
    response = auth_client.post(f"/api/schedule-items/{math.pk}/complete/", {}, format="json")
    assert response.status_code == 400 and "version" in response.json()["error"]["fields"]
    by_header = auth_client.post(
        f"/api/schedule-items/{math.pk}/complete/",
        {},
        format="json",
        HTTP_IF_MATCH=f'W/"{math.version}"',
    )
    assert by_header.status_code == 200


def test_the_second_of_two_writers_with_the_same_version_loses_with_the_current_state(
    auth_client, family
):
    math = item("Noah", "Mathematics", MONDAY)
    first = post(auth_client, math, "complete", notes="done")
    second = post(auth_client, math, "skip", reason="too tired")  # read the same version
    assert first.status_code == 200
    assert second.status_code == 409
    error = second.json()["error"]
    assert error["code"] == "conflict"
    assert error["current"]["completed"] is True and error["current"]["version"] == math.version + 1
    math.refresh_from_db()
    assert math.completed and not math.skipped


@pytest.mark.postgres  # two connections at once
@pytest.mark.django_db(transaction=True)
def test_two_parents_racing_on_one_item_one_loses_cleanly(user, family):
    from brightpath.conftest import _signed_in

    math = item("Noah", "Mathematics", MONDAY)
    results = []
    barrier = threading.Barrier(2)

    def write(body):
        client = _signed_in(user)
        barrier.wait()
        results.append(
            client.post(
                f"/api/schedule-items/{math.pk}/move/",
                {"version": math.version, **body},
                format="json",
            ).status_code
        )
        connection.close()

    threads = [
        threading.Thread(target=write, args=({"date": "2026-01-05", "startTime": f"{h}:00"},))
        for h in (13, 14)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 409]
    math.refresh_from_db()
    assert math.version == 2 and f"{math.start_time:%H}" in ("13", "14")
    assert ActivityLog.objects.filter(schedule_item=math, action="rescheduled").count() == 1


def test_skip_and_unskip(auth_client, family):
    art = ScheduleItem.objects.filter(
        schedule__child__name="Ava", schedule__is_active=True, item_type="subject"
    ).first()
    response = post(auth_client, art, "skip", reason="dentist")
    assert response.status_code == 200 and response.json()["skipped"] is True
    art.refresh_from_db()
    assert post(auth_client, art, "complete").status_code == 200  # doing it after all
    art.refresh_from_db()
    assert (art.completed, art.skipped) == (True, False)
    assert post(auth_client, art, "skip").status_code == 409  # done: un-complete first


# --- move ------------------------------------------------------------------------------


TUESDAY = MONDAY + dt.timedelta(days=1)


def free_start(family, it: ScheduleItem, day: dt.date) -> str:
    """A start time on `day` where the item breaks no rule (found by the validator)."""
    from brightpath.planner.services.placement import conflicts

    state = week_state(family=family, week_start=MONDAY, leave_out=str(it.pk))
    length = (it.end_time.hour * 60 + it.end_time.minute) - (
        it.start_time.hour * 60 + it.start_time.minute
    )
    for start in range(9 * 60, 14 * 60 - length + 1, 5):
        found = conflicts(
            state, it, child_id=str(it.schedule.child_id), day=day, start=start, end=start + length
        )
        if not found and start != it.start_time.hour * 60 + it.start_time.minute:
            return f"{start // 60:02d}:{start % 60:02d}"
    raise AssertionError("no free slot")


def test_a_move_into_a_conflict_is_409_naming_it(auth_client, family):
    math = item("Noah", "Mathematics", TUESDAY)  # needs the parent, who is at work 10:00-11:30
    response = post(auth_client, math, "move", date="2026-01-06", startTime="10:30")
    assert response.status_code == 409
    error = response.json()["error"]
    assert any("Work Meeting" in c for c in error["conflicts"]), error
    assert error["current"]["startTime"] == f"{math.start_time:%H:%M}"
    math.refresh_from_db()
    assert math.version == 1 and not math.pinned  # nothing saved


def test_a_move_to_a_free_slot_is_pinned_and_logged(auth_client, family):
    math = item("Noah", "Mathematics", TUESDAY)
    target = free_start(family, math, TUESDAY)
    response = post(auth_client, math, "move", date="2026-01-06", startTime=target)
    assert response.status_code == 200, response.json()
    math.refresh_from_db()
    assert (f"{math.start_time:%H:%M}", math.pinned, math.version) == (target, True, 2)
    history = math.item_data["adjustmentHistory"]
    assert history[-1]["previousDate"] == "2026-01-06" and "forced" not in history[-1]
    entry = ActivityLog.objects.get(schedule_item=math, action="rescheduled")
    assert entry.actual["newStartTime"] == target and entry.actual["rescheduled"] is True
    assert snapshot_matches_items(math.schedule)
    assert hard_rule_violations(family) == []
    # Regenerating the week keeps the moved session where the parent put it.
    schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    again = item("Noah", "Mathematics", TUESDAY)
    assert (f"{again.start_time:%H:%M}", again.pinned) == (target, True)


def test_a_forced_move_is_recorded(auth_client, family):
    math = item("Noah", "Mathematics", TUESDAY)
    response = post(auth_client, math, "move", date="2026-01-06", startTime="10:30", force=True)
    assert response.status_code == 200
    math.refresh_from_db()
    last = math.item_data["adjustmentHistory"][-1]
    assert last["forced"] is True and any("Work Meeting" in c for c in last["conflicts"])
    assert ActivityLog.objects.get(schedule_item=math, action="rescheduled").actual["forced"]


def test_resizing_a_session_breaks_its_planned_length(auth_client, family):
    math = item("Noah", "Mathematics", TUESDAY)
    start = f"{math.start_time:%H:%M}"
    response = post(auth_client, math, "move", date="2026-01-06", startTime=start, endTime="23:00")
    assert response.status_code == 409
    assert any("30" in c for c in response.json()["error"]["conflicts"])


def test_commitments_are_not_moved_here(auth_client, family):
    soccer = item("Noah", "Soccer Practice", MONDAY)
    response = post(auth_client, soccer, "move", date="2026-01-05", startTime="15:00")
    assert response.status_code == 400 and "type" in response.json()["error"]["fields"]


# --- ad-hoc activities ---------------------------------------------------------------


def add_activity(client, child, **body):
    return client.post(
        "/api/schedule-items/",
        {
            "childId": str(child.pk),
            "name": "Library trip",
            "date": "2026-01-07",
            "startTime": "09:00",
            "endTime": "11:00",
            **body,
        },
        format="json",
    )


def test_an_ad_hoc_item_collides_with_sessions_unless_forced(auth_client, family):
    ava = family.children.get(name="Ava")
    response = add_activity(auth_client, ava)
    assert response.status_code == 409 and response.json()["error"]["conflicts"]
    assert not ScheduleItem.objects.filter(item_type="activity").exists()
    forced = add_activity(auth_client, ava, force=True)
    assert forced.status_code == 201
    assert ActivityLog.objects.get(action="added").actual["forced"] is True


def test_an_ad_hoc_item_in_free_time_is_kept_by_regeneration_and_deletable(auth_client, family):
    ava = family.children.get(name="Ava")
    response = add_activity(auth_client, ava, startTime="16:00", endTime="17:30", name="Museum")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["type"], body["pinned"]) == ("activity", True)

    schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    museum = ScheduleItem.objects.get(schedule__is_active=True, name="Museum")
    assert museum.calendar_uid == ScheduleItem.objects.get(pk=body["id"]).calendar_uid

    stale = auth_client.delete(f"/api/schedule-items/{museum.pk}/?version=99")
    assert stale.status_code == 409
    deleted = auth_client.delete(f"/api/schedule-items/{museum.pk}/?version={museum.version}")
    assert deleted.status_code == 204
    assert not ScheduleItem.objects.filter(pk=museum.pk).exists()
    entry = ActivityLog.objects.get(action="deleted")
    assert entry.schedule_item is None and entry.activity_name == "Museum"  # the log stays


def test_only_ad_hoc_items_can_be_deleted(auth_client, family):
    math = item("Noah", "Mathematics", MONDAY)
    response = auth_client.delete(f"/api/schedule-items/{math.pk}/", HTTP_IF_MATCH='"1"')
    assert response.status_code == 400 and "type" in response.json()["error"]["fields"]


def test_calendar_uids_stay_unique_when_a_moved_sessions_day_is_replanned(auth_client, family):
    math = item("Noah", "Mathematics", TUESDAY)
    uid = math.calendar_uid
    wednesday = TUESDAY + dt.timedelta(days=1)
    response = post(auth_client, math, "move", date=str(wednesday), startTime="13:00", force=True)
    assert response.status_code == 200
    schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    moved = ScheduleItem.objects.get(schedule__is_active=True, calendar_uid=uid)
    assert (moved.day_date, moved.pinned, moved.version) == (wednesday, True, 2)
    uids = list(
        ScheduleItem.objects.filter(schedule__family=family, schedule__is_active=True).values_list(
            "calendar_uid", flat=True
        )
    )
    assert len(uids) == len(set(uids))
    assert ScheduleItem.objects.filter(
        schedule__is_active=True, name="Mathematics", day_date=TUESDAY
    ).exists()  # Tuesday got its Mathematics back, under a uid of its own
