"""Preferences that adapt (issue 17): the family's activity log, read since the
last refresh, updates what was learned about when each child's subjects fit,
and the planner stores it for the next week it plans.

The learning itself is the pure package `insights/learning/`; this module
gathers its inputs from the database and hands its output to the planner's
service, the one writer of the planner's LearnedPreferences.
"""

from __future__ import annotations

import logging

from django.db import transaction

from brightpath.accounts.models import User
from brightpath.families.models import Family
from brightpath.families.selectors import family_get
from brightpath.planner.clock import family_today
from brightpath.planner.models import LearnedPreferences
from brightpath.planner.services.learned import (
    learned_preferences_forget,
    learned_preferences_save,
)
from brightpath.surveys.models import SessionStatus, SurveySession

from ..learning.preferences import (
    ChildSeed,
    FamilyPreferences,
    SubjectSeed,
    cold_start,
    update,
)
from ..learning.signals import extract
from ..selectors.signals import log_events

logger = logging.getLogger(__name__)


def _seeds(family: Family) -> list[ChildSeed]:
    """The cold start's view of the family: each child's questionnaire best
    times and live subjects."""
    return [
        ChildSeed(
            child_id=str(child.pk),
            name=child.name,
            best_times=tuple(child.learning_preferences.get("bestLearningTimes", [])),
            subjects=tuple(SubjectSeed(str(s.pk), s.name) for s in child.subjects.live()),
        )
        for child in family.children.live()
    ]


def _style_scores(family: Family) -> dict[str, float] | None:
    """The Likert survey's dimension scores of the family's latest completed sitting."""
    session = (
        SurveySession.objects.filter(user_id=family.owner_id, status=SessionStatus.COMPLETED)
        .order_by("-completed_at")
        .first()
    )
    return session.dimension_scores if session else None


def stored_form(prefs: FamilyPreferences) -> dict:
    """The learner's state with the engine's view of it, as the planner stores it
    (planner/learned.py): the planner reads only `engine`."""
    return {**prefs.to_json(), "engine": prefs.engine_json()}


@transaction.atomic
def preferences_refresh(*, family: Family) -> LearnedPreferences | None:
    """Learn from the family's logs written since the last refresh. Idempotent:
    a rerun with no new logs changes nothing. The first refresh starts cold
    from the questionnaire and the survey. Returns the stored row (None when
    nothing was ever learned and there is nothing to learn from)."""
    # Lock the family: two refreshes must not learn the same logs twice.
    family = Family.objects.select_for_update().get(pk=family.pk)
    row = LearnedPreferences.objects.filter(family=family).first()
    after = row.logs_through if row else None
    events, newest = log_events(family=family, after=after)
    if not events:
        return row
    if row is not None and row.data:
        prefs = FamilyPreferences.from_json(row.data)
    else:
        prefs = cold_start(_seeds(family), style_scores=_style_scores(family))
    prefs, changes = update(prefs, extract(events), today=family_today(family))
    row = learned_preferences_save(family=family, data=stored_form(prefs), logs_through=newest)
    logger.info(
        "preferences refreshed",
        extra={"family_id": str(family.pk), "events": len(events), "changes": len(changes)},
    )
    return row


def preferences_forget(*, user: User) -> None:
    """The parent asks BrightPath to forget what it learned about their family:
    the next week is planned from the questionnaire alone, and learning starts
    again from what happens after now."""
    learned_preferences_forget(family=family_get(user=user))
