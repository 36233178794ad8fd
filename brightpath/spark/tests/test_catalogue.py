"""Spark's starter catalogue: the shipped content, its loading and the spark schedule."""

import copy
import datetime as dt
import itertools
import json
import math
import re
from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command

from brightpath.common.errors import Invalid
from brightpath.spark import content
from brightpath.spark.admin import TopicConnectionForm, TopicForm
from brightpath.spark.age_groups import AGE_GROUPS, WONDER_CUBS, rank
from brightpath.spark.models import (
    BrainSpark,
    Child,
    Conversation,
    Message,
    Progress,
    Topic,
    TopicConnection,
)
from brightpath.spark.services.catalogue import catalogue_load, sparks_schedule

TOPICS = content.read("topics.json")
SPARKS = content.read("sparks.json")
TODAY = dt.date(2026, 3, 2)


def _topics() -> dict[str, dict]:
    return {t["slug"]: t for t in TOPICS["topics"]}


def _prerequisites() -> dict[str, set[str]]:
    needs: dict[str, set[str]] = {slug: set() for slug in _topics()}
    for link in TOPICS["connections"]:
        if link["type"] == "prerequisite":
            needs[link["to"]].add(link["from"])
    return needs


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


@pytest.fixture
def loaded(db):
    return catalogue_load()


# --- the shipped content ---------------------------------------------------------------


def test_the_catalogue_has_at_least_45_topics_in_all_five_categories():
    topics = _topics()
    assert len(topics) >= 45
    assert {t["category"] for t in topics.values()} == set(Topic.CATEGORIES)
    seed_roots = {"space", "animals", "math", "stories", "nature", "philosophy"}
    assert seed_roots <= {slug for slug, t in topics.items() if t["parent"] is None}


def test_every_topic_open_to_an_age_group_can_be_unlocked_by_it():
    """Unlock stars the way a child of each group would: a topic opens once all its
    prerequisites are open. Every topic the group may see must open in the end, which
    also proves the prerequisites hold no cycle."""
    topics, needs = _topics(), _prerequisites()
    for group in AGE_GROUPS:
        visible = {slug for slug, t in topics.items() if group in t["age_groups"]}
        unlocked: set[str] = set()
        while True:
            newly = {s for s in visible - unlocked if needs[s] <= unlocked}
            if not newly:
                break
            unlocked |= newly
        assert unlocked == visible, f"{group} can never unlock {sorted(visible - unlocked)}"


def test_every_subtopic_is_unlocked_by_exploring_its_parent():
    needs = _prerequisites()
    for slug, topic in _topics().items():
        if topic["parent"]:
            assert topic["parent"] in needs[slug], slug
            assert 1 <= topic["prerequisite_depth"] <= 3
        else:
            assert not needs[slug], f"root {slug} should be open from the start"


def test_every_topic_is_reachable_along_the_constellations_lines():
    neighbours: dict[str, set[str]] = {slug: set() for slug in _topics()}
    for link in TOPICS["connections"]:
        neighbours[link["from"]].add(link["to"])
        neighbours[link["to"]].add(link["from"])
    seen, stack = set(), ["space"]
    while stack:
        slug = stack.pop()
        if slug not in seen:
            seen.add(slug)
            stack.extend(neighbours[slug])
    assert seen == set(neighbours)
    categories = {s: t["category"] for s, t in _topics().items()}
    across = [
        link
        for link in TOPICS["connections"]
        if link["type"] == "related" and categories[link["from"]] != categories[link["to"]]
    ]
    assert len(across) >= 20  # related lines tie the categories together


def test_metadata_is_complete_for_every_age_group_a_topic_is_open_to():
    for slug, topic in _topics().items():
        meta = topic["metadata"]
        assert meta["summary"] and len(meta["keywords"]) >= 4, slug
        assert len(meta["words"]) >= 3 and all(meta["words"].values()), slug
        assert set(meta["facts"]) == set(topic["age_groups"]), slug
        for group in topic["age_groups"]:
            facts = meta["facts"][group]
            assert len(facts) >= 6 and len(set(facts)) == len(facts), (slug, group)
            assert len(meta["questions"][group]) >= 4, (slug, group)
            assert len(meta["activities"][group]) >= 2, (slug, group)
        youngest = min(topic["age_groups"], key=rank)
        assert topic["min_age_group"] == ("" if youngest == WONDER_CUBS else youngest), slug


