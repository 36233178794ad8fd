"""The parent's dashboard and flags: time, topics, growth, streak, flags in context; isolation."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brightpath.spark.apis.access import SESSION_KEY
from brightpath.spark.models import Message
from brightpath.spark.selectors import dashboard as dashboard_module
from brightpath.spark.selectors.dashboard import FLAGS_ON_DASHBOARD, dashboard
from brightpath.spark.services.conversations import conversation_start, message_send
from brightpath.spark.services.summaries import cognitive_metrics_build, daily_activity_build

# Fixtures come from engagement_fixtures by import, so test arguments "redefine" them.
# ruff: noqa: F811
from .engagement_fixtures import (  # noqa: F401 (fixtures)
    NOW,
    child,
    clock,
    consenting_parent,
    fake_guide,
    later,
    make_child,
    parent,
    signed_in,
    topics,
)

pytestmark = pytest.mark.django_db

UNSAFE = "my phone number is 555-123-4567"
# The parent's profile, the children, the days' rows, the time spent (messages, ends),
# topics, stars, skill estimates, flags (the newest per child), their count per child,
# and the messages around them: however many children.
DASHBOARD_QUERIES = 11


def day_minutes(view, day: dt.date) -> int:
    return next(d["minutes"] for d in view.minutes if d["date"] == day)


def flagged_conversation(child, start=NOW):
    """Opening, "What is a comet?" and its answer, the blocked message and its redirect."""
    conversation = conversation_start(child=child, topic="space", now=start)
    message_send(conversation=conversation, text="What is a comet?", now=later(1, start))
    message_send(conversation=conversation, text=UNSAFE, now=later(2, start))
    return conversation


def test_minutes_per_day_come_from_the_nightly_rows_and_today_live(child, topics, fake_guide):
    yesterday = NOW - dt.timedelta(days=1)
    conversation = conversation_start(child=child, topic="space", now=yesterday)
    message_send(conversation=conversation, text="hi", now=later(3, yesterday))
    daily_activity_build(child=child, day=yesterday.date())
    three_days_ago = NOW - dt.timedelta(days=3)  # not summed yet: read live
    conversation = conversation_start(child=child, topic="space", now=three_days_ago)
    message_send(conversation=conversation, text="hi", now=later(2, three_days_ago))
    conversation = conversation_start(child=child, topic="riddles", now=NOW)
    message_send(conversation=conversation, text="hi", now=later(5))

    [view] = dashboard(user=child.parent, now=later(10)).children

    assert len(view.minutes) == 14
    assert view.minutes[-1]["date"] == NOW.date()
    assert day_minutes(view, NOW.date()) == 5
    assert day_minutes(view, yesterday.date()) == 3
    assert day_minutes(view, three_days_ago.date()) == 2
    assert sum(d["minutes"] for d in view.minutes) == 10


def test_topics_growth_stars_and_streak(child, topics, fake_guide):
    conversation = conversation_start(child=child, topic="space", now=NOW)
    for minute in (1, 2, 3):
        message_send(conversation=conversation, text="why?", now=later(minute))
    cognitive_metrics_build(child=child, day=NOW.date())

    [view] = dashboard(user=child.parent, now=later(10)).children

    assert [(p.topic.slug, p.depth_level, p.stars) for p in view.topics] == [("space", 3, 2)]
    assert [g.assessment_date for g in view.growth] == [NOW.date()]
    assert view.growth[0].curiosity_index > 0
    assert view.stars == 2
    assert view.streak.current == 1


def test_a_flag_comes_with_the_two_messages_before_and_the_redirect(child, topics, fake_guide):
    flagged_conversation(child)

    [view] = dashboard(user=child.parent, now=later(10)).children

    [flag] = view.flags
    assert view.flags_unreviewed == 1
    assert flag.message.content == UNSAFE
    assert flag.category == "personal_info" and flag.reason
    assert [(m.role, m.content) for m in flag.before] == [
        ("user", "What is a comet?"),
        ("assistant", "Great thinking! Here is something more."),
    ]
    assert flag.redirect.role == "assistant" and flag.redirect.content != UNSAFE


def test_the_dashboard_reads_any_number_of_children_in_the_same_queries(
    parent, topics, fake_guide, clock
):
    first = make_child(parent, "Ann")
    flagged_conversation(first)
    with CaptureQueriesContext(connection) as one_child:
        dashboard(user=parent, now=later(10))
    for name in ("Ben", "Cy"):
        flagged_conversation(make_child(parent, name), start=later(20))
    with CaptureQueriesContext(connection) as three_children:
        views = dashboard(user=parent, now=later(30)).children
    assert len(views) == 3
    assert len(three_children) == len(one_child)


def test_the_dashboard_reads_only_the_newest_flags_of_each_child(
    parent, topics, fake_guide, clock, monkeypatch
):
    """A child with many flags: the newest FLAGS_ON_DASHBOARD are read (with their
    context) and the rest only counted, in SQL."""
    kid = make_child(parent, "Ann")
    conversation = conversation_start(child=kid, topic="space", now=NOW)
    for minute in range(1, FLAGS_ON_DASHBOARD + 6):
        message_send(conversation=conversation, text=f"{UNSAFE} {minute}", now=later(minute))
    read = []
    original = dashboard_module.with_context

    def spy(messages):
        read.append(len(messages))
        return original(messages)

    monkeypatch.setattr(dashboard_module, "with_context", spy)

    [view] = dashboard(user=parent, now=later(40)).children

    assert read == [FLAGS_ON_DASHBOARD]
    assert view.flags_unreviewed == FLAGS_ON_DASHBOARD + 5
    assert [f.message.content for f in view.flags][:2] == [
        f"{UNSAFE} {FLAGS_ON_DASHBOARD + 5}",
        f"{UNSAFE} {FLAGS_ON_DASHBOARD + 4}",
    ]
    assert len(view.flags) == FLAGS_ON_DASHBOARD


def test_the_dashboards_queries_are_a_fixed_number(
    parent, topics, fake_guide, clock, django_assert_num_queries
):
    first = make_child(parent, "Ann")
    flagged_conversation(first)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        [one] = dashboard(user=parent, now=later(10)).children
    assert one.flags_unreviewed == 1
    for name in ("Ben", "Cy"):
        flagged_conversation(make_child(parent, name), start=later(20))
    with django_assert_num_queries(DASHBOARD_QUERIES):
        views = dashboard(user=parent, now=later(30)).children
    assert [view.flags_unreviewed for view in views] == [1, 1, 1]


# --- the API -------------------------------------------------------------------------


def test_dashboard_api_answers_each_child_in_camel_case(parent, child, topics, fake_guide):
    flagged_conversation(child)

    body = signed_in(parent).get("/api/spark/dashboard/").json()

    assert body["date"] == NOW.date().isoformat()
    [kid] = body["children"]
    assert kid["childId"] == str(child.id) and len(kid["minutesPerDay"]) == 14
    assert kid["flagsUnreviewed"] == 1
    flag = kid["flags"][0]
    assert flag["content"] == UNSAFE and flag["category"] == "personal_info"
    assert [m["content"] for m in flag["before"]][0] == "What is a comet?"
    assert flag["redirect"]["role"] == "assistant"


def test_flags_list_filter_and_review(parent, child, topics, fake_guide):
    flagged_conversation(child)
    client = signed_in(parent)

    page = client.get("/api/spark/flags/").json()
    assert page["count"] == 1
    message_id = page["results"][0]["messageId"]
    assert page["results"][0]["reviewedAt"] is None

    reviewed = client.post(f"/api/spark/flags/{message_id}/review/")
    assert reviewed.status_code == 200 and reviewed.json()["reviewedAt"]
    again = client.post(f"/api/spark/flags/{message_id}/review/").json()
    assert again["reviewedAt"] == reviewed.json()["reviewedAt"]

    assert client.get("/api/spark/flags/?reviewed=false").json()["count"] == 0
    assert client.get("/api/spark/flags/?reviewed=true").json()["count"] == 1
    assert client.get(f"/api/spark/flags/?childId={child.id}").json()["count"] == 1
    assert client.get("/api/spark/dashboard/").json()["children"][0]["flagsUnreviewed"] == 0


def test_bad_flag_filters_name_the_parameter(parent):
    client = signed_in(parent)
    bad = client.get("/api/spark/flags/?childId=nope")
    assert bad.status_code == 400 and "childId" in bad.json()["error"]["fields"]
    assert client.get("/api/spark/flags/?reviewed=maybe").status_code == 400


def test_another_parent_sees_nothing_and_cannot_review(parent, child, topics, fake_guide):
    conversation = flagged_conversation(child)
    flag = Message.objects.get(conversation=conversation, was_filtered=True)
    stranger = signed_in(consenting_parent())

    assert stranger.get("/api/spark/dashboard/").json()["children"] == []
    assert stranger.get("/api/spark/flags/").json()["count"] == 0
    assert stranger.get(f"/api/spark/flags/?childId={child.id}").json()["count"] == 0
    refused = stranger.post(f"/api/spark/flags/{flag.id}/review/")
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
    flag.refresh_from_db()
    assert flag.reviewed_at is None
    # a message that is not a flag cannot be "reviewed" either
    plain = Message.objects.filter(conversation=conversation, was_filtered=False).first()
    assert signed_in(parent).post(f"/api/spark/flags/{plain.id}/review/").status_code == 404


def test_the_dashboard_and_flags_are_for_grown_ups_only(parent, child, topics, fake_guide):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(parent)
    session = client.session
    session[SESSION_KEY] = str(child.id)
    session.save()
    for url in ("/api/spark/dashboard/", "/api/spark/flags/"):
        refused = client.get(url)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "child_mode"
