import datetime as dt

import pytest

from brightpath.accounts.tests.factories import UserFactory
from brightpath.coach import memory_index
from brightpath.coach.models import AssistantProfile, TeacherProfile

T0 = dt.datetime(2026, 1, 5, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh_indexes():
    """Each test starts with no cached retrieval index (the cache is per process)."""
    memory_index.forget_all()
    yield
    memory_index.forget_all()


@pytest.fixture
def teacher(db):
    user = UserFactory(email="teacher@example.com")
    TeacherProfile.objects.create(user=user, subjects=["science"], grade_levels=["5"])
    return user


@pytest.fixture
def other_teacher(db):
    user = UserFactory(email="other.teacher@example.com")
    TeacherProfile.objects.create(user=user)
    return user


@pytest.fixture
def assistant(db):
    return AssistantProfile.objects.create(
        name="Science planner", description="Plans science lessons with you."
    )


@pytest.fixture
def catalogue(db):
    """The shipped catalogue: subjects and the shared assistants."""
    from brightpath.coach.services.catalogue import catalogue_load

    catalogue_load()
    return {p.name: p for p in AssistantProfile.objects.filter(owner__isnull=True)}


def api_client(user):
    from rest_framework.test import APIClient

    from brightpath.accounts.services import tokens_for

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)['access']}")
    return client


@pytest.fixture
def client_a(teacher):
    return api_client(teacher)


@pytest.fixture
def client_b(other_teacher):
    return api_client(other_teacher)
