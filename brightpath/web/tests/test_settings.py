"""The settings pages: the family, the daily email, the records target, the
children with their subjects and commitments. Client tests for the server's
rules (a valid change saved through the service, a bad value named beside its
field with nothing saved, another family's rows a 404, CSRF); browser tests for
the interactions, the accessibility check and screenshots."""

import datetime as dt
import json
import re

import pytest
from django.test import Client

from brightpath.curriculum.models import Subject
from brightpath.families.models import Child, ChildCommitment, Family, FamilyCommitment
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import AgendaEmail, RecordsTarget, Schedule

from .browser import DEMO_MONDAY, PHONE, assert_accessible, screenshot

SETTINGS = "/settings/"
FAMILY_FORM = {
    "section": "family",
    "name": "Sarah Kim",
    "time_zone": "America/New_York",
    "school_days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "adults": "1",
}
TARGET_FORM = {
    "section": "records",
    "state": "mo",
    "year_start": "2025-08-01",
    "year_end": "2026-06-30",
    "required_days": "",
    "required_hours": "1000",
    "required_core_hours": "600",
}
NOAH_FORM = {
    "name": "Noah",
    "birth_date": "2019-09-14",
    "age": "",
    "start_time": "09:00",
    "end_time": "14:00",
    "best_learning_times": ["mid-morning", "early_afternoon"],
}
SUBJECT_FORM = {
    "name": "Music",
    "is_core_subject": "",
    "session_duration": "25",
    "frequency": "2-3_times_per_week",
    "parent_involvement": "some_assistance",
    "fixed_time_required": "",
    "preferred_time": "",
    "interest_level": "4",
}
COMMITMENT_FORM = {
    "name": "Dentist",
    "frequency": "one-time",
    "date": "2026-01-07",
    "start_time": "10:00",
    "end_time": "11:00",
}


def field_error(response, field: str) -> str:
    """The error text Django put under the field (its `id_<field>_error` list), or ""."""
    html = response.content.decode()
    found = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    return re.sub(r"<[^>]+>", " ", found.group(1)).strip() if found else ""


def noah(family: Family) -> Child:
    return family.children.get(name="Noah")


# --- client tests -------------------------------------------------------------------------


