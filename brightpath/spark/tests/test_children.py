"""A parent's Spark children: profiles checked field by field, at most four, the PIN
and its lock, child mode, and the parent's time zone."""

import datetime as dt
import threading
import zoneinfo

import pytest
from django.contrib.auth.hashers import check_password
from django.db import connection
from rest_framework.test import APIClient

from brightpath.accounts.tests.factories import PASSWORD, UserFactory
from brightpath.common.errors import Conflict, Forbidden, Invalid
from brightpath.spark.apis.access import SESSION_KEY
from brightpath.spark.models import Child, ParentProfile
from brightpath.spark.selectors.children import bedtime, parent_timezone, spark_profile
from brightpath.spark.services.children import (
    age_groups_refresh,
    child_create,
    child_enter,
    child_mode_exit,
    child_update,
    daily_limit_minutes,
    spark_profile_update,
)
from brightpath.spark.services.consent import spark_consent_revoke
from brightpath.spark.tasks import refresh_age_groups

from .child_rows import NOW, PIN, consent, jwt_client, make_child

pytestmark = pytest.mark.django_db
CHILDREN = "/api/spark/children/"


@pytest.fixture
def parent(user):
    consent(user)
    return user


def child_fields(child: Child) -> dict:
    row = Child.objects.filter(pk=child.pk).values().get()
    row.pop("updated_at")
    return row


# --- creating ------------------------------------------------------------------------


def test_a_child_gets_an_age_group_a_hashed_pin_and_default_settings(parent):
    child = child_create(
        parent=parent,
        name="  Mia   Rose ",
        birth_date=dt.date(2018, 5, 1),
        pin="0427",
        avatar_id="owl",
        interests=["Dinosaurs", " outer  space ", "dinosaurs"],
        now=NOW,
    )

    assert child.name == "Mia Rose" and child.age_group == "curious_explorers"
    assert child.avatar_id == "owl" and child.interests == ["dinosaurs", "outer space"]
    assert "0427" not in child.pin_hash and check_password("0427", child.pin_hash)
    assert child.settings["daily_time_limit_minutes"] == 60
    assert daily_limit_minutes(child) == 60
    # No bedtime until the parent sets one: start and end the same.
    assert (child.settings["bedtime_start"], child.settings["bedtime_end"]) == ("00:00", "00:00")
    assert bedtime(child) is None
    assert "sound_enabled" not in child.settings


def test_the_age_group_follows_the_parents_today_not_the_servers(parent):
    """10 March 01:00 in Auckland is still 9 March in UTC: the child is 4 there."""
    spark_profile_update(user=parent, timezone="Pacific/Auckland")
    birthday = dt.date(2022, 3, 10)
    late_on_the_ninth_utc = dt.datetime(2026, 3, 9, 12, 0, tzinfo=dt.UTC)

    child = make_child(parent, birth_date=birthday, now=late_on_the_ninth_utc)
    assert child.age_group == "wonder_cubs"

    spark_profile_update(user=parent, timezone="UTC")
    with pytest.raises(Invalid) as error:
        make_child(parent, name="Leo", birth_date=birthday, now=late_on_the_ninth_utc)
    assert list(error.value.fields) == ["birthDate"]


# --- the age group grows with the child ---------------------------------------------------


def test_the_daily_job_moves_a_child_to_the_next_group_on_their_birthday(parent):
    """A Wonder Cub turning 7 is a Curious Explorer from the parent's local birthday."""
    spark_profile_update(user=parent, timezone="Pacific/Auckland")
    first_of_march = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    child = make_child(parent, birth_date=dt.date(2019, 3, 10), now=first_of_march)  # 6 then
    assert child.age_group == "wonder_cubs"

    eve_in_auckland = dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.UTC)  # 9 March, 23:00 there
    assert age_groups_refresh(now=eve_in_auckland) == 0
    child.refresh_from_db()
    assert child.age_group == "wonder_cubs"

    birthday_in_auckland = dt.datetime(2026, 3, 9, 12, 0, tzinfo=dt.UTC)  # 10 March there
    assert age_groups_refresh(now=birthday_in_auckland) == 1
    child.refresh_from_db()
    assert child.age_group == "curious_explorers"
    assert age_groups_refresh(now=birthday_in_auckland) == 0  # once is enough


