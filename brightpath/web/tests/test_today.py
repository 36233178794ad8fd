"""The today checklist (/today/): the Django client for the server's side (the
forms without JavaScript, errors, isolation) and Chromium for the page's script."""

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from brightpath.accounts.tests.factories import UserFactory
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import ActivityLog, ScheduleItem

from .browser import DEMO_MONDAY, PHONE, assert_accessible, screenshot

MONDAY_MORNING = dt.datetime(2026, 1, 5, 9, 10, tzinfo=ZoneInfo("America/New_York"))


@pytest.fixture
def monday(demo_family, monkeypatch):
    """The demo family's clock at 09:10 on Monday 2026-01-05, the first day of its planned week."""
    monkeypatch.setattr(timezone, "now", lambda: MONDAY_MORNING)
    return demo_family


@pytest.fixture
def parent(client, user, demo_family):
    client.force_login(user)
    return client


def sessions_on(family, child_name: str | None = None, day=DEMO_MONDAY) -> int:
    """How many items can be ticked that day (not commitments). Ava's weekly
    subjects fall on the days the solver picks, so her count is read, not assumed."""
    items = ScheduleItem.objects.filter(
        schedule__family=family, schedule__is_active=True, day_date=day
    ).exclude(item_type="commitment")
    if child_name:
        items = items.filter(schedule__child__name=child_name)
    return items.count()


def item_named(family, child_name: str, name: str, day=DEMO_MONDAY) -> ScheduleItem:
    return ScheduleItem.objects.get(
        schedule__family=family,
        schedule__is_active=True,
        schedule__child__name=child_name,
        name=name,
        day_date=day,
    )


def post_form(client, item, action: str, **data):
    body = {"version": item.version, "return_date": item.day_date.isoformat(), **data}
    return client.post(f"/today/items/{item.pk}/{action}/", body)


def text_of(response) -> str:
    """The page's text, tags out and spaces folded, to read what a person reads."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
class TestThePage:
    def test_each_childs_items_with_progress(self, parent, demo_family):
        page = parent.get("/today/?date=2026-01-05")
        text = text_of(page)
        assert page.status_code == 200
        assert "Monday 5 January 2026" in text
        assert "Noah" in text and "Ava" in text
        assert "09:00–09:45 Reading" in text and "13:00–13:30 Piano Practice" in text
        assert "0 of 2 done" in text  # Noah: Reading and Mathematics; Soccer is a commitment
        assert f"0 of {sessions_on(demo_family, 'Ava')} done" in text
        assert f"0 of {sessions_on(demo_family)} done across the family" in text
        # every session can be ticked; the commitment cannot
        soccer = item_named(demo_family, "Noah", "Soccer Practice")
        assert f"/today/items/{soccer.pk}/complete/" not in page.content.decode()
        reading = item_named(demo_family, "Noah", "Reading")
        assert f"/today/items/{reading.pk}/complete/" in page.content.decode()

    def test_today_is_the_familys_today(self, parent, monday):
        text = text_of(parent.get("/today/"))
        assert "Today Monday 5 January 2026" in text
        assert "On now" in text  # Reading runs 09:00-09:45 and it is 09:10

    def test_one_child(self, parent, demo_family):
        ava = demo_family.children.get(name="Ava")
        text = text_of(parent.get(f"/today/?date=2026-01-05&child={ava.pk}"))
        assert "Piano Practice" in text and "Soccer Practice" not in text
        assert f"0 of {sessions_on(demo_family, 'Ava')} done for Ava" in text

    def test_previous_and_next_day_links_keep_the_child(self, parent, demo_family):
        ava = demo_family.children.get(name="Ava")
        page = parent.get(f"/today/?date=2026-01-05&child={ava.pk}").content.decode()
        assert f'href="/today/?date=2026-01-04&amp;child={ava.pk}" rel="prev"' in page
        assert f'href="/today/?date=2026-01-06&amp;child={ava.pk}" rel="next"' in page

    def test_a_day_that_is_not_a_school_day(self, parent, demo_family):
        text = text_of(parent.get("/today/?date=2026-01-10"))
        assert "Saturday is not one of your school days" in text

    def test_sunday_before_the_week_does_not_plan_the_past_week(self, parent, demo_family):
        text = text_of(parent.get("/today/"))  # the clock: Sunday 2026-01-04
        assert "Sunday is not one of your school days" in text
        assert not demo_family.schedules.filter(week_start_date=dt.date(2025, 12, 29)).exists()

    def test_an_unplanned_past_week_says_so(self, parent, demo_family):
        text = text_of(parent.get("/today/?date=2025-06-02"))
        assert "This week is not planned" in text

    def test_a_bad_date_shows_today_and_says_so(self, parent, demo_family):
        response = parent.get("/today/?date=2026-13-45")
        assert response.status_code == 200
        assert "could not be read" in text_of(response)

    def test_a_day_off_says_so(self, parent, user, demo_family):
        from brightpath.planner.services.carry_over import day_off_add

        day_off_add(user=user, day=dt.date(2026, 1, 7), kind="holiday", label="Museum trip")
        text = text_of(parent.get("/today/?date=2026-01-07"))
        assert "Day off: Museum trip" in text

    def test_without_a_family_goes_home(self, client, user):
        client.force_login(user)
        assert client.get("/today/")["Location"] == "/"

    def test_signed_out_goes_to_sign_in(self, client):
        assert client.get("/today/")["Location"].startswith("/accounts/login/")


@pytest.fixture
def other_family(db, before_the_demo_week, reused_solves):
    """Another parent's family, its week planned too."""
    from brightpath.planner.tests.stored_weeks import generate_reusing_solve

    other = UserFactory()
    family = questionnaire_submit(user=other, data=json.loads(DEMO_FAMILY_FILE.read_text()))
    generate_reusing_solve(family=family, week_start=DEMO_MONDAY)
    return family


