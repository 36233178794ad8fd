"""The records page (/records/): the figures are the records selectors', the
period is checked field by field, another family's child is a 404, an empty
family is told what will appear; in the browser, the charts, the range, the
feed link (copy, make, revoke), the CSV link, and axe at both widths."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from brightpath.accounts.tests.factories import UserFactory
from brightpath.families.models import Child, Family
from brightpath.planner.models import CalendarFeed, RecordsTarget, ScheduleItem
from brightpath.planner.selectors import records as records_selectors
from brightpath.planner.services.feeds import calendar_feed_create
from brightpath.planner.services.items import Completion, item_complete

from ..views.records import number
from .browser import DEMO_MONDAY, PHONE, assert_accessible, screenshot

NEW_YORK = ZoneInfo("America/New_York")
FRIDAY_EVENING = dt.datetime(2026, 1, 9, 18, 0, tzinfo=NEW_YORK)
TUESDAY = DEMO_MONDAY + dt.timedelta(days=1)


def _at(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _later(time: dt.time, minutes: int) -> dt.time:
    return (dt.datetime.combine(DEMO_MONDAY, time) + dt.timedelta(minutes=minutes)).time()


def complete_some_work(family, user, monkeypatch) -> list[ScheduleItem]:
    """On Friday evening, the parent marks Monday's and Tuesday's first two
    lessons of every child done, each 10 minutes longer than planned, with a note."""
    _at(monkeypatch, FRIDAY_EVENING)
    done = []
    for child in family.children.all():
        for day in (DEMO_MONDAY, TUESDAY):
            items = ScheduleItem.objects.filter(
                schedule__child=child,
                schedule__is_active=True,
                item_type="subject",
                day_date=day,
            ).order_by("start_time")[:2]
            for item in items:
                length = item.minutes + 10
                done.append(
                    item_complete(
                        user=user,
                        item_id=item.pk,
                        version=item.version,
                        completion=Completion(
                            notes=f"{child.name} did {item.name} well",
                            start=item.start_time,
                            end=_later(item.start_time, length),
                            engagement=4,
                        ),
                    )
                )
    return done


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(response) -> str:
    """The page's text without tags, spaces squeezed: what a reader sees."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _figure(response, element_id: str) -> str:
    match = re.search(rf'id="{element_id}">([^<]*)<', response.content.decode())
    assert match, element_id
    return match.group(1).strip()


# --- the server: figures, ranges, scope ------------------------------------------------------


@pytest.mark.django_db
def test_the_figures_are_the_selectors(demo_family, user, monkeypatch):
    done = complete_some_work(demo_family, user, monkeypatch)
    assert len(done) == 8
    response = _client(user).get("/records/")
    assert response.status_code == 200
    records = records_selectors.family_records(user=user)
    assert records.total_minutes == sum(item.minutes + 10 for item in done)
    assert _figure(response, "total-days") == str(records.days_of_instruction) == "2"
    assert _figure(response, "total-hours") == number(records.total_hours)
    assert _figure(response, "core-hours") == number(records.core_hours)
    text = _text(response)
    html = response.content.decode()
    for child in records.children:
        section = html.split(f'id="child-{child.child.pk}"', 1)[1].split("</section>", 1)[0]
        assert f'data-figure="hours">{number(child.tally.total_hours)}<' in section
        for subject in child.tally.by_subject:
            assert f'data-subject="{subject.name}"' in section
            assert f'data-figure="subject-hours">{number(subject.hours)} ' in section
    # The log: latest first, with the notes and the time it took.
    assert "Ava did" in text and "Noah did" in text and "engagement 4/5" in text
    # The exports for the same period.
    period = records.period
    query = f"from={period.start.isoformat()}&amp;to={period.end.isoformat()}"
    assert f"/api/family/activity-log.csv?{query}" in html
    noah = demo_family.children.get(name="Noah")
    assert f"/children/{noah.pk}/report/?{query}" in html


