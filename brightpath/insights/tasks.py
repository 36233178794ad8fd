"""Celery tasks of the insights app (thin: the services do the work).

Beat runs `insights.train_reward_model` nightly and `insights.refresh_preferences`
weekly, an hour before next week's plans are made (config/settings.py); staff
start a training on demand (POST /api/ml/train/).
"""

from __future__ import annotations

import uuid

from celery import shared_task
from django.db import transaction

from brightpath.families.models import Family
from brightpath.planner.models import LearnedPreferences


@shared_task(name="insights.train_reward_model")
def train_reward_model(trigger: str = "nightly") -> dict:
    """Train a reward model version on the rated weeks; it becomes active only if
    it beats the active one on held-out weeks. Safe to retry: a rerun registers
    another candidate and judges it the same way."""
    from .services.training import reward_model_train

    run = reward_model_train(trigger=trigger)
    return {
        "runId": str(run.pk),
        "status": run.status,
        "version": run.candidate.version if run.candidate else None,
    }


@shared_task(name="insights.refresh_preferences")
def refresh_preferences() -> int:
    """Beat job: learn from every family's new logs (one task per family)."""
    from .selectors.signals import families_with_new_logs

    due = families_with_new_logs()
    for family_id in due:
        refresh_family_preferences.delay(family_id)
    return len(due)


@shared_task(name="insights.refresh_family_preferences")
def refresh_family_preferences(family_id: str) -> bool:
    """Learn from one family's logs since its last refresh. Idempotent: each log
    is learned from once. True when the family has learned preferences."""
    from .services.preferences import preferences_refresh

    family = Family.objects.filter(pk=family_id).first()
    if family is None:  # deleted since it was queued
        return False
    before = LearnedPreferences.objects.filter(family=family).values_list("data", flat=True).first()
    row = preferences_refresh(family=family)
    if row is not None and row.data != before:
        replan_weeks_ahead(family)
    return row is not None


def replan_weeks_ahead(family: Family) -> int:
    """Weeks are planned on first look, up to two months ahead, so most of the weeks
    a refresh is for were planned before it: replan each one not yet begun. What the
    parent did in them (done, moved, pinned) is kept by the planner; the rest moves
    to what was learned. The number of weeks queued."""
    from brightpath.planner.clock import family_today
    from brightpath.planner.selectors import weeks_planned_after
    from brightpath.planner.tasks import schedule_generate

    mondays = weeks_planned_after(family=family, day=family_today(family))
    for monday in mondays:
        schedule_generate.delay(str(family.pk), monday.isoformat())
    return len(mondays)


def enqueue_reward_model_training() -> str:
    """Queue an on-demand training after the surrounding transaction commits;
    the task's id, for the caller to report."""
    task_id = str(uuid.uuid4())
    transaction.on_commit(
        lambda: train_reward_model.apply_async(kwargs={"trigger": "on_demand"}, task_id=task_id)
    )
    return task_id
