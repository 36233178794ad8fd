"""Assessments on weighted rubrics, and the skill progress they move.

An assessment scores a student at an activity on a rubric (its own, its plan's
assessment criteria, or the default technique 0.4 / performance 0.6): each criterion
is scored on the rubric's scale (by sub-criterion when it has them), and the overall
score is 100 x the weighted sum of each criterion's share of the scale.

Completing an assessment (pending/in_progress -> completed) adds a point to the
student's progress series at that activity, in the same transaction; so does a
movement analysis (services.movement). The skill level follows the mean of the last
three points: below 40 beginner, below 65 intermediate, below 85 advanced, else
expert; each level first reached is a milestone.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.db import transaction

from brightpath.coach.pe import shapes
from brightpath.coach.pe.models import (
    Activity,
    ActivityPlan,
    SkillAssessment,
    SkillProgress,
    Student,
    StudentActivityPerformance,
)
from brightpath.coach.pe.selectors import teacher_today
from brightpath.common.errors import Conflict, Invalid

from .activities import require_usable
from .common import FieldErrors, json_shape, number, require_transition, text

LEVELS = ((85.0, "expert"), (65.0, "advanced"), (40.0, "intermediate"), (0.0, "beginner"))
LEVEL_RANK = {"beginner": 0, "intermediate": 1, "advanced": 2, "expert": 3}
WINDOW = 3  # points the level is judged on
MAX_POINTS = 500  # the series keeps the latest


def level_for(score: float) -> str:
    return next(level for floor, level in LEVELS if score >= floor)


# --- assessments ---------------------------------------------------------------------------


def _rubric_for(errors: FieldErrors, rubric: dict | None, plan: ActivityPlan | None) -> dict:
    if rubric is not None:
        return json_shape(errors, "rubric", shapes.RUBRIC, rubric)
    if plan is not None:
        return copy.deepcopy(plan.assessment_criteria)
    return copy.deepcopy(shapes.DEFAULT_RUBRIC)


def _score(errors: FieldErrors, assessment: SkillAssessment, scores: Any) -> None:
    results, overall, problems = shapes.score_rubric(assessment.rubric, scores)
    if problems:
        errors.merge(problems)
        return
    assessment.scores = scores
    assessment.results = results
    assessment.overall_score = overall


@transaction.atomic
def assessment_create(
    *,
    student: Student,
    activity: Activity,
    assessor,
    assessment_date: dt.date | None = None,
    rubric: dict | None = None,
    plan: ActivityPlan | None = None,
    scores: dict | None = None,
    notes: str = "",
    complete: bool = False,
) -> SkillAssessment:
    """An assessment, pending until scored; with `complete` its scores are final at
    once (they are then required) and the student's progress moves."""
    require_usable(activity)
    errors = FieldErrors()
    if plan is not None and plan.teacher_id != student.teacher_id:
        errors.add("planId", "No such plan.")
        plan = None
    today = teacher_today(student.teacher)
    day = assessment_date or today
    if day > today:
        errors.add("assessmentDate", "An assessment cannot be dated in the future.")
    assessment = SkillAssessment(
        student=student,
        activity=activity,
        plan=plan,
        assessor=assessor,
        assessment_date=day,
        rubric=_rubric_for(errors, rubric, plan),
        notes=text(errors, "notes", notes, max_length=5000, required=False),
    )
    if scores is None:
        if complete:
            errors.add("scores", "Scores are required to complete an assessment.")
    elif not errors:  # scores given: checked against a rubric that is itself valid
        _score(errors, assessment, scores)
        assessment.status = "in_progress"
    errors.raise_if_any()
    assessment.save()
    if complete:
        return assessment_transition(assessment=assessment, status="completed")
    return assessment


def _locked(assessment: SkillAssessment) -> SkillAssessment:
    return (
        SkillAssessment.objects.select_for_update()
        .select_related("student", "activity")
        .get(pk=assessment.pk)
    )


@transaction.atomic
def assessment_score(
    *, assessment: SkillAssessment, scores: dict, notes: str | None = None
) -> SkillAssessment:
    """Score (or re-score) an assessment not yet completed; a pending one goes in progress."""
    assessment = _locked(assessment)
    if assessment.status not in ("pending", "in_progress"):
        raise Conflict(
            f"This assessment is {assessment.status}: its scores are final.",
            code="assessment_closed",
        )
    errors = FieldErrors()
    _score(errors, assessment, scores)
    if notes is not None:
        assessment.notes = text(errors, "notes", notes, max_length=5000, required=False)
    errors.raise_if_any()
    if assessment.status == "pending":
        assessment.status = "in_progress"
    assessment.save()
    return assessment


