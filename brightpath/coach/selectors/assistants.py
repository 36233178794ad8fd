"""The assistants a teacher can use: the shared catalogue's active ones and their own."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet

from brightpath.coach.models import AssistantCapability, AssistantProfile, SubjectCategory
from brightpath.common.errors import NotFound


def assistants_for(*, user) -> QuerySet[AssistantProfile]:
    """Active catalogue assistants and the teacher's own, by name."""
    if user is None or not user.is_authenticated:
        return AssistantProfile.objects.none()
    return (
        AssistantProfile.objects.filter(Q(owner__isnull=True) | Q(owner=user), is_active=True)
        .prefetch_related("capabilities", "subjects")
        .order_by("name")
    )


def assistant_of(*, user, assistant_id) -> AssistantProfile:
    """One assistant the teacher can use, or NotFound (another teacher's looks missing)."""
    try:
        return assistants_for(user=user).get(id=assistant_id)
    except (AssistantProfile.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        # ValidationError/ValueError: a malformed id is "not found" too.
        raise NotFound() from exc


def assistants_listed(*, user, mine: bool | None = None) -> QuerySet[AssistantProfile]:
    """What the teacher sees: active catalogue assistants and all of their own (a switched-off
    one too, so they can switch it on again). `mine`: only their own (True) or only the
    catalogue's (False)."""
    if user is None or not user.is_authenticated:
        return AssistantProfile.objects.none()
    catalogue = Q(owner__isnull=True, is_active=True)
    own = Q(owner=user)
    scope = own if mine else catalogue if mine is False else catalogue | own
    return (
        AssistantProfile.objects.filter(scope)
        .prefetch_related(
            Prefetch(
                "capabilities", queryset=AssistantCapability.objects.order_by("priority", "name")
            ),
            "subjects",
        )
        .order_by("owner_id", "name")
    )


def assistant_listed(*, user, assistant_id) -> AssistantProfile:
    """One assistant the teacher sees, or NotFound."""
    try:
        return assistants_listed(user=user).get(id=assistant_id)
    except (AssistantProfile.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise NotFound() from exc


def own_assistant_of(*, user, assistant_id, for_update: bool = False) -> AssistantProfile:
    """One of the teacher's own configured assistants (active or not), or NotFound.
    A catalogue assistant is not theirs to change: also NotFound."""
    if user is None or not user.is_authenticated:
        raise NotFound()
    rows = AssistantProfile.objects.filter(owner=user)
    if for_update:
        rows = rows.select_for_update()
    try:
        return rows.get(id=assistant_id)
    except (AssistantProfile.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise NotFound() from exc


def capability_kinds() -> dict[str, AssistantCapability]:
    """The capabilities a teacher can give their own assistant: every capability of the
    active catalogue assistants, one per name (the row of the assistant first by name),
    in the order of their names."""
    kinds: dict[str, AssistantCapability] = {}
    rows = AssistantCapability.objects.filter(
        assistant_profile__owner__isnull=True, assistant_profile__is_active=True
    ).order_by("assistant_profile__name", "priority", "name")
    for row in rows:
        kinds.setdefault(row.name, row)
    return dict(sorted(kinds.items()))


def subject_categories() -> QuerySet[SubjectCategory]:
    return SubjectCategory.objects.order_by("path")