def test_the_job_runs_as_a_beat_task(parent, settings):
    child = make_child(parent, birth_date=dt.date(2019, 1, 1), now=NOW)
    Child.objects.filter(pk=child.pk).update(age_group="wonder_cubs")  # as made in 2025
    assert refresh_age_groups.delay().get() == 1
    child.refresh_from_db()
    assert child.age_group == "curious_explorers"
    assert any(
        entry["task"] == "spark.refresh_age_groups"
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )


def test_entering_with_the_pin_refreshes_the_age_group(parent):
    child = make_child(parent, birth_date=dt.date(2019, 3, 10), now=NOW)
    Child.objects.filter(pk=child.pk).update(age_group="wonder_cubs")
    child_enter(child=child, pin=PIN, now=dt.datetime(2026, 3, 11, 12, 0, tzinfo=dt.UTC))
    child.refresh_from_db()
    assert child.age_group == "curious_explorers"


def test_a_child_past_14_stays_a_mind_master(parent):
    child = make_child(parent, birth_date=dt.date(2011, 6, 1), now=NOW)  # 14 in March 2026
    assert child.age_group == "mind_masters"
    assert age_groups_refresh(now=dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC)) == 0
    child.refresh_from_db()
    assert child.age_group == "mind_masters"


@pytest.mark.parametrize(
    "birth_date", [dt.date(2023, 1, 1), dt.date(2011, 1, 1), dt.date(2030, 1, 1)]
)
def test_a_child_outside_4_to_14_is_refused(parent, birth_date):
    with pytest.raises(Invalid) as error:
        make_child(parent, birth_date=birth_date, now=NOW)

    assert list(error.value.fields) == ["birthDate"]
    assert not Child.objects.exists()


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"pin": "123"}, "pin"),
        ({"pin": "12345"}, "pin"),
        ({"pin": "12a4"}, "pin"),
        ({"pin": "١٢٣٤"}, "pin"),  # digits, but not ASCII ones
        ({"avatar_id": "tiger-king"}, "avatarId"),
        ({"interests": [f"word{i}" for i in range(11)]}, "interests"),
        ({"interests": ["ok", "x" * 31]}, "interests[1]"),
        ({"settings": {"daily_time_limit_minutes": 4}}, "settings.dailyTimeLimitMinutes"),
        ({"settings": {"daily_time_limit_minutes": 241}}, "settings.dailyTimeLimitMinutes"),
        ({"settings": {"daily_time_limit_minutes": True}}, "settings.dailyTimeLimitMinutes"),
        ({"settings": {"bedtime_start": "25:00"}}, "settings.bedtimeStart"),
        ({"settings": {"bedtime_end": "7:00"}}, "settings.bedtimeEnd"),
        ({"settings": {"animation_level": "wild"}}, "settings.animationLevel"),
        ({"settings": {"voice_over_enabled": "yes"}}, "settings.voiceOverEnabled"),
        # Nothing plays sound in Spark: there is no setting for it.
        ({"settings": {"sound_enabled": True}}, "settings.sound_enabled"),
        ({"settings": {"favourite_colour": "red"}}, "settings.favourite_colour"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(parent, fields, bad):
    arguments = {"name": "Mia", "birth_date": dt.date(2018, 5, 1), "pin": PIN, **fields}
    with pytest.raises(Invalid) as error:
        child_create(parent=parent, **arguments)

    assert list(error.value.fields) == [bad]
    assert not Child.objects.exists()


def test_settings_within_the_limits_are_kept(parent):
    child = make_child(
        parent,
        settings={
            "daily_time_limit_minutes": 5,
            "bedtime_start": "19:30",
            "animation_level": "reduced",
        },
    )
    assert child.settings["daily_time_limit_minutes"] == 5
    assert child.settings["bedtime_start"] == "19:30" and child.settings["bedtime_end"] == "00:00"
    assert daily_limit_minutes(child) == 5


def test_no_child_before_the_parents_consent(user):
    with pytest.raises(Forbidden) as error:
        make_child(user)

    assert error.value.code == "consent_required"
    assert not Child.objects.exists()


def test_a_fifth_child_is_refused(parent):
    for name in ("Ann", "Ben", "Cleo", "Dan"):
        make_child(parent, name=name)

    with pytest.raises(Conflict) as error:
        make_child(parent, name="Eve")

    assert error.value.code == "too_many_children"
    assert Child.objects.filter(parent=parent).count() == 4
    other = UserFactory()
    consent(other)
    make_child(other)  # the limit is per parent


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_cannot_make_a_fifth_child():
    """Both see three children without the lock; with it, the second waits and counts four."""
    parent = UserFactory()
    consent(parent)
    for name in ("Ann", "Ben", "Cleo"):
        make_child(parent, name=name)
    start, outcomes = threading.Barrier(2), []

    def add(name: str) -> None:
        try:
            start.wait()
            make_child(parent, name=name)
            outcomes.append("made")
        except Conflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(name,)) for name in ("Dan", "Eve")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["made", "refused"]
    assert Child.objects.filter(parent=parent).count() == 4


