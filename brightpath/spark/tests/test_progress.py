"""Progress: depth and stars per topic, mastery, unlocks, badges; every reward once."""

import pytest
from django.db.models import Sum

from brightpath.spark.models import Progress, Reward
from brightpath.spark.selectors.dashboard import child_progress
from brightpath.spark.selectors.topics import constellation, topic_unlocked
from brightpath.spark.services.conversations import (
    conversation_end,
    conversation_start,
    message_send,
)
from brightpath.spark.services.progress import progress_record, reward_grant

# Fixtures come from engagement_fixtures by import, so test arguments "redefine" them.
# ruff: noqa: F811
from .engagement_fixtures import (  # noqa: F401 (fixtures)
    NOW,
    child,
    clock,
    fake_guide,
    later,
    make_child,
    parent,
    topics,
)

pytestmark = pytest.mark.django_db


def explore(child, slug: str, exchanges: int, start=NOW):
    """A conversation on `slug` going `exchanges` steps deep (the fake guide always deepens)."""
    conversation = conversation_start(child=child, topic=slug, now=start)
    for minute in range(1, exchanges + 1):
        message_send(conversation=conversation, text=f"why {minute}?", now=later(minute, start))
    return conversation


def progress(child, topic) -> Progress:
    return Progress.objects.get(child=child, topic=topic)


def stars_total(child) -> int:
    return Reward.objects.filter(child=child).aggregate(total=Sum("star_value"))["total"] or 0


def test_stars_follow_depth_one_three_five(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    earned = []
    for minute in range(1, 6):
        message_send(conversation=conversation, text="tell me more", now=later(minute))
        row = progress(child, topics["space"])
        earned.append((row.depth_level, row.stars))

    assert earned == [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3)]
    assert stars_total(child) == 3
    assert set(
        Reward.objects.filter(child=child, reward_type="star").values_list("reward_id", flat=True)
    ) == {f"depth-{d}:{topics['space'].id}" for d in (1, 3, 5)}
    assert progress(child, topics["space"]).first_depth_5_at is not None


def test_depth_is_the_deepest_conversation_not_the_last(child, topics, fake_guide):
    explore(child, "space", 3)
    explore(child, "space", 1, start=later(60))
    row = progress(child, topics["space"])
    assert (row.depth_level, row.stars, row.conversations_count) == (3, 2, 2)
    assert row.questions_asked == 4
    assert row.time_spent_seconds == 4 * 60


def test_mastery_needs_depth_five_and_three_conversations(child, topics, fake_guide):
    explore(child, "riddles", 5)
    assert progress(child, topics["riddles"]).mastered_at is None
    explore(child, "riddles", 1, start=later(30))
    assert progress(child, topics["riddles"]).mastered_at is None
    explore(child, "riddles", 1, start=later(60))
    assert progress(child, topics["riddles"]).mastered_at is not None
    assert Reward.objects.filter(child=child, reward_id="badge:first-mastery").exists()


def test_exploring_a_prerequisite_deep_enough_unlocks_the_next_topic(child, topics, fake_guide):
    planets = topics["planets"]
    assert not topic_unlocked(child, planets)
    explore(child, "space", 1)
    assert not topic_unlocked(child, planets)
    assert not Reward.objects.filter(child=child, reward_type="unlock").exists()

    explore(child, "space", 2, start=later(30))

    assert topic_unlocked(child, planets)
    assert progress(child, planets).unlocked_at is not None
    assert progress(child, planets).depth_level == 0
    unlock = Reward.objects.get(child=child, reward_type="unlock")
    assert unlock.reward_id == f"unlock:{planets.id}" and unlock.metadata["slug"] == "planets"
    star = next(s for s in constellation(child=child) if s.topic.slug == "planets")
    assert not star.locked and star.unlock_hint is None
    assert conversation_start(child=child, topic="planets", now=later(90))


def test_the_constellation_shows_locks_hints_and_lines(child, topics, fake_guide):
    explore(child, "space", 1)
    stars = {s.topic.slug: s for s in constellation(child=child)}

    assert set(stars) == {"space", "planets", "riddles", "stories", "dreams"}  # no black holes
    assert (stars["space"].locked, stars["space"].depth, stars["space"].stars) == (False, 1, 1)
    assert stars["planets"].locked
    assert stars["planets"].unlock_hint == "Explore Space to depth 2"
    lines = {(line.to_slug, line.connection_type) for line in stars["space"].connections}
    assert lines == {("planets", "prerequisite"), ("riddles", "related")}


def test_the_constellation_costs_three_queries_whatever_its_size(
    child, topics, fake_guide, django_assert_num_queries
):
    explore(child, "space", 2)
    with django_assert_num_queries(3):
        constellation(child=child)


