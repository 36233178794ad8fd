"""Tenant scoping: every read of a family's data goes through these.

A selector takes the requesting user and returns only rows that user owns;
another family's object is indistinguishable from one that does not exist (404).
"""

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet

from .errors import NotFound

M = TypeVar("M", bound=Model)


def owned_by(queryset: QuerySet[M], user, *, owner_path: str = "user") -> QuerySet[M]:
    """Rows of `queryset` whose owner (reached by `owner_path`) is `user`."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(**{owner_path: user})


def get_owned_or_404(
    queryset: QuerySet[M], user, *, owner_path: str = "user", **lookup: object
) -> M:
    """One owned row, or NotFound: the same answer for missing and not-yours."""
    try:
        return owned_by(queryset, user, owner_path=owner_path).get(**lookup)
    except (ObjectDoesNotExist, ValidationError, ValueError) as exc:
        # ValidationError/ValueError: a malformed id (e.g. not a UUID) is also "not found".
        raise NotFound() from exc
