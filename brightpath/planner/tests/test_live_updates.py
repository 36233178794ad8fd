"""Live updates across devices (seed 001's pub/sub): every committed change to a
family's weeks is published on SCHEDULE:UPDATES:{family}, streamed to that family's
open pages only, and pages without a stream poll /api/family/changes/."""

import datetime as dt
import json
import time

import pytest
from django.conf import settings as django_settings
from django.db import transaction

from brightpath.common.errors import Conflict
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner import events
from brightpath.planner.apis import events as events_api
from brightpath.planner.models import DayOff, ScheduleItem
from brightpath.planner.services import carry_over, items
from brightpath.planner.tests.conftest import DEMO, DEMO_MONDAY
from brightpath.planner.tests.stored_weeks import generate_reusing_solve
from brightpath.planner.tests.test_schema_conformance import conforms

pytestmark = pytest.mark.django_db

TUESDAY = DEMO_MONDAY + dt.timedelta(days=1)
WEDNESDAY = DEMO_MONDAY + dt.timedelta(days=2)
NEXT_MONDAY = DEMO_MONDAY + dt.timedelta(days=7)
needs_redis = pytest.mark.skipif(
    not django_settings.REDIS_URL, reason="needs REDIS_URL: a real Redis for pub/sub"
)


def item(family, child: str, name: str, day: dt.date) -> ScheduleItem:
    return ScheduleItem.objects.select_related("schedule").get(
        schedule__family=family,
        schedule__child__name=child,
        schedule__is_active=True,
        name=name,
        day_date=day,
    )


@pytest.fixture
def other_family(other_user):
    family = questionnaire_submit(user=other_user, data=json.loads(DEMO.read_text()))
    generate_reusing_solve(family=family, week_start=DEMO_MONDAY)
    return family


class FakeRedis:
    def __init__(self):
        self.sent = []

    def publish(self, channel, data):
        self.sent.append((channel, json.loads(data)))


@pytest.fixture
def published(settings, monkeypatch):
    """What would go out on Redis, (channel, event) in order, without a Redis."""
    settings.REDIS_URL = "redis://stands-in-for-redis:6379/0"
    fake = FakeRedis()
    monkeypatch.setattr(events, "_client", lambda: fake)
    return fake.sent


# --- publishing ---------------------------------------------------------------------------


def test_an_item_write_is_published_once_it_commits(
    demo_family, user, published, django_capture_on_commit_callbacks
):
    math = item(demo_family, "Noah", "Mathematics", TUESDAY)
    with django_capture_on_commit_callbacks() as callbacks:
        items.item_complete(user=user, item_id=math.pk, version=math.version)
    assert published == []  # not before the commit
    for callback in callbacks:
        callback()
    [(channel, event)] = published
    assert channel == f"SCHEDULE:UPDATES:{demo_family.pk}"
    noah = str(math.schedule.child_id)
    assert event == {
        "type": "item.completed",
        "familyId": str(demo_family.pk),
        "at": event["at"],
        "weeks": [{"childId": noah, "weekStart": "2026-01-05"}],
        "itemId": str(math.pk),
        "childId": noah,
        "weekStart": "2026-01-05",
        "version": math.version + 1,
    }