@pytest.mark.django_db
class TestSettingsClient:
    @pytest.fixture
    def parent(self, client, demo_family) -> Client:
        client.force_login(demo_family.owner)
        return client

    @pytest.fixture
    def other_family(self, other_user) -> Family:
        return questionnaire_submit(user=other_user, data=json.loads(DEMO_FAMILY_FILE.read_text()))

    def test_signed_out_goes_to_sign_in(self, client):
        response = client.get(SETTINGS)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_a_parent_without_a_family_goes_to_the_questionnaire(self, client, user):
        client.force_login(user)
        for url in (SETTINGS, "/settings/children/new/"):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"] == "/onboarding/"

    def test_a_family_with_no_children_and_an_unlisted_zone_has_its_page(self, client, user):
        from brightpath.families.services import family_get_or_create

        family = family_get_or_create(user=user)
        family.time_zone = "UTC"  # no region: not in the grouped list, kept as it is
        family.save()
        client.force_login(user)
        html = client.get(SETTINGS).content.decode()
        assert "No children yet." in html and "No commitments yet." in html
        assert '<option value="UTC" selected>UTC</option>' in html
        assert "No target yet." in html
        response = client.post(SETTINGS, {**FAMILY_FORM, "time_zone": "UTC", "name": "Solo"})
        assert response.status_code == 302
        assert Family.objects.get(pk=family.pk).name == "Solo"

    def test_the_page_shows_what_the_questionnaire_said(self, parent, demo_family):
        html = parent.get(SETTINGS).content.decode()
        assert 'name="csrfmiddlewaretoken"' in html
        assert '<option value="America/New_York" selected>New York</option>' in html
        assert re.search(r'value="Monday"[^>]*checked', html)
        assert not re.search(r'value="Saturday"[^>]*checked', html)
        assert "Work Meeting" in html and "Every Tuesday and Thursday, 10:00–11:30" in html
        assert "Noah" in html and "Ava" in html
        assert 'aria-current="page">Family, email, records' in html

    def test_changing_the_family_saves_it_and_offers_to_replan(self, parent, demo_family):
        data = {
            **FAMILY_FORM,
            "name": "The Kims",
            "time_zone": "America/Chicago",
            "school_days": ["Monday", "Wednesday", "Friday"],
            "adults": "2",
        }
        response = parent.post(SETTINGS, data)
        assert response.status_code == 302
        assert response["Location"] == SETTINGS
        family = Family.objects.get(pk=demo_family.pk)
        assert family.name == "The Kims"
        assert family.time_zone == "America/Chicago"
        assert family.school_days == ["Monday", "Wednesday", "Friday"]
        assert family.adults == 2
        html = parent.get(SETTINGS).content.decode()
        assert "Saved your family’s settings." in html
        assert "Weeks planned from now on follow it." in html
        assert f'href="/week/?week={DEMO_MONDAY}"' in html
        # The week of 5 January was planned before: the notice offers to re-plan it.
        assert "The week of 5 January was" in html
        assert "Re-plan this week" in html

    def test_a_name_only_change_says_nothing_about_the_plan(self, parent, demo_family):
        parent.post(SETTINGS, {**FAMILY_FORM, "name": "Kim household"})
        html = parent.get(SETTINGS).content.decode()
        assert "Saved your family’s settings." in html
        assert "Weeks planned from now on" not in html
        assert "Re-plan" not in html

    def test_an_unknown_time_zone_is_named_and_nothing_is_saved(self, parent, demo_family):
        response = parent.post(SETTINGS, {**FAMILY_FORM, "name": "New", "time_zone": "Mars/Base"})
        assert response.status_code == 200
        assert "Mars/Base is not one of the available choices" in field_error(response, "time_zone")
        assert "Nothing was saved" in response.content.decode()
        family = Family.objects.get(pk=demo_family.pk)
        assert (family.name, family.time_zone) == ("Sarah Kim", "America/New_York")

    def test_no_school_days_is_refused(self, parent, demo_family):
        data = {key: value for key, value in FAMILY_FORM.items() if key != "school_days"}
        response = parent.post(SETTINGS, {**data, "name": "New"})
        assert field_error(response, "school_days") == "Choose at least one school day."
        family = Family.objects.get(pk=demo_family.pk)
        assert family.school_days == FAMILY_FORM["school_days"]
        assert family.name == "Sarah Kim"

    def test_the_agenda_email_is_turned_off_and_on_at_a_time(self, parent, demo_family):
        response = parent.post(SETTINGS, {"section": "email", "send_at": "06:30"})
        assert response["Location"] == SETTINGS
        row = AgendaEmail.objects.get(family=demo_family)
        assert (row.enabled, row.send_at) == (False, dt.time(6, 30))
        parent.post(SETTINGS, {"section": "email", "enabled": "on", "send_at": "07:15"})
        row.refresh_from_db()
        assert (row.enabled, row.send_at) == (True, dt.time(7, 15))
        assert "The daily agenda email comes at 07:15." in parent.get(SETTINGS).content.decode()

    def test_a_bad_email_time_is_named(self, parent, demo_family):
        response = parent.post(SETTINGS, {"section": "email", "enabled": "on", "send_at": "25:00"})
        assert "24-hour time" in field_error(response, "send_at")
        assert not AgendaEmail.objects.filter(family=demo_family).exists()

    def test_the_records_target_is_saved_through_the_service(self, parent, demo_family):
        response = parent.post(SETTINGS, TARGET_FORM)
        assert response["Location"] == SETTINGS
        target = RecordsTarget.objects.get(family=demo_family)
        assert target.state == "MO"
        assert (target.required_days, target.required_hours, target.required_core_hours) == (
            None,
            1000,
            600,
        )
        assert target.year_end == dt.date(2026, 6, 30)

    def test_a_negative_target_is_named_by_the_service_and_nothing_saved(self, parent, demo_family):
        response = parent.post(SETTINGS, {**TARGET_FORM, "required_days": "-5"})
        assert response.status_code == 200
        assert field_error(response, "required_days") == "Must be zero or more."
        assert not RecordsTarget.objects.filter(family=demo_family).exists()

    def test_a_school_year_ending_before_it_starts_is_named(self, parent, demo_family):
        response = parent.post(SETTINGS, {**TARGET_FORM, "year_end": "2025-07-01"})
        assert field_error(response, "year_end") == "Must be after yearStart."
        assert not RecordsTarget.objects.filter(family=demo_family).exists()

    def test_an_unknown_section_saves_nothing(self, parent, demo_family):
        response = parent.post(SETTINGS, {"section": "bogus", "name": "X"})
        assert response.status_code == 302
        assert Family.objects.get(pk=demo_family.pk).name == "Sarah Kim"

    # --- the parent's commitments

    def test_a_family_commitment_is_added_changed_and_removed(self, parent, demo_family):
        response = parent.post("/settings/commitments/new/", COMMITMENT_FORM)
        assert response["Location"] == SETTINGS
        row = FamilyCommitment.objects.get(family=demo_family, name="Dentist")
        assert (row.frequency, row.date, row.days_of_week) == ("one-time", dt.date(2026, 1, 7), [])

        edit = f"/settings/commitments/{row.pk}/"
        assert 'value="Dentist"' in parent.get(edit).content.decode()
        parent.post(
            edit,
            {
                **COMMITMENT_FORM,
                "frequency": "monthly",
                "week_of_month": "-1",
                "days_of_week": ["Friday"],
            },
        )
        row.refresh_from_db()
        assert (row.frequency, row.week_of_month, row.days_of_week, row.date) == (
            "monthly",
            -1,
            ["Friday"],
            None,
        )
        assert "Last Friday of each month, 10:00–11:00" in parent.get(SETTINGS).content.decode()

        remove = f"/settings/commitments/{row.pk}/remove/"
        asked = parent.post(remove)  # without JavaScript: the confirm page first
        assert asked.status_code == 200 and "Remove “Dentist”?" in asked.content.decode()
        assert FamilyCommitment.objects.live().filter(pk=row.pk).exists()
        parent.post(remove, {"confirmed": "yes"})
        assert not FamilyCommitment.objects.live().filter(pk=row.pk).exists()

    def test_a_commitment_ending_before_it_starts_is_refused(self, parent, demo_family):
        response = parent.post(
            "/settings/commitments/new/", {**COMMITMENT_FORM, "end_time": "09:00"}
        )
        assert field_error(response, "end_time") == "Must be after the start time."
        assert not FamilyCommitment.objects.filter(name="Dentist").exists()

    def test_a_weekly_commitment_needs_a_day(self, parent, demo_family):
        response = parent.post(
            "/settings/commitments/new/", {**COMMITMENT_FORM, "frequency": "weekly"}
        )
        assert "at least one day" in field_error(response, "days_of_week")
        assert not FamilyCommitment.objects.filter(name="Dentist").exists()

    # --- children

    def test_a_child_is_edited(self, parent, demo_family):
        child = noah(demo_family)
        url = f"/settings/children/{child.pk}/"
        html = parent.get(url).content.decode()
        assert 'value="2019-09-14"' in html and "Mathematics" in html and "Soccer Practice" in html
        data = {**NOAH_FORM, "name": "Noah K", "end_time": "15:00", "best_learning_times": []}
        response = parent.post(url, data)
        assert response["Location"] == url
        child.refresh_from_db()
        assert child.name == "Noah K"
        assert child.homeschool_hours == ("09:00", "15:00")
        assert child.learning_preferences["bestLearningTimes"] == []

    def test_a_child_given_an_age_gets_an_estimated_birth_month(self, parent, demo_family):
        child = noah(demo_family)
        parent.post(f"/settings/children/{child.pk}/", {**NOAH_FORM, "birth_date": "", "age": "8"})
        child.refresh_from_db()
        assert child.birth.is_estimate and child.age == 8

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"birth_date": "2030-01-01"}, "birth_date", "Is in the future."),
            ({"birth_date": "14/09/2019"}, "birth_date", "Use a date such as"),
            ({"birth_date": "2025-01-01"}, "birth_date", "BrightPath plans for children aged 2"),
            ({"birth_date": "", "age": ""}, "birth_date", "Give the birth date, or the age."),
            ({"age": "9"}, "age", "Does not match the birth date"),
            ({"end_time": "08:00"}, "end_time", "Must be after the start time."),
            ({"start_time": "09:03"}, "start_time", "5-minute step"),
            ({"name": ""}, "name", "This field is required."),
        ],
    )
    def test_a_bad_child_value_is_named_and_nothing_saved(
        self, parent, demo_family, change, field, message
    ):
        child = noah(demo_family)
        response = parent.post(
            f"/settings/children/{child.pk}/", {**NOAH_FORM, "name": "Changed", **change}
        )
        assert response.status_code == 200
        assert message in field_error(response, field)
        child.refresh_from_db()
        assert child.name == "Noah"

    def test_hours_too_short_for_a_subject_come_back_from_the_service(self, parent, demo_family):
        child = noah(demo_family)
        response = parent.post(
            f"/settings/children/{child.pk}/",
            {**NOAH_FORM, "start_time": "09:00", "end_time": "09:30"},
        )
        assert "Reading" in field_error(response, "end_time")
        child.refresh_from_db()
        assert child.homeschool_hours == ("09:00", "14:00")

    def test_a_child_is_added_then_removed_after_saying_what_goes(self, parent, demo_family):
        response = parent.post(
            "/settings/children/new/",
            {**NOAH_FORM, "name": "Mia", "birth_date": "2018-03", "best_learning_times": []},
        )
        mia = Child.objects.get(family=demo_family, name="Mia")
        assert response["Location"] == f"/settings/children/{mia.pk}/"
        assert mia.birth.text == "2018-03"
        assert "Added Mia." in parent.get(response["Location"]).content.decode()

        remove = f"/settings/children/{mia.pk}/remove/"
        page = parent.get(remove).content.decode()
        assert "Remove Mia?" in page and "Nothing has been recorded for Mia yet." in page
        parent.post(remove, {"confirmed": "yes"})
        assert not Child.objects.live().filter(pk=mia.pk).exists()

    def test_removing_a_child_with_history_says_what_is_kept_and_archives(
        self, parent, demo_family
    ):
        child = noah(demo_family)
        remove = f"/settings/children/{child.pk}/remove/"
        page = parent.post(remove).content.decode()
        assert "2 subjects (Mathematics, Reading) and 1 commitment go with Noah." in page
        assert f'href="/children/{child.pk}/report/"' in page
        response = parent.post(remove, {"confirmed": "yes"})
        assert response["Location"] == SETTINGS
        child.refresh_from_db()
        assert child.archived_at is not None  # the planned week refers to Noah

    # --- a child's subjects

    def test_a_subject_is_added_changed_and_removed(self, parent, demo_family):
        child = noah(demo_family)
        response = parent.post(f"/settings/children/{child.pk}/subjects/new/", SUBJECT_FORM)
        assert response["Location"] == f"/settings/children/{child.pk}/"
        music = Subject.objects.get(child=child, name="Music")
        assert (music.session_duration, music.frequency, music.interest_level) == (
            25,
            "2-3_times_per_week",
            4,
        )
        edit = f"/settings/children/{child.pk}/subjects/{music.pk}/"
        parent.post(
            edit,
            {
                **SUBJECT_FORM,
                "is_core_subject": "on",
                "fixed_time_required": "on",
                "preferred_time": "13:00",
            },
        )
        music.refresh_from_db()
        assert music.is_core_subject and music.preferred_time == dt.time(13, 0)
        parent.post(f"{edit}remove/", {"confirmed": "yes"})
        assert not Subject.objects.live().filter(pk=music.pk).exists()

    def test_editing_a_subject_keeps_its_metadata(self, parent, demo_family):
        ava = demo_family.children.get(name="Ava")
        maths = ava.subjects.get(name="Mathematics")
        edit = f"/settings/children/{ava.pk}/subjects/{maths.pk}/"
        assert "Singapore Math 4A" in parent.get(edit).content.decode()
        parent.post(
            edit,
            {
                **SUBJECT_FORM,
                "name": "Mathematics",
                "session_duration": "40",
                "frequency": "daily",
            },
        )
        maths.refresh_from_db()
        assert maths.session_duration == 40
        assert maths.metadata == {"curriculum": "Singapore Math 4A"}

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"session_duration": "22"}, "session_duration", "multiple of 5"),
            ({"session_duration": "-5"}, "session_duration", "greater than or equal to 5"),
            ({"fixed_time_required": "on"}, "preferred_time", "needs its time"),
            # The service's rules: the child's day, and one subject of a name.
            ({"name": "reading"}, "name", "already has a subject with this name"),
            (
                {"fixed_time_required": "on", "preferred_time": "13:50"},
                "preferred_time",
                "does not fit in the homeschool hours",
            ),
        ],
    )
    def test_a_bad_subject_is_named_and_nothing_saved(
        self, parent, demo_family, change, field, message
    ):
        child = noah(demo_family)
        before = list(Subject.objects.filter(child=child).values_list("name", flat=True))
        response = parent.post(
            f"/settings/children/{child.pk}/subjects/new/", {**SUBJECT_FORM, **change}
        )
        assert response.status_code == 200
        assert message in field_error(response, field)
        assert list(Subject.objects.filter(child=child).values_list("name", flat=True)) == before

    # --- a child's commitments

    def test_a_child_commitment_is_added_changed_and_removed(self, parent, demo_family):
        child = noah(demo_family)
        new = f"/settings/children/{child.pk}/commitments/new/"
        data = {
            **COMMITMENT_FORM,
            "name": "Piano",
            "frequency": "weekly",
            "days_of_week": ["Thursday"],
        }
        parent.post(new, data)
        row = ChildCommitment.objects.get(child=child, name="Piano")
        assert row.days_of_week == ["Thursday"] and row.date is None
        edit = f"/settings/children/{child.pk}/commitments/{row.pk}/"
        parent.post(edit, {**data, "days_of_week": ["Monday", "Thursday"]})
        row.refresh_from_db()
        assert row.days_of_week == ["Monday", "Thursday"]
        parent.post(f"{edit}remove/", {"confirmed": "yes"})
        assert not ChildCommitment.objects.live().filter(pk=row.pk).exists()

    # --- another family's rows, CSRF, re-planning

    def test_another_familys_rows_are_404(self, parent, other_family):
        theirs = other_family.children.get(name="Noah")
        subject = theirs.subjects.first()
        commitment = theirs.commitments.first()
        family_commitment = other_family.commitments.first()
        urls = [
            f"/settings/children/{theirs.pk}/",
            f"/settings/children/{theirs.pk}/remove/",
            f"/settings/children/{theirs.pk}/subjects/new/",
            f"/settings/children/{theirs.pk}/subjects/{subject.pk}/",
            f"/settings/children/{theirs.pk}/subjects/{subject.pk}/remove/",
            f"/settings/children/{theirs.pk}/commitments/new/",
            f"/settings/children/{theirs.pk}/commitments/{commitment.pk}/",
            f"/settings/children/{theirs.pk}/commitments/{commitment.pk}/remove/",
            f"/settings/commitments/{family_commitment.pk}/",
            f"/settings/commitments/{family_commitment.pk}/remove/",
        ]
        for url in urls:
            assert parent.get(url).status_code == 404, url
            assert parent.post(url, {"confirmed": "yes", **NOAH_FORM}).status_code == 404, url
        assert Child.objects.live().filter(pk=theirs.pk, name="Noah").exists()
        assert Subject.objects.live().filter(pk=subject.pk).exists()

    def test_a_subject_of_one_child_is_404_under_another(self, parent, demo_family):
        ava = demo_family.children.get(name="Ava")
        noahs = noah(demo_family).subjects.first()
        assert parent.get(f"/settings/children/{ava.pk}/subjects/{noahs.pk}/").status_code == 404

    def test_posts_need_the_csrf_token(self, demo_family):
        client = Client(enforce_csrf_checks=True)
        client.force_login(demo_family.owner)
        assert client.post(SETTINGS, {**FAMILY_FORM, "name": "X"}).status_code == 403
        child = noah(demo_family)
        assert (
            client.post(f"/settings/children/{child.pk}/remove/", {"confirmed": "yes"}).status_code
            == 403
        )
        assert Child.objects.live().filter(pk=child.pk).exists()

    def test_replanning_makes_a_new_version_of_the_planned_week(self, parent, demo_family):
        child = noah(demo_family)
        parent.post(
            f"/settings/children/{child.pk}/commitments/new/",
            {**COMMITMENT_FORM, "name": "Dentist", "date": "2026-01-06", "start_time": "09:00"},
        )
        html = parent.get(SETTINGS).content.decode()
        assert "The week of 5 January was" in html
        before = Schedule.objects.get(child=child, week_start_date=DEMO_MONDAY, is_active=True)
        response = parent.post("/settings/replan/", {"next": f"/settings/children/{child.pk}/"})
        assert response["Location"] == f"/settings/children/{child.pk}/"
        after = Schedule.objects.get(child=child, week_start_date=DEMO_MONDAY, is_active=True)
        assert after.pk != before.pk
        tuesday = [
            item
            for item in after.items.filter(day_date=dt.date(2026, 1, 6), item_type="subject")
            if item.start_time < dt.time(11, 0) and item.end_time > dt.time(9, 0)
        ]
        assert not tuesday  # nothing for Noah during the dentist
        html = parent.get(SETTINGS).content.decode()
        assert "Re-planned the week of 5 January 2026." in html
        assert "Re-plan this week" not in html

    def test_the_notice_can_be_dismissed_and_an_outside_next_is_ignored(self, parent, demo_family):
        parent.post(SETTINGS, {**FAMILY_FORM, "adults": "2"})
        response = parent.post(
            "/settings/replan/", {"dismiss": "1", "next": "https://evil.example/"}
        )
        assert response["Location"] == SETTINGS
        assert "Re-plan" not in parent.get(SETTINGS).content.decode()
        assert Schedule.objects.filter(family=demo_family, is_active=False).count() == 0