def test_wonder_cubs_material_uses_very_short_sentences():
    for slug, topic in _topics().items():
        meta = topic["metadata"]
        for key in ("facts", "questions", "activities"):
            for text in meta[key].get(WONDER_CUBS, []):
                for sentence in _sentences(text):
                    assert len(sentence.split()) <= 13, (slug, sentence)


def test_stars_are_distinct_inside_the_sky_and_clustered_by_category():
    topics = list(_topics().values())
    places = {t["slug"]: (t["position_x"], t["position_y"]) for t in topics}
    assert all(-500 <= x <= 500 and -500 <= y <= 500 for x, y in places.values())
    for a, b in itertools.combinations(places, 2):
        assert math.dist(places[a], places[b]) >= 60, (a, b)
    for topic in topics:
        nearest = min(
            (other for other in topics if other is not topic),
            key=lambda other: math.dist(places[topic["slug"]], places[other["slug"]]),
        )
        assert nearest["category"] == topic["category"], (topic["slug"], nearest["slug"])


def test_there_are_at_least_30_sparks_per_age_group_each_with_hints_and_follow_ups():
    topics = _topics()
    for group in AGE_GROUPS:
        sparks = SPARKS["sparks"][group]
        assert len(sparks) >= 30
        assert len({s["spark_type"] for s in sparks}) == len(BrainSpark.TYPES)
        for spark in sparks:
            assert 2 <= len(spark["hints"]) <= 3, spark["key"]
            assert len(spark["follow_ups"]) == 2, spark["key"]
            assert group in topics[spark["topic"]]["age_groups"], spark["key"]
            if spark["spark_type"] == "riddle":
                assert content.spark_answer(spark["hints"]), f"{spark['key']} has no answer"


# --- loading ----------------------------------------------------------------------------


def test_loading_writes_the_constellation_with_depths_and_lines(loaded):
    assert loaded["created"] == Topic.objects.count() == len(TOPICS["topics"])
    assert TopicConnection.objects.count() == len(TOPICS["connections"])
    black_holes = Topic.objects.select_related("parent_topic").get(slug="black-holes")
    assert black_holes.parent_topic.slug == "stars"
    assert black_holes.depth_in_tree == 2
    assert black_holes.age_groups == ["curious_explorers", "mind_masters"]
    assert black_holes.min_age_group == "curious_explorers"
    assert Topic.objects.get(slug="space").depth_in_tree == 0
    unlocks = TopicConnection.objects.get(from_topic__slug="stars", to_topic__slug="black-holes")
    assert unlocks.connection_type == TopicConnection.PREREQUISITE


def test_loading_again_changes_nothing(loaded):
    before = list(Topic.objects.order_by("slug").values("id", "slug", "updated_at"))
    again = catalogue_load()
    assert again["created"] == again["updated"] == again["connections_created"] == 0
    assert again["unchanged"] == len(TOPICS["topics"])
    assert list(Topic.objects.order_by("slug").values("id", "slug", "updated_at")) == before
    assert TopicConnection.objects.count() == len(TOPICS["connections"])


def test_a_new_shipped_version_updates_a_topic_nobody_edited(loaded):
    data = copy.deepcopy(TOPICS)
    next(t for t in data["topics"] if t["slug"] == "moon")["difficulty"] = 2
    counts = catalogue_load(data=data)
    assert counts["updated"] == 1
    assert Topic.objects.get(slug="moon").difficulty == 2


