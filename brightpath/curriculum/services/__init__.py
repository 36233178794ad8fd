"""Writes to the curriculum: catalogue subjects, resources, and children's subject plans.

Standard subjects (no owner) are read-only here; a user writes only their own
custom subjects and their own resources. Errors name the API's fields.
"""

import re
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F, Q

from brightpath.accounts.models import User
from brightpath.accounts.services import audit_diff, audit_record
from brightpath.common.archive import archive_or_delete, sync_rows
from brightpath.common.errors import Forbidden, Invalid, NotFound
from brightpath.common.times import parse_clock
from brightpath.families.models import Child
from brightpath.families.vocabulary import MAX_CHILD_AGE

from ..answers import SubjectAnswer, subject_as_submitted, subject_fit_errors
from ..insights import derived_insights
from ..models import RESOURCE_TYPES, CatalogSubject, Resource, Subject
from .lessons import LessonInput, lessons_check

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


def _name_taken_error(name: str) -> Invalid:
    return Invalid({"name": [f"A subject named “{name}” is already in the catalogue."]})


def _check_custom_subject(*, owner: User, name: str, color: str, exclude_id=None) -> None:
    if not name:
        raise Invalid({"name": ["Give the subject a name."]})
    if not re.fullmatch(COLOR_PATTERN, color):
        raise Invalid({"color": ["Use a hex colour like #4C6EF5."]})
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
        raise Forbidden("Standard subjects are read-only.")
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
        raise Invalid(errors)


def _default_lessons(lessons: list[LessonInput]) -> list[dict]:
    """A resource's default lessons as stored: [{"title", "notes", "url", "minutes"}]."""
    checked = lessons_check(list(lessons), field="defaultLessons")
    return [
        {"title": row.title, "notes": row.notes, "url": row.url, "minutes": row.minutes}
        for row in checked
    ]


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
    default_lessons: list[LessonInput] = (),
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
        default_lessons=_default_lessons(default_lessons),
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
    default_lessons: list[LessonInput] = (),
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
    resource.default_lessons = _default_lessons(default_lessons)
    resource.save()
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, actor: User) -> None:
    if resource.owner_id != actor.pk:
        raise NotFound()
    resource.delete()


# --- A child's subject plans --------------------------------------------------------


def _subject_fill(row: Subject, answer: SubjectAnswer, position: int) -> Subject:
    fixed = answer["fixedTime"]
    row.name = answer["name"]
    row.catalog_subject = catalog_subject_for_name(
        owner=row.child.family.owner, name=answer["name"]
    )
    row.is_core_subject = answer["isCoreSubject"]
    row.session_duration = answer["sessionDuration"]
    row.frequency = answer["frequency"]
    row.parent_involvement = answer["parentInvolvement"]
    row.fixed_time_required = fixed["required"]
    row.preferred_time = parse_clock(fixed["preferredTime"]) if fixed["preferredTime"] else None
    row.interest_level = answer["interestLevel"]
    row.metadata = answer.get("metadata", {})
    row.position = position
    row.archived_at = None
    row.save()
    return row


def subject_plans_sync(*, child: Child, answers: list[SubjectAnswer]) -> None:
    """Make the child's subject plans those of a re-submitted questionnaire section 4."""
    sync_rows(
        child.subjects.all(),
        answers,
        lambda row, answer, position: _subject_fill(row or Subject(child=child), answer, position),
    )
    child_insights_refresh(child=child)


def child_insights_refresh(*, child: Child) -> None:
    """Recompute a child's derivedInsights (seed 000) after its subjects or age changed."""
    subjects = [{"name": s.name, "interestLevel": s.interest_level} for s in child.subjects.live()]
    child.learning_preferences = {
        **child.learning_preferences,
        "derivedInsights": derived_insights(
            # The age grows with the birth date; past the questionnaire's range, as its oldest.
            age=min(child.age, MAX_CHILD_AGE),
            subjects=subjects,
            activity_preferences=child.family.preferences.get("activityPreferences", {}),
        ),
    }
    child.save(update_fields=["learning_preferences", "updated_at"])


def _check_subject_plan(child: Child, answer: SubjectAnswer, exclude_id=None) -> None:
    hours = child.homeschool_hours
    errors = subject_fit_errors(answer, *hours) if hours else {}
    siblings = child.subjects.live().exclude(pk=exclude_id)
    if siblings.filter(name__iexact=answer["name"].strip()).exists():
        errors["name"] = ["This child already has a subject with this name."]
    if errors:
        raise Invalid(errors)


def _subject_view(subject: Subject) -> dict:
    return {k: v for k, v in subject_as_submitted(subject).items() if k != "id"}


def _subject_audit(
    subject: Subject, action: str, actor: User | None, changes: dict | None = None
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=subject,
        family_id=subject.child.family_id,
        changes=changes,
        context={"childName": subject.child.name},
    )


@transaction.atomic
def subject_plan_create(
    *, child: Child, answer: SubjectAnswer, actor: User | None = None
) -> Subject:
    """Add a subject plan to a child, checked against the child's hours."""
    _check_subject_plan(child, answer)
    subject = _subject_fill(Subject(child=child), answer, child.subjects.live().count())
    child_insights_refresh(child=child)
    _subject_audit(subject, "subject.added", actor, audit_diff({}, _subject_view(subject)))
    return subject


@transaction.atomic
def subject_plan_update(
    *, subject: Subject, answer: SubjectAnswer, actor: User | None = None
) -> Subject:
    """Replace a subject plan, checked against the child's hours."""
    _check_subject_plan(subject.child, answer, exclude_id=subject.pk)
    before = _subject_view(subject)
    subject = _subject_fill(subject, answer, subject.position)
    child_insights_refresh(child=subject.child)
    changes = audit_diff(before, _subject_view(subject))
    if changes:
        _subject_audit(subject, "subject.updated", actor, changes)
    return subject


@transaction.atomic
def subject_plan_delete(*, subject: Subject, actor: User | None = None) -> str:
    """Delete a subject plan, or archive it when weeks or logs refer to it."""
    _subject_audit(subject, "subject.removed", actor)  # while it still has its id
    outcome = archive_or_delete(subject)
    child_insights_refresh(child=subject.child)
    return outcome
