import uuid

import pytest

from brightpath.accounts.models import UserPreference
from brightpath.accounts.tests.factories import UserFactory
from brightpath.common.errors import NotFound
from brightpath.common.selectors import get_owned_or_404, owned_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_owners():
    mine, theirs = UserFactory(), UserFactory()
    UserPreference.objects.create(user=mine, key="theme", value="dark")
    other = UserPreference.objects.create(user=theirs, key="theme", value="light")
    return mine, other


def test_owned_by_returns_only_the_users_rows(two_owners):
    mine, _ = two_owners
    assert [p.value for p in owned_by(UserPreference.objects.all(), mine)] == ["dark"]


def test_another_owners_object_is_not_found(two_owners):
    mine, other = two_owners
    with pytest.raises(NotFound):
        get_owned_or_404(UserPreference.objects.all(), mine, pk=other.pk)


@pytest.mark.parametrize("bad_id", ["not-a-uuid", str(uuid.uuid4())], ids=["malformed", "missing"])
def test_malformed_or_missing_ids_are_not_found(two_owners, bad_id):
    with pytest.raises(NotFound):
        get_owned_or_404(UserPreference.objects.all(), two_owners[0], pk=bad_id)


def test_anonymous_users_own_nothing(two_owners):
    from django.contrib.auth.models import AnonymousUser

    assert not owned_by(UserPreference.objects.all(), AnonymousUser()).exists()
