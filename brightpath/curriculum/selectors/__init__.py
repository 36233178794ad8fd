"""Reads of the subject catalogue and its resources, scoped to the requesting user.

A user sees the standard subjects and their own custom ones; of a subject's
resources, their own and the public ones. Anything else is "not found".
"""

from uuid import UUID

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from brightpath.accounts.models import User
from brightpath.common.errors import NotFound
from brightpath.common.selectors import get_owned_or_404
from brightpath.families.selectors import child_get

from ..models import CatalogSubject, Resource, Subject


def catalog_subjects_visible(*, user: User, search: str = "") -> QuerySet[CatalogSubject]:
    """Standard subjects and the user's custom ones, by name; `search` matches part of it."""
    if not user.is_authenticated:
        return CatalogSubject.objects.none()
    subjects = CatalogSubject.objects.filter(Q(owner__isnull=True) | Q(owner=user))
    if search.strip():
        subjects = subjects.filter(name__icontains=search.strip())
    return subjects.order_by(Lower("name"), "id")


def catalog_subject_get(*, user: User, subject_id: UUID | str) -> CatalogSubject:
    """One subject the user may see (standard or their own), else NotFound."""
    try:
        return catalog_subjects_visible(user=user).get(pk=subject_id)
    except (CatalogSubject.DoesNotExist, ValueError) as exc:
        raise NotFound() from exc


def resources_visible(*, user: User, catalog_subject: CatalogSubject) -> QuerySet[Resource]:
    """The subject's resources the user may see: their own and the public ones."""
    if not user.is_authenticated:
        return Resource.objects.none()
    return Resource.objects.filter(
        Q(owner=user) | Q(is_public=True), catalog_subject=catalog_subject
    ).order_by(Lower("title"), "id")


def resource_get_owned(*, user: User, resource_id: UUID | str) -> Resource:
    """One of the user's own resources, else NotFound (public ones of others too)."""
    return get_owned_or_404(Resource.objects.all(), user, owner_path="owner", pk=resource_id)


def child_subject_plans(*, user: User, child_id) -> QuerySet[Subject]:
    """One of the user's children's live subject plans (404 for another family's child)."""
    child = child_get(user=user, child_id=child_id)
    return Subject.objects.live().filter(child=child).select_related("child__family")


def resources_by_catalog_subject(*, user: User, catalog_subject_ids) -> dict[UUID, list[Resource]]:
    """The resources the user may see (their own and public ones) for each of
    these catalogue subjects, in one query: what a planned session links to."""
    rows = Resource.objects.filter(
        Q(owner=user) | Q(is_public=True), catalog_subject_id__in=set(catalog_subject_ids)
    ).order_by(Lower("title"), "id")
    out: dict[UUID, list[Resource]] = {}
    for row in rows:
        out.setdefault(row.catalog_subject_id, []).append(row)
    return out
