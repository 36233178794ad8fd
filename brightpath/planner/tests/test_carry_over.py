"""Carry-over, days off, and the schedule caches."""

import datetime as dt
import json
import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from brightpath.accounts.tests.factories import UserFactory
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner import caches
from brightpath.planner.models import ActivityLog, CarryOver, ScheduleItem
from brightpath.planner.services import carry_over, schedule_generate
from brightpath.planner.services.carry_over import carry_over_all, carry_over_run
from brightpath.planner.tasks import carry_over_nightly
from brightpath.planner.tests.conftest import DEMO, DEMO_MONDAY, NEW_YORK
from brightpath.planner.tests.stored_weeks import generate_reusing_solve
from brightpath.planner.tests.test_living import hard_rule_violations, item, post

pytestmark = pytest.mark.django_db

MONDAY, TUESDAY = DEMO_MONDAY, DEMO_MONDAY + dt.timedelta(days=1)
WEDNESDAY, THURSDAY = DEMO_MONDAY + dt.timedelta(days=2), DEMO_MONDAY + dt.timedelta(days=3)
WEDNESDAY_NIGHT = dt.datetime(2026, 1, 7, 0, 30, tzinfo=NEW_YORK)
WEEK = dt.timedelta(days=7)


def week_items(family):
    return ScheduleItem.objects.filter(
        schedule__family=family, schedule__is_active=True, item_type="subject"
    ).select_related("schedule__child")


def test_missed_work_moves_to_valid_slots_from_today_and_can_be_undone(auth_client, demo_family):
    done = item("Noah", "Mathematics", MONDAY)
    post(auth_client, done, "complete")
    skipped = week_items(demo_family).filter(schedule__child__name="Ava", day_date=MONDAY).first()
    post(auth_client, skipped, "skip")
    missed = {
        str(i.pk): i
        for i in week_items(demo_family).filter(
            day_date__lt=WEDNESDAY, completed=False, skipped=False
        )
    }

    record = carry_over_run(family=demo_family, trigger="manual", now=WEDNESDAY_NIGHT)

    assert {m["itemId"] for m in record.moves} == set(missed)  # not the done or skipped ones
    moved = [m for m in record.moves if m["to"]]
    stuck = [m for m in record.moves if not m["to"]]
    assert moved, "Ava's weekly subjects have room later in the week"
    for move in moved:
        assert move["to"]["date"] >= "2026-01-07"
        it = ScheduleItem.objects.get(pk=move["itemId"])
        assert (str(it.day_date), f"{it.start_time:%H:%M}") == (
            move["to"]["date"],
            move["to"]["startTime"],
        )
        assert it.pinned and it.item_data["carriedOver"]["date"] == move["from"]["date"]
    # Noah's daily subjects are on every remaining day already: they cannot move, and say so.
    assert any(m["childName"] == "Noah" and m["name"] == "Mathematics" for m in stuck)
    assert all("No free slot" in m["reason"] for m in stuck)
    assert hard_rule_violations(demo_family) == []
    assert ActivityLog.objects.filter(action="rescheduled").count() == len(moved)

    undo = auth_client.post(f"/api/family/carry-overs/{record.pk}/undo/")
    assert undo.status_code == 200, undo.json()
    for move in moved:
        it = ScheduleItem.objects.get(pk=move["itemId"])
        assert (str(it.day_date), f"{it.start_time:%H:%M}") == (
            move["from"]["date"],
            move["from"]["startTime"],
        )
        assert "carriedOver" not in it.item_data and it.pinned == move["wasPinned"]
    assert auth_client.post(f"/api/family/carry-overs/{record.pk}/undo/").status_code == 409


def item_updates(queries) -> int:
    return sum(q["sql"].startswith('UPDATE "schedule_items"') for q in queries)


