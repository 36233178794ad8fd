"""The weekly feedback prompt on the home page, the rating page and "what
BrightPath learned": Django's client for the no-JavaScript paths and the
isolation, Playwright for the prompt posting to the API."""

import datetime as dt
import html
import json
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from brightpath.insights.models import Feedback
from brightpath.insights.services import preferences_refresh
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import Schedule, ScheduleItem
from brightpath.planner.services import items

from .browser import DEMO_MONDAY, PHONE, assert_accessible, screenshot
from .test_today import text_of as _text_of

NEW_YORK = ZoneInfo("America/New_York")
FRIDAY = dt.datetime(2026, 1, 9, 15, 0, tzinfo=NEW_YORK)  # the demo week can be rated


@pytest.fixture
def friday(demo_family, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: FRIDAY)
    return demo_family


@pytest.fixture
def parent(client, user, demo_family):
    client.force_login(user)
    return client


def text_of(response) -> str:
    """What a person reads: the page's text, with entities (&#x27;) read back."""
    return html.unescape(_text_of(response))


def week_of(family, child: str) -> Schedule:
    return Schedule.objects.get(family=family, child__name=child, is_active=True)


@pytest.mark.django_db
class TestThePrompt:
    def test_not_before_the_week_is_mostly_lived(self, parent, demo_family):
        assert "How did the week go?" not in text_of(parent.get("/"))  # Sunday before it

    def test_from_friday_each_childs_week_can_be_rated_without_javascript(self, parent, friday):
        text = text_of(parent.get("/"))
        assert "How did the week go?" in text
        assert "Noah's week of 5 January" in text and "Ava's week of 5 January" in text

        noah = week_of(friday, "Noah")
        response = parent.post(
            "/feedback/", {"scheduleId": str(noah.pk), "rating": "4", "next": "/"}
        )
        assert response.status_code == 302 and response.url == "/"
        stored = Feedback.objects.get()
        assert (stored.rating, stored.schedule, stored.feedback_data) == (4, noah, {})
        text = text_of(parent.get("/"))
        assert "your rating of Noah's week is saved" in text
        assert "Noah's week of 5 January" not in text  # rated: no longer asked
        assert "Ava's week of 5 January" in text

    def test_a_rating_without_stars_says_so_and_saves_nothing(self, parent, friday):
        noah = week_of(friday, "Noah")
        response = parent.post("/feedback/", {"scheduleId": str(noah.pk), "next": "/"})
        assert response.status_code == 400
        assert "Stars: Required to rate a week" in text_of(response)
        assert not Feedback.objects.exists()

    def test_next_never_leaves_the_site(self, parent, friday):
        noah = week_of(friday, "Noah")
        body = {"scheduleId": str(noah.pk), "rating": "3", "next": "https://evil.example/"}
        assert parent.post("/feedback/", body).url == "/feedback/"


@pytest.mark.django_db
class TestTheRatingPage:
    def test_the_full_form_stores_the_statements_and_changes(self, parent, friday):
        page = text_of(parent.get("/feedback/"))
        assert "Subjects came at good times of day." in page
        ava = week_of(friday, "Ava")
        response = parent.post(
            "/feedback/",
            {
                "form": "full",
                "scheduleId": str(ava.pk),
                "rating": "2",
                "q2": "1",
                "q4": "5",
                "timeShifted": "on",
                "comments": "Science after lunch never happens.",
            },
        )
        assert response.status_code == 302
        stored = Feedback.objects.get(schedule=ava)
        assert stored.feedback_data == {
            "likertResponses": {"q2": 1, "q4": 5},
            "adjustments": {
                "timeShifted": True,
                "blocksResized": False,
                "subjectsReordered": False,
            },
        }
        assert stored.comments == "Science after lunch never happens."
        assert "Science after lunch" in text_of(parent.get("/feedback/"))  # recent ratings

    def test_a_bad_answer_is_named_and_the_form_keeps_what_was_given(self, parent, friday):
        ava = week_of(friday, "Ava")
        response = parent.post(
            "/feedback/",
            {"form": "full", "scheduleId": str(ava.pk), "q1": "9", "comments": "Kept"},
        )
        assert response.status_code == 400
        text = text_of(response)
        assert "Stars: Required" in text
        assert "“The week's pace suited us.”: Must be from 1" in text
        assert ">Kept</textarea>" in response.content.decode()
        assert not Feedback.objects.exists()

    def test_another_familys_week_is_a_404(self, client, other_user, friday):
        questionnaire_submit(user=other_user, data=_demo())
        client.force_login(other_user)
        theirs = week_of(friday, "Noah")
        response = client.post("/feedback/", {"scheduleId": str(theirs.pk), "rating": "1"})
        assert response.status_code == 404
        assert not Feedback.objects.exists()

    def test_without_a_family_the_parent_is_sent_to_the_questionnaire(self, client, other_user):
        client.force_login(other_user)
        assert client.get("/feedback/").url == "/onboarding/"
        assert client.get("/learned/").url == "/onboarding/"


