import pytest

from brightpath.accounts.tests.factories import UserFactory
from brightpath.common.errors import Forbidden, Invalid, NotFound
from brightpath.curriculum import services
from brightpath.curriculum.models import CatalogSubject

from .factories import CustomSubjectFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_a_lost_race_on_the_name_is_a_400_on_name(user, monkeypatch):
    # Two requests both pass the name check; the unique constraint stops the second.
    CustomSubjectFactory(owner=user, name="Chess")
    monkeypatch.setattr(services, "_check_custom_subject", lambda **_: None)
    with pytest.raises(Invalid) as raised:
        services.catalog_subject_create(owner=user, name="chess")
    assert "name" in raised.value.fields
    # The savepoint left the transaction usable.
    assert CatalogSubject.objects.filter(owner=user).count() == 1


def test_colour_is_checked_by_the_service_too(user):
    with pytest.raises(Invalid) as raised:
        services.catalog_subject_create(owner=user, name="Chess", color="blue")
    assert "color" in raised.value.fields


def test_standard_subjects_are_read_only(user):
    maths = CatalogSubject.objects.get(name="Mathematics")
    with pytest.raises(Forbidden):
        services.catalog_subject_update(catalog_subject=maths, actor=user, name="Maths")
    with pytest.raises(Forbidden):
        services.catalog_subject_delete(catalog_subject=maths, actor=user)


def test_another_users_subject_and_resource_are_not_found(user):
    theirs = CustomSubjectFactory()
    resource = ResourceFactory()
    with pytest.raises(NotFound):
        services.catalog_subject_update(catalog_subject=theirs, actor=user, name="Mine")
    with pytest.raises(NotFound):
        services.catalog_subject_delete(catalog_subject=theirs, actor=user)
    with pytest.raises(NotFound):
        services.resource_create(
            owner=user, catalog_subject=theirs, title="T", resource_type="book"
        )
    with pytest.raises(NotFound):
        services.resource_update(resource=resource, actor=user, title="T", resource_type="book")
    with pytest.raises(NotFound):
        services.resource_delete(resource=resource, actor=user)


def test_resource_fields_are_checked_by_the_service_too(user):
    maths = CatalogSubject.objects.get(name="Mathematics")
    with pytest.raises(Invalid) as raised:
        services.resource_create(
            owner=user,
            catalog_subject=maths,
            title="T",
            resource_type="podcast",
            url="file:///etc/passwd",
        )
    assert set(raised.value.fields) == {"url", "resourceType"}


class TestCatalogSubjectForName:
    def test_finds_the_standard_subject_any_case(self, user):
        found = services.catalog_subject_for_name(owner=user, name=" mathematics ")
        assert found.is_standard and found.name == "Mathematics"

    def test_finds_own_custom_subject_else_creates_one(self, user):
        created = services.catalog_subject_for_name(owner=user, name="Beekeeping")
        assert created.owner == user
        assert services.catalog_subject_for_name(owner=user, name="BEEKEEPING") == created
        other = UserFactory()
        assert services.catalog_subject_for_name(owner=other, name="Beekeeping") != created
