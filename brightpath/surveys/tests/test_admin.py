import pytest
from django.urls import reverse

from brightpath.surveys.models import Category, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin@example.com", "x-Admin-passw0rd")
    client.force_login(admin)
    return client


def test_category_page_shows_its_questions_inline(staff_client):
    category = Category.objects.get(dimension="time_management")
    response = staff_client.get(reverse("admin:surveys_category_change", args=[category.pk]))
    assert response.status_code == 200
    assert Question.objects.get(number=13).text in response.content.decode()


def test_question_text_can_be_edited(staff_client):
    question = Question.objects.get(number=7)
    response = staff_client.post(
        reverse("admin:surveys_question_change", args=[question.pk]),
        {
            "category": question.category_id,
            "number": 7,
            "text": "Every core subject belongs on every school day.",
            "description": "",
            "reverse_scored": "on",
            "weight": 1,
            "is_active": "on",
            "order": 2,
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Every core subject belongs on every school day."
    assert question.reverse_scored


def test_session_pages_render_read_only(staff_client, session, answer):
    answer(session, {1: 4, 2: 2})
    listing = staff_client.get(
        reverse("admin:surveys_surveysession_changelist"), {"status": "in_progress"}
    )
    assert listing.status_code == 200
    detail = staff_client.get(reverse("admin:surveys_surveysession_change", args=[session.pk]))
    assert detail.status_code == 200
    assert "Q2: " in detail.content.decode()
    assert 'name="status"' not in detail.content.decode()
