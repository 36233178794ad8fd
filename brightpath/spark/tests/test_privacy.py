"""What a parent can take away (export, deletion) and how long conversation text is kept."""

import datetime as dt
import json
import re

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.db import models

from brightpath.accounts.models import Consent
from brightpath.accounts.tests.factories import UserFactory
from brightpath.spark.models import Child, Conversation, Message
from brightpath.spark.services.children import child_delete
from brightpath.spark.services.consent import spark_consent_revoke
from brightpath.spark.services.privacy import child_export, children_purge, conversations_purge
from brightpath.spark.tasks import purge_old_conversations

from .child_rows import NOW, consent, conversation, everything_about, jwt_client, make_child

pytestmark = pytest.mark.django_db
DOC = django_settings.BASE_DIR / "brightpath" / "spark" / "privacy-notice.md"


@pytest.fixture
def parent(user):
    consent(user, sharing=True)
    return user


@pytest.fixture
def child(parent):
    child = make_child(parent, interests=["volcanoes"], settings={"bedtime_start": "19:00"})
    everything_about(child)
    return child


def keys_of(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for item in value.values() for k in keys_of(item)}
    if isinstance(value, list):
        return {k for item in value for k in keys_of(item)}
    return set()


# --- export --------------------------------------------------------------------------


def test_the_export_holds_everything_about_the_child(child, parent):
    export = child_export(child=child)

    assert export["child"]["id"] == str(child.pk) and export["child"]["name"] == "Mia"
    assert export["child"]["birthDate"] == "2018-05-01" and export["child"]["hasPin"] is True
    assert export["child"]["settings"]["bedtimeStart"] == "19:00"
    assert export["child"]["interests"] == ["volcanoes"]
    assert sorted(c["consentType"] for c in export["parentConsents"]) == ["coppa", "data_sharing"]
    assert export["parentConsents"][0]["history"][0]["signature"] == "Pat Parent"

    assert len(export["conversations"]) == 2
    talk = next(c for c in export["conversations"] if c["topicSlug"] == "volcanoes")
    assert talk["summary"] == "Talked about lava." and talk["durationSeconds"] == 300
    assert [m["content"] for m in talk["messages"]] == [
        "Why do volcanoes erupt?",
        "Great question!",
    ]
    assert talk["messages"][1]["choices"][0]["label"] == "Tell me more"
    sparked = next(c for c in export["conversations"] if c["topicSlug"] is None)
    assert sparked["brainSparkDate"] == NOW.date().isoformat()
    flagged = [m for m in sparked["messages"] if m["wasFiltered"]]
    assert flagged[0]["filterReason"] == "phone number"

    assert export["progress"][0]["stars"] == 1 and export["progress"][0]["topicSlug"] == "volcanoes"
    assert export["streak"]["currentStreak"] == 2
    assert export["streak"]["streakHistory"][0]["freezeUsed"] is False
    assert sorted(r["rewardId"] for r in export["rewards"])[0] == "badge:first-question"
    assert export["dailyActivity"][0]["totalTimeSeconds"] == 300
    assert export["cognitiveMetrics"][0]["curiosityIndex"] == 60
    assert export["retentionDays"] == 365


def test_the_export_is_camel_case_json_without_the_pin(child):
    export = child_export(child=child)
    text = json.dumps(export)  # plain JSON: no dates or ids left as objects

    assert child.pin_hash not in text and "pinHash" not in text
    snake = sorted(key for key in keys_of(export) if re.search(r"_[a-z]", key))
    assert snake == []


def test_the_export_leaves_out_other_children(child, parent):
    sister = make_child(parent, name="Leo")
    conversation(sister, texts=("Leo's secret question",))

    text = json.dumps(child_export(child=child))
    assert "Leo's secret question" not in text and str(sister.pk) not in text


def test_the_export_through_the_api_is_a_download(child, parent):
    answer = jwt_client(parent).get(f"/api/spark/children/{child.pk}/export/")

    assert answer.status_code == 200
    assert "attachment" in answer["Content-Disposition"]
    assert answer.json()["child"]["id"] == str(child.pk)


def test_another_parent_cannot_export_the_child(child):
    answer = jwt_client(UserFactory()).get(f"/api/spark/children/{child.pk}/export/")
    assert answer.status_code == 404


# --- deletion ------------------------------------------------------------------------