def test_a_carried_over_item_is_written_once_as_one_new_version(auth_client, demo_family):
    versions = dict(week_items(demo_family).values_list("pk", "version"))

    with CaptureQueriesContext(connection) as run:
        record = carry_over_run(family=demo_family, trigger="manual", now=WEDNESDAY_NIGHT)

    moved = [m for m in record.moves if m["to"]]
    assert moved and item_updates(run.captured_queries) == len(moved)
    for move in moved:
        it = ScheduleItem.objects.get(pk=move["itemId"])
        assert it.version == move["version"] == versions[it.pk] + 1
        assert it.pinned and it.item_data["carriedOver"]["carryOverId"] == str(record.pk)
        assert it.item_data["adjustmentHistory"][-1]["carryOverId"] == str(record.pk)

    with CaptureQueriesContext(connection) as undo:
        response = auth_client.post(f"/api/family/carry-overs/{record.pk}/undo/")
    assert response.status_code == 200
    assert item_updates(undo.captured_queries) == len(moved)
    for move in moved:
        it = ScheduleItem.objects.get(pk=move["itemId"])
        assert it.version == move["version"] + 1 and it.pinned == move["wasPinned"]
        assert "carriedOver" not in it.item_data
        assert [h.get("undo") for h in it.item_data["adjustmentHistory"][-2:]] == [None, True]


def test_undo_leaves_alone_what_the_parent_changed_since(auth_client, demo_family):
    record = carry_over_run(family=demo_family, trigger="manual", now=WEDNESDAY_NIGHT)
    first = next(m for m in record.moves if m["to"])
    it = ScheduleItem.objects.get(pk=first["itemId"])
    post(auth_client, it, "complete")
    body = auth_client.post(f"/api/family/carry-overs/{record.pk}/undo/").json()
    entry = next(m for m in body["moves"] if m["itemId"] == first["itemId"])
    assert entry["undone"] is False and "changed" in entry["notUndoneReason"]
    it.refresh_from_db()
    assert str(it.day_date) == first["to"]["date"] and it.completed


def test_carry_over_on_demand_and_listed(auth_client, demo_family, at):
    at(2026, 1, 7, 12, 0)  # Wednesday noon: Monday and Tuesday were missed
    response = auth_client.post("/api/family/carry-over/")
    assert response.status_code == 201
    moves = response.json()["moves"]
    # Today's slots before now are not offered.
    assert all(
        (m["to"]["date"], m["to"]["startTime"]) >= ("2026-01-07", "12:00") for m in moves if m["to"]
    )
    listed = auth_client.get("/api/family/carry-overs/").json()
    assert listed["results"][0]["id"] == response.json()["id"]


def test_nothing_missed_is_204(auth_client, demo_family, at):
    at(2026, 1, 5, 6, 0)  # Monday before school
    assert auth_client.post("/api/family/carry-over/").status_code == 204


def nightly_at(monkeypatch, moment: dt.datetime) -> int:
    """The nightly run as beat starts it at `moment`, the clock showing the same."""
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return carry_over_all(now=moment)


def test_the_nightly_job_runs_once_in_the_family_first_hour(demo_family, monkeypatch):
    for when, runs in [("04:30", 0), ("05:30", 1), ("05:50", 0)]:  # 23:30, 00:30, again
        monkeypatch.setattr(
            timezone, "now", lambda when=when: dt.datetime.fromisoformat(f"2026-01-07T{when}+00:00")
        )
        assert carry_over_nightly(now=f"2026-01-07T{when}:00+00:00") == runs
    assert CarryOver.objects.get().trigger == "nightly"


def demo_family_of(user, name: str, time_zone: str, week_start: dt.date):
    """The demo family's questionnaire for another parent, with one week planned."""
    data = json.loads(DEMO.read_text())
    data["section1"] = {**data["section1"], "name": name, "timeZone": time_zone}
    family = questionnaire_submit(user=user, data=data)
    generate_reusing_solve(family=family, week_start=week_start)
    return family


def placed(family) -> dict:
    return {
        i.pk: (i.version, i.day_date, i.start_time, i.skipped)
        for i in ScheduleItem.objects.filter(schedule__family=family)
    }