# --- changing ------------------------------------------------------------------------


def test_an_update_changes_only_what_is_given(parent):
    child = make_child(parent, settings={"bedtime_start": "19:00"})
    child = child_update(
        child=child, name="Mia R.", settings={"daily_time_limit_minutes": 30}, now=NOW
    )

    child.refresh_from_db()
    assert child.name == "Mia R." and child.birth_date == dt.date(2018, 5, 1)
    assert child.settings["daily_time_limit_minutes"] == 30
    assert child.settings["bedtime_start"] == "19:00"


def test_a_new_birth_date_moves_the_age_group(parent):
    child = make_child(parent, birth_date=dt.date(2018, 5, 1))
    child = child_update(child=child, birth_date=dt.date(2014, 1, 1), now=NOW)
    assert child.age_group == "mind_masters"


def test_a_bad_update_changes_nothing(parent):
    child = make_child(parent)
    before = child_fields(child)

    with pytest.raises(Invalid) as error:
        child_update(
            child=child,
            name="Mia R.",
            pin="12",
            settings={"daily_time_limit_minutes": 500},
            birth_date=dt.date(2000, 1, 1),
        )

    assert set(error.value.fields) == {"pin", "settings.dailyTimeLimitMinutes", "birthDate"}
    assert child_fields(child) == before


def test_a_new_pin_replaces_the_old_and_lifts_a_lock(parent):
    child = make_child(parent)
    for _ in range(5):
        with pytest.raises((Invalid, Forbidden)):
            child_enter(child=child, pin="0000", now=NOW)

    child_update(child=child, pin="1357")

    child_enter(child=child, pin="1357", now=NOW)
    with pytest.raises(Invalid):
        child_enter(child=child, pin=PIN, now=NOW)


# --- the PIN -------------------------------------------------------------------------


def test_the_right_pin_lets_the_child_in(parent):
    child = make_child(parent)
    child_enter(child=child, pin=PIN, now=NOW)

    child.refresh_from_db()
    assert child.last_active_at == NOW and child.pin_failures == 0


