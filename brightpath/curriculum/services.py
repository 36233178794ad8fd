"""Writes to the curriculum: catalogue subjects and resources.

Standard subjects (no owner) are read-only here; a user writes only their own
custom subjects and their own resources. Errors name the API's fields.
"""

import re
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError

from brightpath.accounts.models import User

from .models import RESOURCE_TYPES, CatalogSubject, Resource

COLOR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
DEFAULT_COLOR = CatalogSubject._meta.get_field("color").default
URL_SCHEMES = ("http", "https")


def catalog_subject_for_name(*, owner: User, name: str) -> CatalogSubject:
    """The standard or the owner's custom catalogue subject of this name; a new
    custom one if there is none, so every subject plan has a catalogue entry."""
    match = (
        CatalogSubject.objects.filter(Q(owner=None) | Q(owner=owner), name__iexact=name.strip())
        .order_by(F("owner").asc(nulls_first=True))  # the standard one wins a tie
        .first()
    )
    if match is not None:
        return match
    with transaction.atomic():
        return CatalogSubject.objects.create(owner=owner, name=name.strip())


def _name_taken_error(name: str) -> ValidationError:
    return ValidationError({"name": [f"A subject named “{name}” is already in the catalogue."]})


def _check_custom_subject(*, owner: User, name: str, color: str, exclude_id=None) -> None:
    if not name:
        raise ValidationError({"name": ["Give the subject a name."]})
    if not re.fullmatch(COLOR_PATTERN, color):
        raise ValidationError({"color": ["Use a hex colour like #4C6EF5."]})
    clashes = CatalogSubject.objects.filter(
        Q(owner__isnull=True) | Q(owner=owner), name__iexact=name
    )
    if exclude_id is not None:
        clashes = clashes.exclude(pk=exclude_id)
    if clashes.exists():
        raise _name_taken_error(name)


def _save_custom_subject(subject: CatalogSubject) -> None:
    # A concurrent write of the same name trips the per-owner unique constraint;
    # the savepoint keeps the outer transaction usable to answer with a 400.
    try:
        with transaction.atomic():
            subject.save()
    except IntegrityError as exc:
        raise _name_taken_error(subject.name) from exc


def _check_own_custom(subject: CatalogSubject, actor: User) -> None:
    if subject.is_standard:
        raise PermissionDenied("Standard subjects are read-only.")
    if subject.owner_id != actor.pk:
        raise NotFound()


@transaction.atomic
def catalog_subject_create(
    *, owner: User, name: str, description: str = "", color: str = DEFAULT_COLOR, icon: str = ""
) -> CatalogSubject:
    name = name.strip()
    _check_custom_subject(owner=owner, name=name, color=color)
    subject = CatalogSubject(
        owner=owner, name=name, description=description, color=color, icon=icon
    )
    _save_custom_subject(subject)
    return subject


@transaction.atomic
def catalog_subject_update(
    *,
    catalog_subject: CatalogSubject,
    actor: User,
    name: str,
    description: str = "",
    color: str = DEFAULT_COLOR,
    icon: str = "",
) -> CatalogSubject:
    """Replace a custom subject's fields (PUT semantics); standard ones are read-only."""
    _check_own_custom(catalog_subject, actor)
    name = name.strip()
    _check_custom_subject(owner=actor, name=name, color=color, exclude_id=catalog_subject.pk)
    catalog_subject.name = name
    catalog_subject.description = description
    catalog_subject.color = color
    catalog_subject.icon = icon
    _save_custom_subject(catalog_subject)
    return catalog_subject


@transaction.atomic
def catalog_subject_delete(*, catalog_subject: CatalogSubject, actor: User) -> None:
    """Delete a custom subject and its resources; subject plans that linked to it
    keep their own name and lose only the link (SET_NULL)."""
    _check_own_custom(catalog_subject, actor)
    catalog_subject.delete()


def _check_resource(*, url: str, resource_type: str) -> None:
    errors: dict[str, list[str]] = {}
    if url and (urlsplit(url).scheme.lower() not in URL_SCHEMES or not urlsplit(url).netloc):
        errors["url"] = ["Use an http:// or https:// address."]
    if resource_type not in RESOURCE_TYPES:
        errors["resourceType"] = [f"Use one of: {', '.join(RESOURCE_TYPES)}."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def resource_create(
    *,
    owner: User,
    catalog_subject: CatalogSubject,
    title: str,
    resource_type: str,
    description: str = "",
    url: str = "",
    is_public: bool = False,
) -> Resource:
    if catalog_subject.owner_id not in (None, owner.pk):
        raise NotFound()  # another user's custom subject
    _check_resource(url=url, resource_type=resource_type)
    return Resource.objects.create(
        catalog_subject=catalog_subject,
        owner=owner,
        title=title.strip(),
        description=description,
        url=url,
        resource_type=resource_type,
        is_public=is_public,
    )


@transaction.atomic
def resource_update(
    *,
    resource: Resource,
    actor: User,
    title: str,
    resource_type: str,
    description: str = "",
    url: str = "",
    is_public: bool = False,
) -> Resource:
    """Replace the owner's resource fields (PUT semantics); it stays on its subject."""
    if resource.owner_id != actor.pk:
        raise NotFound()
    _check_resource(url=url, resource_type=resource_type)
    resource.title = title.strip()
    resource.description = description
    resource.url = url
    resource.resource_type = resource_type
    resource.is_public = is_public
    resource.save()
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, actor: User) -> None:
    if resource.owner_id != actor.pk:
        raise NotFound()
    resource.delete()