def test_an_operators_edit_survives_a_reload_unless_forced(loaded):
    moon = Topic.objects.get(slug="moon")
    moon.name = "Our Moon"
    moon.save()
    counts = catalogue_load()
    assert counts["kept"] == ["moon"]
    assert Topic.objects.get(slug="moon").name == "Our Moon"
    catalogue_load(force=True)
    assert Topic.objects.get(slug="moon").name == "The Moon"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: _entry(d, "planets").update(difficulty=9), "topics[planets].difficulty"),
        (lambda d: _entry(d, "planets").update(parent="pluto"), "topics[planets].parent"),
        (lambda d: _entry(d, "space").update(parent="planets"), "topics[space].parent"),
        (
            lambda d: _entry(d, "planets")["metadata"]["facts"].pop("mind_masters"),
            "topics[planets].metadata.facts.mind_masters",
        ),
        (
            lambda d: d["connections"].append(
                {"from": "planets", "to": "space", "type": "prerequisite"}
            ),
            "connections[planets->space]",
        ),
        (
            lambda d: d["connections"].append(
                {"from": "black-holes", "to": "moon", "type": "prerequisite"}
            ),
            "connections[black-holes->moon]",
        ),
    ],
    ids=["difficulty", "parent", "parent loop", "missing facts", "joined twice", "never unlocks"],
)
def test_bad_data_is_refused_naming_the_topic_and_nothing_is_written(db, change, path):
    data = copy.deepcopy(TOPICS)
    change(data)
    with pytest.raises(Invalid) as error:
        catalogue_load(data=data)
    assert path in error.value.fields
    assert path.split("]")[0].split("[")[1].split("->")[0] in str(error.value)
    assert not Topic.objects.exists()


def test_a_prerequisite_cycle_is_refused(db):
    data = copy.deepcopy(TOPICS)
    data["connections"].append({"from": "black-holes", "to": "space", "type": "prerequisite"})
    with pytest.raises(Invalid, match="prerequisites form a cycle"):
        catalogue_load(data=data)


def _entry(data: dict, slug: str) -> dict:
    return next(t for t in data["topics"] if t["slug"] == slug)


# --- scheduling the sparks ----------------------------------------------------------------


def _questions(group: str) -> list[str]:
    return list(
        BrainSpark.objects.filter(age_group=group)
        .order_by("spark_date")
        .values_list("question", flat=True)
    )


def test_scheduling_fills_thirty_days_per_age_group_in_order(loaded):
    assert sparks_schedule(today=TODAY, days=30) == 90
    for group in AGE_GROUPS:
        shipped = [s["question"] for s in SPARKS["sparks"][group]]
        assert _questions(group) == shipped[:30]
    first = BrainSpark.objects.select_related("topic").get(spark_date=TODAY, age_group=WONDER_CUBS)
    assert first.topic.slug == SPARKS["sparks"][WONDER_CUBS][0]["topic"]
    assert first.source == "catalogue"
    assert "Answer: a clock!" in first.curator_notes


def test_scheduling_again_adds_nothing(loaded):
    sparks_schedule(today=TODAY, days=30)
    assert sparks_schedule(today=TODAY, days=30) == 0
    assert BrainSpark.objects.count() == 90


def test_a_missing_day_is_filled_with_the_spark_it_would_have_had(loaded):
    sparks_schedule(today=TODAY, days=10)
    gap = BrainSpark.objects.get(spark_date=TODAY + dt.timedelta(days=4), age_group=WONDER_CUBS)
    question = gap.question
    gap.delete()
    assert sparks_schedule(today=TODAY, days=10) == 1
    refilled = BrainSpark.objects.get(
        spark_date=TODAY + dt.timedelta(days=4), age_group=WONDER_CUBS
    )
    assert refilled.question == question


def test_a_day_an_operator_edited_is_never_overwritten(loaded):
    sparks_schedule(today=TODAY, days=5)
    edited = BrainSpark.objects.get(spark_date=TODAY + dt.timedelta(days=2), age_group=WONDER_CUBS)
    edited.question = "What is your favourite sound?"
    edited.curator_notes = "Written for the spring fair."
    edited.save()
    sparks_schedule(today=TODAY, days=8)
    edited.refresh_from_db()
    assert edited.question == "What is your favourite sound?"
    shipped = [s["question"] for s in SPARKS["sparks"][WONDER_CUBS]]
    assert _questions(WONDER_CUBS)[5:] == shipped[5:8]  # the days after carry on in order


