import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from brightpath.surveys.models import Category, Question, SurveyResponse, SurveySession
from brightpath.surveys.scoring import DIMENSIONS

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("brightpath.surveys.migrations.0002_scheduling_questions")


def test_migration_loads_five_dimensions_of_five_questions():
    assert [c.dimension for c in Category.objects.order_by("order")] == [
        key for key, _, _ in DIMENSIONS
    ]
    questions = Question.objects.select_related("category").order_by("number")
    assert [q.number for q in questions] == list(range(1, 26))
    assert all(q.is_active and q.weight == 1 and q.text.endswith(".") for q in questions)
    for key, _, block in DIMENSIONS:
        assert {q.number for q in questions if q.category.dimension == key} == set(block)


def test_migration_reverses_exactly_items_2_4_7_13_22():
    reversed_numbers = Question.objects.filter(reverse_scored=True).values_list("number", flat=True)
    assert sorted(reversed_numbers) == [2, 4, 7, 13, 22]


def test_seed_migration_unloads_and_reloads():
    seed_migration.unload(apps, connection.schema_editor())
    assert not Question.objects.exists() and not Category.objects.exists()
    seed_migration.load(apps, connection.schema_editor())
    assert Question.objects.count() == 25 and Category.objects.count() == 5


def test_question_of_another_dimensions_category_is_invalid():
    question = Question.objects.get(number=1)
    question.category = Category.objects.get(dimension="prioritization")
    with pytest.raises(ValidationError) as raised:
        question.full_clean()
    assert "category" in raised.value.message_dict


def _violates(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveySession.objects.create(**fields)


def test_session_status_and_completion_are_constrained(user):
    _violates(user=user, status="paused")
    _violates(user=user, status="completed")  # no completed_at, no scores
    _violates(user=user, status="in_progress", dimension_scores={"timeManagement": 3.0})
    done = SurveySession.objects.create(
        user=user, status="completed", completed_at=timezone.now(), dimension_scores={}
    )
    assert done.pk


@pytest.mark.parametrize("rating", [0, 6])
def test_response_rating_is_constrained(user, rating):
    session = SurveySession.objects.create(user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(
            session=session, question=Question.objects.get(number=1), rating=rating
        )


def test_one_response_per_question_per_session(user):
    session = SurveySession.objects.create(user=user)
    question = Question.objects.get(number=1)
    SurveyResponse.objects.create(session=session, question=question, rating=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(session=session, question=question, rating=4)


@pytest.mark.parametrize("fields", [{"number": 26}, {"number": 0}, {"weight": 0}])
def test_question_number_and_weight_are_constrained(fields):
    values = {"number": 1, "weight": 1, **fields}
    Question.objects.filter(number=1).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(
            category=Category.objects.get(dimension="flexibility_vs_structure"),
            text="Statement.",
            **values,
        )