def _demo() -> dict:
    return json.loads(DEMO_FAMILY_FILE.read_text())


def move_noahs_maths(user, family) -> None:
    for day in (DEMO_MONDAY, DEMO_MONDAY + dt.timedelta(days=1)):
        item = ScheduleItem.objects.get(
            schedule__family=family, schedule__child__name="Noah", name="Mathematics", day_date=day
        )
        items.item_move(
            user=user,
            item_id=item.pk,
            version=item.version,
            day=day,
            start=dt.time(13, 0),
            force=True,
        )


@pytest.mark.django_db
class TestWhatWasLearned:
    def test_nothing_yet(self, parent):
        text = text_of(parent.get("/learned/"))
        assert "Nothing yet" in text
        assert "Forget what BrightPath learned" not in text

    def test_each_change_in_a_sentence_and_forgetting_it(self, parent, user, demo_family):
        move_noahs_maths(user, demo_family)
        preferences_refresh(family=demo_family)
        text = text_of(parent.get("/learned/"))
        assert "Mathematics" in text and "later" in text
        assert "Noah Mathematics" in text  # the table of times
        response = parent.post("/learned/forget/")
        assert response.status_code == 302
        text = text_of(parent.get(response.url))
        assert "has forgotten what it learned" in text
        assert "Nothing yet" in text

    def test_another_familys_learning_is_not_shown(self, client, other_user, user, demo_family):
        move_noahs_maths(user, demo_family)
        preferences_refresh(family=demo_family)
        questionnaire_submit(user=other_user, data=_demo())
        client.force_login(other_user)
        text = text_of(client.get("/learned/"))
        assert "Nothing yet" in text and "Mathematics" not in text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
class TestInTheBrowser:
    def test_rating_the_week_from_the_home_page(self, family_page, live_server, friday):
        page = family_page
        page.goto(f"{live_server.url}/")
        prompt = page.locator("#dash-feedback")
        assert prompt.get_by_role("group", name="Noah's week of 5 January").is_visible()
        assert_accessible(page)
        screenshot(page, "home-feedback")

        # Without stars, the API's error is put beside the stars.
        prompt.get_by_role("button", name="Rate Noah's week").click()
        assert "Required to rate a week" in prompt.locator(".field-error").first.inner_text()

        prompt.get_by_role("group", name="Noah's week of 5 January").get_by_label("4 stars").check()
        prompt.get_by_role("button", name="Rate Noah's week").click()
        assert "your rating of Noah's week is saved" in prompt.locator(".thanks").inner_text()
        stored = Feedback.objects.get()
        assert stored.rating == 4 and stored.schedule == week_of(friday, "Noah")

        page.set_viewport_size(PHONE)
        page.goto(f"{live_server.url}/feedback/")
        assert page.get_by_role("heading", name="Ava's week of 5 January 2026").is_visible()
        assert_accessible(page)
        screenshot(page, "feedback")