def test_the_nightly_run_carries_over_each_family_once_in_its_own_first_hour(
    demo_family, monkeypatch
):
    # Planned from next week only: an active plan, and nothing missed yet.
    caught_up = demo_family_of(UserFactory(), "Diaz", "America/New_York", DEMO_MONDAY + WEEK)
    # Missed Monday and Tuesday too, but it is mid-afternoon in Tokyo.
    tokyo = demo_family_of(UserFactory(), "Sato", "Asia/Tokyo", DEMO_MONDAY)
    missed = set(
        week_items(demo_family)
        .filter(day_date__lt=WEDNESDAY, completed=False, skipped=False)
        .values_list("pk", flat=True)
    )
    untouched = {f.pk: placed(f) for f in (caught_up, tokyo)}
    midnight_in_new_york = dt.datetime(2026, 1, 7, 5, 30, tzinfo=dt.UTC)

    assert nightly_at(monkeypatch, midnight_in_new_york) == 1

    record = CarryOver.objects.get()
    assert (record.family, record.trigger) == (demo_family, "nightly")
    assert {m["itemId"] for m in record.moves} == {str(pk) for pk in missed}
    assert {f.pk: placed(f) for f in (caught_up, tokyo)} == untouched
    after_first = placed(demo_family)

    assert nightly_at(monkeypatch, midnight_in_new_york) == 0  # rerun: nothing doubled
    assert nightly_at(monkeypatch, midnight_in_new_york + dt.timedelta(minutes=20)) == 0
    assert CarryOver.objects.count() == 1 and placed(demo_family) == after_first

    assert nightly_at(monkeypatch, dt.datetime(2026, 1, 7, 15, 30, tzinfo=dt.UTC)) == 1  # Tokyo
    assert CarryOver.objects.filter(family=tokyo, trigger="nightly").count() == 1
    assert not CarryOver.objects.filter(family=caught_up).exists()
    assert placed(demo_family) == after_first


def test_one_familys_failure_does_not_cost_the_others_their_night(demo_family, monkeypatch, caplog):
    second = demo_family_of(UserFactory(), "Diaz", "America/New_York", DEMO_MONDAY)
    run = carry_over.carry_over_run

    def broken_for_the_demo_family(*, family, **kwargs):
        if family == demo_family:
            raise RuntimeError("boom")
        return run(family=family, **kwargs)

    monkeypatch.setattr(carry_over, "carry_over_run", broken_for_the_demo_family)
    assert carry_over_all(now=dt.datetime(2026, 1, 7, 5, 30, tzinfo=dt.UTC)) == 1
    assert list(CarryOver.objects.values_list("family", flat=True)) == [second.pk]
    assert "Nightly carry-over failed" in caplog.text