@pytest.mark.django_db
def test_hours_per_week_add_up_to_the_total(demo_family, user, monkeypatch):
    complete_some_work(demo_family, user, monkeypatch)
    response = _client(user).get("/records/?from=2025-12-01&to=2026-01-31")
    table = response.content.decode().split('id="over-time-table"', 1)[1].split("</table>")[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table, flags=re.S)
    assert len(rows) == 9  # the weeks from Mon 1 Dec to Sun 1 Feb, the last ending on 31 Jan
    totals = {label.strip(): re.findall(r">([\d.]+)</td>", cells)[-1] for label, cells in rows}
    records = records_selectors.family_records(
        user=user, date_from=dt.date(2025, 12, 1), date_to=dt.date(2026, 1, 31)
    )
    assert totals["5 Jan 2026 – 11 Jan 2026"] == number(records.total_hours)
    assert sum(float(hours) for hours in totals.values()) == pytest.approx(records.total_hours)


@pytest.mark.django_db
def test_one_child_and_a_range(demo_family, user, monkeypatch):
    complete_some_work(demo_family, user, monkeypatch)
    ava = demo_family.children.get(name="Ava")
    response = _client(user).get(f"/records/?from=2026-01-06&to=2026-01-06&child={ava.pk}")
    assert response.status_code == 200
    records = records_selectors.child_records(
        user=user, child_id=ava.pk, date_from=TUESDAY, date_to=TUESDAY
    )
    assert _figure(response, "total-days") == "1"
    assert _figure(response, "total-hours") == number(records.tally.total_hours)
    text = _text(response)
    assert "Noah did" not in text and "Ava did" in text
    assert f"childId={ava.pk}" in response.content.decode()  # the CSV of Ava only


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=2026-02-01&to=2026-01-01", "to", "To: must be on or after From."),
        ("from=yesterday", "from", "From: “yesterday” is not a date"),
        ("to=2026-13-01", "to", "To: “2026-13-01” is not a date"),
        ("from=1900-01-01", "from", "From: Use a date between 2000-01-01"),
    ],
)
def test_a_bad_range_names_the_field(demo_family, user, query, field, message):
    response = _client(user).get(f"/records/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in _text(response)
    assert f'id="range-{field}" name="{field}"' in html
    assert re.search(rf'id="range-{field}"[^>]*aria-invalid="true"', html, flags=re.S)
    # The default period is shown instead, and says so.
    assert "the figures below are for" in _text(response)


@pytest.mark.django_db
def test_another_familys_child_is_a_404(demo_family, user):
    stranger = UserFactory()
    family = Family.objects.create(owner=stranger, name="Other", time_zone="America/Chicago")
    theirs = Child.objects.create(family=family, name="Zed", birth_date=dt.date(2016, 3, 1))
    client = _client(user)
    assert client.get(f"/records/?child={theirs.pk}").status_code == 404
    assert client.get("/records/?child=not-an-id").status_code == 404
    # And the other parent does not see the demo family's child either.
    noah = demo_family.children.get(name="Noah")
    assert _client(stranger).get(f"/records/?child={noah.pk}").status_code == 404


@pytest.mark.django_db
def test_nothing_done_yet_says_what_will_appear(demo_family, user):
    response = _client(user).get("/records/")
    assert response.status_code == 200
    text = _text(response)
    assert "Nothing recorded between" in text
    assert "When you mark lessons and activities done" in text
    assert "Nothing in the log for this period" in text
    assert "No target is set" in text and 'href="/settings/"' in response.content.decode()
    assert "No calendar feed yet" in text


@pytest.mark.django_db
def test_long_periods_are_charted_by_month_then_by_year(demo_family, user, monkeypatch):
    complete_some_work(demo_family, user, monkeypatch)
    client = _client(user)
    two_years = client.get("/records/?from=2024-03-15&to=2026-02-10")
    assert "Hours per month" in _text(two_years)
    assert "15 Mar 2024 – 31 Mar 2024" in _text(two_years)  # clipped to the period
    century = client.get("/records/?from=2000-01-01&to=2100-12-31")
    assert century.status_code == 200
    assert "Hours per year" in _text(century)
    assert century.content.decode().count('<th scope="row">1 Jan') == 101


@pytest.mark.django_db
def test_a_family_without_children(user):
    Family.objects.create(owner=user, name="New", time_zone="Europe/Berlin")
    response = _client(user).get("/records/")
    assert response.status_code == 200
    assert "No children yet" in _text(response)


@pytest.mark.django_db
def test_a_parent_without_a_family_goes_home(user):
    response = _client(user).get("/records/")
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_signed_out_goes_to_sign_in(client):
    response = client.get("/records/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_progress_toward_the_target(demo_family, user, monkeypatch):
    complete_some_work(demo_family, user, monkeypatch)
    RecordsTarget.objects.create(
        family=demo_family,
        state="MO",
        year_start=dt.date(2025, 8, 1),
        year_end=dt.date(2026, 7, 31),
        required_days=180,
        required_hours=1000,
        required_core_hours=None,
    )
    response = _client(user).get("/records/")
    text = _text(response)
    noah = records_selectors.child_records(
        user=user, child_id=demo_family.children.get(name="Noah").pk
    )
    days = noah.progress.days
    expected = number(days.expected_by_now)
    assert f"{days.done} of 180 days ({number(days.percent)}%); expected by now: {expected}" in text
    assert "Behind" in text  # 2 days in January is far behind a steady pace
    assert "Core hours" not in text.split("Toward the target", 1)[1].split("Hours per")[0]
    assert "School year" in text and "MO" in text


@pytest.mark.django_db
def test_the_activity_log_shows_more_on_request(demo_family, user, monkeypatch):
    complete_some_work(demo_family, user, monkeypatch)
    client = _client(user)
    response = client.get("/records/")
    assert response.content.decode().count('class="log-entry') == 8
    assert 'id="log-more"' not in response.content.decode()
    monkeypatch.setattr("brightpath.web.views.records.LOG_PAGE", 5)
    response = client.get("/records/")
    assert response.content.decode().count('class="log-entry') == 5
    assert "logs=10#activity" in response.content.decode()
    response = client.get("/records/?logs=10")
    assert response.content.decode().count('class="log-entry') == 8


@pytest.mark.django_db
def test_the_feeds_are_listed_with_their_urls(demo_family, user):
    feed = calendar_feed_create(user=user, child_id=None)
    response = _client(user).get("/records/")
    html = response.content.decode()
    assert f"/calendar/{feed.token}.ics" in html and "webcal://" in html
    assert "The whole family" in html


# --- in the browser ------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_after_a_week_of_work(family_page, live_server, demo_family, user, monkeypatch):
    complete_some_work(demo_family, user, monkeypatch)
    page = family_page
    page.goto(live_server.url + "/records/")
    records = records_selectors.family_records(user=user)
    assert page.locator("#total-hours").inner_text() == number(records.total_hours)
    noah = next(c for c in records.children if c.child.name == "Noah")
    section = page.locator(f"#child-{noah.child.pk}")
    first = noah.tally.by_subject[0]
    row = section.locator(f'tr[data-subject="{first.name}"]')
    assert row.locator('[data-figure="subject-hours"]').inner_text().startswith(number(first.hours))
    # The chart's table opens and reads the week's hours.
    page.get_by_text("Hours per week as a table").click()
    assert page.locator("#over-time-table").is_visible()
    screenshot(page, "records")
    assert_accessible(page)

    # A narrower range from the form: only Tuesday.
    page.fill("#range-from", "2026-01-06")
    page.fill("#range-to", "2026-01-06")
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_url("**/records/?from=2026-01-06&to=2026-01-06*")
    assert page.locator("#total-days").inner_text() == "1"
    tuesday = records_selectors.family_records(user=user, date_from=TUESDAY, date_to=TUESDAY)
    assert page.locator("#total-hours").inner_text() == number(tuesday.total_hours)

    # A bad range from the address bar names the field.
    page.goto(live_server.url + "/records/?from=2026-02-01&to=2026-01-01")
    assert "To: must be on or after From." in page.locator("#range-errors").inner_text()
    assert page.locator("#range-to").get_attribute("aria-invalid") == "true"

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/records/")
    screenshot(page, "records")
    assert_accessible(page)
    # Nothing wider than the phone: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_csv_link_downloads_the_log(family_page, live_server, demo_family, user, monkeypatch):
    complete_some_work(demo_family, user, monkeypatch)
    page = family_page
    page.goto(live_server.url + "/records/")
    with page.expect_download() as info:
        page.click("#csv-link")
    download = info.value
    assert download.suggested_filename.startswith("activity-log-")
    body = Path(download.path()).read_text(encoding="utf-8")
    assert body.splitlines()[0].startswith("date,child,activity")
    assert "Noah did" in body
    # The same link fetched with the tab's session answers CSV.
    href = page.locator("#csv-link").get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.ok and response.headers["content-type"].startswith("text/csv")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_make_copy_and_revoke_a_feed(family_page, live_server, demo_family, user):
    page = family_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + "/records/")
    assert page.locator("#feeds-empty").is_visible()
    page.get_by_role("button", name="Make a feed link").click()
    feed_url = page.locator(".feed-url").first
    feed_url.wait_for()
    feed = CalendarFeed.objects.get(family=demo_family)
    assert feed.child_id is None
    assert feed_url.input_value().endswith(f"/calendar/{feed.token}.ics")
    assert page.locator("#feeds-empty").is_hidden()

    page.get_by_role("button", name="Copy the link for The whole family").click()
    page.get_by_role("button", name="Copied the link for The whole family").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == feed_url.input_value()
    # The feed answers at the copied address, without a session.
    assert page.request.get(feed_url.input_value()).ok

    # One for Ava too; then revoke the family's, confirming the question.
    page.select_option("#feed-child", label="Ava")
    page.get_by_role("button", name="Make a new feed link").click()
    page.get_by_role("button", name="Copy the link for Ava").wait_for()
    screenshot(page, "records-feeds")
    assert_accessible(page)

    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Revoke the link for The whole family").click()
    page.get_by_role("button", name="Revoke the link for The whole family").wait_for(
        state="detached"
    )
    assert "Revoke the calendar link for The whole family?" in questions[0]
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    assert page.request.get(feed_url_value(live_server, feed)).status == 404
    # A dismissed confirm revokes nothing.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Revoke the link for Ava").click()
    assert CalendarFeed.objects.filter(child__name="Ava", revoked_at__isnull=True).exists()
    page.reload()
    assert page.locator(".feed").count() == 1


def feed_url_value(live_server, feed) -> str:
    return f"{live_server.url}/calendar/{feed.token}.ics"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_set_the_target_inline(family_page, live_server, demo_family, user, monkeypatch):
    complete_some_work(demo_family, user, monkeypatch)
    page = family_page
    page.goto(live_server.url + "/records/")
    assert page.locator("#no-target").is_visible()
    page.fill("#target-state", "M1")
    page.fill("#target-days", "180")
    page.get_by_role("button", name="Save the target").click()
    # The API's field error is shown under the field.
    page.locator(".field-error").first.wait_for()
    assert page.locator("#target-state").get_attribute("aria-invalid") == "true"
    assert not RecordsTarget.objects.filter(family=demo_family).exists()
    page.fill("#target-state", "MO")
    page.get_by_role("button", name="Save the target").click()
    page.locator(".measure").first.wait_for()
    target = RecordsTarget.objects.get(family=demo_family)
    assert (target.state, target.required_days, target.required_hours) == ("MO", 180, None)
    assert page.locator(".measure-status").first.inner_text().strip() in ("✓ On track", "! Behind")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    screenshot(page, "records-target")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_empty_page(family_page, live_server, demo_family):
    page = family_page
    page.goto(live_server.url + "/records/")
    assert page.get_by_text("When you mark lessons and activities done").is_visible()
    for viewport in (None, PHONE):
        if viewport:
            page.set_viewport_size(viewport)
        assert_accessible(page)
        screenshot(page, "records-empty")