def _spark_rows_about(child_id) -> dict[str, int]:
    """For every Spark model: its rows that refer to the child, directly or through a
    row that does (a message through its conversation)."""
    spark = apps.get_app_config("spark")
    counts = {}
    for model in spark.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            target = field.related_model
            if target is Child:
                lookup = {field.name: child_id}
            elif any(
                isinstance(f, models.ForeignKey) and f.related_model is Child
                for f in target._meta.concrete_fields
            ):
                via = next(
                    f.name
                    for f in target._meta.concrete_fields
                    if isinstance(f, models.ForeignKey) and f.related_model is Child
                )
                lookup = {f"{field.name}__{via}": child_id}
            else:
                continue
            counts[f"{model.__name__}.{field.name}"] = model.objects.filter(**lookup).count()
    counts["Child"] = Child.objects.filter(pk=child_id).count()
    return counts


def test_deleting_a_child_leaves_nothing_about_them_in_any_table(child, parent):
    sister = make_child(parent, name="Leo")
    everything_about(sister)
    child_id = child.pk
    before = _spark_rows_about(child_id)
    covered = {name.split(".")[0] for name in before}
    assert {"Conversation", "Message", "Progress", "Streak", "Reward", "DailyActivity"} <= covered
    assert {"CognitiveMetrics", "Child"} <= covered
    assert all(count > 0 for count in before.values()), before
    sister_before = _spark_rows_about(sister.pk)

    child_delete(child=child)

    assert _spark_rows_about(child_id) == dict.fromkeys(before, 0)
    assert _spark_rows_about(sister.pk) == sister_before
    assert Consent.objects.filter(user=parent).count() == 2  # the parent's, not the child's


def test_deletion_needs_no_consent(child, parent):
    spark_consent_revoke(user=parent, consent_type="coppa")
    answer = jwt_client(parent).delete(f"/api/spark/children/{child.pk}/")

    assert answer.status_code == 204
    assert _spark_rows_about(child.pk)["Child"] == 0


# --- retention -----------------------------------------------------------------------


def _messages_at(child, moment):
    return conversation(
        child,
        at=moment,
        texts=(f"said at {moment.isoformat()}",),
        summary="what we talked about",
        key_insights=["an insight"],
        duration_seconds=120,
        depth_reached=4,
        questions_asked=2,
    )


@pytest.fixture
def quiet_child(parent):
    """A child with no conversations yet."""
    return make_child(parent, name="Ivy")


def test_text_older_than_365_days_is_deleted_and_the_numbers_stay(quiet_child):
    child = quiet_child
    now = NOW + dt.timedelta(days=400)
    just_past = _messages_at(child, now - dt.timedelta(days=365, seconds=1))
    exactly = _messages_at(child, now - dt.timedelta(days=365))
    recent = _messages_at(child, now - dt.timedelta(days=364))

    assert conversations_purge(now=now) == 2  # the child's message and the guide's reply

    assert not Message.objects.filter(conversation=just_past).exists()
    assert Message.objects.filter(conversation=exactly).count() == 2
    assert Message.objects.filter(conversation=recent).count() == 2
    just_past.refresh_from_db()
    assert (just_past.summary, just_past.key_insights) == ("", [])
    assert (just_past.duration_seconds, just_past.depth_reached, just_past.questions_asked) == (
        120,
        4,
        2,
    )
    exactly.refresh_from_db()
    assert exactly.summary == "what we talked about"


def test_the_purge_is_idempotent(quiet_child):
    child = quiet_child
    now = NOW + dt.timedelta(days=400)
    old = _messages_at(child, now - dt.timedelta(days=380))
    conversations_purge(now=now)
    snapshot = list(Conversation.objects.values())

    assert conversations_purge(now=now) == 0
    assert list(Conversation.objects.values()) == snapshot
    assert Conversation.objects.filter(pk=old.pk).exists()


def test_the_limit_follows_the_setting(quiet_child, settings):
    child = quiet_child
    settings.SPARK_RETENTION_DAYS = 30
    now = NOW + dt.timedelta(days=60)
    month_old = _messages_at(child, now - dt.timedelta(days=31))
    week_old = _messages_at(child, now - dt.timedelta(days=7))

    conversations_purge(now=now)

    assert not Message.objects.filter(conversation=month_old).exists()
    assert Message.objects.filter(conversation=week_old).exists()