@pytest.mark.postgres  # two connections at once
@pytest.mark.django_db(transaction=True)
def test_two_nightly_runs_at_once_carry_over_once(demo_family, monkeypatch):
    midnight_in_new_york = dt.datetime(2026, 1, 7, 5, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: midnight_in_new_york)
    results = []
    barrier = threading.Barrier(2)

    def nightly():
        barrier.wait()
        results.append(carry_over_all(now=midnight_in_new_york))
        connection.close()

    threads = [threading.Thread(target=nightly) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [0, 1]
    assert CarryOver.objects.filter(family=demo_family, trigger="nightly").count() == 1


# --- days off ---------------------------------------------------------------------------


def test_a_day_off_moves_its_plan_forward_and_regeneration_leaves_it_empty(
    auth_client, demo_family, at
):
    at(2026, 1, 6, 8, 0)  # Tuesday morning; Thursday becomes a holiday
    response = auth_client.post(
        "/api/family/days-off/", {"date": "2026-01-08", "label": "Snow day"}, format="json"
    )
    assert response.status_code == 201, response.json()
    carry = response.json()["carryOver"]
    assert carry["trigger"] == "day_off" and carry["moves"]
    assert all(m["from"]["date"] == "2026-01-08" for m in carry["moves"])
    assert all(m["to"]["date"] > "2026-01-08" for m in carry["moves"] if m["to"])
    left = week_items(demo_family).filter(day_date=THURSDAY, skipped=False)
    assert not left.exists()  # moved, or skipped when nowhere was free
    week = auth_client.get("/api/family/week/").json()
    thursday = week["days"][3]
    assert any(b.get("dayOff") for b in thursday["parentBusy"])

    schedule_generate(family=demo_family, week_start=MONDAY, time_limit=1)
    replanned = week_items(demo_family).filter(day_date=THURSDAY, pinned=False)
    assert not replanned.exists()
    again = auth_client.post("/api/family/days-off/", {"date": "2026-01-08"}, format="json")
    assert again.status_code == 400 and "date" in again.json()["error"]["fields"]


def test_a_child_sick_day_only_touches_that_child(auth_client, demo_family, at):
    at(2026, 1, 6, 8, 0)
    noah = demo_family.children.get(name="Noah")
    response = auth_client.post(
        "/api/family/days-off/",
        {"date": "2026-01-08", "childId": str(noah.pk), "kind": "sick"},
        format="json",
    )
    assert response.status_code == 201
    assert {m["childName"] for m in response.json()["carryOver"]["moves"]} == {"Noah"}
    assert (
        week_items(demo_family)
        .filter(schedule__child__name="Ava", day_date=THURSDAY, skipped=False)
        .exists()
    )


# --- caches -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_week_is_served_from_the_cache_and_a_write_invalidates_it(auth_client, demo_family, at):
    at(2026, 1, 6, 8, 0)
    noah = demo_family.children.get(name="Noah")
    math = item("Noah", "Mathematics", TUESDAY)
    cache.clear()  # the invalidation marker left by generating the week has expired
    auth_client.get("/api/family/week/")
    assert cache.get(caches.week_key(noah.pk))["weekOf"] == "2026-01-05"

    # A change that bypasses the services is not seen: the answer came from the cache.
    ScheduleItem.objects.filter(pk=math.pk).update(name="Sums")
    names = {
        i["name"]
        for i in auth_client.get(f"/api/children/{noah.pk}/week/").json()["days"][1]["items"]
    }
    assert "Sums" not in names

    # A write through the service is seen at once (a stale read after a write is a bug).
    assert post(auth_client, math, "complete").status_code == 200
    tuesday = auth_client.get(f"/api/children/{noah.pk}/week/").json()["days"][1]["items"]
    assert next(i for i in tuesday if i["id"] == str(math.pk))["completed"] is True
    today = auth_client.get(f"/api/children/{noah.pk}/today/").json()["items"]
    assert next(i for i in today if i["id"] == str(math.pk))["completed"] is True


DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_with_redis_down_the_database_answers(auth_client, demo_family, at):
    at(2026, 1, 6, 8, 0)
    expected = auth_client.get("/api/family/week/").json()
    math = item("Noah", "Mathematics", TUESDAY)
    with override_settings(CACHES=DEAD_REDIS):
        assert auth_client.get("/api/family/week/").json() == expected
        assert post(auth_client, math, "complete").status_code == 200
        tuesday = auth_client.get("/api/family/week/").json()["days"][1]["children"][0]["items"]
        assert next(i for i in tuesday if i["id"] == str(math.pk))["completed"] is True


def test_admin_lists_the_activity_log_and_carry_overs(client, auth_client, demo_family):
    from brightpath.accounts.models import User

    post(auth_client, item("Noah", "Mathematics", MONDAY), "complete", notes="well done")
    carry_over_run(family=demo_family, trigger="manual", now=WEDNESDAY_NIGHT)
    operator = User.objects.create_superuser("ops@example.com", "Ops-passw0rd!", name="Ops")
    client.force_login(operator)
    log_page = client.get("/admin/planner/activitylog/").content.decode()
    assert "Mathematics" in log_page and "completed" in log_page
    assert client.get("/admin/planner/carryover/").status_code == 200
    assert client.get("/admin/planner/dayoff/").status_code == 200
