"""The daily agenda email: the parent's setting, and each family's email sent
once a day at the parent's chosen time where the family lives."""

import datetime as dt
import json

import pytest
from django.core import signing
from django.core.mail import EmailMultiAlternatives

from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import AgendaEmail, ScheduleItem
from brightpath.planner.selectors.feeds import STOP_SALT, stop_token
from brightpath.planner.services.agenda import agenda_email_send
from brightpath.planner.services.items import item_skip
from brightpath.planner.tasks import send_daily_agendas

from .conftest import DEMO, DEMO_MONDAY
from .stored_weeks import generate_reusing_solve

pytestmark = pytest.mark.django_db

WEDNESDAY = DEMO_MONDAY + dt.timedelta(days=2)


def utc(*parts) -> str:
    return dt.datetime(*parts, tzinfo=dt.UTC).isoformat()


def to(user, outbox) -> list:
    return [m for m in outbox if m.to == [user.email]]


def turn_on(client, send_at="07:00", enabled=True):
    response = client.put(
        "/api/family/agenda-email/", {"enabled": enabled, "sendAt": send_at}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def tokyo_family(other_user):
    """The demo family again, living in Tokyo, with the same week planned."""
    data = json.loads(DEMO.read_text())
    data["section1"] = {**data["section1"], "name": "Sato", "timeZone": "Asia/Tokyo"}
    family = questionnaire_submit(user=other_user, data=data)
    generate_reusing_solve(family=family, week_start=DEMO_MONDAY)
    return family


@pytest.fixture
def both_on(at, demo_family, tokyo_family, auth_client, other_client):
    """Both parents chose 07:00, on Tuesday at 07:00 in New York (21:00 in Tokyo):
    too late for Tuesday in both places, so the first emails are Wednesday's."""
    at(2026, 1, 6, 7, 0)
    turn_on(auth_client)
    turn_on(other_client)
    return demo_family, tokyo_family


def test_each_family_gets_one_email_at_seven_where_it_lives(both_on, mailoutbox, user, other_user):
    def run(*moment) -> list[str]:
        before = len(mailoutbox)
        send_daily_agendas(now=utc(*moment))
        return [m.to[0] for m in mailoutbox[before:]]

    assert run(2026, 1, 6, 12, 30) == []  # the day the parents chose: not after the fact
    assert run(2026, 1, 6, 21, 45) == []  # 06:45 Wednesday in Tokyo
    assert run(2026, 1, 6, 22, 0) == [other_user.email]  # 07:00 in Tokyo
    assert run(2026, 1, 6, 22, 15) == []  # not twice
    assert run(2026, 1, 7, 11, 45) == []  # 06:45 in New York
    assert run(2026, 1, 7, 12, 0) == [user.email]  # 07:00 in New York
    assert run(2026, 1, 7, 12, 15) == []
    assert run(2026, 1, 7, 23, 0) == [other_user.email]  # Thursday 08:00 in Tokyo
    assert [m.subject for m in mailoutbox] == [
        "Today's plan: Wednesday, January 7",
        "Today's plan: Wednesday, January 7",
        "Today's plan: Thursday, January 8",
    ]
    assert AgendaEmail.objects.get(family=both_on[0]).last_sent_on == WEDNESDAY


def test_email_lists_each_childs_day_in_order(both_on, mailoutbox, user):
    family = both_on[0]
    today = ScheduleItem.objects.filter(
        schedule__family=family, schedule__is_active=True, day_date=WEDNESDAY
    ).select_related("schedule__child")
    skipped = today.filter(item_type="subject", schedule__child__name="Ava").first()
    item_skip(user=user, item_id=skipped.pk, version=skipped.version)

    send_daily_agendas(now=utc(2026, 1, 7, 12, 0))
    (email,) = to(user, mailoutbox)
    text = email.body
    html, mime = email.alternatives[0]
    assert mime == "text/html"
    assert text.index("Noah") < text.index("Ava")  # children in the family's order
    for item in today.exclude(pk=skipped.pk):
        line = f"{item.start_time:%H:%M}-{item.end_time:%H:%M}  {item.name}"
        assert line in text
        assert item.name in html
        if item.item_type == "commitment":
            assert f"{line} (outside commitment)" in text
    ava = text[text.index("\nAva\n") :]
    assert f"{skipped.start_time:%H:%M}-{skipped.end_time:%H:%M}  {skipped.name}" not in ava
    stop = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert stop.startswith("http://127.0.0.1:8000/agenda/stop/")
    assert stop in text and stop in html


def test_no_email_when_turned_off(both_on, mailoutbox, auth_client, user, other_user):
    turn_on(auth_client, enabled=False)
    send_daily_agendas(now=utc(2026, 1, 7, 12, 0))
    assert to(user, mailoutbox) == [] and len(to(other_user, mailoutbox)) == 1
    assert AgendaEmail.objects.get(family=both_on[0]).last_sent_on == dt.date(2026, 1, 6)


def test_a_later_time_moves_the_email(both_on, mailoutbox, auth_client, user):
    turn_on(auth_client, send_at="18:30")
    send_daily_agendas(now=utc(2026, 1, 7, 23, 15))  # 18:15 in New York
    assert to(user, mailoutbox) == []
    send_daily_agendas(now=utc(2026, 1, 7, 23, 30))
    assert len(to(user, mailoutbox)) == 1


def test_a_day_with_nothing_planned_sends_nothing(both_on, mailoutbox):
    saturday = utc(2026, 1, 10, 12, 0)  # the demo family schools Monday to Friday
    send_daily_agendas(now=saturday)
    assert mailoutbox == []
    assert AgendaEmail.objects.get(family=both_on[0]).last_sent_on == dt.date(2026, 1, 10)


def test_two_workers_at_once_send_one_email(both_on, mailoutbox):
    family = both_on[0]
    first, second = (AgendaEmail.objects.get(family=family) for _ in range(2))
    now = dt.datetime(2026, 1, 7, 12, 0, tzinfo=dt.UTC)
    assert agenda_email_send(email=first, now=now) is True
    assert agenda_email_send(email=second, now=now) is False  # read before the first claimed
    assert len(mailoutbox) == 1


def test_a_failed_send_is_tried_again_on_the_next_run(both_on, mailoutbox, monkeypatch, user):
    real_send = EmailMultiAlternatives.send

    def smtp_down(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP server is down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", smtp_down)
    send_daily_agendas(now=utc(2026, 1, 7, 12, 0))
    assert AgendaEmail.objects.get(family=both_on[0]).last_sent_on == dt.date(2026, 1, 6)

    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    send_daily_agendas(now=utc(2026, 1, 7, 12, 15))
    assert len(to(user, mailoutbox)) == 1


# --- the setting -----------------------------------------------------------------------------


def test_the_email_is_on_by_default_and_one_link_stops_it(
    auth_client, client, at, demo_family, mailoutbox, user
):
    at(2026, 1, 6, 6, 0)
    assert auth_client.get("/api/family/agenda-email/").json() == {
        "enabled": True,
        "sendAt": "07:00",
        "lastSentOn": None,
    }
    send_daily_agendas(now=utc(2026, 1, 7, 11, 0))  # 06:00 in New York: enrolled, not due
    send_daily_agendas(now=utc(2026, 1, 7, 12, 5))  # 07:05
    (message,) = to(user, mailoutbox)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stop = (
        message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")
    )
    assert client.get(stop).status_code == 200  # asks first
    assert client.post(stop).status_code == 200  # one click, no sign-in
    assert auth_client.get("/api/family/agenda-email/").json()["enabled"] is False
    send_daily_agendas(now=utc(2026, 1, 8, 12, 5))
    assert len(to(user, mailoutbox)) == 1
    assert client.post("/agenda/stop/forged-token/").status_code == 404


@pytest.mark.parametrize(
    "make_token",
    [
        lambda family: "forged-token",
        lambda family: signing.dumps(str(family.pk), salt=STOP_SALT, key="not-our-secret"),
        lambda family: signing.dumps(str(family.pk), salt="planner.another-link"),
    ],
    ids=["forged", "other-key", "other-salt"],
)
def test_a_bad_stop_link_is_a_404_and_changes_nothing(client, auth_client, demo_family, make_token):
    stop = f"/agenda/stop/{make_token(demo_family)}/"
    assert client.get(stop).status_code == 404
    assert client.post(stop).status_code == 404
    assert auth_client.get("/api/family/agenda-email/").json()["enabled"] is True


def test_the_stop_link_of_a_deleted_family_is_a_404_before_the_click(client, demo_family):
    stop = f"/agenda/stop/{stop_token(demo_family)}/"
    demo_family.delete()
    assert client.get(stop).status_code == 404


def test_turning_it_on_at_a_time_still_ahead_today(auth_client, at, demo_family):
    at(2026, 1, 6, 6, 0)
    assert turn_on(auth_client, send_at="06:45") == {
        "enabled": True,
        "sendAt": "06:45",
        "lastSentOn": None,  # still ahead today: today's email will come
    }
    assert auth_client.get("/api/family/agenda-email/").json()["sendAt"] == "06:45"


def test_turning_it_on_after_the_time_starts_tomorrow(auth_client, at, demo_family, mailoutbox):
    at(2026, 1, 7, 20, 0)
    assert turn_on(auth_client)["lastSentOn"] == "2026-01-07"
    send_daily_agendas(now=utc(2026, 1, 8, 1, 0))  # 20:00 in New York
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"enabled": True, "sendAt": "7am"}, "sendAt"),
        ({"enabled": True, "sendAt": "25:00"}, "sendAt"),
        ({"enabled": True}, "sendAt"),
        ({"sendAt": "07:00"}, "enabled"),
        ({"enabled": "sometimes", "sendAt": "07:00"}, "enabled"),
    ],
)
def test_bad_setting_is_a_400_naming_the_field(auth_client, demo_family, body, field):
    response = auth_client.put("/api/family/agenda-email/", body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error" and list(error["fields"]) == [field]
    assert not AgendaEmail.objects.exists()


def test_setting_needs_a_family_and_a_signed_in_parent(api_client, auth_client):
    assert api_client.get("/api/family/agenda-email/").status_code == 401
    assert auth_client.get("/api/family/agenda-email/").status_code == 404  # no family yet
    response = auth_client.put(
        "/api/family/agenda-email/", {"enabled": True, "sendAt": "07:00"}, format="json"
    )
    assert response.status_code == 404


# --- starting after today's time has passed ----------------------------------------------------


def test_a_family_enrolled_after_the_time_starts_tomorrow(demo_family, mailoutbox, user):
    send_daily_agendas(now=utc(2026, 1, 8, 1, 0))  # 20:00 Wednesday in New York: enrolled
    assert mailoutbox == []
    assert AgendaEmail.objects.get(family=demo_family).last_sent_on == WEDNESDAY
    send_daily_agendas(now=utc(2026, 1, 8, 12, 0))  # 07:00 Thursday
    assert [m.subject for m in to(user, mailoutbox)] == ["Today's plan: Thursday, January 8"]


@pytest.mark.parametrize(
    ("hour", "last_sent_on", "emails_today"),
    [(6, "2026-01-06", 1), (20, "2026-01-07", 0)],
    ids=["before-the-time", "after-the-time"],
)
def test_switching_it_back_on(
    both_on, auth_client, at, mailoutbox, user, hour, last_sent_on, emails_today
):
    """On since Tuesday, off, then on again on Wednesday: before 07:00 Wednesday's
    email still comes; after 07:00 the next one is Thursday's."""
    turn_on(auth_client, enabled=False)
    at(2026, 1, 7, hour, 0)
    assert turn_on(auth_client)["lastSentOn"] == last_sent_on
    send_daily_agendas(now=utc(2026, 1, 8, 1, 30))  # 20:30 Wednesday in New York
    assert len(to(user, mailoutbox)) == emails_today
