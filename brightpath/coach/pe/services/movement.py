"""Movement analysis: a landmark recording of a student doing an exercise, analysed by
the movement engine (`pe/movement`) against the exercise's reference pattern, stored,
and fed into the student's skill progress at the exercise's activity.

The recording is the 33-point BlazePose layout MediaPipe produces, as JSON or CSV
frames with timestamps, optionally gzip-compressed (movement/parsing.py describes both
formats). A recording the engine cannot analyse (missing landmarks for too long, NaNs
where numbers belong, the wrong number of joints, times out of order, too short, too
long) is a 400 naming the frame and field; nothing is saved. The engine runs before
the transaction opens, so a slow analysis holds no lock.

`movement_analysis.analysis_data` is the engine's result
(movement.analysis.MovementAnalysis.as_dict):
{"exercise", "primaryJoint", "restAngle", "sides", "dims",
 "recording": {"frames", "framesIn", "fps", "durationSeconds", "trimmedSeconds",
               "filledValues", "spikes", "resampled", "coordinates"},
 "repetitions": {"count", "partial", "reps": [{"index", "startSeconds", "durationSeconds",
                 "eccentricSeconds", "concentricSeconds", "romDegrees", "sparc", ...}]},
 "rangeOfMotion": {joint: {"romDegrees", "left": {...}, "right": {...}}},
 "tempo", "symmetry", "smoothness",
 "comparison": {"similarity" 0-100, "shapeCorrelation", "expectedRom", "romDegrees", ...}
               (null without a reference pattern),
 "metrics": {"smoothness", "consistency", "speed", "rangeOfMotion"} (0-1 each),
 "qualityScore" (0-1), "issuesDetected": [{"type", "severity", "message",
 "recommendation", "joint"}], "recommendations": [str],
 "series": {"t": [...], "angle": [...]} (the primary joint's angle, for a chart),
 "warnings": [str]}
plus "source": {"format": "json"|"csv", "bytes": int}. The raw landmarks are not kept:
the analysis and its angle series are what the teacher reads and charts.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from brightpath.coach.pe.models import Exercise, MovementAnalysis, MovementPattern, Student
from brightpath.coach.pe.movement import (
    MovementInputError,
    ReferencePattern,
    analyse,
    parse_recording,
    pattern_from_metrics,
)
from brightpath.coach.pe.movement.landmarks import BODY_LANDMARKS
from brightpath.coach.pe.selectors import teacher_timezone
from brightpath.common.errors import Conflict, Invalid

from .activities import require_usable
from .progress import progress_add_point, progress_remove_point

FORMATS = ("json", "csv")
# When an exercise has no reference pattern, the kind of movement follows the joint
# the engine found moving most.
PATTERN_FOR_JOINT = {
    "knee": "squat",
    "hip": "hinge",
    "elbow": "push",
    "shoulder": "reaching",
    "ankle": "jumping",
}


def reference_of(exercise: Exercise) -> tuple[MovementPattern | None, ReferencePattern | None]:
    """The exercise's reference pattern row and the engine's reading of it."""
    row = exercise.reference_patterns.first()
    if row is None:
        return None, None
    try:
        return row, pattern_from_metrics(row.metrics, exercise=exercise.key or exercise.name)
    except MovementInputError as error:
        raise Conflict(
            f"The exercise's reference pattern cannot be used ({error}).",
            code="reference_pattern_invalid",
        ) from error


def _confidence(result) -> float:
    """How much of the recording the numbers rest on: the share of frames kept after
    trimming, times the share of body landmark values not filled in."""
    recording = result.recording
    frames, frames_in = recording["frames"], max(1, recording["framesIn"])
    body_values = max(1, frames * len(BODY_LANDMARKS))
    kept = min(1.0, frames / frames_in)
    measured = max(0.0, 1.0 - recording["filledValues"] / body_values)
    return round(kept * measured, 3)


def movement_analyse(
    *,
    student: Student,
    exercise: Exercise,
    data: bytes | str,
    by,
    format: str | None = None,
    recorded_at: dt.datetime | None = None,
) -> MovementAnalysis:
    """Analyse a recording and store the result (with the observed pattern), adding a
    point (the quality score x 100) to the student's progress at the exercise's activity."""
    require_usable(exercise.activity, "exercise")
    if format is not None and format not in FORMATS:
        raise Invalid({"format": [f"Choose one of: {', '.join(FORMATS)}."]})
    if recorded_at is not None and (
        timezone.is_naive(recorded_at) or recorded_at > timezone.now() + dt.timedelta(minutes=5)
    ):
        raise Invalid({"recordedAt": ["A past date and time with its time zone."]})
    reference_row, pattern = reference_of(exercise)
    try:
        raw = parse_recording(data, format=format)
        result = analyse(raw, pattern)
    except MovementInputError as error:
        raise Invalid({error.field or "recording": [error.message]}) from error
    analysis_data = result.as_dict()
    analysis_data["source"] = {
        "format": raw.source,
        "bytes": len(data.encode() if isinstance(data, str) else data),
    }
    return _store(
        student=student,
        exercise=exercise,
        by=by,
        result=result,
        analysis_data=analysis_data,
        reference_row=reference_row,
        source_format=raw.source if raw.source in FORMATS else "json",
        recorded_at=recorded_at or timezone.now(),
    )


@transaction.atomic
def _store(
    *, student, exercise, by, result, analysis_data, reference_row, source_format, recorded_at
) -> MovementAnalysis:
    comparison = analysis_data.get("comparison") or {}
    similarity = comparison.get("similarity")
    quality = analysis_data.get("qualityScore")
    movement_type = (
        reference_row.pattern_type
        if reference_row is not None
        else PATTERN_FOR_JOINT.get(result.primary_joint, "squat")
    )
    confidence = _confidence(result)
    analysis = MovementAnalysis.objects.create(
        student=student,
        activity=exercise.activity,
        exercise=exercise,
        analysed_by=by,
        recorded_at=recorded_at,
        source_format=source_format,
        frame_count=result.frames,
        fps=result.fps,
        duration_seconds=result.duration_seconds,
        repetitions=result.count,
        quality_score=min(1.0, max(0.0, quality if quality is not None else 0.0)),
        confidence=confidence,
        similarity=None if similarity is None else round(similarity / 100.0, 4),
        movement_type=movement_type,
        analysis_data=analysis_data,
        recommendations=analysis_data.get("recommendations", []),
    )
    MovementPattern.objects.create(
        analysis=analysis,
        pattern_type=movement_type,
        description=f"As {student.first_name} did it: {result.count} repetitions.",
        confidence=confidence,
        metrics={
            "observed": {
                "primaryJoint": result.primary_joint,
                "restAngle": result.rest_angle,
                "repetitions": result.count,
                "romDegrees": {
                    joint: values.get("romDegrees")
                    for joint, values in analysis_data.get("rangeOfMotion", {}).items()
                },
                "tempo": analysis_data.get("tempo"),
                "similarity": similarity,
            }
        },
    )
    if quality is not None:
        progress_add_point(
            student=student,
            activity=exercise.activity,
            day=recorded_at.astimezone(teacher_timezone(student.teacher)).date(),
            score=100.0 * analysis.quality_score,
            source="movement",
            source_id=analysis.pk,
            metrics={
                f"movement_{name}": value
                for name, value in (analysis_data.get("metrics") or {}).items()
                if isinstance(value, int | float)
            },
        )
    return analysis


@transaction.atomic
def movement_analysis_delete(*, analysis: MovementAnalysis) -> None:
    """Delete an analysis (a wrong recording, say) and its point in the student's progress."""
    progress_remove_point(
        student=analysis.student, activity=analysis.activity, source_id=analysis.pk
    )
    analysis.delete()
