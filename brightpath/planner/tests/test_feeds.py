"""Calendar feeds: what a calendar app subscribed to the secret URL reads.

The feed is built with `icalendar` and read back here with `vobject`, a
different parser, as Google or Apple would read it: by its own rules.
"""

import datetime as dt
import json

import pytest
import vobject
from rest_framework.test import APIClient

from brightpath.common.errors import NotFound
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import CalendarFeed, ScheduleItem
from brightpath.planner.selectors.feeds import calendar_feed_get
from brightpath.planner.services import schedule_generate
from brightpath.planner.services.items import item_complete, item_move, item_skip

from .conftest import DEMO, DEMO_MONDAY, NEW_YORK
from .stored_weeks import generate_reusing_solve

pytestmark = pytest.mark.django_db

TUESDAY = DEMO_MONDAY + dt.timedelta(days=1)


@pytest.fixture
def wednesday(at, demo_family):
    """The demo family's week is planned and it is Wednesday morning in New York."""
    at(2026, 1, 7, 8, 0)
    return demo_family


def subscribe(client, child=None):
    body = {"childId": str(child.pk)} if child else {}
    response = client.post("/api/calendar-feeds/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def fetch(url: str):
    """What a calendar app gets: no credentials, only the URL."""
    return APIClient().get(url.split("testserver", 1)[1])


def read(url: str):
    response = fetch(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    return vobject.readOne(response.content.decode())


def events(calendar) -> dict[str, object]:
    found = {event.uid.value: event for event in calendar.contents.get("vevent", [])}
    assert len(found) == len(calendar.contents.get("vevent", [])), "UIDs repeat"
    return found


def by_day(found: dict) -> dict[tuple[str, dt.date], str]:
    """(summary, date) -> UID, for the pairs that occur once."""
    keys = [(e.summary.value, e.dtstart.value.date()) for e in found.values()]
    return {key: uid for key, uid in zip(keys, found, strict=True) if keys.count(key) == 1}


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=NEW_YORK)


def noah_item(family, name: str, day: dt.date) -> ScheduleItem:
    return ScheduleItem.objects.get(
        schedule__child__name="Noah",
        schedule__family=family,
        schedule__is_active=True,
        name=name,
        day_date=day,
    )


def test_family_feed_has_every_childs_week_at_local_times(auth_client, wednesday):
    feed = subscribe(auth_client)
    assert feed["url"].startswith("http://testserver/calendar/") and feed["url"].endswith(".ics")
    assert feed["webcalUrl"] == "webcal://" + feed["url"].removeprefix("http://")
    assert feed["childId"] is None and feed["childName"] is None

    text = fetch(feed["url"]).content.decode()
    assert "X-PUBLISHED-TTL:PT1H" in text and "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text
    calendar = read(feed["url"])
    assert calendar.x_wr_calname.value == "Sarah Kim (BrightPath)"
    assert calendar.vtimezone.tzid.value == "America/New_York"
    found = events(calendar)
    planned = ScheduleItem.objects.filter(schedule__family=wednesday, schedule__is_active=True)
    assert len(found) == planned.count() > 0

    reading = noah_item(wednesday, "Reading", DEMO_MONDAY)
    event = found[f"{reading.calendar_uid}@brightpath"]
    assert event.summary.value == "Noah: Reading"
    assert event.dtstart.value == local(DEMO_MONDAY, 9, 0)  # the fixed time, in New York
    assert event.dtstart.value.utcoffset() == dt.timedelta(hours=-5)
    assert "DTSTART;TZID=America/New_York:20260105T090000" in text  # local time, not UTC
    assert event.dtend.value == local(DEMO_MONDAY, 9, 45)
    assert int(event.sequence.value) == reading.version
    assert event.dtstamp.value.tzinfo is not None
    assert event.last_modified.value.tzinfo is not None
    soccer = next(e for e in found.values() if e.summary.value == "Noah: Soccer Practice")
    assert soccer.dtstart.value == local(soccer.dtstart.value.date(), 16, 0)
    assert "Outside commitment" in soccer.description.value
    assert {e.summary.value.split(":")[0] for e in found.values()} == {"Noah", "Ava"}


def test_child_feed_has_only_that_child_with_plain_names(auth_client, wednesday):
    noah = wednesday.children.get(name="Noah")
    feed = subscribe(auth_client, noah)
    assert (feed["childId"], feed["childName"]) == (str(noah.pk), "Noah")

    calendar = read(feed["url"])
    assert calendar.x_wr_calname.value == "Noah (BrightPath)"
    found = events(calendar)
    assert len(found) == ScheduleItem.objects.filter(schedule__child=noah).count()
    assert "Reading" in {e.summary.value for e in found.values()}
    assert not any(":" in e.summary.value for e in found.values())


def test_summer_times_carry_the_summer_offset(auth_client, at, demo_family):
    july = dt.date(2026, 7, 6)
    generate_reusing_solve(family=demo_family, week_start=july)
    at(2026, 7, 8, 8, 0)
    found = events(read(subscribe(auth_client)["url"]))
    reading = found[f"{noah_item(demo_family, 'Reading', july).calendar_uid}@brightpath"]
    assert reading.dtstart.value == local(july, 9, 0)
    assert reading.dtstart.value.utcoffset() == dt.timedelta(hours=-4)  # EDT
    assert (
        len(found)
        == ScheduleItem.objects.filter(schedule__family=demo_family, day_date__gte=july).count()
    )  # January is more than 4 weeks back: out of the feed


def test_skipped_items_leave_the_feed_and_completed_ones_say_so(auth_client, user, wednesday):
    reading = noah_item(wednesday, "Reading", DEMO_MONDAY)
    math = noah_item(wednesday, "Mathematics", TUESDAY)
    item_complete(user=user, item_id=reading.pk, version=reading.version)
    item_skip(user=user, item_id=math.pk, version=math.version)

    found = events(read(subscribe(auth_client)["url"]))
    assert "Completed" in found[f"{reading.calendar_uid}@brightpath"].description.value
    assert f"{math.calendar_uid}@brightpath" not in found


def test_uid_stays_when_an_item_moves_and_when_the_week_is_replanned(auth_client, user, wednesday):
    url = subscribe(auth_client)["url"]
    before = events(read(url))
    math = noah_item(wednesday, "Mathematics", TUESDAY)
    uid = f"{math.calendar_uid}@brightpath"
    saturday = DEMO_MONDAY + dt.timedelta(days=5)

    item_move(
        user=user,
        item_id=math.pk,
        version=math.version,
        day=saturday,
        start=dt.time(10, 30),
        force=True,
    )
    moved = events(read(url))
    assert set(moved) == set(before)
    assert moved[uid].dtstart.value == local(saturday, 10, 30)
    assert int(moved[uid].sequence.value) > int(before[uid].sequence.value)

    schedule_generate(family=wednesday, week_start=DEMO_MONDAY, time_limit=1)
    replanned = events(read(url))
    # Each session the new version plans on a day the old one had it is the
    # same event: same UID, updated in place rather than duplicated.
    was, now = by_day(moved), by_day(replanned)
    same_day = set(was) & set(now)
    assert len(same_day) > len(was) / 2
    assert all(was[key] == now[key] for key in same_day)
    assert replanned[uid].dtstart.value == local(saturday, 10, 30)  # a moved item stays put
    # A session planned anew on the day it left is its own event (events() checks
    # UIDs are unique), so nothing planned is dropped by a calendar app.
    active = ScheduleItem.objects.filter(schedule__family=wednesday, schedule__is_active=True)
    assert len(replanned) == active.count()


def test_revoked_feed_answers_404_and_leaves_the_list(auth_client, wednesday):
    feed = subscribe(auth_client)
    assert fetch(feed["url"]).status_code == 200

    assert auth_client.delete(f"/api/calendar-feeds/{feed['id']}/").status_code == 204
    assert fetch(feed["url"]).status_code == 404
    assert auth_client.get("/api/calendar-feeds/").json()["results"] == []
    assert auth_client.delete(f"/api/calendar-feeds/{feed['id']}/").status_code == 404


def test_unknown_token_answers_404(wednesday):
    assert fetch("http://testserver/calendar/not-a-real-token.ics").status_code == 404


def test_list_shows_the_familys_feeds_with_their_urls(auth_client, other_client, wednesday):
    noah = wednesday.children.get(name="Noah")
    made = [subscribe(auth_client), subscribe(auth_client, noah)]
    listed = auth_client.get("/api/calendar-feeds/").json()
    assert listed["count"] == 2
    assert listed["results"] == made
    assert len({feed["url"] for feed in made}) == 2
    assert all(len(feed.token) >= 43 for feed in CalendarFeed.objects.all())  # token_urlsafe(32)
    assert other_client.get("/api/calendar-feeds/").json()["results"] == []


def test_the_list_answers_the_page_its_schema_documents(auth_client, wednesday):
    subscribe(auth_client)
    listed = auth_client.get("/api/calendar-feeds/").json()
    schema = auth_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    answer = schema["paths"]["/api/calendar-feeds/"]["get"]["responses"]["200"]
    page = components[answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]]
    assert set(page["properties"]) == set(listed) == {"count", "next", "previous", "results"}
    row = components[page["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[1]]
    assert set(row["properties"]) == set(listed["results"][0])


def test_getting_one_feed_sees_only_the_users_feeds_that_still_answer(
    user, other_user, auth_client, wednesday, django_assert_num_queries
):
    feed = CalendarFeed.objects.get(pk=subscribe(auth_client)["id"])
    with django_assert_num_queries(1):
        assert calendar_feed_get(user=user, feed_id=feed.pk) == feed
    with pytest.raises(NotFound):
        calendar_feed_get(user=other_user, feed_id=feed.pk)
    assert auth_client.delete(f"/api/calendar-feeds/{feed.pk}/").status_code == 204
    with pytest.raises(NotFound):
        calendar_feed_get(user=user, feed_id=feed.pk)


def test_nobody_makes_or_revokes_a_feed_on_another_familys_child(
    other_client, other_user, auth_client, wednesday
):
    questionnaire_submit(user=other_user, data=json.loads(DEMO.read_text()))
    noah = wednesday.children.get(name="Noah")
    response = other_client.post("/api/calendar-feeds/", {"childId": str(noah.pk)}, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"

    mine = subscribe(auth_client, noah)
    assert other_client.delete(f"/api/calendar-feeds/{mine['id']}/").status_code == 404
    assert fetch(mine["url"]).status_code == 200
    assert CalendarFeed.objects.filter(child=noah).count() == 1


def test_bad_child_id_is_a_400_naming_the_field(auth_client, wednesday):
    response = auth_client.post("/api/calendar-feeds/", {"childId": "noah"}, format="json")
    assert response.status_code == 400
    assert "childId" in response.json()["error"]["fields"]


def test_feeds_need_a_signed_in_parent(api_client, wednesday):
    assert api_client.get("/api/calendar-feeds/").status_code == 401
    assert api_client.post("/api/calendar-feeds/", {}, format="json").status_code == 401


def test_reading_a_feed_takes_three_queries_however_much_is_planned(
    auth_client, wednesday, django_assert_num_queries
):
    url = subscribe(auth_client)["url"]
    # the feed, its items, the sessions' lessons (none here: test_lessons.py has those)
    with django_assert_num_queries(3):
        one_week = fetch(url)
    generate_reusing_solve(family=wednesday, week_start=DEMO_MONDAY + dt.timedelta(days=7))
    with django_assert_num_queries(3):
        two_weeks = fetch(url)
    assert len(events(vobject.readOne(two_weeks.content.decode()))) > len(
        events(vobject.readOne(one_week.content.decode()))
    )
