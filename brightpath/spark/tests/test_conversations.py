"""Conversations: starting, the child's turns, the safety filter, the cap, consent."""

import datetime as dt
import threading

import pytest
from django.db import connection

from brightpath.common.errors import Conflict, Forbidden, Invalid, NotFound
from brightpath.spark.guide import GuideReply
from brightpath.spark.models import Conversation, Message, Progress, Reward
from brightpath.spark.services import conversations as service
from brightpath.spark.services.children import child_update
from brightpath.spark.services.conversations import (
    conversation_end,
    conversation_start,
    message_send,
)

# Fixtures come from engagement_fixtures by import, so test arguments "redefine" them.
# ruff: noqa: F811
from .engagement_fixtures import (  # noqa: F401 (fixtures)
    LOS_ANGELES,
    NOW,
    child,
    clock,
    consenting_parent,
    fake_guide,
    later,
    make_child,
    parent,
    revoke,
    schedule_spark,
    topics,
)

pytestmark = pytest.mark.django_db

UNSAFE_PHONE = "my phone number is 555-123-4567 call me"


def messages_of(conversation) -> list[Message]:
    return list(Message.objects.filter(conversation=conversation).order_by("created_at"))


# --- starting ---------------------------------------------------------------------


def test_starting_a_topic_stores_the_guides_opening_with_buttons(child, topics):
    conversation = conversation_start(child=child, topic="space", now=NOW)

    assert conversation.topic == topics["space"]
    assert conversation.conversation_type == "exploration"
    [opening] = messages_of(conversation)
    assert opening.role == "assistant"
    assert opening.content
    assert opening.choices and all({"label", "kind", "topic"} <= set(c) for c in opening.choices)
    assert conversation.metadata["provider"] == "offline"  # no data-sharing consent


def test_a_spark_conversation_is_about_todays_spark(child, topics):
    spark = schedule_spark(NOW.date(), topic=topics["riddles"])
    schedule_spark(NOW.date(), age_group="wonder_cubs")

    conversation = conversation_start(child=child, brain_spark=True, now=NOW)

    assert conversation.brain_spark == spark
    assert conversation.conversation_type == "brain_spark"
    assert conversation.topic == topics["riddles"]
    assert messages_of(conversation)[0].role == "assistant"


def test_no_spark_today_is_not_found(child, topics):
    schedule_spark(NOW.date() - dt.timedelta(days=1))
    with pytest.raises(NotFound):
        conversation_start(child=child, brain_spark=True, now=NOW)


def test_an_unknown_topic_is_not_found_and_nothing_is_stored(child, topics):
    with pytest.raises(NotFound):
        conversation_start(child=child, topic="unicorn-physics", now=NOW)
    assert not Conversation.objects.exists()


def test_a_topic_for_older_children_is_not_found(child, topics):
    with pytest.raises(NotFound):
        conversation_start(child=child, topic="black-holes", now=NOW)


def test_a_locked_topic_is_refused_with_what_unlocks_it(child, topics):
    with pytest.raises(Forbidden) as refused:
        conversation_start(child=child, topic="planets", now=NOW)
    assert refused.value.code == "topic_locked"
    assert refused.value.extra["unlockHint"] == "Explore Space to depth 2"
    assert not Conversation.objects.exists()


def test_without_consent_nothing_starts(topics, clock):
    parent = consenting_parent()
    kid = make_child(parent)
    revoke(parent)
    with pytest.raises(Forbidden) as refused:
        conversation_start(child=kid, topic="space", now=NOW)
    assert refused.value.code == "consent_required"


# --- the child's turns -------------------------------------------------------------


def test_a_button_is_sent_as_its_label(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)

    mine, reply = message_send(conversation=conversation, choice_index=0, now=later(1))

    assert (mine.role, mine.content, mine.selected_choice_index) == ("user", "Tell me more", 0)
    assert not mine.is_free_form
    assert reply.role == "assistant" and reply.choices
    assert reply.created_at > mine.created_at
    _, text, choice = fake_guide.seen[-1]
    assert (text, choice.kind) == ("Tell me more", "deeper")
    conversation.refresh_from_db()
    assert conversation.depth_reached == 1
    assert conversation.duration_seconds == 60


