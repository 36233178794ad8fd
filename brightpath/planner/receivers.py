"""When what a week was planned from changes (the family's settings, a child,
a subject plan, a commitment), the planner hears of it here: families and
curriculum sit below the planner and cannot call it, so they are listened to.

The change is logged with the family, and the children's cached views are
dropped. Whether a planned week still fits is checked on read, by
`selectors.checks.plan_checks` (GET /api/family/plan-checks/), against the rows
as they are then; the parent replans a week with POST /api/schedules/generate/,
which keeps what is done and pinned.
"""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save

from brightpath.curriculum.models import Subject
from brightpath.families.models import Child, ChildCommitment, Family, FamilyCommitment

from .caches import invalidate_children

logger = logging.getLogger(__name__)

PLAN_INPUTS = (Family, Child, FamilyCommitment, ChildCommitment, Subject)


def _family_of(row) -> Family | None:
    if isinstance(row, Family):
        return row
    if isinstance(row, Child | FamilyCommitment):
        return row.family
    child = row.child  # a child's commitment or subject plan
    return child.family if child is not None else None


def plan_input_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):  # loading fixtures: no family is living with a week yet
        return
    try:
        family = _family_of(instance)
    except (Child.DoesNotExist, Family.DoesNotExist):
        return  # deleted along with its family
    if family is None:
        return
    change = "deleted" if "created" not in kwargs else "created" if kwargs["created"] else "changed"
    logger.info(
        "plan input changed",
        extra={
            "family_id": str(family.pk),
            "what": sender.__name__,
            "id": str(instance.pk),
            "change": change,
        },
    )
    child_ids = (
        [instance.child_id]
        if isinstance(instance, ChildCommitment | Subject)
        else [instance.pk]
        if isinstance(instance, Child)
        else list(family.children.values_list("pk", flat=True))
    )
    invalidate_children(child_ids)


def connect() -> None:
    for model in PLAN_INPUTS:
        post_save.connect(plan_input_changed, sender=model, dispatch_uid=f"plan-{model.__name__}")
        post_delete.connect(
            plan_input_changed, sender=model, dispatch_uid=f"plan-del-{model.__name__}"
        )
