"""The assistants a teacher can use: the shared catalogue's active ones and their own."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from brightpath.coach.models import AssistantProfile
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
