"""Seed 000's JSONB queries: the same answers on SQLite and PostgreSQL, GIN-served on PostgreSQL."""

import copy
import json

import pytest
from django.db import connection
from django.utils import timezone

from brightpath.accounts.tests.factories import UserFactory
from brightpath.families.models import Child
from brightpath.families.selectors import children_learning_best_at, families_rating_philosophy
from brightpath.families.services import family_get_or_create
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit

pytestmark = pytest.mark.django_db

DEMO_FILE = DEMO_FAMILY_FILE
DEMO = json.loads(DEMO_FILE.read_text())
GIN_INDEXES = {"families_preferences_gin", "children_learning_prefs_gin", "children_best_times_gin"}


def family_submission(name: str, charlotte_mason: int, children: list[tuple[str, list[str]]]):
    """The demo's answers with another name, Charlotte Mason rating and children's best times."""
    data = copy.deepcopy(DEMO)
    data["section1"]["name"] = name
    data["section7"]["homeschoolingPhilosophy"]["charlotte_mason"] = charlotte_mason
    template = data["children"][0]
    data["children"] = []
    for index, (child_name, times) in enumerate(children):
        child = copy.deepcopy(template)
        child["id"] = f"temp_child_{index}"
        child["section2"]["name"] = child_name
        child["section6"]["bestLearningTimes"] = times
        data["children"].append(child)
    return data


@pytest.fixture
def families():
    """Sarah Kim (the demo: Charlotte Mason 5; Noah mid-morning, Ava early morning),
    the Lees (4; Mia early morning and late afternoon), the Ortizes (3; Leo late afternoon)
    and a family that has only started the questionnaire (no ratings)."""
    kims = questionnaire_submit(user=UserFactory(password=None), data=copy.deepcopy(DEMO))
    lees = questionnaire_submit(
        user=UserFactory(password=None),
        data=family_submission("The Lees", 4, [("Mia", ["late_afternoon", "early_morning"])]),
    )
    ortizes = questionnaire_submit(
        user=UserFactory(password=None),
        data=family_submission("The Ortizes", 3, [("Leo", ["late_afternoon"])]),
    )
    family_get_or_create(user=UserFactory(password=None))
    return {"kims": kims, "lees": lees, "ortizes": ortizes}


def names(queryset) -> set[str]:
    return {row.name for row in queryset}


class TestFamiliesRatingPhilosophy:
    def test_at_least_four_finds_the_fours_and_fives(self, families):
        found = families_rating_philosophy(philosophy="charlotte_mason", at_least=4)
        assert names(found) == {"Sarah Kim", "The Lees"}

    def test_at_least_five_finds_only_the_fives(self, families):
        found = families_rating_philosophy(philosophy="charlotte_mason", at_least=5)
        assert names(found) == {"Sarah Kim"}

    def test_at_least_one_finds_every_family_that_rated_it(self, families):
        found = families_rating_philosophy(philosophy="charlotte_mason", at_least=1)
        assert names(found) == {"Sarah Kim", "The Lees", "The Ortizes"}

    def test_other_philosophies_use_their_own_ratings(self, families):
        # The demo rates classical 1 for every family here.
        assert not families_rating_philosophy(philosophy="classical", at_least=2).exists()
        found = families_rating_philosophy(philosophy="unschooling", at_least=4)
        assert names(found) == {"Sarah Kim", "The Lees", "The Ortizes"}

    @pytest.mark.postgres
    def test_a_rating_above_the_scale_finds_no_family(self, families):
        assert not families_rating_philosophy(philosophy="charlotte_mason", at_least=6).exists()


class TestChildrenLearningBestAt:
    def test_early_morning_finds_ava_but_not_noah(self, families):
        found = names(children_learning_best_at(times=["early_morning"]))
        assert "Ava" in found
        assert "Noah" not in found
        assert found == {"Ava", "Mia"}

    def test_any_of_several_times(self, families):
        found = children_learning_best_at(times=["mid-morning", "late_afternoon"])
        assert names(found) == {"Noah", "Mia", "Leo"}

    def test_a_time_nobody_chose_finds_no_child(self, families):
        assert not children_learning_best_at(times=["evening"]).exists()

    def test_archived_children_are_not_found(self, families):
        Child.objects.filter(name="Ava").update(archived_at=timezone.now())
        assert names(children_learning_best_at(times=["early_morning"])) == {"Mia"}


# --- PostgreSQL: the GIN indexes exist and serve these queries -----------------------


@pytest.mark.postgres
def test_gin_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
            [sorted(GIN_INDEXES)],
        )
        found = dict(cursor.fetchall())
    assert set(found) == GIN_INDEXES
    for definition in found.values():
        assert "USING gin" in definition


def _plan_without_seq_scans(queryset) -> str:
    with connection.cursor() as cursor:
        # SET LOCAL: undone when the test's transaction rolls back.
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


@pytest.mark.postgres
def test_family_philosophy_query_uses_the_preferences_gin_index(families):
    plan = _plan_without_seq_scans(
        families_rating_philosophy(philosophy="charlotte_mason", at_least=4)
    )
    assert "families_preferences_gin" in plan, plan


@pytest.mark.postgres
def test_best_time_query_uses_a_children_gin_index(families):
    plan = _plan_without_seq_scans(children_learning_best_at(times=["early_morning"]))
    assert "children_learning_prefs_gin" in plan or "children_best_times_gin" in plan, plan