# --- in the browser -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
class TestSettingsBrowser:
    def test_change_the_time_zone_and_school_days(self, family_page, live_server, demo_family):
        page = family_page
        page.goto(live_server.url + SETTINGS)
        page.get_by_label("Time zone").select_option("America/Denver")
        page.get_by_role("checkbox", name="Friday").uncheck()
        page.get_by_role("checkbox", name="Saturday").check()
        page.get_by_role("button", name="Save family").click()
        assert "Saved your family’s settings." in page.get_by_role("status").first.inner_text()
        assert page.get_by_label("Time zone").input_value() == "America/Denver"
        assert page.get_by_role("checkbox", name="Saturday").is_checked()
        family = Family.objects.get(pk=demo_family.pk)
        assert family.time_zone == "America/Denver"
        assert family.school_days == ["Monday", "Tuesday", "Wednesday", "Thursday", "Saturday"]
        assert page.get_by_role("complementary", name="Your planned week").is_visible()
        screenshot(page, "settings-after-change")

        # No school days: the error is beside the days, focus on the summary, nothing saved.
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Saturday"):
            page.get_by_role("checkbox", name=day).uncheck()
        page.get_by_role("button", name="Save family").click()
        assert (
            page.locator("#id_school_days_error").inner_text() == "Choose at least one school day."
        )
        assert page.evaluate("document.activeElement.className") == "error-summary"
        assert Family.objects.get(pk=demo_family.pk).school_days[0] == "Monday"
        assert_accessible(page)
        screenshot(page, "settings-error")

    def test_add_a_subject_to_a_child_and_change_it(self, family_page, live_server, demo_family):
        page = family_page
        page.goto(live_server.url + SETTINGS)
        page.get_by_role("navigation", name="Settings").get_by_role("link", name="Noah").click()
        page.get_by_role("link", name="Add a subject").click()
        page.get_by_label("Subject", exact=True).fill("Music")
        page.get_by_label("Minutes a session").fill("25")
        page.get_by_label("How often").select_option("once_a_week")
        assert not page.get_by_label("At", exact=True).is_visible()  # only for a fixed time
        page.get_by_label("Always at the same time").check()
        page.get_by_label("At", exact=True).fill("10:30")
        page.get_by_role("button", name="Add subject").click()
        assert "Saved Noah’s Music." in page.get_by_role("status").first.inner_text()
        row = page.locator("#subjects li", has_text="Music")
        assert "at 10:30" in row.inner_text()

        row.get_by_role("link", name="Change Music").click()
        page.get_by_label("Minutes a session").fill("35")
        page.get_by_role("button", name="Save Music").click()
        assert "35 min · Once a week" in page.locator("#subjects li", has_text="Music").inner_text()
        child = noah(demo_family)
        music = Subject.objects.get(child=child, name="Music")
        assert (music.session_duration, music.preferred_time) == (35, dt.time(10, 30))

        # Removing asks first; dismissing keeps it, accepting removes it.
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.get_by_role("button", name="Remove Music").click()
        assert Subject.objects.live().filter(pk=music.pk).exists()
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Remove Music").click()
        page.wait_for_url(f"**/settings/children/{child.pk}/")
        assert "Removed Noah’s Music." in page.get_by_role("status").first.inner_text()
        assert not Subject.objects.live().filter(pk=music.pk).exists()

    def test_add_a_child_and_remove_it(self, family_page, live_server, demo_family):
        page = family_page
        page.goto(live_server.url + SETTINGS)
        page.get_by_role("link", name="Add a child").first.click()
        page.get_by_label("Name").fill("Mia")
        page.get_by_label("Birth date").fill("2018-03-02")
        page.get_by_role("checkbox", name="Late morning").check()
        page.get_by_role("button", name="Add child").click()
        assert page.get_by_role("heading", name="Mia").first.is_visible()
        assert "No subjects yet" in page.locator("#subjects").inner_text()
        mia = Child.objects.get(family=demo_family, name="Mia")
        assert mia.learning_preferences["bestLearningTimes"] == ["late_morning"]

        page.get_by_role("button", name="Remove Mia…").click()
        assert page.get_by_role("heading", name="Remove Mia?").is_visible()
        assert "Nothing has been recorded for Mia yet." in page.locator(".confirm").inner_text()
        page.get_by_role("button", name="Remove Mia").click()
        assert "Removed Mia." in page.get_by_role("status").first.inner_text()
        assert not page.get_by_role("navigation", name="Settings").get_by_text("Mia").count()
        assert not Child.objects.live().filter(pk=mia.pk).exists()

    def test_a_commitment_form_shows_the_fields_of_its_frequency(
        self, family_page, live_server, demo_family
    ):
        page = family_page
        page.goto(live_server.url + "/settings/commitments/new/")
        assert page.get_by_role("group", name="On").is_visible()  # weekly by default
        assert not page.get_by_label("Date").is_visible()
        assert not page.get_by_label("Day of the month").is_visible()
        page.get_by_label("How often").select_option("monthly")
        assert page.get_by_label("Day of the month").is_visible()
        page.get_by_label("How often").select_option("one-time")
        assert page.get_by_label("Date").is_visible()
        assert not page.get_by_role("group", name="On").is_visible()
        page.get_by_label("What").fill("Dentist")
        page.get_by_label("Date").fill("2026-01-08")
        page.get_by_label("From").fill("10:00")
        page.get_by_label("Until").fill("11:00")
        page.get_by_role("button", name="Add commitment").click()
        assert "Dentist" in page.locator("#commitments").inner_text()
        assert FamilyCommitment.objects.get(name="Dentist").date == dt.date(2026, 1, 8)

    @pytest.mark.parametrize(
        "which", ["family", "child", "subject", "commitment", "new-child", "remove-child"]
    )
    def test_the_pages_are_accessible_at_desktop_and_phone_width(
        self, family_page, live_server, demo_family, which
    ):
        child = noah(demo_family)
        subject = child.subjects.get(name="Reading")
        path = {
            "family": SETTINGS,
            "child": f"/settings/children/{child.pk}/",
            "subject": f"/settings/children/{child.pk}/subjects/{subject.pk}/",
            "commitment": "/settings/commitments/new/",
            "new-child": "/settings/children/new/",
            "remove-child": f"/settings/children/{child.pk}/remove/",
        }[which]
        page = family_page
        page.goto(live_server.url + path)
        for viewport in (None, PHONE):
            if viewport:
                page.set_viewport_size(viewport)
            assert_accessible(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
                "window.innerWidth"
            ), "nothing wider than the screen"
            screenshot(page, f"settings-{which}")
