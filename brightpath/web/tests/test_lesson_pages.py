"""Lessons on the pages (issue 13): each session of a subject with a lesson
sequence shows its lesson; a missed session's lesson moves to the next one, and
ticking a session done moves the next lesson on."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brightpath.onboarding.demo_lessons import demo_lessons_load
from brightpath.planner.models import ScheduleItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _maths(family, day: dt.date) -> ScheduleItem:
    return ScheduleItem.objects.get(
        schedule__family=family,
        schedule__child__name="Noah",
        schedule__is_active=True,
        name="Mathematics",
        day_date=day,
    )


def test_a_missed_monday_moves_its_lesson_to_tuesday_and_a_tick_moves_the_next_on(
    family_page, live_server, demo_family, user, monkeypatch
):
    demo_lessons_load(user=user)  # Noah's Mathematics: Lesson 1..120
    tuesday = dt.datetime(2026, 1, 6, 8, 0, tzinfo=ZoneInfo("America/New_York"))
    monkeypatch.setattr(timezone, "now", lambda: tuesday)
    page = family_page

    # Monday's Mathematics was not done: Tuesday's session does Lesson 1.
    page.goto(f"{live_server.url}/today/")
    row = page.locator(f"#item-{_maths(demo_family, tuesday.date()).pk}")
    expect(row.locator(".lesson")).to_contain_text("Lesson 1 of 120")
    row.get_by_role("button", name="Mark done").first.click()
    expect(row.locator(".item-status")).to_contain_text("Done")
    expect(row.locator(".lesson")).to_contain_text("Lesson 1 of 120")

    # Wednesday's session now has the next one.
    page.goto(f"{live_server.url}/today/?date=2026-01-07")
    wednesday = page.locator(f"#item-{_maths(demo_family, dt.date(2026, 1, 7)).pk}")
    expect(wednesday.locator(".lesson")).to_contain_text("Lesson 2 of 120")

    # The week's calendar says the same on each session, and in the dialog.
    page.goto(f"{live_server.url}/week/?week=2026-01-05")
    wednesday = page.locator(
        f'#calendar [data-item-id="{_maths(demo_family, dt.date(2026, 1, 7)).pk}"]'
    )
    expect(wednesday.locator(".item-lesson")).to_have_text("Lesson 2")
    wednesday.click()
    expect(page.locator(".item-summary")).to_contain_text("Lesson 2 of 120: Lesson 2")


@pytest.mark.django_db
def test_the_weeks_list_view_names_each_sessions_lesson(client, user, demo_family):
    demo_lessons_load(user=user)
    client.force_login(user)
    html = client.get("/week/?week=2026-01-05").content.decode()
    monday = _maths(demo_family, dt.date(2026, 1, 5))
    assert f'data-item-id="{monday.pk}"' in html
    assert html.count('<span class="lesson">· Lesson ') == 5  # Noah's Mathematics, daily
    assert '<span class="lesson">· Lesson 1</span>' in html