def test_a_write_that_rolls_back_or_loses_publishes_nothing(
    demo_family, user, published, django_capture_on_commit_callbacks
):
    math = item(demo_family, "Noah", "Mathematics", TUESDAY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            items.item_complete(user=user, item_id=math.pk, version=math.version)
            raise RuntimeError("the request failed after the write")
        with pytest.raises(Conflict):  # a stale version: 409, nothing written
            items.item_complete(user=user, item_id=math.pk, version=math.version + 5)
    assert callbacks == [] and published == []


def test_every_change_to_the_week_is_published(
    demo_family, user, published, django_capture_on_commit_callbacks, at
):
    at(2026, 1, 6, 8, 0)  # Tuesday morning
    math = item(demo_family, "Noah", "Mathematics", TUESDAY)
    reading = item(demo_family, "Ava", "Reading", WEDNESDAY)
    with django_capture_on_commit_callbacks(execute=True):
        generate_reusing_solve(family=demo_family, week_start=NEXT_MONDAY)  # for the move
        math = items.item_complete(user=user, item_id=math.pk, version=math.version)
        math = items.item_uncomplete(user=user, item_id=math.pk, version=math.version)
        math = items.item_skip(user=user, item_id=math.pk, version=math.version)
        math = items.item_unskip(user=user, item_id=math.pk, version=math.version)
        moved = items.item_move(
            user=user,
            item_id=reading.pk,
            version=reading.version,
            day=NEXT_MONDAY,
            start=dt.time(9, 0),
            force=True,
        )
        trip = items.activity_add(
            user=user,
            child_id=math.schedule.child_id,
            activity=items.Activity("Library", WEDNESDAY, dt.time(15, 0), dt.time(15, 30)),
            force=True,
        )
        items.activity_delete(user=user, item_id=trip.pk, version=trip.version)
        day_off, record = carry_over.day_off_add(user=user, day=dt.date(2026, 1, 8))
        carry_over.carry_over_undo(user=user, carry_over_id=record.pk)
        carry_over.day_off_remove(user=user, day_off_id=day_off.pk)
    types = [event["type"] for _, event in published]
    assert types == [
        "week.planned",
        "item.completed",
        "item.uncompleted",
        "item.skipped",
        "item.unskipped",
        "item.moved",
        "item.added",
        "item.deleted",
        "week.carried_over",
        "week.day_off_added",
        "week.carry_over_undone",
        "week.day_off_removed",
    ]
    by_type = {event["type"]: event for _, event in published}
    ava = str(moved.schedule.child_id)
    assert by_type["item.moved"]["weeks"] == [
        {"childId": ava, "weekStart": "2026-01-12"},
        {"childId": ava, "weekStart": "2026-01-05"},
    ]
    assert by_type["item.deleted"]["itemId"] == str(trip.pk)
    assert by_type["week.carried_over"]["trigger"] == "day_off"
    assert by_type["week.day_off_added"]["weeks"] == [{"weekStart": "2026-01-05"}]
    assert {w["weekStart"] for w in by_type["week.planned"]["weeks"]} == {"2026-01-12"}
    assert all(channel == f"SCHEDULE:UPDATES:{demo_family.pk}" for channel, _ in published)


def test_a_redis_outage_does_not_fail_the_write(
    demo_family, user, settings, django_capture_on_commit_callbacks
):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    math = item(demo_family, "Noah", "Mathematics", TUESDAY)
    with django_capture_on_commit_callbacks(execute=True):
        items.item_complete(user=user, item_id=math.pk, version=math.version)
    math.refresh_from_db()
    assert math.completed


# --- the stream ---------------------------------------------------------------------------


def _read_until_event(frames, seconds: float = 5.0) -> list[bytes]:
    """Frames up to and including the first event (or until the stream ends)."""
    seen = []
    deadline = time.monotonic() + seconds
    for frame in frames:
        seen.append(frame)
        if frame.startswith(b"event: schedule") or time.monotonic() > deadline:
            break
    return seen


@needs_redis
def test_the_stream_delivers_the_familys_changes_and_never_another_familys(
    auth_client,
    demo_family,
    user,
    other_family,
    other_user,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.LIVE_UPDATES_STREAM_SECONDS = 10
    response = auth_client.get("/api/family/events/", HTTP_ACCEPT="text/event-stream")
    try:
        assert response.status_code == 200
        assert response["Content-Type"] == "text/event-stream"
        assert response["Cache-Control"] == "no-cache"
        frames = iter(response.streaming_content)
        assert next(frames) == b"retry: 5000\n: connected\n\n"
        theirs = item(other_family, "Noah", "Mathematics", TUESDAY)
        ours = item(demo_family, "Noah", "Mathematics", TUESDAY)
        with django_capture_on_commit_callbacks(execute=True):  # theirs first: it would lead
            items.item_complete(user=other_user, item_id=theirs.pk, version=theirs.version)
        with django_capture_on_commit_callbacks(execute=True):
            items.item_complete(user=user, item_id=ours.pk, version=ours.version)
        seen = _read_until_event(frames)
    finally:
        response.close()
    event_frame = seen[-1].decode()
    assert event_frame.startswith("event: schedule\ndata: ") and event_frame.endswith("\n\n")
    event = json.loads(event_frame.split("data: ", 1)[1])
    assert (event["type"], event["itemId"]) == ("item.completed", str(ours.pk))
    assert not any(str(other_family.pk).encode() in frame for frame in seen)


@needs_redis
def test_the_stream_beats_and_ends_so_the_browser_reconnects(
    auth_client, demo_family, settings, monkeypatch
):
    settings.LIVE_UPDATES_STREAM_SECONDS = 1.0
    monkeypatch.setattr(events_api, "HEARTBEAT_SECONDS", 0.2)
    started = time.monotonic()
    response = auth_client.get("/api/family/events/")
    frames = list(response.streaming_content)
    assert time.monotonic() - started < 5
    assert frames[0].startswith(b"retry: ")
    assert b": keep-alive\n\n" in frames


def test_without_redis_the_stream_says_poll(auth_client, demo_family, settings):
    settings.REDIS_URL = ""
    response = auth_client.get("/api/family/events/", HTTP_ACCEPT="text/event-stream")
    assert response["Content-Type"] == "application/json"
    body = conforms(response, "/api/family/events/")
    assert body == {"mode": "poll", "changesUrl": "/api/family/changes/", "pollSeconds": 20}


def test_with_redis_unreachable_the_stream_says_poll(auth_client, demo_family, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = auth_client.get("/api/family/events/")
    assert response.status_code == 200 and response.json()["mode"] == "poll"


def test_no_head_on_the_stream(auth_client, demo_family):
    """A HEAD would hold a thread for the stream's life, writing nothing."""
    assert auth_client.head("/api/family/events/").status_code == 405


def test_the_stream_and_the_changes_need_a_signed_in_parent(api_client, client, user):
    for url in ("/api/family/events/", "/api/family/changes/"):
        assert api_client.get(url).status_code == 401
        assert client.get(url).status_code == 401  # no session either
    client.force_login(user)  # signed in, but no family yet
    assert client.get("/api/family/changes/").status_code == 404


def test_a_session_reaches_the_stream(client, user, demo_family, settings):
    """The week page's EventSource sends the session cookie, not a token."""
    settings.REDIS_URL = ""
    client.force_login(user)
    assert client.get("/api/family/events/").json()["mode"] == "poll"


# --- polling ------------------------------------------------------------------------------


def test_polling_sees_a_change_to_the_week_and_only_to_it(
    auth_client, demo_family, other_family, other_client
):
    def changes(since="", week="2026-01-05"):
        response = auth_client.get(f"/api/family/changes/?week={week}&since={since}")
        return conforms(response, "/api/family/changes/")

    first = changes()
    assert first["changed"] is False and first["weekStart"] == "2026-01-05"
    assert first["pollSeconds"] == 20
    assert changes(first["cursor"])["changed"] is False

    theirs = item(other_family, "Noah", "Mathematics", TUESDAY)  # another family's write
    url = f"/api/schedule-items/{theirs.pk}/complete/"
    assert other_client.post(url, {"version": theirs.version}, format="json").status_code == 200
    assert changes(first["cursor"])["changed"] is False

    ours = item(demo_family, "Noah", "Mathematics", TUESDAY)
    url = f"/api/schedule-items/{ours.pk}/complete/"
    assert auth_client.post(url, {"version": ours.version}, format="json").status_code == 200
    second = changes(first["cursor"])
    assert second["changed"] is True and second["cursor"] != first["cursor"]
    assert changes(second["cursor"])["changed"] is False
    assert changes(second["cursor"], week="2026-01-13")["weekStart"] == "2026-01-12"


def test_polling_sees_a_day_off_come_and_go(auth_client, demo_family, at):
    at(2026, 1, 6, 8, 0)
    before = auth_client.get("/api/family/changes/").json()["cursor"]  # this week by default
    added = auth_client.post("/api/family/days-off/", {"date": "2026-01-09"}, format="json")
    with_day_off = auth_client.get(f"/api/family/changes/?since={before}").json()
    assert with_day_off["changed"] is True
    day_off = DayOff.objects.get(pk=added.json()["dayOff"]["id"])
    assert auth_client.delete(f"/api/family/days-off/{day_off.pk}/").status_code == 204
    removed = auth_client.get(f"/api/family/changes/?since={with_day_off['cursor']}").json()
    assert removed["changed"] is True


def test_a_cursor_that_is_not_one_is_a_400(auth_client, demo_family):
    response = auth_client.get("/api/family/changes/?since=not a cursor")
    assert response.status_code == 400
    assert "since" in response.json()["error"]["fields"]