def test_a_later_run_carries_on_from_the_last_scheduled_spark(loaded):
    sparks_schedule(today=TODAY, days=3)
    sparks_schedule(today=TODAY + dt.timedelta(days=20), days=2)
    shipped = [s["question"] for s in SPARKS["sparks"][WONDER_CUBS]]
    assert _questions(WONDER_CUBS) == shipped[:5]


def test_the_schedule_cycles_after_the_last_shipped_spark(loaded):
    data = copy.deepcopy(SPARKS)
    for group in AGE_GROUPS:
        data["sparks"][group] = data["sparks"][group][:3]
    assert sparks_schedule(today=TODAY, days=7, data=data) == 21
    shipped = [s["question"] for s in data["sparks"][WONDER_CUBS]]
    assert _questions(WONDER_CUBS) == [*shipped, *shipped, shipped[0]]


def test_bad_spark_data_names_the_spark(loaded):
    data = copy.deepcopy(SPARKS)
    data["sparks"][WONDER_CUBS][0]["hints"] = ["Only one hint"]
    data["sparks"][WONDER_CUBS][1]["topic"] = "black-holes"  # not for the youngest
    with pytest.raises(Invalid) as error:
        sparks_schedule(today=TODAY, data=data)
    assert set(error.value.fields) == {"sparks[wc-01].hints", "sparks[wc-02].topic"}
    assert not BrainSpark.objects.exists()


def test_the_command_loads_and_schedules_and_is_idempotent(db):
    out = StringIO()
    call_command("spark_catalogue", stdout=out)
    call_command("spark_catalogue", stdout=out)
    text = out.getvalue()
    assert f"Topics: {len(TOPICS['topics'])} ({len(TOPICS['topics'])} created" in text
    assert "Brain sparks: 96 added" in text  # 32 days (yesterday on) for 3 groups
    assert "Brain sparks: 0 added" in text
    assert Topic.objects.count() == len(TOPICS["topics"])


# --- the admin ----------------------------------------------------------------------------


def test_the_admin_shows_content_and_no_childrens_data():
    registered = set(admin.site._registry)
    assert {Topic, TopicConnection, BrainSpark} <= registered
    assert not {Child, Conversation, Message, Progress} & registered


def test_the_admin_refuses_a_prerequisite_line_that_closes_a_circle(loaded):
    space, stars = Topic.objects.get(slug="space"), Topic.objects.get(slug="black-holes")
    form = TopicConnectionForm(
        data={
            "from_topic": stars.pk,
            "to_topic": space.pk,
            "connection_type": "prerequisite",
            "strength": "normal",
        }
    )
    assert not form.is_valid()
    assert "circle" in str(form.errors)


def test_operators_can_open_the_content_pages(loaded, admin_client):
    sparks_schedule(today=TODAY, days=2)
    moon = Topic.objects.get(slug="moon")
    spark = BrainSpark.objects.first()
    for url in (
        "/admin/spark/topic/",
        f"/admin/spark/topic/{moon.pk}/change/",
        "/admin/spark/topic/add/",
        "/admin/spark/topicconnection/",
        "/admin/spark/brainspark/",
        f"/admin/spark/brainspark/{spark.pk}/change/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_the_admin_refuses_a_topic_without_material_for_an_age_group_it_is_open_to(loaded):
    moon = Topic.objects.get(slug="moon")
    metadata = copy.deepcopy(moon.metadata)
    del metadata["facts"][WONDER_CUBS]
    fields = {
        "name": moon.name,
        "slug": moon.slug,
        "category": moon.category,
        "parent_topic": moon.parent_topic_id,
        "position_x": moon.position_x,
        "position_y": moon.position_y,
        "icon": moon.icon,
        "color": moon.color,
        "age_groups": moon.age_groups,
        "min_age_group": "",
        "difficulty": moon.difficulty,
        "prerequisite_depth": moon.prerequisite_depth,
        "metadata": json.dumps(metadata),
    }
    form = TopicForm(data=fields, instance=moon)
    assert not form.is_valid()
    assert "facts.wonder_cubs" in str(form.errors["metadata"])
    fields["age_groups"] = ["curious_explorers", "mind_masters"]
    fields["min_age_group"] = "curious_explorers"
    assert TopicForm(data=fields, instance=moon).is_valid()