def test_a_turn_at_the_same_instant_still_follows_the_opening(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    message_send(conversation=conversation, text="hi", now=NOW)
    detail = Conversation.objects.get(pk=conversation.pk).messages.all()
    assert [m.role for m in detail] == ["assistant", "user", "assistant"]


def test_free_text_is_trimmed_and_a_question_counts(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)

    mine, reply = message_send(
        conversation=conversation, text="  why do stars twinkle?  ", now=later(1)
    )

    assert mine.content == "why do stars twinkle?" and mine.is_free_form
    assert reply.tokens_used == 7
    conversation.refresh_from_db()
    assert conversation.questions_asked == 1


def test_the_real_guide_answers_free_text_and_a_button(child, topics):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    mine, reply = message_send(conversation=conversation, text="How big is space?", now=later(1))
    assert reply.role == "assistant" and reply.content and not reply.was_filtered
    _, second = message_send(conversation=conversation, choice_index=0, now=later(2))
    assert second.content
    assert len(messages_of(conversation)) == 5


def test_the_guide_sees_the_whole_talk_related_topics_and_interests(parent, topics, fake_guide):
    kid = make_child(parent, interests=["rockets"])
    conversation = conversation_start(child=kid, topic="space", now=NOW)
    for minute in range(1, 7):
        message_send(conversation=conversation, text=f"Tell me thing {minute}", now=later(minute))

    ctx, _, _ = fake_guide.seen[-1]
    # The opening and the five exchanges before the sixth question (given apart):
    # nothing said is out of its sight, so it never repeats a fact.
    assert len(ctx.history) == 11
    assert ctx.history[0].role == "assistant" and ctx.history[-2].content == "Tell me thing 5"
    # Space at depth 5 has unlocked Planets (its prerequisite depth is 2): a neighbour now.
    assert set(ctx.related) == {("riddles", "Riddles"), ("planets", "Planets")}
    assert ctx.interests == ("rockets",)
    assert ctx.topic.slug == "space" and ctx.depth == 5


def test_a_related_button_answers_with_the_offer_to_go_there(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    message_send(conversation=conversation, choice_index=2, now=later(1))
    _, text, choice = fake_guide.seen[-1]
    assert (choice.kind, choice.topic) == ("related", "riddles")
    conversation.refresh_from_db()
    assert conversation.ended_at is None  # the client starts the new conversation


def test_the_end_button_ends_the_conversation(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    message_send(conversation=conversation, choice_index=3, now=later(1))
    conversation.refresh_from_db()
    assert conversation.ended_at is not None
    with pytest.raises(Conflict) as ended:
        message_send(conversation=conversation, text="hello?", now=later(2))
    assert ended.value.code == "conversation_ended"


# --- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "choice_index", "field"),
    [
        ("x" * 501, None, "text"),
        ("   ", None, "text"),
        (None, None, "text"),
        (None, 9, "choiceIndex"),
        (None, -1, "choiceIndex"),
        ("hi", 0, "choiceIndex"),
    ],
)
def test_bad_turns_name_the_field_and_store_nothing(child, topics, text, choice_index, field):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    with pytest.raises(Invalid) as bad:
        message_send(conversation=conversation, text=text, choice_index=choice_index, now=later(1))
    assert list(bad.value.fields) == [field]
    assert len(messages_of(conversation)) == 1
    conversation.refresh_from_db()
    assert conversation.duration_seconds == 0


def test_five_hundred_characters_is_allowed(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    mine, _ = message_send(conversation=conversation, text="a" * 500, now=later(1))
    assert len(mine.content) == 500


# --- the safety filter ---------------------------------------------------------------


def test_a_blocked_message_is_kept_with_its_reason_redirected_and_counts_nothing(
    child, topics, fake_guide
):
    conversation = conversation_start(child=child, topic="space", now=NOW)

    mine, reply = message_send(conversation=conversation, text=UNSAFE_PHONE, now=later(1))

    assert mine.was_filtered and mine.content == UNSAFE_PHONE
    assert mine.filter_reason.startswith("personal_info: ")
    assert reply.role == "assistant" and reply.content and reply.content != UNSAFE_PHONE
    assert reply.choices == messages_of(conversation)[0].choices  # the child can go on
    assert len(fake_guide.seen) == 1  # only the opening: the text never reached the guide
    conversation.refresh_from_db()
    assert (conversation.depth_reached, conversation.questions_asked) == (0, 0)
    assert not Progress.objects.filter(child=child).exists()
    assert not Reward.objects.filter(child=child).exists()


def test_a_blocked_message_never_reaches_the_guides_history(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    message_send(conversation=conversation, text=UNSAFE_PHONE, now=later(1))
    message_send(conversation=conversation, text="What is a comet?", now=later(2))

    ctx, text, _ = fake_guide.seen[-1]
    assert text == "What is a comet?"
    assert all("555" not in turn.content for turn in ctx.history)
    assert [t.role for t in ctx.history] == ["assistant"]


def test_a_distress_message_gets_a_gentle_redirect(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    mine, reply = message_send(
        conversation=conversation, text="I want to hurt myself", now=later(1)
    )
    assert mine.was_filtered and mine.filter_reason.startswith("distress: ")
    assert "grown-up" in reply.content.lower() or "adult" in reply.content.lower()


def test_an_unsafe_guide_reply_is_replaced_and_marked(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    fake_guide.content = "Call me at 555-123-4567 and tell me where you live."

    _, reply = message_send(conversation=conversation, text="Tell me more", now=later(1))

    assert reply.was_filtered and reply.filter_reason.startswith("guide reply replaced")
    assert "555" not in reply.content
    assert reply.content == service.FALLBACK_TEXT


def test_an_unsafe_llm_reply_is_asked_again_of_the_offline_guide(
    child, topics, fake_guide, monkeypatch
):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    asked = []

    def guide_reply(ctx, text, choice, *, llm_allowed):
        asked.append(llm_allowed)
        if llm_allowed:
            return GuideReply(content="Email me at kid@example.com!", provider="openai")
        return GuideReply(content="Stars are huge balls of hot gas.", provider="offline")

    monkeypatch.setattr(service, "guide_reply", guide_reply)
    monkeypatch.setattr(service, "llm_sharing_allowed", lambda user: True)

    _, reply = message_send(conversation=conversation, text="What is a star?", now=later(1))

    assert asked == [True, False]
    assert reply.content == "Stars are huge balls of hot gas." and reply.was_filtered


# --- the daily cap and consent ----------------------------------------------------------


def test_the_daily_cap_stops_sending_and_starting_until_tomorrow(parent, topics, fake_guide, clock):
    kid = make_child(parent, limit=5)
    conversation = conversation_start(child=kid, topic="space", now=NOW)
    message_send(conversation=conversation, text="one", now=later(4))
    message_send(conversation=conversation, text="two", now=later(8))  # 4 + 4 minutes

    with pytest.raises(Forbidden) as capped:
        message_send(conversation=conversation, text="three", now=later(9))
    assert capped.value.code == "time_limit_reached"
    with pytest.raises(Forbidden):
        conversation_start(child=kid, topic="riddles", now=later(10))
    assert len(messages_of(conversation)) == 5

    tomorrow = NOW + dt.timedelta(days=1)
    assert conversation_start(child=kid, topic="riddles", now=tomorrow)


def test_a_talk_going_past_local_midnight_counts_on_the_new_day(topics, fake_guide, clock):
    """The cap is on the time spent *today*, wherever the talk started: a talk begun
    at 23:58 (the parent's clock) and going on after midnight uses today's minutes."""
    parent = consenting_parent("America/Los_Angeles")
    kid = make_child(parent, limit=5)
    evening = dt.datetime(2026, 3, 10, 23, 58, tzinfo=LOS_ANGELES)
    clock(evening)
    conversation = conversation_start(child=kid, topic="space", now=evening)
    for minute in range(1, 7):  # 23:59, then 00:00 ... 00:04: five minutes of the new day
        message_send(conversation=conversation, text=f"turn {minute}", now=later(minute, evening))

    with pytest.raises(Forbidden) as capped:
        message_send(conversation=conversation, text="one more", now=later(7, evening))
    assert capped.value.code == "time_limit_reached"
    with pytest.raises(Forbidden):
        conversation_start(child=kid, topic="riddles", now=later(7, evening))


def test_minutes_before_midnight_do_not_count_on_the_new_day(topics, fake_guide, clock):
    parent = consenting_parent("America/Los_Angeles")
    kid = make_child(parent, limit=5)
    evening = dt.datetime(2026, 3, 10, 23, 55, tzinfo=LOS_ANGELES)
    clock(evening)
    conversation = conversation_start(child=kid, topic="space", now=evening)
    for minute in (1, 2, 3, 4):  # 23:56 ... 23:59: four minutes of yesterday
        message_send(conversation=conversation, text=f"turn {minute}", now=later(minute, evening))
    for minute in (6, 7, 8, 9):  # 00:01 (a two-minute gap) ... 00:04: five of today's
        message_send(conversation=conversation, text=f"turn {minute}", now=later(minute, evening))

    with pytest.raises(Forbidden) as capped:
        message_send(conversation=conversation, text="one more", now=later(10, evening))
    assert capped.value.code == "time_limit_reached"


def bedtime_child(parent, start: str = "20:00", end: str = "07:00"):
    kid = make_child(parent, name=f"Kid {start}")
    return child_update(child=kid, settings={"bedtime_start": start, "bedtime_end": end})


def la_time(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=LOS_ANGELES)


def test_no_talk_starts_at_bedtime_on_the_parents_clock(topics, fake_guide, clock):
    kid = bedtime_child(consenting_parent("America/Los_Angeles"))  # 20:00 to 07:00
    for moment in (la_time(10, 20), la_time(10, 23, 59), la_time(11, 0, 30), la_time(11, 6, 59)):
        with pytest.raises(Forbidden) as asleep:
            conversation_start(child=kid, topic="space", now=moment)
        assert asleep.value.code == "bedtime", moment
        assert asleep.value.extra["bedtimeEnd"] == "07:00"
    assert not Conversation.objects.exists()
    assert conversation_start(child=kid, topic="space", now=la_time(11, 7))
    assert conversation_start(child=kid, topic="space", now=la_time(11, 19, 59))


def test_a_talk_going_into_bedtime_stops_there(topics, fake_guide, clock):
    kid = bedtime_child(consenting_parent("America/Los_Angeles"))
    conversation = conversation_start(child=kid, topic="space", now=la_time(10, 19, 58))
    message_send(conversation=conversation, text="one", now=la_time(10, 19, 59))
    with pytest.raises(Forbidden) as asleep:
        message_send(conversation=conversation, text="two", now=la_time(10, 20, 0))
    assert asleep.value.code == "bedtime"
    assert len(messages_of(conversation)) == 3


def test_a_bedtime_within_one_day_and_none_at_all(topics, fake_guide, clock):
    parent = consenting_parent("America/Los_Angeles")
    nap = bedtime_child(parent, "13:00", "14:30")
    with pytest.raises(Forbidden):
        conversation_start(child=nap, topic="space", now=la_time(10, 14, 0))
    assert conversation_start(child=nap, topic="space", now=la_time(10, 14, 30))
    assert conversation_start(child=nap, topic="space", now=la_time(10, 23, 0))
    never = bedtime_child(parent, "00:00", "00:00")  # the same time: no bedtime
    assert conversation_start(child=never, topic="space", now=la_time(10, 3, 0))


def test_a_long_pause_counts_five_minutes(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    message_send(conversation=conversation, text="hello", now=later(45))
    conversation.refresh_from_db()
    assert conversation.duration_seconds == 300


def test_consent_withdrawn_mid_conversation_blocks_the_next_message(parent, child, topics):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    message_send(conversation=conversation, text="Tell me about the moon", now=later(1))
    stored = len(messages_of(conversation))

    revoke(parent)
    with pytest.raises(Forbidden) as refused:
        message_send(conversation=conversation, text="and the sun?", now=later(2))

    assert refused.value.code == "consent_required"
    assert len(messages_of(conversation)) == stored


def test_ending_twice_is_ending_once(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    message_send(conversation=conversation, text="hi", now=later(1))
    first = conversation_end(conversation=conversation, now=later(2))
    again = conversation_end(conversation=conversation, now=later(30))
    assert first.ended_at == again.ended_at == later(2)
    assert again.duration_seconds == 120
    assert first.summary.startswith("Explored Space to depth 1")


# --- the guide is asked outside any transaction ---------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_guide_is_asked_with_no_transaction_open(topics, fake_guide, clock, monkeypatch):
    """A slow model must not hold the conversation's row lock (nor a connection's
    write transaction) while it thinks."""
    open_during_call = []

    def opening(ctx, *, llm_allowed):
        open_during_call.append(connection.in_atomic_block)
        return fake_guide.opening(ctx, llm_allowed=llm_allowed)

    def reply(ctx, text, choice, *, llm_allowed):
        open_during_call.append(connection.in_atomic_block)
        return fake_guide.reply(ctx, text, choice, llm_allowed=llm_allowed)

    monkeypatch.setattr(service, "guide_opening", opening)
    monkeypatch.setattr(service, "guide_reply", reply)
    kid = make_child(consenting_parent())
    conversation = conversation_start(child=kid, topic="space", now=NOW)
    mine, answer = message_send(conversation=conversation, text="why is it dark?", now=later(1))

    assert open_during_call == [False, False]
    assert (mine.role, answer.role) == ("user", "assistant")
    conversation.refresh_from_db()
    assert (conversation.questions_asked, conversation.depth_reached) == (1, 1)


def test_consent_withdrawn_while_the_guide_thinks_stores_no_reply(
    parent, child, topics, fake_guide, monkeypatch
):
    conversation = conversation_start(child=child, topic="space", now=NOW)

    def reply(ctx, text, choice, *, llm_allowed):
        revoke(parent)  # the parent withdraws consent while the model is answering
        return fake_guide.reply(ctx, text, choice, llm_allowed=llm_allowed)

    monkeypatch.setattr(service, "guide_reply", reply)
    with pytest.raises(Forbidden) as refused:
        message_send(conversation=conversation, text="why is it dark?", now=later(1))

    assert refused.value.code == "consent_required"
    roles = [m.role for m in messages_of(conversation)]
    assert roles == ["assistant", "user"]  # the child's turn (sent with consent), no reply
    assert not Progress.objects.filter(child=child).exists()


def test_a_conversation_ended_while_the_guide_thinks_stores_no_reply(
    child, topics, fake_guide, monkeypatch
):
    conversation = conversation_start(child=child, topic="space", now=NOW)

    def reply(ctx, text, choice, *, llm_allowed):
        conversation_end(conversation=conversation, now=later(1))  # another tab ended it
        return fake_guide.reply(ctx, text, choice, llm_allowed=llm_allowed)

    monkeypatch.setattr(service, "guide_reply", reply)
    with pytest.raises(Conflict) as ended:
        message_send(conversation=conversation, text="why is it dark?", now=later(1))

    assert ended.value.code == "conversation_ended"
    assert [m.role for m in messages_of(conversation)] == ["assistant", "user"]
    conversation.refresh_from_db()
    assert conversation.ended_at is not None and conversation.depth_reached == 0


def test_consent_withdrawn_while_the_opening_is_written_starts_nothing(
    parent, child, topics, fake_guide, monkeypatch
):
    def opening(ctx, *, llm_allowed):
        revoke(parent)
        return fake_guide.opening(ctx, llm_allowed=llm_allowed)

    monkeypatch.setattr(service, "guide_opening", opening)
    with pytest.raises(Forbidden) as refused:
        conversation_start(child=child, topic="space", now=NOW)
    assert refused.value.code == "consent_required"
    assert not Conversation.objects.exists()


# --- concurrency ----------------------------------------------------------------------


def test_sends_through_stale_copies_lose_no_counts(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    copy_a = Conversation.objects.get(pk=conversation.pk)
    copy_b = Conversation.objects.get(pk=conversation.pk)

    message_send(conversation=copy_a, text="why is space dark?", now=later(1))
    message_send(conversation=copy_b, text="how far is the moon?", now=later(2))

    conversation.refresh_from_db()
    assert (conversation.questions_asked, conversation.depth_reached) == (2, 2)
    assert conversation.duration_seconds == 120
    progress = Progress.objects.get(child=child, topic=topics["space"])
    assert (progress.questions_asked, progress.depth_level, progress.conversations_count) == (
        2,
        2,
        1,
    )


@pytest.mark.postgres  # two connections at once
@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_both_count(topics, fake_guide, clock):
    kid = make_child(consenting_parent())
    conversation = conversation_start(child=kid, topic="space", now=NOW)
    barrier = threading.Barrier(2)

    def send(text):
        barrier.wait()
        message_send(conversation=conversation, text=text, now=later(1))
        connection.close()

    threads = [threading.Thread(target=send, args=(t,)) for t in ("why?", "how?")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    conversation.refresh_from_db()
    assert (conversation.questions_asked, conversation.depth_reached) == (2, 2)
    assert Message.objects.filter(conversation=conversation).count() == 5