@transaction.atomic
def assessment_transition(*, assessment: SkillAssessment, status: str) -> SkillAssessment:
    """pending -> in_progress / completed / archived; in_progress -> completed / archived;
    completed -> archived. Completing needs scores and moves the skill progress."""
    assessment = _locked(assessment)
    require_transition("assessment", assessment.status, status, what="assessment")
    if status == "completed":
        if assessment.overall_score is None:
            raise Invalid({"scores": ["Score the assessment before completing it."]})
        below = [name for name, result in assessment.results.items() if not result["meetsMinimum"]]
        progress_add_point(
            student=assessment.student,
            activity=assessment.activity,
            day=assessment.assessment_date,
            score=assessment.overall_score,
            source="assessment",
            source_id=assessment.pk,
            metrics={
                name: round(result["percent"] / 100, 4)
                for name, result in assessment.results.items()
            },
            areas_for_improvement=below,
        )
    assessment.status = status
    assessment.save(update_fields=["status", "updated_at"])
    return assessment


# --- progress --------------------------------------------------------------------------------


def progress_add_point(
    *,
    student: Student,
    activity: Activity,
    day: dt.date,
    score: float,
    source: str,
    source_id,
    metrics: dict[str, float] | None = None,
    areas_for_improvement: list[str] | None = None,
) -> SkillProgress:
    """Add a scored point (0-100) to the student's series at the activity and bring the
    level, milestones, metrics and areas for improvement up to date. Called inside the
    transaction that writes the assessment or analysis the point comes from."""
    progress, _ = SkillProgress.objects.select_for_update().get_or_create(
        student=student, activity=activity
    )
    data = dict(progress.progress_data or {})
    series = [p for p in data.get("series", []) if p.get("sourceId") != str(source_id)]
    series.append(
        {
            "date": day.isoformat(),
            "score": round(score, 2),
            "source": source,
            "sourceId": str(source_id),
        }
    )
    series.sort(key=lambda point: point["date"])
    series = series[-MAX_POINTS:]
    recent = [point["score"] for point in series[-WINDOW:]]
    level = level_for(sum(recent) / len(recent))
    milestones = list(data.get("milestonesAchieved", []))
    reached = {m["proficiencyLevel"] for m in milestones}
    if LEVEL_RANK[level] > 0 and level not in reached:
        milestones.append(
            {
                "milestone": f"reached_{level}",
                "achievedDate": day.isoformat(),
                "proficiencyLevel": level,
            }
        )
    data.update(series=series, milestonesAchieved=milestones)
    if metrics:
        data["metrics"] = {**data.get("metrics", {}), **metrics}
    if areas_for_improvement is not None:
        data["areasForImprovement"] = areas_for_improvement
    progress.progress_data = data
    progress.skill_level = level
    progress.latest_score = series[-1]["score"]
    progress.save()
    return progress


@transaction.atomic
def progress_goals_set(*, progress: SkillProgress, goals: dict) -> SkillProgress:
    errors = FieldErrors()
    progress.goals = json_shape(errors, "goals", shapes.GOALS, goals)
    errors.raise_if_any()
    progress.save(update_fields=["goals", "updated_at"])
    return progress


@transaction.atomic
def activity_performance_record(
    *,
    student: Student,
    activity: Activity,
    performance_date: dt.date,
    score: float,
    feedback: dict | None = None,
) -> StudentActivityPerformance:
    """A student's score (0-100) at an activity on a day; a second record for the same
    day corrects the first (the seed keeps one per student, activity and day)."""
    errors = FieldErrors()
    value = number(errors, "score", score, 0.0, 100.0)
    if isinstance(performance_date, dt.date) and performance_date > teacher_today(student.teacher):
        errors.add("performanceDate", "Cannot be in the future.")
    feedback = json_shape(errors, "feedback", shapes.FEEDBACK, feedback or {})
    errors.raise_if_any()
    performance, _ = StudentActivityPerformance.objects.update_or_create(
        student=student,
        activity=activity,
        performance_date=performance_date,
        defaults={"score": value, "feedback": feedback},
    )
    return performance


def progress_remove_point(*, student: Student, activity: Activity, source_id) -> None:
    """Take the point a deleted assessment or analysis made out of the series, and judge
    the level again on what remains (milestones reached stay: they happened)."""
    progress = (
        SkillProgress.objects.select_for_update().filter(student=student, activity=activity).first()
    )
    if progress is None:
        return
    data = dict(progress.progress_data or {})
    series = [p for p in data.get("series", []) if p.get("sourceId") != str(source_id)]
    data["series"] = series
    progress.progress_data = data
    if series:
        recent = [point["score"] for point in series[-WINDOW:]]
        progress.skill_level = level_for(sum(recent) / len(recent))
        progress.latest_score = series[-1]["score"]
    else:
        progress.skill_level, progress.latest_score = "beginner", None
    progress.save()
