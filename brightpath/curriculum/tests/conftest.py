import pytest

from brightpath.curriculum.models import CatalogSubject
from brightpath.curriculum.standard_subjects import STANDARD_SUBJECTS


@pytest.fixture
def maths(db) -> CatalogSubject:
    return CatalogSubject.objects.get(name="Mathematics", owner=None)


@pytest.fixture
def standard_count(db) -> int:
    return len(STANDARD_SUBJECTS)
