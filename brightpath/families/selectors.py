"""Reads of families, scoped to the requesting user."""

from django.db import connection
from django.db.models import Q, QuerySet

from brightpath.accounts.models import User
from brightpath.common.errors import NotFound
from brightpath.common.selectors import get_owned_or_404, owned_by

from .drafts import cached_session_data, empty_session_data, questionnaire_cache_refill
from .models import Child, ChildCommitment, Family, FamilyCommitment, QuestionnaireSession


def family_for_user(*, user: User) -> Family | None:
    return owned_by(Family.objects.all(), user, owner_path="owner").first()


def family_get(*, user: User) -> Family:
    """The user's family, or 404 before the questionnaire made one."""
    family = family_for_user(user=user)
    if family is None:
        raise NotFound("No family yet: answer the questionnaire first.")
    return family


def children_for_user(*, user: User) -> QuerySet[Child]:
    # With the family: a child's age is its age today where the family lives.
    return owned_by(Child.objects.live().select_related("family"), user, owner_path="family__owner")


def child_get(*, user: User, child_id) -> Child:
    return get_owned_or_404(Child.objects.live(), user, owner_path="family__owner", pk=child_id)


def questionnaire_state(*, user: User) -> dict:
    """The parent's questionnaire progress and drafts: cache first, then the database."""
    family = family_for_user(user=user)
    version = questionnaire_version(user=user)
    if family is not None and (cached := cached_session_data(family.pk, version)) is not None:
        return cached
    session = QuestionnaireSession.objects.filter(user=user).first()
    if session is None:
        return empty_session_data()
    if family is not None:
        questionnaire_cache_refill(
            family=family, data=session.session_data, version=session.version
        )
    return session.session_data


def questionnaire_version(*, user: User) -> int:
    return (
        QuestionnaireSession.objects.filter(user=user).values_list("version", flat=True).first()
        or 0
    )


def commitment_as_submitted(row: FamilyCommitment | ChildCommitment) -> dict:
    """A stored commitment in the questionnaire's format."""
    out = {
        "id": str(row.pk),
        "name": row.name,
        "frequency": row.frequency,
        "daysOfWeek": row.days_of_week,
        "startTime": row.start_time.strftime("%H:%M"),
        "endTime": row.end_time.strftime("%H:%M"),
    }
    optional = {"dayOfMonth": row.day_of_month, "weekOfMonth": row.week_of_month}
    optional["date"] = row.date.isoformat() if row.date else None
    out.update({k: val for k, val in optional.items() if val is not None})
    return out


# --- Seed 000's JSONB queries (operator-wide, for the admin and insights) ---------


def families_rating_philosophy(*, philosophy: str, at_least: int) -> QuerySet[Family]:
    """Families rating a homeschooling philosophy at least `at_least` (1-5).

    On PostgreSQL this is a containment test over the exact ratings, which the
    GIN index on `preferences` serves (`preferences @> '{"homeschoolingPhilosophy": {...}}'`).
    """
    if not 1 <= at_least <= 5:
        return Family.objects.none()
    if connection.vendor == "postgresql":
        matches = Q()
        for rating in range(at_least, 6):
            matches |= Q(preferences__contains={"homeschoolingPhilosophy": {philosophy: rating}})
        return Family.objects.filter(matches)
    return Family.objects.filter(
        **{f"preferences__homeschoolingPhilosophy__{philosophy}__gte": at_least}
    )


def children_learning_best_at(*, times: list[str]) -> QuerySet[Child]:
    """Live children whose best learning times include any of `times`.

    On PostgreSQL: `learning_preferences -> 'bestLearningTimes' @> '[time]'`,
    served by the expression GIN index; SQLite has no JSON containment, so it matches
    the stored array's text instead.
    """
    if not times:
        return Child.objects.none()
    matches = Q()
    for time in times:
        if connection.vendor == "postgresql":
            # Path containment, served by the GIN index on that path.
            matches |= Q(learning_preferences__bestLearningTimes__contains=[time])
        else:
            matches |= Q(learning_preferences__bestLearningTimes__icontains=f'"{time}"')
    return Child.objects.live().filter(matches)


def family_commitments(*, user: User) -> QuerySet[FamilyCommitment]:
    return owned_by(FamilyCommitment.objects.live(), user, owner_path="family__owner")


def child_commitments(*, user: User, child_id) -> QuerySet[ChildCommitment]:
    child = child_get(user=user, child_id=child_id)
    return ChildCommitment.objects.live().filter(child=child)
