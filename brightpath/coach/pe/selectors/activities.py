"""Activities, categories, exercises and progressions a teacher can see, and their
students' adaptations."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet

from brightpath.coach.pe.models import (
    Activity,
    ActivityAdaptation,
    ActivityCategory,
    ActivityCategoryAssociation,
    ActivityProgression,
    Exercise,
    MovementPattern,
)
from brightpath.common.errors import NotFound
from brightpath.common.selectors import get_owned_or_404, owned_by


def _visible(queryset: QuerySet, user) -> QuerySet:
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(Q(owner__isnull=True) | Q(owner=user))


def activities_visible(
    *,
    user,
    activity_type: str | None = None,
    difficulty: str | None = None,
    category_id=None,
    search: str = "",
    age: int | None = None,
    mine: bool = False,
    include_archived: bool = False,
) -> QuerySet[Activity]:
    """The catalogue's activities and the teacher's own, filtered, by name."""
    activities = _visible(Activity.objects.all(), user)
    if mine:
        activities = activities.filter(owner=user)
    if not include_archived:
        activities = activities.filter(is_archived=False)
    if activity_type:
        activities = activities.filter(activity_type=activity_type)
    if difficulty:
        activities = activities.filter(difficulty=difficulty)
    if category_id is not None:
        tree = _category_tree_ids(category_id)
        activities = activities.filter(category_links__category_id__in=tree).distinct()
    if search:
        for word in search.split()[:5]:
            activities = activities.filter(Q(name__icontains=word) | Q(description__icontains=word))
    if age is not None:
        activities = activities.filter(min_age__lte=age, max_age__gte=age)
    links = ActivityCategoryAssociation.objects.select_related("category").order_by(
        "-primary_category", "category__name"
    )
    return activities.prefetch_related(Prefetch("category_links", queryset=links)).order_by(
        "name", "id"
    )


def _category_tree_ids(category_id) -> list:
    """The category and every category under it."""
    try:
        ids = [ActivityCategory.objects.values_list("id", flat=True).get(id=category_id)]
    except (ActivityCategory.DoesNotExist, ValidationError, ValueError):
        return []
    frontier = list(ids)
    while frontier:
        frontier = list(
            ActivityCategory.objects.filter(parent_id__in=frontier).values_list("id", flat=True)
        )
        ids.extend(frontier)
    return ids


def activity_visible(*, user, activity_id) -> Activity:
    """An activity of the catalogue or the teacher's own, or NotFound."""
    links = ActivityCategoryAssociation.objects.select_related("category")
    try:
        return (
            _visible(Activity.objects.all(), user)
            .prefetch_related(Prefetch("category_links", queryset=links), "exercises")
            .get(id=activity_id)
        )
    except (Activity.DoesNotExist, ValidationError, ValueError) as exc:
        raise NotFound() from exc


def activity_of(*, user, activity_id) -> Activity:
    """One of the teacher's own activities (to change), or NotFound."""
    return get_owned_or_404(Activity.objects.all(), user, owner_path="owner", id=activity_id)


def categories() -> QuerySet[ActivityCategory]:
    """Every category, by name (the tree is in `parent`)."""
    return ActivityCategory.objects.order_by("name")


def exercises_visible(*, user, activity_id=None) -> QuerySet[Exercise]:
    exercises = _visible(Exercise.objects.all(), user).select_related("activity")
    if activity_id is not None:
        exercises = exercises.filter(activity_id=activity_id)
    return exercises.prefetch_related(
        Prefetch("reference_patterns", queryset=MovementPattern.objects.all())
    ).order_by("name", "id")


def exercise_visible(*, user, exercise_id) -> Exercise:
    """An exercise of the catalogue or the teacher's own, or NotFound."""
    try:
        return exercises_visible(user=user).get(id=exercise_id)
    except (Exercise.DoesNotExist, ValidationError, ValueError) as exc:
        raise NotFound() from exc


def progressions_from(*, user, activity: Activity) -> QuerySet[ActivityProgression]:
    """The next steps from an activity: the catalogue's and the teacher's own."""
    return (
        _visible(ActivityProgression.objects.filter(from_activity=activity), user)
        .filter(to_activity__is_archived=False)
        .select_related("to_activity")
        .order_by("difficulty_increase", "to_activity__name")
    )


def adaptations_of(*, user, student_id=None, active: bool | None = None):
    adaptations = owned_by(
        ActivityAdaptation.objects.select_related("activity", "student"),
        user,
        owner_path="student__teacher",
    )
    if student_id is not None:
        adaptations = adaptations.filter(student_id=student_id)
    if active is not None:
        adaptations = adaptations.filter(is_active=active)
    return adaptations.prefetch_related("history").order_by("-created_at", "id")


def adaptation_of(*, user, adaptation_id) -> ActivityAdaptation:
    """One adaptation for one of the teacher's students, or NotFound."""
    return get_owned_or_404(
        ActivityAdaptation.objects.select_related("activity", "student").prefetch_related(
            "history"
        ),
        user,
        owner_path="student__teacher",
        id=adaptation_id,
    )


def adaptation_suggestions(*, student, activity: Activity) -> list[dict]:
    """The activity's adaptation templates that answer one of the student's recorded
    needs (a word of the need in an accommodation or the medical notes), best first.

    [{"need", "adaptationType", "description", "difficultyAdjustment", "matchedOn"}]
    """
    needs_text = " ".join([*student.accommodations, student.medical_notes]).lower()
    suggestions = []
    for template in (activity.activity_metadata or {}).get("adaptations", []):
        words = [w for w in template["need"].lower().replace("-", " ").split() if len(w) > 3]
        matched = [w for w in words if w in needs_text]
        if matched:
            suggestions.append({**template, "matchedOn": matched})
    return sorted(suggestions, key=lambda s: -len(s["matchedOn"]))
