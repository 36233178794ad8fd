"""Settings › History (/settings/activity/): the family's changes, newest first,
in its time zone, escaped, paginated, one family's only, at a fixed query cost."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from brightpath.families import services as family_services
from brightpath.planner.models import ActivityLog
from brightpath.web.views.activity import PAGE_SIZE

pytestmark = pytest.mark.django_db

URL = "/settings/activity/"
EVIL = '<img src=x onerror="alert(1)">'


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def at(monkeypatch, hour: int, minute: int = 0) -> None:
    moment = dt.datetime(2026, 1, 5, hour, minute, tzinfo=ZoneInfo("America/New_York"))
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_the_page_lists_changes_newest_first_in_the_familys_zone(demo_family, user, monkeypatch):
    user.name = "Sarah"
    user.save(update_fields=["name"])
    at(monkeypatch, 9, 5)
    family_services.family_update(user=user, adults=2)
    at(monkeypatch, 9, 30)
    family_services.family_update(user=user, name="The Kims")
    html = signed_in(user).get(URL).content.decode()
    adults = html.index("Sarah changed the family’s settings: adults teaching from 1 to 2.")
    name = html.index("Sarah changed the family’s settings: name from Sarah Kim to The Kims.")
    assert name < adults < html.index("Sarah answered the questionnaire.")
    assert "Mon 5 Jan 2026, 09:30" in html  # New York time, not the server's UTC
    assert 'aria-current="page">History</a>' in html


def test_the_settings_page_links_to_the_history(demo_family, user):
    html = signed_in(user).get("/settings/").content.decode()
    assert f'href="{URL}"' in html


def test_names_are_escaped(demo_family, user):
    user.name = EVIL
    user.save(update_fields=["name"])
    noah = demo_family.children.get(name="Noah")
    family_services.commitment_create(
        owner=noah,
        answer={
            "name": f"Swim {EVIL}",
            "frequency": "weekly",
            "daysOfWeek": ["Friday"],
            "startTime": "16:00",
            "endTime": "17:00",
        },
        actor=user,
    )
    html = signed_in(user).get(URL).content.decode()
    assert EVIL not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_another_familys_changes_are_not_on_the_page(demo_family, user, other_user):
    family_services.family_update(user=user, name="Secret Family Name")
    family_services.family_get_or_create(user=other_user)
    html = signed_in(other_user).get(URL).content.decode()
    assert "Secret Family Name" not in html and "answered the questionnaire" not in html
    assert 'id="history-empty"' in html


def test_without_a_family_the_page_sends_to_the_questionnaire(other_user):
    response = signed_in(other_user).get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("web:onboarding")


def _history(family, user, monkeypatch, n: int) -> None:
    noah = family.children.get(name="Noah")
    for i in range(n):
        at(monkeypatch, 6, i)
        family_services.family_update(user=user, adults=1 + (i + 1) % 2)
        ActivityLog.objects.create(
            family=family,
            child=noah,
            date=dt.date(2026, 1, 5),
            activity_name="Reading",
            activity_type="subject",
            action="skipped",
            scheduled={"date": "2026-01-05", "startTime": "09:00", "endTime": "09:30"},
            actual={"skipped": True, "reason": f"<b>sick {i}</b>"},
            actor=user,
        )


@pytest.mark.parametrize("n", [1, 40])
def test_the_page_costs_the_same_queries_however_long_the_history(
    demo_family, user, monkeypatch, n, django_assert_num_queries
):
    _history(demo_family, user, monkeypatch, n)
    client = signed_in(user)
    # the user, the family, the children of the settings sub-navigation (the session
    # is in the cache); the history's count, page of keys, its events and item logs.
    with django_assert_num_queries(7):
        response = client.get(URL)
    html = response.content.decode()
    assert html.count('class="log-entry"') == min(PAGE_SIZE, 2 * n + 1)
    assert "<b>sick" not in html
    assert ("Page 1 of 3" in html) is (n == 40)


def test_pages_beyond_the_last_show_the_last(demo_family, user, monkeypatch):
    _history(demo_family, user, monkeypatch, 20)
    html = signed_in(user).get(URL, {"page": "99"}).content.decode()
    assert "Page 2 of 2" in html and "answered the questionnaire" in html
