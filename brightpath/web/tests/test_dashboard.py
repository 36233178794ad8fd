"""The home page: the parent's day (today for every child, when the parent is
needed, what was carried over, records progress) and the welcome of a new parent."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from brightpath.accounts.tests.factories import UserFactory
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import CarryOver, ScheduleItem
from brightpath.planner.services.carry_over import carry_over_run, day_off_add
from brightpath.planner.services.items import item_complete
from brightpath.planner.services.records import Target, records_target_set

from .browser import DEMO_MONDAY, PHONE, assert_accessible, screenshot
from .test_today import MONDAY_MORNING, item_named, sessions_on, text_of

NEW_YORK = ZoneInfo("America/New_York")
TUESDAY_MORNING = dt.datetime(2026, 1, 6, 8, 0, tzinfo=NEW_YORK)


@pytest.fixture
def monday(demo_family, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: MONDAY_MORNING)
    return demo_family


@pytest.fixture
def carried_over(demo_family, monkeypatch):
    """Tuesday morning, after Monday went by with nothing done: it was carried over."""
    monkeypatch.setattr(timezone, "now", lambda: TUESDAY_MORNING)
    record = carry_over_run(family=demo_family, trigger="nightly")
    assert record is not None and any(m["to"] for m in record.moves)
    return record


@pytest.fixture
def parent(client, user, demo_family):
    client.force_login(user)
    return client


@pytest.mark.django_db
class TestANewParent:
    def test_is_welcomed_and_sent_to_the_questionnaire(self, client, user):
        client.force_login(user)
        response = client.get("/")
        page = response.content.decode()
        assert response.status_code == 200
        assert "Welcome to BrightPath" in page
        assert '<a class="button big" href="/onboarding/">Start the questionnaire</a>' in page
        assert "not built" not in page
        assert user.email in page


@pytest.mark.django_db
class TestTheFamilysDay:
    def test_today_for_every_child(self, parent, monday):
        text = text_of(parent.get("/"))
        assert "Hello," in text and "Monday 5 January 2026" in text
        assert f"0 of {sessions_on(monday)} done across the family" in text
        assert "Noah's checklist" in text and "Ava's checklist" in text
        assert "On now Reading 09:00–09:45" in text  # Noah, at 09:10
        assert "Piano Practice" in text and "Soccer Practice" in text

    def test_progress_and_next_up_follow_the_ticks(self, parent, user, monday):
        reading = item_named(monday, "Noah", "Reading")
        item_complete(user=user, item_id=reading.pk, version=reading.version)
        text = text_of(parent.get("/"))
        assert "1 of 2 done" in text
        assert f"1 of {sessions_on(monday)} done across the family" in text
        assert "Next up Mathematics" in text

    def test_links_to_the_checklist_week_print_records_and_settings(self, parent, monday):
        page = parent.get("/").content.decode()
        noah = monday.children.get(name="Noah")
        for href in (
            "/today/",
            f"/today/?child={noah.pk}",
            "/week/",
            "/week/print/?week=2026-01-05",
            "/records/",
            "/settings/",
        ):
            assert f'href="{href}"' in page, href

    def test_the_parents_load(self, parent, monday):
        text = text_of(parent.get("/"))
        assert "When you are needed today" in text
        assert "09:00–09:45 Full attention" in text and "Noah: Reading" in text
        assert "Some help" in text

    def test_two_children_needing_the_parent_at_once_is_said(self, parent, monday):
        from brightpath.planner.services.items import item_move

        # Ava's Mathematics needs some help; put it over Noah's Reading (full): forced, recorded.
        maths = item_named(monday, "Ava", "Mathematics")
        user = monday.owner
        item_move(
            user=user,
            item_id=maths.pk,
            version=maths.version,
            day=DEMO_MONDAY,
            start=dt.time(9, 0),
            force=True,
        )
        text = text_of(parent.get("/"))
        assert "Noah and Ava both need you" in text
        assert "More than you can give" in text  # 2 + 1 for one adult

    def test_the_subjects_are_still_there(self, parent, monday):
        text = text_of(parent.get("/"))
        assert "Your children's subjects" in text
        assert "Piano Practice" in text and "at 13:00" in text

    def test_sunday_says_so_and_shows_what_is_next(self, parent, demo_family):
        text = text_of(parent.get("/"))  # the clock: Sunday 2026-01-04, 20:00
        assert "Sunday is not one of your school days" in text
        assert "Next up: Monday 5 January" in text
        assert "Noah : 2 things to do" in text
        # the past week is not planned for a Sunday
        assert not demo_family.schedules.filter(week_start_date=dt.date(2025, 12, 29)).exists()

    def test_a_day_off_says_so(self, parent, user, monday):
        day_off_add(user=user, day=DEMO_MONDAY, kind="sick", label="Everyone has a cold")
        text = text_of(parent.get("/"))
        assert "Today is a day off: Everyone has a cold" in text

    def test_an_unplanned_week_is_planned_on_first_look(self, client, user, reused_solves):
        moment = dt.datetime(2026, 1, 5, 9, 0, tzinfo=NEW_YORK)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda: moment)
            family = questionnaire_submit(user=user, data=json.loads(DEMO_FAMILY_FILE.read_text()))
            family.schedules.all().delete()
            client.force_login(user)
            text = text_of(client.get("/"))
        assert family.schedules.filter(week_start_date=DEMO_MONDAY, is_active=True).count() == 2
        assert "Noah's checklist" in text


@pytest.mark.django_db
class TestCarryOvers:
    def test_what_moved_is_shown_with_its_undo(self, parent, carried_over):
        text = text_of(parent.get("/"))
        move = next(m for m in carried_over.moves if m["to"])
        assert "Carried over" in text
        assert f"{move['name']} ({move['childName']})" in text
        assert "Undo this carry-over" in text

    def test_undo_puts_them_back(self, parent, carried_over):
        response = parent.post(f"/carry-overs/{carried_over.pk}/undo/")
        assert response.status_code == 302 and response["Location"] == "/"
        carried_over.refresh_from_db()
        assert carried_over.undone_at is not None
        moved = [m for m in carried_over.moves if m.get("to")]
        for move in moved:
            item = ScheduleItem.objects.get(pk=move["itemId"])
            assert item.day_date.isoformat() == move["from"]["date"]
        text = text_of(parent.get("/"))
        assert f"Put back {len(moved)} item" in text
        assert "Undo this carry-over" not in text

    def test_undo_twice_says_so(self, parent, carried_over):
        parent.post(f"/carry-overs/{carried_over.pk}/undo/")
        parent.post(f"/carry-overs/{carried_over.pk}/undo/")
        assert "already undone" in text_of(parent.get("/"))

    def test_another_familys_carry_over_is_404(self, client, carried_over):
        stranger = UserFactory()
        questionnaire_submit(user=stranger, data=json.loads(DEMO_FAMILY_FILE.read_text()))
        client.force_login(stranger)
        assert client.post(f"/carry-overs/{carried_over.pk}/undo/").status_code == 404
        carried_over.refresh_from_db()
        assert carried_over.undone_at is None

    def test_undo_is_a_post(self, parent, carried_over):
        assert parent.get(f"/carry-overs/{carried_over.pk}/undo/").status_code == 405

    def test_nothing_carried_over(self, parent, monday):
        assert not CarryOver.objects.exists()
        assert "Nothing was carried over this week" in text_of(parent.get("/"))


@pytest.mark.django_db
class TestRecords:
    def test_without_a_target(self, parent, monday):
        text = text_of(parent.get("/"))
        assert "No target is set" in text
        assert "0 days and 0 hours recorded in the last 12 months" in text

    def test_progress_toward_the_target(self, parent, user, monday):
        records_target_set(
            user=user,
            target=Target(
                year_start=dt.date(2025, 9, 1),
                year_end=dt.date(2026, 6, 30),
                state="MO",
                required_days=180,
                required_hours=1000,
            ),
        )
        reading = item_named(monday, "Noah", "Reading")
        item_complete(user=user, item_id=reading.pk, version=reading.version)
        text = text_of(parent.get("/"))
        assert "Days of instruction 1 of 180 days" in text
        assert "Hours 0.75 of 1000 hours" in text
        assert "behind" in text
        assert "No target is set" not in text


# --- in the browser ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
class TestInTheBrowser:
    def test_the_day_at_a_glance(self, family_page, live_server, carried_over):
        page = family_page
        page.goto(f"{live_server.url}/")
        today = page.locator("#dash-today")
        assert "Tuesday" in page.locator("h1 + p").inner_text()
        for name in ("Noah", "Ava"):
            assert today.get_by_role("heading", name=name).is_visible()
            assert today.get_by_role("link", name=f"{name}'s checklist").is_visible()
        load = page.locator("#dash-load")
        assert load.locator(".timeline").is_visible()
        assert load.locator(".load-list li").count() >= 1
        carry = page.locator("#dash-carry")
        move = next(m for m in carried_over.moves if m["to"])
        assert move["name"] in carry.inner_text()
        assert_accessible(page)
        screenshot(page, "home")
        page.set_viewport_size(PHONE)
        assert_accessible(page)
        screenshot(page, "home")

        page.set_viewport_size({"width": 1280, "height": 900})
        carry.get_by_role("button", name="Undo this carry-over").click()
        assert "Put back" in page.get_by_role("status").first.inner_text()
        carried_over.refresh_from_db()
        assert carried_over.undone_at is not None

        page.get_by_role("link", name="Noah's checklist").click()
        assert page.url.startswith(f"{live_server.url}/today/?child=")
        assert page.get_by_role("heading", name="Noah").is_visible()

    def test_monday_morning(self, family_page, live_server, monday):
        page = family_page
        page.goto(f"{live_server.url}/")
        assert "on now" in page.locator("#dash-today").inner_text().lower()
        assert "Full attention" in page.locator("#dash-load").inner_text()
        assert_accessible(page)
        screenshot(page, "home-monday")

    def test_a_new_parent(self, signed_in, live_server):
        page = signed_in
        page.goto(f"{live_server.url}/")
        link = page.get_by_role("link", name="Start the questionnaire")
        assert link.get_attribute("href") == "/onboarding/"
        for viewport in (None, PHONE):
            if viewport:
                page.set_viewport_size(viewport)
            assert_accessible(page)
            screenshot(page, "home-welcome")

    def test_sunday(self, family_page, live_server, demo_family):
        page = family_page
        page.goto(f"{live_server.url}/")
        assert "Next up: Monday 5 January" in page.locator("#dash-today").inner_text()
        assert_accessible(page)
        screenshot(page, "home-sunday")


@pytest.mark.django_db
class TestAnyFamily:
    def test_today_is_where_the_family_lives(self, client, user, demo_submission, reused_solves):
        """One child, in Auckland: Monday morning there is still Sunday in New York."""
        demo_submission["section1"] = {"name": "Tane", "timeZone": "Pacific/Auckland"}
        demo_submission["children"] = demo_submission["children"][1:]  # Ava only
        monday_in_auckland = dt.datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Pacific/Auckland"))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda: monday_in_auckland)
            questionnaire_submit(user=user, data=demo_submission)
            client.force_login(user)
            text = text_of(client.get("/"))
            checklist = text_of(client.get("/today/"))
        assert "Monday 5 January 2026" in text
        assert "Ava's checklist" in text and "Noah" not in text
        assert "When you are needed today" in text
        assert "Today Monday 5 January 2026" in checklist

    def test_a_week_that_cannot_be_planned_says_so(self, parent, monday, monkeypatch):
        from brightpath.common.errors import Conflict
        from brightpath.web.views import today as today_view

        def cannot(**kwargs):
            raise Conflict("The commitments leave no time.")

        monkeypatch.setattr(today_view, "schedule_ensure", cannot)
        assert "The week could not be planned: The commitments leave no time." in text_of(
            parent.get("/")
        )
        assert "This week could not be planned: The commitments leave no time." in text_of(
            parent.get("/today/")
        )


class TestTheParentsDay:
    """parent_day on made-up days: any number of children, one or two adults."""

    @staticmethod
    def row(name: str, *items: tuple[str, str, str, str]) -> dict:
        from types import SimpleNamespace

        child = SimpleNamespace(pk=name.lower(), name=name)
        return {
            "child": child,
            "items": [
                {
                    "type": "subject",
                    "name": subject,
                    "startTime": start,
                    "endTime": end,
                    "skipped": False,
                    "parentInvolvement": involvement,
                }
                for subject, start, end, involvement in items
            ],
        }

    def test_three_children_at_once_with_one_adult(self):
        from brightpath.web.views.dashboard import parent_day

        rows = [
            self.row("Mia", ("Art", "09:00", "10:00", "full_involvement")),
            self.row("Leo", ("Latin", "09:30", "10:00", "some_assistance")),
            self.row("Zoe", ("Chess", "09:30", "10:30", "some_assistance")),
        ]
        day = parent_day(rows, [], adults=1, now_minute=9 * 60 + 45)
        by_start = {s["startTime"]: s for s in day["stretches"]}
        assert by_start["09:00"]["level"] == "full" and not by_start["09:00"]["overlap"]
        assert by_start["09:30"]["level"] == "over" and by_start["09:30"]["load"] == 4
        assert by_start["09:30"]["who"] == "Mia, Leo and Zoe all"
        assert by_start["10:00"]["level"] == "some"
        assert day["overloaded"] and day["needed"] == "1 h 30 min"
        assert day["together"] == "30 min"
        assert [h["label"] for h in day["hours"]] == ["09:00", "10:00", "11:00"]
        assert day["now"] == 37.5  # 09:45 on a 09:00-11:00 axis

    def test_two_adults_have_room_for_two(self):
        from brightpath.web.views.dashboard import parent_day

        rows = [
            self.row("Mia", ("Art", "09:00", "10:00", "full_involvement")),
            self.row("Leo", ("Latin", "09:00", "10:00", "full_involvement")),
        ]
        day = parent_day(rows, [], adults=2)
        (stretch,) = day["stretches"]
        assert stretch["level"] == "full" and not stretch["overloaded"]
        assert stretch["who"] == "Mia and Leo both" and day["now"] is None

    def test_a_day_of_independent_work_needs_no_one(self):
        from brightpath.web.views.dashboard import parent_day

        rows = [self.row("Mia", ("Piano", "13:00", "13:30", "independent"))]
        day = parent_day(rows, [], adults=1)
        assert day["stretches"] == [] and day["needed"] == ""
        assert parent_day([self.row("Mia")], [], adults=1) is None
