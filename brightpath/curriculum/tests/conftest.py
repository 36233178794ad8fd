import pytest
from rest_framework.test import APIClient

from brightpath.accounts.services import tokens_for
from brightpath.accounts.tests.factories import UserFactory
from brightpath.curriculum.models import CatalogSubject
from brightpath.curriculum.standard_subjects import STANDARD_SUBJECTS


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def other_client(other_user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(other_user)['access']}")
    return client


@pytest.fixture
def maths(db) -> CatalogSubject:
    return CatalogSubject.objects.get(name="Mathematics", owner=None)


@pytest.fixture
def standard_count(db) -> int:
    return len(STANDARD_SUBJECTS)