def test_badges_for_firsts_and_categories(child, topics, fake_guide):
    fake_guide.aha = True
    explore(child, "space", 1)
    badges = set(
        Reward.objects.filter(child=child, reward_type="badge").values_list("reward_id", flat=True)
    )
    assert badges == {
        "badge:first-conversation",
        "badge:first-question",
        "badge:first-aha",
        "badge:category-science",
    }


def test_five_topics_explored_earns_the_explorer_badge(child, topics, fake_guide):
    for hour, slug in enumerate(["space", "riddles", "stories", "dreams"]):
        explore(child, slug, 2, start=later(60 * hour))
    assert not Reward.objects.filter(child=child, reward_id="badge:explorer-5").exists()
    explore(child, "planets", 1, start=later(600))  # unlocked by space at depth 2
    assert Reward.objects.filter(child=child, reward_id="badge:explorer-5").exists()


def test_replaying_a_conversation_earns_nothing_twice(child, topics, fake_guide):
    conversation = explore(child, "space", 3)
    before = (
        list(Reward.objects.filter(child=child).values_list("reward_type", "reward_id")),
        Progress.objects.filter(child=child).values_list(
            "depth_level", "stars", "time_spent_seconds", "questions_asked", "conversations_count"
        )[0],
    )
    conversation.refresh_from_db()

    again = progress_record(
        child=child, conversation=conversation, topic=topics["space"], now=later(5)
    )

    assert again == []
    after = (
        list(Reward.objects.filter(child=child).values_list("reward_type", "reward_id")),
        Progress.objects.filter(child=child).values_list(
            "depth_level", "stars", "time_spent_seconds", "questions_asked", "conversations_count"
        )[0],
    )
    assert after == before


def test_ending_credits_the_last_minutes_once(child, topics, fake_guide):
    conversation = explore(child, "space", 1)
    conversation_end(conversation=conversation, now=later(3))
    conversation_end(conversation=conversation, now=later(4))
    assert progress(child, topics["space"]).time_spent_seconds == 180


def test_reward_grant_is_idempotent(child):
    first, created = reward_grant(
        child=child, reward_type="badge", reward_id="badge:first-question", now=NOW
    )
    second, created_again = reward_grant(
        child=child, reward_type="badge", reward_id="badge:first-question", now=later(5)
    )
    assert created and not created_again
    assert first.pk == second.pk and second.earned_at == NOW
    assert Reward.objects.filter(child=child).count() == 1


def test_a_message_answers_what_it_earned(child, topics, fake_guide):
    from brightpath.spark.selectors.conversations import rewards_earned

    conversation = conversation_start(child=child, topic="space", now=NOW)
    mine, _ = message_send(conversation=conversation, text="why?", now=later(1))
    earned = {r.reward_id for r in rewards_earned(conversation=conversation, since=mine.created_at)}
    assert f"depth-1:{topics['space'].id}" in earned and "badge:first-question" in earned

    mine, _ = message_send(conversation=conversation, text="ok", now=later(2))
    earned = rewards_earned(conversation=conversation, since=mine.created_at)
    assert [r.reward_id for r in earned] == [f"unlock:{topics['planets'].id}"]  # depth 2

    fake_guide.deeper = False  # an exchange that goes no deeper earns nothing
    mine, _ = message_send(conversation=conversation, text="ok", now=later(3))
    assert not rewards_earned(conversation=conversation, since=mine.created_at).exists()


def test_child_progress_sums_stars_and_lists_badges(parent, topics, fake_guide, clock):
    kid = make_child(parent)
    other = make_child(parent, "Leo")
    explore(kid, "space", 3)
    explore(other, "riddles", 1)

    view = child_progress(child=kid, now=later(10))

    assert view.stars == 2
    assert view.streak.current == 1
    assert {b.reward_id for b in view.badges} >= {"badge:first-conversation"}
    assert [p.topic.slug for p in view.topics][:1] == ["space"]
    assert all(p.child_id == kid.id for p in view.topics)


def test_the_shipped_catalogue_in_three_queries_roots_open_and_hints_named(
    child, django_assert_num_queries
):
    from brightpath.spark.services.catalogue import catalogue_load, sparks_schedule

    catalogue_load()
    sparks_schedule(today=NOW.date())
    with django_assert_num_queries(3):
        stars = constellation(child=child)

    assert len(stars) >= 20
    assert any(not s.locked for s in stars) and any(s.locked for s in stars)
    for star in stars:
        assert star.locked == (star.unlock_hint is not None)
        assert star.locked == (not topic_unlocked(child, star.topic))
    opened = next(s for s in stars if not s.locked)
    conversation = conversation_start(child=child, topic=opened.topic.slug, now=NOW)
    mine, reply = message_send(conversation=conversation, choice_index=0, now=later(1))
    assert reply.content and not reply.was_filtered
    spark_talk = conversation_start(child=child, brain_spark=True, now=later(2))
    assert spark_talk.brain_spark.spark_date == NOW.date()
