"""A teacher's safety records, incidents, and the safety report that gates an activity.

The report for starting activities with a class on a day lists one item per thing
that must be safe, each "passed", "failed", "missing" or "pending":

- the environment: the class's latest environmental check made that day;
- each piece of equipment the activities need (activity_metadata.equipmentDetails):
  the teacher's latest check of it within the last EQUIPMENT_CHECK_VALID_DAYS days;
- each activity's risk: the teacher's latest risk assessment of it still under
  review (review_date not passed);
- general safety checks of the class (or of all the teacher's classes) that failed
  and are not resolved, or were started and not finished.

`ready` is true only when every item passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from brightpath.coach.pe import safety_rules as rules
from brightpath.coach.pe.models import (
    Activity,
    EnvironmentalCheck,
    EquipmentCheck,
    PEClass,
    RiskAssessment,
    SafetyCheck,
    SafetyIncident,
)
from brightpath.common.selectors import get_owned_or_404, owned_by

from .common import teacher_timezone, teacher_today


def safety_checks_of(*, user, class_id=None, status: str | None = None) -> QuerySet[SafetyCheck]:
    checks = owned_by(SafetyCheck.objects.select_related("pe_class"), user, owner_path="inspector")
    if class_id is not None:
        checks = checks.filter(pe_class_id=class_id)
    if status:
        checks = checks.filter(status=status)
    return checks.order_by("-created_at", "id")


def safety_check_of(*, user, check_id) -> SafetyCheck:
    return get_owned_or_404(SafetyCheck.objects.all(), user, owner_path="inspector", id=check_id)


def equipment_checks_of(*, user, equipment_type: str = "") -> QuerySet[EquipmentCheck]:
    checks = owned_by(EquipmentCheck.objects.all(), user, owner_path="inspector")
    if equipment_type:
        checks = checks.filter(equipment_type=equipment_type.strip().lower())
    return checks.order_by("-checked_at", "id")


def environmental_checks_of(*, user, class_id=None) -> QuerySet[EnvironmentalCheck]:
    checks = owned_by(
        EnvironmentalCheck.objects.select_related("pe_class"), user, owner_path="pe_class__teacher"
    )
    if class_id is not None:
        checks = checks.filter(pe_class_id=class_id)
    return checks.order_by("-check_date", "id")


def risk_assessments_of(*, user, activity_id=None) -> QuerySet[RiskAssessment]:
    risks = owned_by(RiskAssessment.objects.select_related("activity"), user, owner_path="assessor")
    if activity_id is not None:
        risks = risks.filter(activity_id=activity_id)
    return risks.order_by("-assessment_date", "-created_at", "id")


def incidents_of(
    *, user, student_id=None, status: str | None = None, class_id=None
) -> QuerySet[SafetyIncident]:
    incidents = owned_by(
        SafetyIncident.objects.select_related("student", "activity"),
        user,
        owner_path="student__teacher",
    )
    if student_id is not None:
        incidents = incidents.filter(student_id=student_id)
    if class_id is not None:
        incidents = incidents.filter(pe_class_id=class_id)
    if status:
        incidents = incidents.filter(status=status)
    return incidents.order_by("-date", "id")


def incident_of(*, user, incident_id) -> SafetyIncident:
    return get_owned_or_404(
        SafetyIncident.objects.select_related("student", "activity"),
        user,
        owner_path="student__teacher",
        id=incident_id,
    )


# --- the gate -----------------------------------------------------------------------------


def _item(kind: str, subject: str, status: str, *, check_id=None, problems=(), **extra) -> dict:
    return {
        "kind": kind,
        "subject": subject,
        "status": status,
        "checkId": str(check_id) if check_id else None,
        "problems": list(problems),
        **extra,
    }


def safety_report(
    *, user, pe_class: PEClass, activities: Iterable[Activity], day: dt.date | None = None
) -> dict:
    """Whether the class may start `activities` on `day` (today by default), and why not.

    {"ready": bool, "day": "YYYY-MM-DD",
     "items": [{"kind": "environment"|"equipment"|"risk"|"safety_check", "subject": str,
                "status": "passed"|"failed"|"missing"|"pending", "checkId": uuid|null,
                "problems": [str], "activityId": uuid (risk items)}]}
    """
    day = day or teacher_today(user)
    activities = list({a.pk: a for a in activities}.values())
    items = [
        _environment_item(user, pe_class, day),
        *_equipment_items(user, activities, day),
        *_risk_items(user, activities, day),
        *_open_safety_checks(user, pe_class),
    ]
    return {
        "ready": all(item["status"] == "passed" for item in items),
        "day": day.isoformat(),
        "items": items,
    }


def _day_bounds(user, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = teacher_timezone(user)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    return start, start + dt.timedelta(days=1)


def _environment_item(user, pe_class: PEClass, day: dt.date) -> dict:
    start, end = _day_bounds(user, day)
    latest = (
        EnvironmentalCheck.objects.filter(
            pe_class=pe_class, check_date__gte=start, check_date__lt=end
        )
        .order_by("-check_date", "-created_at")
        .first()
    )
    if latest is None:
        return _item(
            "environment",
            pe_class.name,
            "missing",
            problems=["No environmental check of this class today."],
        )
    return _item(
        "environment",
        pe_class.name,
        "passed" if latest.passed else "failed",
        check_id=latest.pk,
        problems=[issue["problem"] for issue in latest.issues],
    )


def _equipment_items(user, activities: list[Activity], day: dt.date) -> list[dict]:
    needed = sorted({name for activity in activities for name in activity.required_equipment})
    if not needed:
        return []
    _, end = _day_bounds(user, day)
    since = end - dt.timedelta(days=rules.EQUIPMENT_CHECK_VALID_DAYS)
    latest: dict[str, EquipmentCheck] = {}
    checks = EquipmentCheck.objects.filter(
        inspector=user, equipment_type__in=needed, checked_at__gte=since, checked_at__lt=end
    ).order_by("-checked_at", "-created_at")
    for check in checks:
        latest.setdefault(check.equipment_type, check)
    items = []
    for name in needed:
        check = latest.get(name)
        if check is None:
            items.append(
                _item(
                    "equipment",
                    name,
                    "missing",
                    problems=[f"No check of the {name} in the last week."],
                )
            )
            continue
        problems = rules.equipment_problems(
            condition=check.condition,
            safety_rating=check.safety_rating,
            next_maintenance=check.next_maintenance,
            replacement_date=check.replacement_date,
            on=day,
        )
        status = "failed" if problems else "passed"
        items.append(_item("equipment", name, status, check_id=check.pk, problems=problems))
    return items


def _risk_items(user, activities: list[Activity], day: dt.date) -> list[dict]:
    latest: dict = {}
    risks = RiskAssessment.objects.filter(
        assessor=user,
        activity__in=activities,
        assessment_date__lte=day,
        review_date__gte=day,
    ).order_by("-assessment_date", "-created_at")
    for risk in risks:
        latest.setdefault(risk.activity_id, risk)
    items = []
    for activity in sorted(activities, key=lambda a: a.name):
        risk = latest.get(activity.pk)
        if risk is None:
            items.append(
                _item(
                    "risk",
                    activity.name,
                    "missing",
                    problems=["No current risk assessment of this activity."],
                    activityId=str(activity.pk),
                )
            )
            continue
        problems = rules.risk_problems(
            risk_level=risk.risk_level, mitigation_measures=risk.mitigation_measures
        )
        items.append(
            _item(
                "risk",
                activity.name,
                "failed" if problems else "passed",
                check_id=risk.pk,
                problems=problems,
                activityId=str(activity.pk),
            )
        )
    return items


def _open_safety_checks(user, pe_class: PEClass) -> list[dict]:
    open_checks = SafetyCheck.objects.filter(
        Q(pe_class=pe_class) | Q(pe_class__isnull=True),
        inspector=user,
        status__in=["failed", "pending"],
    ).order_by("created_at")
    items = []
    for check in open_checks:
        if check.status == "failed":
            problem = f"The {check.check_type.replace('_', ' ')} check failed: resolve it first."
        else:
            problem = f"The {check.check_type.replace('_', ' ')} check is not finished."
        detail = [problem] + ([check.notes] if check.notes else [])
        items.append(
            _item(
                "safety_check", check.check_type, check.status, check_id=check.pk, problems=detail
            )
        )
    return items


def environmental_check_of(*, user, check_id) -> EnvironmentalCheck:
    return get_owned_or_404(
        EnvironmentalCheck.objects.all(), user, owner_path="pe_class__teacher", id=check_id
    )


def equipment_check_of(*, user, check_id) -> EquipmentCheck:
    return get_owned_or_404(EquipmentCheck.objects.all(), user, owner_path="inspector", id=check_id)


def risk_assessment_of(*, user, risk_id) -> RiskAssessment:
    return get_owned_or_404(
        RiskAssessment.objects.select_related("activity"), user, owner_path="assessor", id=risk_id
    )