def test_five_wrong_pins_in_a_row_lock_it_for_15_minutes(parent):
    child = make_child(parent)
    for left in (4, 3, 2, 1):
        with pytest.raises(Invalid) as error:
            child_enter(child=child, pin="0000", now=NOW)
        assert error.value.extra["attemptsLeft"] == left and "pin" in error.value.fields

    with pytest.raises(Forbidden) as error:
        child_enter(child=child, pin="0000", now=NOW)
    assert error.value.code == "pin_locked" and error.value.extra["retryAfter"] == 900

    ten_minutes_on = NOW + dt.timedelta(minutes=10)
    with pytest.raises(Forbidden) as error:  # even the right PIN, while locked
        child_enter(child=child, pin=PIN, now=ten_minutes_on)
    assert error.value.code == "pin_locked" and error.value.extra["retryAfter"] == 300

    child_enter(child=child, pin=PIN, now=NOW + dt.timedelta(minutes=15))
    child.refresh_from_db()
    assert child.pin_locked_until is None and child.pin_failures == 0


def test_a_right_pin_starts_the_count_again(parent):
    child = make_child(parent)
    for _ in range(4):
        with pytest.raises(Invalid):
            child_enter(child=child, pin="9999", now=NOW)
    child_enter(child=child, pin=PIN, now=NOW)

    for _ in range(4):
        with pytest.raises(Invalid):
            child_enter(child=child, pin="9999", now=NOW)
    child_enter(child=child, pin=PIN, now=NOW)


def test_after_a_lock_the_child_has_five_more_tries(parent):
    child = make_child(parent)
    for _ in range(5):
        with pytest.raises((Invalid, Forbidden)):
            child_enter(child=child, pin="9999", now=NOW)

    after = NOW + dt.timedelta(minutes=16)
    for _ in range(4):
        with pytest.raises(Invalid):
            child_enter(child=child, pin="9999", now=after)
    with pytest.raises(Forbidden):
        child_enter(child=child, pin="9999", now=after)


def test_no_entry_without_consent(user):
    consent(user)
    child = make_child(user)
    spark_consent_revoke(user=user, consent_type="coppa")
    with pytest.raises(Forbidden) as error:
        child_enter(child=child, pin=PIN)
    assert error.value.code == "consent_required"


# --- the parent's profile --------------------------------------------------------------


def test_the_profile_starts_in_the_sites_time_zone_and_takes_an_iana_one(user, settings):
    settings.TIME_ZONE = "America/Chicago"
    assert spark_profile(user=user).timezone == "America/Chicago"
    assert not ParentProfile.objects.exists()  # reading it saved nothing
    assert str(parent_timezone(user)) == "America/Chicago"

    assert spark_profile_update(user=user, timezone="Europe/Paris").timezone == "Europe/Paris"
    bad_names = ("Mars/Olympus", "", "CEST ", "../etc/passwd", "localtime", "Factory", "posixrules")
    for bad in bad_names:
        with pytest.raises(Invalid) as error:
            spark_profile_update(user=user, timezone=bad)
        assert list(error.value.fields) == ["timezone"]
    assert ParentProfile.objects.get(user=user).timezone == "Europe/Paris"
    assert zoneinfo.ZoneInfo(ParentProfile.objects.get(user=user).timezone)


# --- the API -------------------------------------------------------------------------


@pytest.fixture
def client(parent) -> APIClient:
    return jwt_client(parent)


@pytest.fixture
def tablet(parent) -> APIClient:
    """The family's shared device, signed in with a session (child mode lives in it)."""
    client = APIClient()
    client.force_login(parent)
    return client


def test_adding_a_child_through_the_api(client):
    answer = client.post(
        CHILDREN,
        {
            "name": "Mia",
            "birthDate": "2018-05-01",
            "pin": "0427",
            "avatarId": "rocket",
            "interests": ["space"],
            "settings": {"dailyTimeLimitMinutes": 45, "bedtimeStart": "19:30"},
        },
        format="json",
    )

    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["ageGroup"] == "curious_explorers" and body["avatarId"] == "rocket"
    assert body["settings"]["dailyTimeLimitMinutes"] == 45
    assert body["settings"]["bedtimeEnd"] == "00:00"
    assert "pin" not in body and "pinHash" not in body
    assert [c["id"] for c in client.get(CHILDREN).json()] == [body["id"]]
    assert client.get(f"{CHILDREN}{body['id']}/").json()["name"] == "Mia"


