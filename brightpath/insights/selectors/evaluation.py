"""A stored week as the reward model reads it, and its score.

A schedule is one child's week: its features come from that child's sessions
(the items as they stand, moves included) and the engine's input for that
week (hours, subjects, learned times) narrowed to the child, so a rated week
and a scored week are described the same way.
"""

from __future__ import annotations

import dataclasses

from brightpath.accounts.models import User
from brightpath.common.errors import Conflict
from brightpath.planner.engine.model import Session, WeekInput
from brightpath.planner.models import Schedule
from brightpath.planner.selectors import schedule_get, week_input
from brightpath.planner.selectors.checks import planned_session

from ..learning.reward import RewardModel, schedule_features
from ..models import REWARD_MODEL
from .registry import active_model

SUBJECT = "subject"


def schedule_week(schedule: Schedule) -> tuple[WeekInput, list[Session]]:
    """The engine's view of the schedule's child's week and the child's
    sessions on it (skipped ones too: they were planned)."""
    week, _ = week_input(family=schedule.family, week_start=schedule.week_start_date)
    child_id = str(schedule.child_id)
    week = dataclasses.replace(week, children=tuple(c for c in week.children if c.id == child_id))
    plans = {s.id: s for c in week.children for s in c.subjects}
    sessions = [
        planned_session(item, plans[str(item.subject_id)].involvement)
        for item in schedule.items.filter(item_type=SUBJECT).select_related("schedule")
        if str(item.subject_id) in plans  # a subject dropped since says nothing now
    ]
    return week, sessions


def schedule_feature_values(schedule: Schedule) -> dict[str, float]:
    week, sessions = schedule_week(schedule)
    return schedule_features(week, sessions)


def completion_rate(schedule: Schedule) -> float | None:
    """Of the week's subject sessions, the share done; None for an empty week."""
    items = schedule.items.filter(item_type=SUBJECT)
    total = items.count()
    return items.filter(completed=True).count() / total if total else None


def schedule_evaluate(*, user: User, schedule_id) -> dict:
    """The active reward model's prediction for one of the user's week versions
    (another family's is a 404); 409 while no model is active."""
    schedule = schedule_get(user=user, schedule_id=schedule_id)
    model_row = active_model(name=REWARD_MODEL)
    if model_row is None:
        raise Conflict(
            "No reward model is active yet: it is trained once enough weeks are rated.",
            code="no_active_model",
        )
    model = RewardModel.from_json(model_row.artifact)
    features = schedule_feature_values(schedule)
    satisfaction, completion = model.predict(features)
    return {
        "scheduleId": schedule.pk,
        "model": model_row.name,
        "modelVersion": model_row.version,
        "predictedSatisfaction": round(satisfaction, 3),
        "predictedCompletionRate": round(completion, 3),
        "features": features,
    }
