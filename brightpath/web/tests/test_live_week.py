"""The family week page follows changes made elsewhere (web/static/web/live_week.js):
over the event stream when the server has Redis, by polling when it has not."""

import datetime as dt
import json
import time

import pytest
import redis
from django.conf import settings as django_settings

from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner import events
from brightpath.planner.apis import events as events_api
from brightpath.planner.models import ScheduleItem
from brightpath.planner.services import items
from brightpath.planner.tests.stored_weeks import generate_reusing_solve

MONDAY = dt.date(2026, 1, 5)
WEEK_URL = "/week/?week=2026-01-05"


def _family(user):
    family = questionnaire_submit(user=user, data=json.loads(DEMO_FAMILY_FILE.read_text()))
    generate_reusing_solve(family=family, week_start=MONDAY)
    return family


def _math(family) -> ScheduleItem:
    return ScheduleItem.objects.get(
        schedule__family=family,
        schedule__child__name="Noah",
        schedule__is_active=True,
        name="Mathematics",
        day_date=MONDAY + dt.timedelta(days=1),
    )


@pytest.mark.django_db
def test_the_week_page_carries_what_its_script_needs(
    client, user, settings, before_the_demo_week, reused_solves
):
    _family(user)
    client.force_login(user)
    settings.REDIS_URL = ""
    page = client.get(WEEK_URL).content.decode()
    assert 'id="family-week" data-week="2026-01-05"' in page
    assert 'data-changes-url="/api/family/changes/"' in page
    assert 'data-events-url=""' in page  # no Redis: the page polls
    assert 'data-poll-seconds="20"' in page
    cursor = client.get("/api/family/changes/?week=2026-01-05").json()["cursor"]
    assert f'<div id="week-plan" data-cursor="{cursor}">' in page
    assert "web/live_week.js" in page and "web/calendar.js" in page

    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert 'data-events-url="/api/family/events/"' in client.get(WEEK_URL).content.decode()


# --- in a real browser --------------------------------------------------------------------


@pytest.fixture
def week_page(family_page, demo_family):
    """The demo family's week open in the browser, signed in; and the family."""
    return family_page, demo_family


def _complete_elsewhere(user, family) -> None:
    math = _math(family)
    items.item_complete(user=user, item_id=math.pk, version=math.version)  # commits


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_redis_the_page_polls_and_shows_a_change(week_page, live_server, user, settings):
    settings.REDIS_URL = ""
    settings.LIVE_UPDATES_POLL_SECONDS = 1
    page, family = week_page
    page.goto(f"{live_server.url}{WEEK_URL}")
    page.locator("#calendar .fc-event").first.wait_for()
    assert page.locator("#calendar .fc-event.is-done").count() == 0

    _complete_elsewhere(user, family)
    _shows_the_change(page, family)
    assert "Updated at" in page.locator(".live-note").inner_text()


def _shows_the_change(page, family) -> None:
    """The calendar shows the item done, and so does the list behind it (the list view)."""
    done = page.locator(f'#calendar .fc-event.is-done[data-item-id="{_math(family).pk}"]')
    done.wait_for(timeout=10_000)
    assert page.locator("#calendar .fc-event.is-done").count() == 1
    assert page.locator("#week-plan li.done").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs REDIS_URL: a real Redis")
def test_with_redis_the_page_listens_and_shows_a_change(
    week_page, live_server, user, settings, monkeypatch
):
    settings.LIVE_UPDATES_POLL_SECONDS = 600  # only the stream can bring the change in time
    settings.LIVE_UPDATES_STREAM_SECONDS = 30
    monkeypatch.setattr(events_api, "HEARTBEAT_SECONDS", 0.5)  # the thread ends with the tab
    page, family = week_page
    page.goto(f"{live_server.url}{WEEK_URL}")
    page.locator("#calendar .fc-event").first.wait_for()
    channel = events.channel(family.pk)
    deadline = time.monotonic() + 10
    with redis.Redis.from_url(settings.REDIS_URL) as listeners:
        while listeners.pubsub_numsub(channel)[0][1] == 0:  # the page's stream subscribed
            assert time.monotonic() < deadline, "the page never opened its event stream"
            time.sleep(0.05)

    _complete_elsewhere(user, family)
    _shows_the_change(page, family)
