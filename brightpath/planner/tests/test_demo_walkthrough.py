"""Issue 5's walk-through on the demo family, all through the API: complete three
items, move one into a conflict and one to a free slot, skip one, carry over,
then read the records and the calendar feed."""

import datetime as dt

import pytest
import vobject

from brightpath.planner.models import ScheduleItem
from brightpath.planner.tests.conftest import DEMO_MONDAY
from brightpath.planner.tests.test_living import free_start, hard_rule_violations, item, post

pytestmark = pytest.mark.django_db

MONDAY, TUESDAY = DEMO_MONDAY, DEMO_MONDAY + dt.timedelta(days=1)


def test_a_week_lived_through_the_api(auth_client, client, demo_family, at):
    at(2026, 1, 6, 8, 0)  # Tuesday morning in New York
    noah = demo_family.children.get(name="Noah")
    week = auth_client.get("/api/family/week/").json()
    assert [c["childName"] for c in week["days"][0]["children"]] == ["Noah", "Ava"]

    # Monday: three items done, with actual times on one of them.
    reading = item("Noah", "Reading", MONDAY)  # fixed at 09:00, 45 minutes
    math = item("Noah", "Mathematics", MONDAY)  # 30 minutes
    ava_first = (
        ScheduleItem.objects.filter(
            schedule__child__name="Ava",
            schedule__is_active=True,
            day_date=MONDAY,
            item_type="subject",
        )
        .order_by("start_time")
        .first()
    )
    assert post(auth_client, reading, "complete", notes="Read two chapters").status_code == 200
    assert (
        post(
            auth_client, math, "complete", actualStartTime="10:00", actualEndTime="10:40"
        ).status_code
        == 200
    )
    assert post(auth_client, ava_first, "complete").status_code == 200
    ava_minutes = (
        ava_first.end_time.hour * 60
        + ava_first.end_time.minute
        - ava_first.start_time.hour * 60
        - ava_first.start_time.minute
    )

    # Tuesday: Noah's Mathematics into the parent's work meeting is refused ...
    tuesday_math = item("Noah", "Mathematics", TUESDAY)
    refused = post(auth_client, tuesday_math, "move", date="2026-01-06", startTime="10:30")
    assert refused.status_code == 409
    assert any("Work Meeting" in c for c in refused.json()["error"]["conflicts"])
    # ... and into a free slot is accepted.
    target = free_start(demo_family, tuesday_math, TUESDAY)
    moved = post(auth_client, tuesday_math, "move", date="2026-01-06", startTime=target)
    assert moved.status_code == 200 and moved.json()["startTime"] == target

    # One of Ava's Monday sessions is skipped: it must not be carried over.
    skipped = (
        ScheduleItem.objects.filter(
            schedule__child__name="Ava",
            schedule__is_active=True,
            day_date=MONDAY,
            completed=False,
            item_type="subject",
        )
        .order_by("start_time")
        .first()
    )
    assert post(auth_client, skipped, "skip", reason="Dentist").status_code == 200

    # Wednesday morning: carry over what Monday left undone.
    at(2026, 1, 7, 7, 0)
    carried = auth_client.post("/api/family/carry-over/")
    assert carried.status_code == 201
    moves = carried.json()["moves"]
    moved_ids = {m["itemId"] for m in moves}
    assert str(skipped.pk) not in moved_ids and str(math.pk) not in moved_ids
    assert all(m["to"]["date"] >= "2026-01-07" for m in moves if m["to"])
    assert hard_rule_violations(demo_family) == []

    # Records: Noah did 45 (Reading) + 40 (Mathematics, actual times) minutes on one day.
    records = auth_client.get(
        f"/api/children/{noah.pk}/records/?from=2026-01-05&to=2026-01-09"
    ).json()
    assert records["daysOfInstruction"] == 1
    assert records["totalMinutes"] == 85
    family = auth_client.get("/api/family/records/?from=2026-01-05&to=2026-01-09").json()
    assert family["totals"]["totalMinutes"] == 85 + ava_minutes

    # The calendar feed, read back with another library, has the week with stable UIDs.
    feed = auth_client.post("/api/calendar-feeds/", {}, format="json").json()
    ics = client.get(feed["url"].split("testserver")[-1])
    assert ics.status_code == 200
    calendar = vobject.readOne(ics.content.decode())
    events = {e.uid.value: e for e in calendar.vevent_list}
    math_event = events[f"{tuesday_math.calendar_uid}@brightpath"]
    assert math_event.dtstart.value.strftime("%H:%M") == target
    assert f"{math_event.dtstart.value:%Y-%m-%d}" == "2026-01-06"