def test_bad_input_through_the_api_is_a_400_naming_each_field(client):
    answer = client.post(
        CHILDREN,
        {"name": "", "birthDate": "2024-01-01", "pin": "12", "settings": {"bedtimeEnd": "9pm"}},
        format="json",
    )

    assert answer.status_code == 400
    fields = answer.json()["error"]["fields"]
    assert "settings.bedtimeEnd" in fields
    assert not Child.objects.exists()

    answer = client.post(
        CHILDREN, {"name": "", "birthDate": "2024-01-01", "pin": "12"}, format="json"
    )
    assert set(answer.json()["error"]["fields"]) == {"name", "birthDate", "pin"}


def test_a_fifth_child_through_the_api_is_a_409(client, parent):
    for name in ("Ann", "Ben", "Cleo", "Dan"):
        make_child(parent, name=name)
    answer = client.post(
        CHILDREN, {"name": "Eve", "birthDate": "2018-05-01", "pin": PIN}, format="json"
    )

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "too_many_children"


def test_without_consent_the_api_refuses_a_child(user):
    answer = jwt_client(user).post(
        CHILDREN, {"name": "Eve", "birthDate": "2018-05-01", "pin": PIN}, format="json"
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "consent_required"


def test_changing_and_deleting_through_the_api(client, parent):
    child = make_child(parent)
    answer = client.patch(
        f"{CHILDREN}{child.pk}/",
        {"settings": {"dailyTimeLimitMinutes": 20}, "pin": "1111"},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["settings"]["dailyTimeLimitMinutes"] == 20
    child_enter(child=child, pin="1111")

    assert client.delete(f"{CHILDREN}{child.pk}/").status_code == 204
    assert not Child.objects.exists()
    assert client.get(f"{CHILDREN}{child.pk}/").status_code == 404


def test_the_profile_through_the_api(client, settings):
    assert client.get("/api/spark/profile/").json() == {
        "timezone": settings.TIME_ZONE,
        "locale": "en-US",
    }
    assert not ParentProfile.objects.exists()  # a GET writes nothing
    answer = client.patch("/api/spark/profile/", {"timezone": "Nowhere/City"}, format="json")
    assert answer.status_code == 400 and "timezone" in answer.json()["error"]["fields"]
    answer = client.patch("/api/spark/profile/", {"timezone": "America/Denver"}, format="json")
    assert answer.json()["timezone"] == "America/Denver"


def test_entering_with_the_pin_puts_the_device_in_child_mode(tablet, parent):
    child, sister = make_child(parent), make_child(parent, name="Leo")
    before = tablet.session.session_key

    answer = tablet.post(f"{CHILDREN}{child.pk}/enter/", {"pin": PIN}, format="json")

    assert answer.status_code == 200, answer.json()
    assert answer.json()["childMode"] is True and answer.json()["child"]["id"] == str(child.pk)
    assert tablet.session[SESSION_KEY] == str(child.pk)
    assert tablet.session.session_key != before  # a new session id for child mode
    refused = tablet.get(CHILDREN)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "child_mode"
    other = tablet.post(f"{CHILDREN}{sister.pk}/enter/", {"pin": PIN}, format="json")
    assert other.status_code == 403 and other.json()["error"]["code"] == "child_mode"


def test_a_wrong_pin_through_the_api_says_how_many_tries_are_left(tablet, parent):
    child = make_child(parent)
    answer = tablet.post(f"{CHILDREN}{child.pk}/enter/", {"pin": "0000"}, format="json")

    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {"pin": ["That PIN is not right. 4 tries left."]}
    assert answer.json()["error"]["attemptsLeft"] == 4
    assert SESSION_KEY not in tablet.session

    for _ in range(4):
        answer = tablet.post(f"{CHILDREN}{child.pk}/enter/", {"pin": "0000"}, format="json")
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "pin_locked"
    assert answer.json()["error"]["retryAfter"] == 900


def test_leaving_child_mode_needs_the_parents_password(tablet, parent):
    child = make_child(parent)
    tablet.post(f"{CHILDREN}{child.pk}/enter/", {"pin": PIN}, format="json")

    wrong = tablet.post("/api/spark/exit/", {"password": "let-me-out"}, format="json")
    assert wrong.status_code == 400 and "password" in wrong.json()["error"]["fields"]
    assert tablet.session[SESSION_KEY] == str(child.pk)

    right = tablet.post("/api/spark/exit/", {"password": PASSWORD}, format="json")
    assert right.status_code == 200 and right.json() == {"childMode": False, "child": None}
    assert SESSION_KEY not in tablet.session
    assert tablet.get(CHILDREN).status_code == 200


def test_pin_guesses_are_throttled_per_account(tablet, parent, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "spark_verify": "3/min",
        },
    }
    child = make_child(parent)
    codes = [
        tablet.post(f"{CHILDREN}{child.pk}/enter/", {"pin": "0000"}, format="json").status_code
        for _ in range(4)
    ]
    assert codes == [400, 400, 400, 429]
    child.refresh_from_db()
    assert child.pin_failures == 3  # the throttled guess was never checked


# --- guessing the way out of child mode -------------------------------------------------


def test_five_wrong_exits_lock_leaving_for_15_minutes_and_tell_the_parent(
    tablet, parent, mailoutbox, django_capture_on_commit_callbacks
):
    child = make_child(parent)
    tablet.post(f"{CHILDREN}{child.pk}/enter/", {"pin": PIN}, format="json")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            tablet.post("/api/spark/exit/", {"password": f"guess-{n}"}, format="json")
            for n in range(5)
        ]
    assert [a.status_code for a in answers] == [400, 400, 400, 400, 403]
    assert answers[0].json()["error"]["attemptsLeft"] == 4
    assert answers[-1].json()["error"]["code"] == "exit_locked"
    assert answers[-1].json()["error"]["retryAfter"] == 900
    locked = tablet.post("/api/spark/exit/", {"password": PASSWORD}, format="json")
    assert locked.status_code == 403 and locked.json()["error"]["code"] == "exit_locked"
    assert tablet.session[SESSION_KEY] == str(child.pk)  # still the child's view

    [email] = mailoutbox
    assert email.to == [parent.email]
    assert "Mia" in email.body and "15 minutes" in email.body


def test_leaving_opens_again_after_the_lock_and_a_right_password_clears_the_count(parent):
    for n in range(5):
        with pytest.raises((Invalid, Forbidden)):
            child_mode_exit(user=parent, password=f"guess-{n}", now=NOW)
    with pytest.raises(Forbidden) as locked:
        child_mode_exit(user=parent, password=PASSWORD, now=NOW + dt.timedelta(minutes=14))
    assert locked.value.code == "exit_locked" and locked.value.extra["retryAfter"] == 60

    child_mode_exit(user=parent, password=PASSWORD, now=NOW + dt.timedelta(minutes=15))
    for n in range(4):  # the count starts again: four wrong are not a lock
        with pytest.raises(Invalid):
            child_mode_exit(user=parent, password=f"again-{n}", now=NOW + dt.timedelta(minutes=16))
    child_mode_exit(user=parent, password=PASSWORD, now=NOW + dt.timedelta(minutes=17))
    with pytest.raises(Invalid) as wrong:
        child_mode_exit(user=parent, password="nope", now=NOW + dt.timedelta(minutes=18))
    assert wrong.value.extra["attemptsLeft"] == 4
