"""Reads that join a family's rows with its children's subject plans."""

from django.db.models import Prefetch, QuerySet

from brightpath.accounts.models import User
from brightpath.common.selectors import get_owned_or_404
from brightpath.curriculum.answers import subject_as_submitted
from brightpath.curriculum.models import Subject
from brightpath.families.models import Child, ChildCommitment
from brightpath.families.selectors import (
    children_for_user,
    commitment_as_submitted,
    family_for_user,
)


def _live_prefetches() -> list[Prefetch]:
    return [
        Prefetch("commitments", queryset=ChildCommitment.objects.live()),
        Prefetch("subjects", queryset=Subject.objects.live()),
    ]


def children_with_plans(*, user: User) -> QuerySet[Child]:
    return children_for_user(user=user).prefetch_related(*_live_prefetches())


def child_with_plans(*, user: User, child_id) -> Child:
    return get_owned_or_404(
        children_with_plans(user=user), user, owner_path="family__owner", pk=child_id
    )


def questionnaire_export(*, user: User) -> dict | None:
    """The family's current answers in the submission format, built from the rows
    (the source of truth), with ids so that a re-submit updates in place."""
    family = family_for_user(user=user)
    if family is None or not family.questionnaire_responses:
        return None
    children = family.children.live().prefetch_related(*_live_prefetches())
    preferences = family.preferences
    return {
        "section1": {"name": family.name, "timeZone": family.time_zone},
        "section3": {
            "commitments": [commitment_as_submitted(c) for c in family.commitments.live()]
        },
        "section5": {"flexibility": family.scheduling_flexibility},
        "section7": {
            "homeschoolingPhilosophy": preferences.get("homeschoolingPhilosophy", {}),
            "schedulingStyle": preferences.get("schedulingStyle", {}),
            "planningApproach": family.planning_approach,
            "activityPreferences": preferences.get("activityPreferences", {}),
        },
        "children": [
            {
                "id": str(child.pk),
                "section2": {"name": child.name, "birthDate": child.birth.text},
                "section3Child": {
                    "commitments": [commitment_as_submitted(c) for c in child.commitments.all()]
                },
                "section4": {"subjects": [subject_as_submitted(s) for s in child.subjects.all()]},
                "section6": {
                    "bestLearningTimes": child.learning_preferences.get("bestLearningTimes", []),
                    **child.learning_preferences.get("homeschoolingHours", {}),
                },
            }
            for child in children
        ],
    }
