"""Nightly summaries: a child's local day, and the skill estimates behind curiosity growth."""

import datetime as dt

import pytest

from brightpath.spark.models import CognitiveMetrics, DailyActivity
from brightpath.spark.services import summaries
from brightpath.spark.services.conversations import conversation_start, message_send
from brightpath.spark.services.summaries import (
    cognitive_metrics_build,
    daily_activity_build,
    summaries_build_yesterday,
)
from brightpath.spark.tasks import summarise_yesterday

# Fixtures come from engagement_fixtures by import, so test arguments "redefine" them.
# ruff: noqa: F811
from .engagement_fixtures import (  # noqa: F401 (fixtures)
    child,
    clock,
    consenting_parent,
    fake_guide,
    make_child,
    parent,
    revoke,
    schedule_spark,
    topics,
)

pytestmark = pytest.mark.django_db

MARCH_10 = dt.date(2026, 3, 10)


def utc(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=dt.UTC)


def talk(child, at: dt.datetime, turns: list, *, topic: str | None = "space"):
    """A conversation started at `at`, one turn a minute: str is free text, int a button."""
    if topic:
        conversation = conversation_start(child=child, topic=topic, now=at)
    else:
        conversation = conversation_start(child=child, brain_spark=True, now=at)
    for minute, turn in enumerate(turns, start=1):
        at_minute = at + dt.timedelta(minutes=minute)
        if isinstance(turn, int):
            message_send(conversation=conversation, choice_index=turn, now=at_minute)
        else:
            message_send(conversation=conversation, text=turn, now=at_minute)
    return conversation


@pytest.fixture
def la_child(topics, clock):
    return make_child(consenting_parent("America/Los_Angeles"), "Luis")


def test_a_day_is_summed_on_the_parents_calendar(la_child, topics, fake_guide):
    schedule_spark(MARCH_10, topic=None)
    # 09:00 and 22:00 in Los Angeles on March 10 (two UTC dates); then March 11.
    talk(la_child, utc(10, 16), ["why is space dark?", "how big is it?"])
    talk(la_child, utc(11, 5), ["a piano!"], topic=None)
    talk(la_child, utc(11, 18), ["tomorrow's question?"], topic="riddles")

    row = daily_activity_build(child=la_child, day=MARCH_10)

    assert row.activity_date == MARCH_10
    assert (row.conversations_started, row.session_count) == (2, 2)
    assert row.total_time_seconds == 3 * 60
    assert (row.questions_asked, row.depth_increases) == (2, 3)
    assert row.topics_explored == [str(topics["space"].id)]
    assert row.new_topics_unlocked == [str(topics["planets"].id)]  # space reached depth 2
    assert row.brain_spark_completed
    assert row.stars_earned == 1
    assert "badge:first-question" in row.badges_earned


def test_building_a_day_twice_gives_the_same_row(la_child, topics, fake_guide):
    talk(la_child, utc(10, 16), ["why?"])
    first = daily_activity_build(child=la_child, day=MARCH_10)
    again = daily_activity_build(child=la_child, day=MARCH_10)
    assert first.pk == again.pk
    assert DailyActivity.objects.filter(child=la_child).count() == 1
    assert (again.total_time_seconds, again.questions_asked) == (60, 1)


def test_a_day_without_activity_makes_no_row(child, topics):
    assert daily_activity_build(child=child, day=MARCH_10) is None
    assert not DailyActivity.objects.exists()


def test_no_conversations_no_estimate(child):
    assert cognitive_metrics_build(child=child, day=MARCH_10) is None
    assert not CognitiveMetrics.objects.exists()