def test_the_daily_job_runs_the_purge(quiet_child, settings):
    child = quiet_child
    old = _messages_at(child, dt.datetime.now(dt.UTC) - dt.timedelta(days=366))
    _messages_at(child, dt.datetime.now(dt.UTC) - dt.timedelta(days=2))

    assert purge_old_conversations.delay().get() == {"messages": 2, "children": 0}
    assert not Message.objects.filter(conversation=old).exists()
    assert Message.objects.filter(conversation__child=child).count() == 2
    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == purge_old_conversations.name
    )
    assert entry["schedule"].hour == {3}


# --- profiles are not kept for ever ---------------------------------------------------------


def _created(child, moment):
    Child.objects.filter(pk=child.pk).update(created_at=moment)
    return child


def test_a_profile_without_a_conversation_for_the_limit_is_deleted(parent):
    now = NOW + dt.timedelta(days=800)
    limit = dt.timedelta(days=django_settings.SPARK_RETENTION_DAYS)
    long_ago = now - dt.timedelta(days=700)
    talked_just_past = _created(make_child(parent, name="Ana"), long_ago)
    _messages_at(talked_just_past, now - limit - dt.timedelta(seconds=1))
    talked_exactly = _created(make_child(parent, name="Ben"), long_ago)
    _messages_at(talked_exactly, now - limit)
    never_talked = _created(make_child(parent, name="Cy"), now - limit - dt.timedelta(seconds=1))
    new_and_quiet = _created(make_child(parent, name="Dee"), now - limit)
    everything_about(talked_just_past, now=now - limit - dt.timedelta(days=1))

    assert children_purge(now=now) == 2

    left = set(Child.objects.values_list("name", flat=True))
    assert left == {"Ben", "Dee"}
    assert _spark_rows_about(talked_just_past.pk) == dict.fromkeys(
        _spark_rows_about(talked_just_past.pk), 0
    )
    assert not Conversation.objects.filter(child_id=talked_just_past.pk).exists()
    assert children_purge(now=now) == 0  # once is enough
    assert {talked_exactly.pk, new_and_quiet.pk} == set(Child.objects.values_list("pk", flat=True))
    assert never_talked.pk not in set(Child.objects.values_list("pk", flat=True))


def test_profiles_go_30_days_after_consent_is_withdrawn(parent):
    child = make_child(parent, name="Eve")
    _messages_at(child, NOW)
    withdrawn_at = NOW + dt.timedelta(days=1)
    spark_consent_revoke(user=parent, consent_type="coppa", now=withdrawn_at)

    assert children_purge(now=withdrawn_at + dt.timedelta(days=30)) == 0  # exactly 30 days
    assert Child.objects.filter(pk=child.pk).exists()
    assert children_purge(now=withdrawn_at + dt.timedelta(days=30, seconds=1)) == 1
    assert not Child.objects.filter(pk=child.pk).exists()
    assert not Message.objects.filter(conversation__child_id=child.pk).exists()
    assert Consent.objects.filter(user=parent).exists()  # the proof of consent stays


def test_consent_given_again_keeps_the_profiles(parent):
    child = make_child(parent, name="Fay")
    _messages_at(child, NOW)
    spark_consent_revoke(user=parent, consent_type="coppa", now=NOW)
    consent(parent, now=NOW + dt.timedelta(days=10))

    assert children_purge(now=NOW + dt.timedelta(days=60)) == 0
    assert Child.objects.filter(pk=child.pk).exists()


def test_the_daily_job_deletes_forgotten_profiles_too(parent):
    now = dt.datetime.now(dt.UTC)
    old = _created(make_child(parent, name="Gus"), now - dt.timedelta(days=400))
    kept = make_child(parent, name="Hal")

    assert purge_old_conversations.delay().get() == {"messages": 0, "children": 1}
    assert not Child.objects.filter(pk=old.pk).exists()
    assert Child.objects.filter(pk=kept.pk).exists()


def test_the_notice_says_profiles_are_not_kept_for_ever(settings):
    text = " ".join(DOC.read_text().split())
    assert f"no conversation for {settings.SPARK_RETENTION_DAYS} days" in text
    assert "30 days after you withdraw your consent" in text
    assert "sound" not in text


# --- the written notice ----------------------------------------------------------------


def test_the_notice_states_its_version_and_the_retention_limit(settings):
    text = DOC.read_text()

    assert f"Version {settings.SPARK_NOTICE_VERSION}." in text
    assert f"{settings.SPARK_RETENTION_DAYS} days" in text
    for heading in ("What Spark collects", "Who sees it", "retention policy", "withdraw"):
        assert heading.lower() in text.lower()
