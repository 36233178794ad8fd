"""Shared state for the conversation, progress, streak, summary and dashboard tests.

A parent with Spark consent, children made through the services, and a small
constellation built with the ORM (the shipped catalogue is B's and may change):

    space (science, root) --prerequisite(depth 2)--> planets (science)
    riddles (logic, root)      stories (creative, root)      dreams (philosophy, root)
    space --related-- riddles; planets --prerequisite--> black-holes (mind_masters only)
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from brightpath.accounts.services import tokens_for
from brightpath.accounts.tests.factories import PASSWORD, UserFactory
from brightpath.spark.guide import Choice, GuideReply
from brightpath.spark.models import BrainSpark, Topic, TopicConnection
from brightpath.spark.services.children import child_create, spark_profile_update
from brightpath.spark.services.consent import spark_consent_grant, spark_consent_revoke

NOW = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)
EIGHT_YEARS_OLD = dt.date(2017, 6, 1)  # curious_explorers in 2026


def _material(name: str) -> dict:
    facts = [f"{name} is full of surprises.", f"People have studied {name.lower()} for ages."]
    questions = [f"What do you wonder about {name.lower()}?"]
    return {
        "summary": f"All about {name.lower()}.",
        "keywords": [name.lower()],
        "facts": {group: facts for group in ("wonder_cubs", "curious_explorers", "mind_masters")},
        "questions": {
            group: questions for group in ("wonder_cubs", "curious_explorers", "mind_masters")
        },
        "activities": {},
        "words": {},
    }


def make_topic(slug: str, name: str, category: str = "science", **fields) -> Topic:
    return Topic.objects.create(
        slug=slug,
        name=name,
        category=category,
        description=f"Explore {name.lower()}.",
        metadata=_material(name),
        **fields,
    )


def connect(a: Topic, b: Topic, kind: str = TopicConnection.PREREQUISITE) -> TopicConnection:
    return TopicConnection.objects.create(from_topic=a, to_topic=b, connection_type=kind)


def build_constellation() -> dict[str, Topic]:
    topics = {
        "space": make_topic("space", "Space", position_x=0, position_y=0),
        "planets": make_topic("planets", "Planets", prerequisite_depth=2, depth_in_tree=1),
        "riddles": make_topic("riddles", "Riddles", "logic"),
        "stories": make_topic("stories", "Stories", "creative"),
        "dreams": make_topic("dreams", "Dreams", "philosophy"),
        "black-holes": make_topic(
            "black-holes",
            "Black holes",
            age_groups=["mind_masters"],
            min_age_group="mind_masters",
            depth_in_tree=2,
        ),
    }
    connect(topics["space"], topics["planets"])
    connect(topics["planets"], topics["black-holes"])
    connect(topics["space"], topics["riddles"], TopicConnection.RELATED)
    return topics


def consenting_parent(tz: str = "UTC"):
    parent = UserFactory()
    spark_consent_grant(
        user=parent, consent_type="coppa", signature="Pat Parent", password=PASSWORD
    )
    spark_profile_update(user=parent, timezone=tz)  # (a new parent has the site's zone)
    return parent


def signed_in(user) -> APIClient:
    """An API client with the user's access token (a parent, never in child mode)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)['access']}")
    return client


def revoke(parent) -> None:
    spark_consent_revoke(user=parent, consent_type="coppa")


# Children here talk at any hour of the test clock: no bedtime (the same start and
# end) unless a test sets one.
NO_BEDTIME = {"bedtime_start": "00:00", "bedtime_end": "00:00"}


def make_child(parent, name: str = "Mia", *, birth_date=EIGHT_YEARS_OLD, limit: int = 60, **kw):
    settings = {"daily_time_limit_minutes": limit, **NO_BEDTIME}
    return child_create(
        parent=parent, name=name, birth_date=birth_date, pin="1234", settings=settings, **kw
    )


def schedule_spark(day: dt.date, age_group: str = "curious_explorers", topic=None) -> BrainSpark:
    return BrainSpark.objects.create(
        spark_date=day,
        age_group=age_group,
        spark_type="riddle",
        question="What has keys but can't open locks?",
        hints=["You can play music on it."],
        follow_ups=["What other riddles do you know?"],
        topic=topic,
    )


def later(minutes: float, start: dt.datetime = NOW) -> dt.datetime:
    return start + dt.timedelta(minutes=minutes)


class FakeGuide:
    """A guide whose every reply goes one step deeper (for tests about counting,
    not about what the guide says). `aha` makes each reply an aha moment."""

    def __init__(self, *, deeper: bool = True, aha: bool = False, content: str | None = None):
        self.deeper, self.aha, self.content = deeper, aha, content
        self.seen: list = []

    def choices(self) -> list[Choice]:
        return [
            Choice("Tell me more", "deeper"),
            Choice("Tell me a story", "story"),
            Choice("Riddles!", "related", "riddles"),
            Choice("Bye for now", "end"),
        ]

    def opening(self, ctx, *, llm_allowed):
        self.seen.append(ctx)
        return GuideReply(content="Hello explorer! Shall we begin?", choices=self.choices())

    def reply(self, ctx, text, choice, *, llm_allowed):
        self.seen.append((ctx, text, choice))
        return GuideReply(
            content=self.content or "Great thinking! Here is something more.",
            choices=self.choices(),
            deeper=self.deeper,
            aha=self.aha,
            tokens_used=7,
        )


@pytest.fixture
def fake_guide(monkeypatch) -> FakeGuide:
    from brightpath.spark.services import conversations

    guide = FakeGuide()
    monkeypatch.setattr(conversations, "guide_opening", guide.opening)
    monkeypatch.setattr(conversations, "guide_reply", guide.reply)
    return guide


@pytest.fixture
def clock(monkeypatch):
    """Set timezone.now(): clock(moment) -> moment."""

    def set_clock(moment: dt.datetime) -> dt.datetime:
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    set_clock(NOW)
    return set_clock


@pytest.fixture
def topics(db) -> dict[str, Topic]:
    return build_constellation()


@pytest.fixture
def parent(db):
    return consenting_parent()


@pytest.fixture
def child(parent, clock):
    return make_child(parent)


AUCKLAND, LOS_ANGELES = ZoneInfo("Pacific/Auckland"), ZoneInfo("America/Los_Angeles")
