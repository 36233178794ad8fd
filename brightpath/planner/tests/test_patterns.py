"""A planned week's patterns and the resources its sessions link to (issue 21 #6)."""

import datetime as dt

import pytest

from brightpath.curriculum.models import CatalogSubject, Resource
from brightpath.planner.models import Schedule, ScheduleItem
from brightpath.planner.patterns import PlannedSession, learning_blocks, week_patterns
from brightpath.planner.services import schedule_generate

from .conftest import DEMO_MONDAY

MONDAY, TUESDAY = DEMO_MONDAY, DEMO_MONDAY + dt.timedelta(days=1)


def _at(day, start, end, name, core=True):
    return PlannedSession(day, start * 60, end * 60, name, core)


def test_blocks_group_runs_of_sessions_by_kind_and_part_of_the_day():
    sessions = [
        _at(MONDAY, 9, 10, "Mathematics"),
        PlannedSession(MONDAY, 10 * 60 + 10, 11 * 60, "Reading", True),
        _at(MONDAY, 14, 15, "Art", core=False),
        _at(TUESDAY, 9, 10, "Mathematics"),
    ]
    blocks = learning_blocks(sessions)
    assert blocks[0] == {
        "type": "core_academic",
        "preferredTime": "morning",
        "subjects": ["Mathematics", "Reading"],
        "averageDuration": 90,  # 120 on Monday, 60 on Tuesday
    }
    assert blocks[1]["type"] == "enrichment" and blocks[1]["preferredTime"] == "afternoon"


def test_the_break_rhythm_comes_from_the_childs_insights():
    insights = {
        "recommendedBreaks": {
            "frequency": "every_30_minutes",
            "duration": "10_minutes",
            "activities": ["snack"],
        }
    }
    assert week_patterns([], insights)["breakPatterns"] == {
        "frequency": "every_30_minutes",
        "duration": 10,
        "activitySuggestions": ["snack"],
    }
    assert "breakPatterns" not in week_patterns([], {})


@pytest.mark.django_db
def test_a_planned_week_stores_its_patterns_and_links_resources(demo_family, auth_client, user):
    maths = CatalogSubject.objects.get(name="Mathematics", owner=None)
    mine = Resource.objects.create(
        catalog_subject=maths, owner=user, title="Number line", resource_type="worksheet"
    )
    public = Resource.objects.create(
        catalog_subject=maths,
        owner=user.__class__.objects.create_user("x@example.com"),
        title="Abacus video",
        resource_type="video",
        url="https://example.com/v",
        is_public=True,
    )
    Resource.objects.create(  # someone else's private resource is never linked
        catalog_subject=maths,
        owner=user.__class__.objects.create_user("y@example.com"),
        title="Secret",
        resource_type="book",
    )
    schedule_generate(family=demo_family, week_start=DEMO_MONDAY, time_limit=1)

    noah = Schedule.objects.get(family=demo_family, child__name="Noah", is_active=True)
    assert noah.patterns["learningBlocks"] and noah.patterns["breakPatterns"]["duration"] > 0
    assert noah.schedule_data["patterns"] == noah.patterns
    item = ScheduleItem.objects.filter(schedule=noah, name="Mathematics").first()
    linked = {r["name"] for r in item.item_data["resources"]}
    assert linked == {mine.title, public.title}
    week = auth_client.get(f"/api/children/{noah.child_id}/week/?week={DEMO_MONDAY}").json()
    maths_items = [i for d in week["days"] for i in d["items"] if i["name"] == "Mathematics"]
    assert {r["name"] for r in maths_items[0]["resources"]} == linked