def test_reasoning_in_own_words_scores_higher_than_pressing_buttons(parent, topics, fake_guide):
    thinker = make_child(parent, "Thea")
    presser = make_child(parent, "Pat")
    for hour, slug in enumerate(["space", "riddles", "stories"], start=9):
        talk(
            thinker,
            utc(10, hour),
            [
                "why do stars shine?",
                "I think it is because they are burning gas",
                "what if the sun went out? imagine that",
            ],
            topic=slug,
        )
        talk(presser, utc(10, hour), [0, 0, 0], topic=slug)

    thinking = cognitive_metrics_build(child=thinker, day=MARCH_10)
    pressing = cognitive_metrics_build(child=presser, day=MARCH_10)

    scores = ("critical_thinking", "creative_thinking", "curiosity_index")
    for score in scores:
        assert getattr(thinking, score) > getattr(pressing, score), score
    for row in (thinking, pressing):
        for score in CognitiveMetrics.SCORES:
            assert 0 <= getattr(row, score) <= 100
        assert row.conversations_analyzed == 3
        assert 0 < row.confidence_level < 1
    assert thinking.logical_reasoning == pressing.logical_reasoning > 0  # a riddles topic
    assert thinking.knowledge_connection == pressing.knowledge_connection > 0  # 3 categories


def test_blocked_messages_are_not_read(child, topics, fake_guide):
    talk(child, utc(10, 9), ["why?", "why how why: my phone number is 555-123-4567"])
    row = cognitive_metrics_build(child=child, day=MARCH_10)
    assert row.critical_thinking == 50  # one "why" in one conversation (2 is full marks)
    assert row.conversations_analyzed == 1


def test_the_window_is_thirty_days(child, topics, fake_guide):
    talk(child, utc(10, 9), ["why?"])
    assert cognitive_metrics_build(child=child, day=dt.date(2026, 4, 8)) is not None
    assert cognitive_metrics_build(child=child, day=dt.date(2026, 4, 9)) is None


def test_the_nightly_run_builds_each_childs_local_yesterday_once(topics, fake_guide, clock):
    auckland = make_child(consenting_parent("Pacific/Auckland"), "Aroha")
    los_angeles = make_child(consenting_parent("America/Los_Angeles"), "Luis")
    idle = make_child(consenting_parent(), "Ida")
    talk(auckland, utc(10, 1), ["why?"])  # March 10, 14:00 in Auckland
    talk(los_angeles, utc(10, 16), ["how?"])  # March 10, 09:00 in Los Angeles

    # 12:00 UTC on March 11: Auckland's 01:00 on the 12th, Los Angeles' 05:00 on the 11th.
    now = clock(utc(11, 12))
    assert summaries_build_yesterday(now=now) == 2
    la_row = DailyActivity.objects.get(child=los_angeles)
    assert la_row.activity_date == MARCH_10 and la_row.questions_asked == 1
    assert CognitiveMetrics.objects.get(child=los_angeles).assessment_date == MARCH_10
    # Auckland's yesterday is the 11th: nothing happened, but the month's talk is estimated.
    assert not DailyActivity.objects.filter(child=auckland).exists()
    assert CognitiveMetrics.objects.get(child=auckland).assessment_date == dt.date(2026, 3, 11)
    assert not CognitiveMetrics.objects.filter(child=idle).exists()

    clock(now + dt.timedelta(hours=1))
    assert summaries_build_yesterday(now=now + dt.timedelta(hours=1)) == 0
    assert summarise_yesterday(now=(now + dt.timedelta(hours=2)).isoformat()) == 0


def test_the_nightly_run_skips_children_whose_parent_withdrew_consent(
    topics, fake_guide, clock, monkeypatch
):
    """Withdrawn consent: nothing more is made from the child's messages (they stay
    only to be read, downloaded or deleted by the parent)."""
    withdrawn = consenting_parent()
    kept = make_child(consenting_parent(), "Kim")
    gone = make_child(withdrawn, "Ola")
    talk(kept, utc(10, 15), ["why?"])
    talk(gone, utc(10, 15), ["how?"])
    revoke(withdrawn)
    read = []
    original = summaries.cognitive_metrics_build

    def spy(*, child, day):
        read.append(child.pk)
        return original(child=child, day=day)

    monkeypatch.setattr(summaries, "cognitive_metrics_build", spy)
    now = clock(utc(11, 12))

    assert summaries_build_yesterday(now=now) == 1
    assert read == [kept.pk]
    assert DailyActivity.objects.filter(child=kept).exists()
    assert not DailyActivity.objects.filter(child=gone).exists()
    assert not CognitiveMetrics.objects.filter(child=gone).exists()
