"""A new parent's first week, end to end in Chromium against the live server
(on PostgreSQL and Redis in CI): sign up, answer the questionnaire for two
children (reloading midway and resuming), get the week planned, drag a session
to a free slot, try one into a clash and read why, tick the day's work done,
and find the hours on the records page."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brightpath.accounts.tests.factories import PASSWORD
from brightpath.planner.models import ActivityLog, ScheduleItem

from .browser import DEMO_MONDAY, screenshot
from .test_calendar import _drag, _event, _free_slot, _open, _wait_until
from .test_wizard import add_child, all_saved, fill_family, heading

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY = DEMO_MONDAY.isoformat()


def _mias(name: str) -> ScheduleItem:
    return ScheduleItem.objects.get(
        schedule__child__name="Mia", schedule__is_active=True, name=name, day_date=DEMO_MONDAY
    )


def test_a_new_family_from_sign_up_to_records(page, live_server, before_the_demo_week, monkeypatch):
    # Sign up: a new parent goes straight to the questionnaire.
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Your name").fill("Ada Okafor")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{live_server.url}/onboarding/")
    expect(page.locator("#wizard")).to_have_attribute("data-state", "ready")

    # The family, and the first child; then the browser reloads midway.
    fill_family(page)
    mia_subjects = [
        {"name": "Mathematics", "minutes": 30},
        {"name": "Reading", "minutes": 30, "at": "09:30"},
    ]
    add_child(page, 0, "Mia", "2018-03-02", mia_subjects)
    all_saved(page)
    page.reload()
    expect(page.locator("#wizard")).to_have_attribute("data-state", "ready")
    expect(page.locator(".wizard-notice")).to_contain_text("saved on this device")
    expect(heading(page)).to_have_text("Your children")
    expect(page.locator("main")).to_contain_text("Mia")

    # The second child, then save: the week is planned and shown.
    leo_subjects = [
        {"name": "Science", "minutes": 45, "frequency": "2-3_times_per_week"},
        {"name": "Writing", "minutes": 25},
    ]
    add_child(page, 1, "Leo", "2014-07", leo_subjects, hours=("08:30", "14:00"))
    page.get_by_role("button", name=re.compile("^Check and save")).first.click()
    expect(heading(page)).to_have_text("Check and save")
    all_saved(page)
    page.get_by_role("button", name="Save and plan our week").click()
    page.wait_for_url(f"{live_server.url}/week/", timeout=60_000)

    # The week as a calendar: Mia's Monday Mathematics dragged to a free slot.
    page = _open(page, live_server, f"/week/?week={MONDAY}")
    math = _mias("Mathematics")
    day, free = _free_slot(math, [DEMO_MONDAY])
    _drag(page, _event(page, math), day=day.isoformat(), time=f"{free:%H:%M}")
    # Where a mouse drops is a few pixels either way: the page says where it went.
    toast = page.locator("#week-toast").get_by_text(re.compile("^Moved Mathematics \\(Mia\\)"))
    moved_to = re.search(r"(\d\d):(\d\d)–", toast.inner_text())
    moved = dt.time(int(moved_to[1]), int(moved_to[2]))
    assert moved != math.start_time
    _wait_until(lambda: _mias("Mathematics").start_time == moved)

    # ...then onto her Reading, fixed at 09:30: the clash is explained, and cancelled.
    math = _event(page, _mias("Mathematics"))
    expect(math).to_contain_text(f"{moved:%H:%M}")  # the calendar shows it at its new place
    _drag(page, math, day=MONDAY, time="09:30")
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Reading")
    screenshot(page, "journey-clash")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    assert _mias("Mathematics").start_time == moved

    # Monday afternoon: the day's work ticked done on the checklist.
    afternoon = dt.datetime(2026, 1, 5, 15, 0, tzinfo=ZoneInfo("America/New_York"))
    monkeypatch.setattr(timezone, "now", lambda: afternoon)
    page.goto(f"{live_server.url}/today/")
    for name in ("Mathematics", "Reading"):
        item = _mias(name)
        row = page.locator(f"#item-{item.pk}")
        row.get_by_text("Add a note, times or engagement").click()
        row.get_by_label("Note").fill(f"{name} went well")
        row.get_by_role("button", name="Save and mark done").click()
        page.locator(f"#item-{item.pk} .recorded").wait_for()
    assert ActivityLog.objects.filter(action="completed", child__name="Mia").count() == 2
    screenshot(page, "journey-today")

    # The records page: an hour of Mia's work, by subject.
    page.goto(f"{live_server.url}/records/")
    mia = page.locator("section", has=page.get_by_role("heading", name="Mia", exact=True))
    expect(mia.get_by_role("row", name=re.compile("Mathematics"))).to_be_visible()
    expect(mia.get_by_role("row", name=re.compile("Reading"))).to_be_visible()
    expect(mia).to_contain_text("1 h")
    screenshot(page, "journey-records")
