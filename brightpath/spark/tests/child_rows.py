"""Building a consented parent, a child, and a row in every Spark table about the child,
for the consent, children, privacy and isolation tests."""

import datetime as dt

from rest_framework.test import APIClient

from brightpath.accounts.services import tokens_for
from brightpath.accounts.tests.factories import PASSWORD
from brightpath.spark.models import (
    BrainSpark,
    CognitiveMetrics,
    Conversation,
    DailyActivity,
    Message,
    Progress,
    Reward,
    Streak,
    Topic,
)
from brightpath.spark.services.children import child_create
from brightpath.spark.services.consent import spark_consent_grant

NOW = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)
PIN = "2468"


def consent(user, *, sharing: bool = False, now: dt.datetime | None = None) -> None:
    spark_consent_grant(
        user=user, consent_type="coppa", signature="Pat Parent", password=PASSWORD, now=now
    )
    if sharing:
        spark_consent_grant(
            user=user,
            consent_type="data_sharing",
            signature="Pat Parent",
            password=PASSWORD,
            now=now,
        )


def make_child(parent, name: str = "Mia", birth_date=dt.date(2018, 5, 1), **fields):
    return child_create(parent=parent, name=name, birth_date=birth_date, pin=PIN, **fields)


def jwt_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)['access']}")
    return client


def topic(slug: str = "volcanoes") -> Topic:
    return Topic.objects.get_or_create(
        slug=slug, defaults={"name": slug.title(), "category": "science"}
    )[0]


def conversation(
    child, *, at: dt.datetime = NOW, texts=("Why do volcanoes erupt?",), ended=False, **fields
):
    """A conversation with one child message and one guide reply per text, at `at`."""
    row = Conversation.objects.create(
        child=child,
        topic=fields.pop("topic", None),
        started_at=at,
        last_message_at=at,
        ended_at=at if ended else None,
        **fields,
    )
    for text in texts:
        Message.objects.create(conversation=row, role="user", content=text, created_at=at)
        Message.objects.create(
            conversation=row,
            role="assistant",
            content="Great question!",
            choices=[{"label": "Tell me more", "kind": "deeper", "topic": None}],
            created_at=at,
        )
    return row


def everything_about(child, *, now: dt.datetime = NOW) -> None:
    """One row about `child` in every Spark table that holds something about a child."""
    subject = topic()
    spark = BrainSpark.objects.get_or_create(
        spark_date=now.date(),
        age_group=child.age_group,
        defaults={"spark_type": "riddle", "question": "What has a neck but no head?"},
    )[0]
    conversation(
        child,
        at=now,
        topic=subject,
        duration_seconds=300,
        depth_reached=3,
        summary="Talked about lava.",
        key_insights=["Lava is melted rock"],
    )
    flagged = conversation(child, at=now, brain_spark=spark, conversation_type="brain_spark")
    Message.objects.create(
        conversation=flagged,
        role="user",
        content="my phone is 555 0100",
        was_filtered=True,
        filter_reason="phone number",
        created_at=now,
    )
    Progress.objects.create(child=child, topic=subject, depth_level=3, stars=1)
    Streak.objects.create(
        child=child,
        current_streak=2,
        longest_streak=2,
        last_activity_date=now.date(),
        streak_history=[
            {"date": now.date().isoformat(), "streak": 2, "activity": True, "freezeUsed": False}
        ],
    )
    Reward.objects.create(
        child=child, reward_type="badge", reward_id="badge:first-question", earned_at=now
    )
    Reward.objects.create(
        child=child,
        reward_type="star",
        reward_id=f"depth-3:{subject.pk}",
        star_value=1,
        earned_at=now,
    )
    DailyActivity.objects.create(
        child=child,
        activity_date=now.date(),
        total_time_seconds=300,
        topics_explored=[str(subject.pk)],
        badges_earned=["badge:first-question"],
    )
    CognitiveMetrics.objects.create(
        child=child, assessment_date=now.date(), curiosity_index=60, conversations_analyzed=2
    )