@pytest.mark.django_db
class TestIsolation:
    def test_another_familys_child_is_404(self, parent, other_family):
        child = other_family.children.first()
        assert parent.get(f"/today/?child={child.pk}").status_code == 404

    def test_a_malformed_child_is_404(self, parent):
        assert parent.get("/today/?child=not-a-uuid").status_code == 404

    def test_another_familys_item_is_404_and_unchanged(self, parent, other_family):
        item = item_named(other_family, "Noah", "Reading")
        for action in ("complete", "skip", "uncomplete", "unskip"):
            assert post_form(parent, item, action).status_code == 404
        item.refresh_from_db()
        assert not item.completed and not item.skipped and item.version == 1

    def test_an_unknown_action_is_404(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Reading")
        assert post_form(parent, item, "delete").status_code == 404

    def test_writes_are_posts(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Reading")
        assert parent.get(f"/today/items/{item.pk}/complete/").status_code == 405


@pytest.mark.django_db
class TestTheFormsWithoutJavaScript:
    def test_complete_with_note_engagement_times_and_involvement(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Reading")
        response = post_form(
            parent,
            item,
            "complete",
            notes="Read two chapters aloud",
            actualStartTime="09:05",
            actualEndTime="09:50",
            childEngagement="4",
            parentInvolvement="some_assistance",
        )
        assert response.status_code == 302
        assert response["Location"] == f"/today/?date=2026-01-05#item-{item.pk}"
        item.refresh_from_db()
        assert item.completed and item.version == 2
        assert item.item_data["notes"] == "Read two chapters aloud"
        log = ActivityLog.objects.get(schedule_item=item, action="completed")
        assert log.actual["startTime"] == "09:05" and log.actual["endTime"] == "09:50"
        assert log.actual["childEngagement"] == 4
        assert log.actual["parentInvolvement"] == "some_assistance"
        text = text_of(parent.get("/today/?date=2026-01-05"))
        assert "Reading is marked done." in text
        assert "09:05–09:50" in text and "4 of 5" in text and "Some assistance" in text
        assert "Read two chapters aloud" in text
        assert "1 of 2 done" in text

    def test_a_plain_tick(self, parent, demo_family):
        item = item_named(demo_family, "Ava", "Writing")
        assert post_form(parent, item, "complete").status_code == 302
        item.refresh_from_db()
        assert item.completed
        log = ActivityLog.objects.get(schedule_item=item, action="completed")
        assert "startTime" not in log.actual and "childEngagement" not in log.actual

    def test_the_child_filter_is_kept_after_a_write(self, parent, demo_family):
        item = item_named(demo_family, "Ava", "Writing")
        ava = item.schedule.child
        response = post_form(parent, item, "complete", return_child=str(ava.pk))
        assert response["Location"] == f"/today/?date=2026-01-05&child={ava.pk}#item-{item.pk}"

    def test_finish_before_start_is_named_and_nothing_is_saved(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Reading")
        response = post_form(
            parent,
            item,
            "complete",
            notes="kept",
            actualStartTime="10:00",
            actualEndTime="09:30",
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert f'id="err-end-{item.pk}">The finish time must be after the start time.' in page
        assert f'aria-describedby="err-end-{item.pk}"' in page
        assert ">kept</textarea>" in page  # what was typed stays
        assert 'value="10:00"' in page
        item.refresh_from_db()
        assert not item.completed and item.version == 1
        assert not ActivityLog.objects.filter(schedule_item=item).exists()

    def test_one_time_without_the_other_is_named(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Reading")
        response = post_form(parent, item, "complete", actualStartTime="09:00")
        assert response.status_code == 400
        assert "Give the finish time too, or neither time." in response.content.decode()

    def test_engagement_out_of_range_is_named(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Reading")
        response = post_form(parent, item, "complete", childEngagement="9")
        assert response.status_code == 400
        assert f'id="err-eng-{item.pk}">Select a valid choice.' in response.content.decode()
        item.refresh_from_db()
        assert not item.completed

    def test_a_stale_version_says_someone_else_changed_it(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Reading")
        assert post_form(parent, item, "complete").status_code == 302  # "another device"
        response = post_form(parent, item, "skip", reason="too late")  # still version 1
        assert response.status_code == 409
        assert "Someone else changed this item since you loaded it" in text_of(response)
        item.refresh_from_db()
        assert item.completed and not item.skipped

    def test_untick(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Reading")
        post_form(parent, item, "complete")
        item.refresh_from_db()
        response = post_form(parent, item, "uncomplete")
        assert response.status_code == 302
        item.refresh_from_db()
        assert not item.completed and item.version == 3

    def test_skip_with_a_reason_and_unskip(self, parent, demo_family):
        item = item_named(demo_family, "Ava", "Writing")  # daily: on every Monday's plan
        sessions = item.schedule.items.filter(day_date=DEMO_MONDAY, item_type="subject").count()
        assert post_form(parent, item, "skip", reason="Dentist").status_code == 302
        item.refresh_from_db()
        assert item.skipped
        text = text_of(parent.get("/today/?date=2026-01-05"))
        assert f"{item.name} is skipped." in text and "Reason: Dentist" in text
        assert f"0 of {sessions - 1} done" in text and "1 skipped" in text
        assert post_form(parent, item, "unskip").status_code == 302
        item.refresh_from_db()
        assert not item.skipped

    def test_a_commitment_is_not_skipped(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Soccer Practice")
        response = post_form(parent, item, "skip")
        assert response.status_code == 400
        assert "Commitments are not skipped here" in text_of(response)

    def test_a_return_date_out_of_range_goes_back_to_today(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Reading")
        response = post_form(parent, item, "complete", return_date="0001-01-01", notes="x" * 6000)
        assert response.status_code == 400  # the note is too long: the page is shown again...
        assert "Sunday 4 January 2026" in text_of(response)  # ...on the family's today

    def test_a_missing_version_is_refused(self, parent, demo_family):
        item = item_named(demo_family, "Noah", "Reading")
        response = parent.post(f"/today/items/{item.pk}/complete/", {"return_date": "2026-01-05"})
        assert response.status_code == 400
        item.refresh_from_db()
        assert not item.completed


# --- in the browser ---------------------------------------------------------------------


def _item(page, item):
    return page.locator(f"#item-{item.pk}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
class TestInTheBrowser:
    def test_tick_with_details_untick_and_skip(self, family_page, live_server, monday):
        page = family_page
        page.goto(f"{live_server.url}/today/")
        reading = item_named(monday, "Noah", "Reading")
        row = _item(page, reading)
        row.get_by_text("Add a note, times or engagement").click()
        row.get_by_label("Note").fill("Loved the dragon story")
        row.get_by_label("Started at").fill("09:05")
        row.get_by_label("Finished at").fill("09:40")
        row.get_by_label("4", exact=True).check()
        row.get_by_label("Your part").select_option("full_involvement")
        row.get_by_role("button", name="Save and mark done").click()

        done = _item(page, reading)
        done.locator(".recorded").wait_for()
        assert "Done" in done.locator(".item-status").inner_text()
        assert "09:05–09:40" in done.inner_text() and "4 of 5" in done.inner_text()
        assert "Loved the dragon story" in done.inner_text()
        assert "1 of 2 done" in page.locator(f"#progress-{reading.schedule.child_id}").inner_text()
        page.wait_for_function(
            "document.getElementById('announcer').textContent.includes('marked done')"
        )
        assert page.evaluate("document.activeElement.textContent") == "Reading"
        reading.refresh_from_db()
        assert reading.completed and reading.item_data["notes"] == "Loved the dragon story"
        log = ActivityLog.objects.get(schedule_item=reading, action="completed")
        assert log.actual["startTime"] == "09:05" and log.actual["childEngagement"] == 4
        assert log.actual["parentInvolvement"] == "full_involvement"
        screenshot(page, "today-ticked")

        done.get_by_role("button", name="Mark not done").click()
        _item(page, reading).locator(".done-button").wait_for()
        reading.refresh_from_db()
        assert not reading.completed

        writing = item_named(monday, "Ava", "Writing")
        row = _item(page, writing)
        row.locator("summary", has_text="Skip").click()
        row.get_by_label("Why skip it?").fill("Library visit")
        row.get_by_role("button", name="Skip it").click()
        _item(page, writing).get_by_role("button", name="Undo skip").wait_for()
        assert "Reason: Library visit" in _item(page, writing).inner_text()
        writing.refresh_from_db()
        assert writing.skipped
        assert page.url == f"{live_server.url}/today/"  # no reload: updated in place

    def test_errors_show_next_to_the_field(self, family_page, live_server, monday):
        page = family_page
        page.goto(f"{live_server.url}/today/")
        reading = item_named(monday, "Noah", "Reading")
        row = _item(page, reading)
        row.get_by_text("Add a note, times or engagement").click()
        row.get_by_label("Started at").fill("10:00")
        row.get_by_label("Finished at").fill("09:00")
        row.get_by_role("button", name="Save and mark done").click()
        error = row.locator(".field-error")
        assert error.inner_text() == "The finish time must be after the start time."
        assert row.get_by_label("Finished at").get_attribute("aria-invalid") == "true"
        reading.refresh_from_db()
        assert not reading.completed
        screenshot(page, "today-error")

    def test_a_change_from_another_device_is_said_and_shown(
        self, family_page, live_server, monday, user
    ):
        from brightpath.planner.services.items import item_complete

        page = family_page
        page.goto(f"{live_server.url}/today/")
        reading = item_named(monday, "Noah", "Reading")
        item_complete(user=user, item_id=reading.pk, version=1)  # the other device
        _item(page, reading).locator(".done-button").click()
        message = _item(page, reading).locator(".item-message")
        message.wait_for()
        assert "Someone else changed this item" in message.inner_text()
        assert "Done" in _item(page, reading).locator(".item-status").inner_text()

    def test_without_javascript_the_forms_still_work(self, chromium, live_server, user, monday):
        from .conftest import sign_in

        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        sign_in(page, live_server, user)
        page.goto(f"{live_server.url}/today/")
        reading = item_named(monday, "Noah", "Reading")
        _item(page, reading).locator(".done-button").click()
        assert page.get_by_role("status").first.inner_text() == "Reading is marked done."
        reading.refresh_from_db()
        assert reading.completed
        context.close()

    def test_accessible_at_desktop_and_phone_width(self, family_page, live_server, monday):
        page = family_page
        page.goto(f"{live_server.url}/today/")
        writing = item_named(monday, "Ava", "Writing")
        _item(page, writing).get_by_text("Add a note, times or engagement").click()
        assert_accessible(page)
        screenshot(page, "today")
        page.set_viewport_size(PHONE)
        assert_accessible(page)
        screenshot(page, "today")

    def test_an_empty_day_is_accessible(self, family_page, live_server, demo_family):
        page = family_page
        page.goto(f"{live_server.url}/today/")  # Sunday
        assert "not one of your school days" in page.locator("main").inner_text()
        assert_accessible(page)
        screenshot(page, "today-sunday")
