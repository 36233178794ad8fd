"""Safety records: environmental, equipment and general checks, risk assessments, and
incidents with their follow-up.

An environmental check's verdict (passed, issues) is decided by safety_rules when it
is recorded. A failed check is fixed by recording a new one that passes (the latest
counts), or, for a general safety check, by resolving it with what was done.
Incidents go reported -> investigating -> resolved -> closed (resolved may reopen to
investigating); every change and follow-up note is kept in the incident's metadata.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from brightpath.coach.pe import safety_rules as rules
from brightpath.coach.pe import shapes
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.models import (
    Activity,
    EnvironmentalCheck,
    EquipmentCheck,
    PEClass,
    RiskAssessment,
    Routine,
    SafetyCheck,
    SafetyIncident,
    Student,
)
from brightpath.coach.pe.selectors import teacher_today
from brightpath.common.errors import Conflict

from .activities import require_usable
from .common import (
    FieldErrors,
    choice,
    dates_in_order,
    json_shape,
    number,
    require_transition,
    text,
)

CLOCK_SKEW = dt.timedelta(minutes=5)  # a device's clock a little ahead is not "the future"
DEFAULT_REVIEW = dt.timedelta(days=90)
MAX_FOLLOW_UPS = 100


def _moment(errors: FieldErrors, path: str, value: Any) -> dt.datetime:
    """A past (or present) aware datetime; now when none is given."""
    now = timezone.now()
    if value is None:
        return now
    if not isinstance(value, dt.datetime) or timezone.is_naive(value):
        errors.add(path, "A date and time with its time zone.")
        return now
    if value > now + CLOCK_SKEW:
        errors.add(path, "Cannot be in the future.")
    return value


def _date(errors: FieldErrors, path: str, value: Any) -> dt.date | None:
    if value is not None and not isinstance(value, dt.date):
        errors.add(path, "A date.")
        return None
    return value


# --- environmental checks ------------------------------------------------------------------


@transaction.atomic
def environmental_check_record(
    *,
    pe_class: PEClass,
    inspector,
    temperature: float,
    humidity: float,
    air_quality: float,
    lighting: float,
    surface_conditions: dict,
    equipment_condition: dict | None = None,
    environmental_metadata: dict | None = None,
    check_date: dt.datetime | None = None,
) -> EnvironmentalCheck:
    errors = FieldErrors()
    check = EnvironmentalCheck(
        pe_class=pe_class,
        inspector=inspector,
        check_date=_moment(errors, "checkDate", check_date),
        temperature=number(errors, "temperature", temperature, -40.0, 60.0),
        humidity=number(errors, "humidity", humidity, 0.0, 100.0),
        air_quality=number(errors, "airQuality", air_quality, 0.0, 500.0),
        lighting=number(errors, "lighting", lighting, 0.0, 200000.0),
        surface_conditions=json_shape(
            errors, "surfaceConditions", shapes.SURFACE, surface_conditions
        ),
        equipment_condition=json_shape(
            errors, "equipmentCondition", shapes.EQUIPMENT_CONDITION, equipment_condition or {}
        ),
        environmental_metadata=json_shape(
            errors,
            "environmentalMetadata",
            shapes.ENVIRONMENT_METADATA,
            environmental_metadata or {},
        ),
    )
    errors.raise_if_any()
    issues = rules.environment_issues(
        temperature=check.temperature,
        humidity=check.humidity,
        air_quality=check.air_quality,
        lighting=check.lighting,
        surface=check.surface_conditions,
        equipment_condition=check.equipment_condition,
    )
    check.passed = not issues
    check.issues = [issue.as_json() for issue in issues]
    check.save()
    return check


# --- equipment checks ------------------------------------------------------------------------


@transaction.atomic
def equipment_check_record(
    *,
    inspector,
    equipment_type: str,
    condition: str,
    safety_rating: float,
    checked_at: dt.datetime | None = None,
    quantity: int | None = None,
    location: str = "",
    last_maintenance: dt.date | None = None,
    next_maintenance: dt.date | None = None,
    replacement_date: dt.date | None = None,
    maintenance_history: list | None = None,
    notes: str = "",
    pe_class: PEClass | None = None,
) -> EquipmentCheck:
    errors = FieldErrors()
    if quantity is not None and (
        isinstance(quantity, bool) or not isinstance(quantity, int) or not 0 <= quantity <= 10000
    ):
        errors.add("quantity", "A whole number from 0 to 10000.")
    check = EquipmentCheck(
        inspector=inspector,
        pe_class=pe_class,
        equipment_type=text(
            errors, "equipmentType", equipment_type, max_length=60, required=True
        ).lower(),
        condition=choice(errors, "condition", condition, v.EQUIPMENT_CONDITIONS),
        safety_rating=number(errors, "safetyRating", safety_rating, 0.0, 1.0),
        checked_at=_moment(errors, "checkedAt", checked_at),
        quantity=quantity,
        location=text(errors, "location", location, max_length=100, required=False),
        last_maintenance=_date(errors, "lastMaintenance", last_maintenance),
        next_maintenance=_date(errors, "nextMaintenance", next_maintenance),
        replacement_date=_date(errors, "replacementDate", replacement_date),
        maintenance_history=json_shape(
            errors, "maintenanceHistory", shapes.MAINTENANCE_HISTORY, maintenance_history or []
        ),
        notes=text(errors, "notes", notes, max_length=2000, required=False),
    )
    dates_in_order(errors, check.last_maintenance, check.next_maintenance, path="nextMaintenance")
    errors.raise_if_any()
    check.save()
    return check


# --- risk assessments ----------------------------------------------------------------------


@transaction.atomic
def risk_assessment_record(
    *,
    assessor,
    activity: Activity,
    probability: float,
    impact: float,
    risk_level: str | None = None,
    mitigation_measures: list | None = None,
    risk_factors: list | None = None,
    assessment_date: dt.date | None = None,
    review_date: dt.date | None = None,
    pe_class: PEClass | None = None,
) -> RiskAssessment:
    """A risk assessment of an activity; without a level, probability x impact decides
    it (safety_rules.risk_level_for). It holds until its review date (90 days by default)."""
    require_usable(activity)
    errors = FieldErrors()
    today = teacher_today(assessor)
    day = _date(errors, "assessmentDate", assessment_date) or today
    if day > today:
        errors.add("assessmentDate", "Cannot be in the future.")
    p = number(errors, "probability", probability, 0.0, 1.0)
    i = number(errors, "impact", impact, 0.0, 1.0)
    if risk_level is not None:
        level = choice(errors, "riskLevel", risk_level, v.RISK_LEVELS)
    else:
        level = rules.risk_level_for(p, i) if p is not None and i is not None else ""
    risk = RiskAssessment(
        assessor=assessor,
        activity=activity,
        pe_class=pe_class,
        risk_level=level,
        probability=p,
        impact=i,
        mitigation_measures=json_shape(
            errors, "mitigationMeasures", shapes.MITIGATION_MEASURES, mitigation_measures or []
        ),
        risk_factors=json_shape(errors, "riskFactors", shapes.RISK_FACTORS, risk_factors or []),
        assessment_date=day,
        review_date=_date(errors, "reviewDate", review_date) or day + DEFAULT_REVIEW,
    )
    dates_in_order(errors, risk.assessment_date, risk.review_date, path="reviewDate")
    errors.raise_if_any()
    risk.save()
    return risk


# --- general safety checks -------------------------------------------------------------------


@transaction.atomic
def safety_check_create(
    *,
    inspector,
    check_type: str,
    status: str = "pending",
    pe_class: PEClass | None = None,
    notes: str = "",
    location: str = "",
    severity_level: str = "low",
    action_required: bool = False,
    follow_up_date: dt.date | None = None,
) -> SafetyCheck:
    """A general check: started (pending) or recorded at once as passed or failed. A
    failed check needs notes saying what is wrong; it blocks the class's activities
    (or all the teacher's, without a class) until resolved."""
    errors = FieldErrors()
    check = SafetyCheck(
        inspector=inspector,
        pe_class=pe_class,
        check_type=choice(errors, "checkType", check_type, v.SAFETY_CHECK_TYPES),
        status=choice(errors, "status", status, ("pending", "passed", "failed")),
        notes=text(errors, "notes", notes, max_length=2000, required=status == "failed"),
        location=text(errors, "location", location, max_length=100, required=False),
        severity_level=choice(errors, "severityLevel", severity_level, v.SEVERITY_LEVELS),
        action_required=bool(action_required) or status == "failed",
        follow_up_date=_date(errors, "followUpDate", follow_up_date),
    )
    if check.status != "pending":
        check.completed_at = timezone.now()
    errors.raise_if_any()
    check.save()
    return check


@transaction.atomic
def safety_check_transition(
    *, check: SafetyCheck, status: str, notes: str = "", resolution: str = ""
) -> SafetyCheck:
    """pending -> passed / failed (failing needs notes); failed -> resolved (needs what
    was done, in `resolution`)."""
    check = SafetyCheck.objects.select_for_update().get(pk=check.pk)
    require_transition("safety_check", check.status, status, what="safety check")
    errors = FieldErrors()
    notes = text(errors, "notes", notes, max_length=2000, required=status == "failed")
    resolution = text(
        errors, "resolution", resolution, max_length=2000, required=status == "resolved"
    )
    errors.raise_if_any()
    if notes:
        check.notes = notes
    if status == "resolved":
        check.resolution = resolution
        check.action_required = False
    if status == "failed":
        check.action_required = True
    check.status = status
    check.completed_at = check.completed_at or timezone.now()
    check.save()
    return check


# --- incidents ------------------------------------------------------------------------------


@transaction.atomic
def incident_report(
    *,
    reporter,
    student: Student,
    activity: Activity,
    date: dt.datetime,
    incident_type: str,
    severity: str,
    description: str,
    action_taken: str,
    follow_up_date: dt.date | None = None,
    incident_metadata: dict | None = None,
    pe_class: PEClass | None = None,
    routine: Routine | None = None,
) -> SafetyIncident:
    """Report an incident (every field but the metadata is required; a serious or
    critical one needs a follow-up date)."""
    errors = FieldErrors()
    if date is None:
        errors.add("date", "This field is required.")
    if pe_class is not None and pe_class.teacher_id != student.teacher_id:
        errors.add("classId", "No such class.")
    if routine is not None and routine.pe_class.teacher_id != student.teacher_id:
        errors.add("routineId", "No such routine.")
    incident = SafetyIncident(
        reported_by=reporter,
        student=student,
        activity=activity,
        pe_class=pe_class or (routine.pe_class if routine is not None else None),
        routine=routine,
        date=_moment(errors, "date", date),
        incident_type=choice(errors, "incidentType", incident_type, v.INCIDENT_TYPES),
        severity=choice(errors, "severity", severity, v.INCIDENT_SEVERITIES),
        description=text(errors, "description", description, max_length=5000, required=True),
        action_taken=text(errors, "actionTaken", action_taken, max_length=5000, required=True),
        follow_up_date=_date(errors, "followUpDate", follow_up_date),
        incident_metadata=json_shape(
            errors, "incidentMetadata", shapes.INCIDENT_METADATA, incident_metadata or {}
        ),
    )
    if incident.severity in ("serious", "critical") and incident.follow_up_date is None:
        errors.add("followUpDate", "A serious or critical incident needs a follow-up date.")
    errors.raise_if_any()
    incident.save()
    return incident


def _append_follow_up(incident: SafetyIncident, note: str, status: str) -> None:
    metadata = dict(incident.incident_metadata or {})
    follow_ups = list(metadata.get("followUps", []))
    if len(follow_ups) >= MAX_FOLLOW_UPS:
        raise Conflict("This incident has too many follow-ups.", code="too_many_follow_ups")
    follow_ups.append({"at": timezone.now().isoformat(), "note": note, "status": status})
    metadata["followUps"] = follow_ups
    incident.incident_metadata = metadata


@transaction.atomic
def incident_follow_up(
    *,
    incident: SafetyIncident,
    note: str,
    status: str | None = None,
    follow_up_date: dt.date | None = None,
) -> SafetyIncident:
    """Add a follow-up note, optionally moving the incident on (reported ->
    investigating / resolved, investigating -> resolved, resolved -> closed or back to
    investigating) and setting the next follow-up date."""
    incident = SafetyIncident.objects.select_for_update().get(pk=incident.pk)
    if status is not None:
        require_transition("incident", incident.status, status, what="incident")
    elif incident.status == "closed":
        raise Conflict("This incident is closed.", code="invalid_transition")
    errors = FieldErrors()
    note = text(errors, "note", note, max_length=2000, required=True)
    follow_up_date = _date(errors, "followUpDate", follow_up_date)
    errors.raise_if_any()
    if status is not None:
        incident.status = status
    if follow_up_date is not None:
        incident.follow_up_date = follow_up_date
    _append_follow_up(incident, note, incident.status)
    incident.save()
    return incident
