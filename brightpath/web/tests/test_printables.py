"""The printable pages: a child's record of instruction and the week to print."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from brightpath.planner.models import RecordsTarget, Schedule, ScheduleItem
from brightpath.planner.services import schedule_snapshot
from brightpath.planner.tests.test_records import build_records

from .browser import PHONE

pytestmark = pytest.mark.django_db

JANUARY = "from=2026-01-01&to=2026-01-31"


@pytest.fixture
def kim(user):
    records = build_records(user)
    for schedule in Schedule.objects.filter(is_active=True):
        schedule.schedule_data = schedule_snapshot(schedule)
        schedule.save()
    return records


@pytest.fixture
def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def cell(html: str, cell_id: str) -> str:
    return re.search(rf'id="{cell_id}">([^<]*)<', html).group(1)


def rows(html: str, css_class: str) -> list[list[str]]:
    """The text of each cell of each table row with that class."""
    out = []
    for row in re.findall(rf'<tr class="{css_class}">(.*?)</tr>', html, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        out.append([" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells])
    return out


def test_pages_need_sign_in(kim):
    for url in (
        f"/children/{kim.noah.pk}/report/",
        f"/children/{kim.noah.pk}/week/print/",
        "/week/print/",
    ):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_report_shows_days_hours_by_subject_and_notes(browser, kim):
    html = browser.get(f"/children/{kim.noah.pk}/report/?{JANUARY}").content.decode()
    assert "Record of instruction: Noah" in html
    assert (cell(html, "days"), cell(html, "total-hours"), cell(html, "core-hours")) == (
        "2",
        "1.75",
        "0.75",
    )
    assert rows(html, "subject-row") == [
        ["Mathematics", "core", "1", "0.75", "45 min"],
        ["Art", "", "1", "0.5", "30 min"],
        ["Library day (activity)", "", "1", "0.5", "30 min"],
    ]
    assert "Fractions with pizza" in html
    assert "Chose three books" in html


def test_report_shows_progress_toward_the_target(browser, kim):
    RecordsTarget.objects.create(
        family=kim.family,
        state="MO",
        year_start=dt.date(2025, 8, 1),
        year_end=dt.date(2026, 5, 31),
        required_days=180,
        required_core_hours=600,
    )
    html = browser.get(f"/children/{kim.noah.pk}/report/").content.decode()
    assert "1 August 2025 to 31 May 2026" in html
    measures = rows(html, "measure")
    assert [m[:4] for m in measures] == [
        ["Days of instruction", "2", "180 days", "1.1%"],
        ["Core hours", "0.75", "600 hours", "0.1%"],
    ]


def test_report_with_the_end_before_the_start_says_so(browser, kim):
    html = browser.get(
        f"/children/{kim.noah.pk}/report/?from=2026-02-01&to=2026-01-01"
    ).content.decode()
    assert "The end date is before the start date" in html
    assert cell(html, "days") == "2"


def test_another_familys_child_is_404(other_user, kim):
    client = Client()
    client.force_login(other_user)
    assert client.get(f"/children/{kim.noah.pk}/report/").status_code == 404
    assert client.get(f"/children/{kim.noah.pk}/week/print/").status_code == 404


def test_report_costs_a_fixed_number_of_queries(browser, kim, django_assert_num_queries):
    # user, child, target, items, logs
    with django_assert_num_queries(5):
        assert browser.get(f"/children/{kim.noah.pk}/report/?{JANUARY}").status_code == 200


def test_child_week_prints_a_table_per_day(browser, kim):
    html = browser.get(f"/children/{kim.noah.pk}/week/print/?week=2026-01-07").content.decode()
    assert "Noah: week of 5 January 2026" in html
    assert "Ava" not in html
    # The print rules live in a static sheet (the CSP runs no inline <style>).
    assert "web/print.css" in html
    assert "@media print" in Path(finders.find("web/print.css")).read_text()
    assert '<header class="topbar no-print">' in html
    assert [r[:3] for r in rows(html, "subject")] == [
        ["09:00–09:30", "Mathematics", "☑"],
        ["10:00–10:30", "Art", "☑"],
        ["09:00–09:30", "Reading", "☐"],
    ]
    # Wednesday's Science was skipped: struck through and named, with no box to tick.
    assert [r[:3] for r in rows(html, "subject skipped")] == [
        ["09:00–09:30", "Science skipped", "–"]
    ]
    assert rows(html, "commitment")[0][:3] == ["16:00–17:00", "Piano", ""]
    assert html.count('<table class="day-table">') == 4  # Monday to Thursday


def test_family_week_prints_every_child(browser, kim):
    html = browser.get("/week/print/?week=2026-01-05").content.decode()
    assert html.index("Noah: week of") < html.index("Ava: week of")
    assert ["14:00–15:00", "Nature walk", "☑", ""] in rows(html, "activity")


def test_a_week_not_planned_yet_says_so(browser, kim):
    html = browser.get("/week/print/?week=2026-02-02").content.decode()
    assert html.count("Nothing is planned this week") == 2


def test_the_week_page_links_to_the_printables(browser, kim):
    html = browser.get("/week/?week=2026-01-05").content.decode()
    assert "/week/print/?week=2026-01-05" in html
    assert f"/children/{kim.noah.pk}/week/print/?week=2026-01-05" in html
    assert f"/children/{kim.noah.pk}/report/" in html


def test_the_week_page_shows_a_skipped_session_as_skipped(browser, kim):
    html = browser.get("/week/?week=2026-01-05").content.decode()
    skipped = re.findall(r'<li class="subject skipped" data-item-id="[^"]+">(.*?)</li>', html, re.S)
    assert len(skipped) == 1
    assert re.search(r"<s>.*Science</s>", skipped[0])  # struck through...
    assert '<span class="status">skipped</span>' in skipped[0]  # ...and said in words
    planned = re.findall(r'<li class="subject" data-item-id="[^"]+">(.*?)</li>', html, re.S)
    assert [re.sub(r"<[^>]+>", "", li).split()[-1] for li in planned] == ["Reading"]
    done = re.findall(r'<li class="subject done" data-item-id="[^"]+">(.*?)</li>', html, re.S)
    assert all('<span class="status">done</span>' in li for li in done) and len(done) == 2


def test_a_skip_shows_on_the_pages_at_once(browser, kim, user):
    """Skipping and unskipping rewrite the snapshot the pages read."""
    from brightpath.planner.models import ScheduleItem
    from brightpath.planner.services.items import item_skip, item_unskip

    reading = ScheduleItem.objects.get(
        schedule__child=kim.noah, name="Reading", schedule__is_active=True
    )
    item_skip(user=user, item_id=reading.pk, version=reading.version, reason="Sick")
    url = f"/children/{kim.noah.pk}/week/print/?week=2026-01-05"
    skipped = [r[1] for r in rows(browser.get(url).content.decode(), "subject skipped")]
    assert skipped == ["Science skipped", "Reading skipped"]
    reading.refresh_from_db()
    item_unskip(user=user, item_id=reading.pk, version=reading.version)
    skipped = [r[1] for r in rows(browser.get(url).content.decode(), "subject skipped")]
    assert skipped == ["Science skipped"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_long_name_wraps_on_a_phone_and_short_ones_stay_whole(signed_in, live_server, kim):
    long_name = "Supercalifragilisticexpialidocious-Antidisestablishmentarianism-Studies"
    ScheduleItem.objects.filter(name="Art").update(name=long_name)
    for schedule in Schedule.objects.filter(is_active=True):
        schedule.schedule_data = schedule_snapshot(schedule)  # what the sheet prints
        schedule.save()
    page = signed_in
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/children/{kim.noah.pk}/week/print/?week=2026-01-07")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # "Done" and "Mathematics" stay whole (one line each); the long name wraps.
    lines = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.day-table th, .day-table td')]
            .map(cell => {
                const text = document.createRange();
                text.selectNodeContents(cell);
                return [cell.textContent.trim(), text.getClientRects().length];
            }))"""
    )
    assert lines["Done"] == 1 and lines["Mathematics"] == 1, lines
    assert lines[long_name] > 1
