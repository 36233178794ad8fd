"""PE in the gym: the teacher's routines run in class (the safety gate before one starts,
performances recorded per student), safety checks and incidents, and movement analyses
of landmark recordings.

Reads are server-rendered through PE's selectors, scoped to the teacher: another
teacher's routine, incident or analysis is a 404, and their classes, students and checks
never appear. Writes go through PE's JSON API (/api/coach/pe/) from
static/web/pe/sessions.js with the session and its CSRF token, so a refused start
(409 safety_check_failed / missing) reaches the page in the API's one error shape.
Times are shown in the teacher's time zone, the one the safety gate's "today" uses.
"""

from __future__ import annotations

import datetime as dt
from functools import wraps
from itertools import groupby
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from brightpath.coach.pe import safety_rules, selectors
from brightpath.coach.pe import vocabulary as v

from .coach import teacher_page
from .pe import base_context, label, labelled, uuid_or_none

RECENT = 10
ANALYSES_LISTED = 50
CHART_POINTS = 400  # enough for a smooth line; a long recording is thinned to this
CHART_MIN_DEGREES = 40.0  # the angle chart's least span, top to bottom

PHASES = {"warm_up": "Warm-up", "main": "Main part", "cool_down": "Cool-down"}
CHECK_KINDS = {
    "environment": "Environment",
    "equipment": "Equipment",
    "risk": "Risk assessment",
    "safety_check": "Safety check",
}


def pe_page(view):
    """A teacher's page (a 404 for another's rows), with times in the teacher's zone."""

    @teacher_page
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with timezone.override(selectors.teacher_timezone(request.user)):
            return view(request, *args, **kwargs)

    return wrapped


def _activity_groups(activities) -> list[tuple[str, list]]:
    """The activities a teacher may use, grouped by type for a <select>'s optgroups."""
    activities = sorted(activities, key=lambda a: (v.ACTIVITY_TYPES.index(a.activity_type), a.name))
    return [
        (label(kind), list(rows))
        for kind, rows in groupby(activities, key=lambda a: a.activity_type)
    ]


def _safe_next(request: HttpRequest) -> str:
    """?next= when it is a path on this site (where to go back to after recording)."""
    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if allowed and target.startswith("/") else ""


# --- /coach/pe/routines/ ----------------------------------------------------------------------


@pe_page
def pe_routines(request: HttpRequest) -> HttpResponse:
    user = request.user
    classes = list(selectors.classes_of(user=user))
    class_id = uuid_or_none(request.GET.get("class", ""))
    if class_id not in {c.pk for c in classes}:
        class_id = None
    status = request.GET.get("status", "")
    if status not in v.ROUTINE_STATUSES:
        status = ""
    routines = selectors.routines_of(user=user, class_id=class_id, status=status or None)
    context = base_context(
        "routines",
        routines=[
            {
                "routine": routine,
                "status": label(routine.status),
                "minutes": sum(step.duration_minutes or 0 for step in routine.steps.all()),
                "steps": len(routine.steps.all()),
            }
            for routine in routines
        ],
        any_routines=selectors.routines_of(user=user).exists(),
        classes=classes,
        class_id=class_id,
        status=status,
        statuses=labelled(v.ROUTINE_STATUSES),
        phases=list(PHASES.items()),
        activity_groups=_activity_groups(selectors.activities_visible(user=user)),
        plans=[plan for plan in selectors.plans_of(user=user) if plan.pe_class_id],
    )
    return render(request, "web/pe/routines.html", context)


def _fix_link(item: dict, routine) -> str:
    """Where the teacher goes to put a safety item right, back to the routine after."""
    query = {"class": str(routine.pe_class_id)}
    kind = item["kind"]
    if kind == "equipment":
        query["equipment"] = item["subject"]
    elif kind == "risk":
        query["activity"] = item.get("activityId") or ""
    query["next"] = reverse("web:pe_routine", args=[routine.pk])
    anchor = f"check-{item['checkId']}" if kind == "safety_check" else kind
    return f"{reverse('web:pe_safety')}?{urlencode(query)}#{anchor}"


def _subject(item: dict) -> str:
    """What an item is about: a class, equipment or activity as named; a check's type."""
    return label(item["subject"]) if item["kind"] == "safety_check" else item["subject"]


def _fix_text(item: dict) -> str:
    """What the link to put an item right says (sessions.js words a refusal's the same)."""
    return {
        "environment": "Record a new environment check",
        "equipment": f"Record a new check of the {item['subject']}",
        "risk": f"Assess the risk of {item['subject']}",
    }.get(item["kind"]) or f"Resolve the {_subject(item).lower()} check"


def _safety_items(report: dict, routine) -> list[dict]:
    return [
        {
            **item,
            "kind_label": CHECK_KINDS.get(item["kind"], label(item["kind"])),
            "subject_label": _subject(item),
            "status_label": label(item["status"]),
            "fix_url": _fix_link(item, routine),
            "fix_text": _fix_text(item),
        }
        for item in report["items"]
    ]


def _performance_rows(routine, steps: list) -> list[dict]:
    """Each student who takes part, with what is recorded of them (or blanks)."""
    recorded = {p.student_id: p for p in selectors.performances_in(routine=routine)}
    roster = [
        row.student
        for row in selectors.roster_of(pe_class=routine.pe_class, include_withdrawn=True)
        if row.status == "enrolled" or row.student_id in recorded
    ]
    rows = []
    for student in sorted(roster, key=lambda s: (s.last_name.casefold(), s.first_name.casefold())):
        performance = recorded.get(student.pk)
        done = {}
        if performance is not None:
            for entry in (performance.performance_data or {}).get("activities", []):
                done[entry.get("activityId")] = entry
        rows.append(
            {
                "student": student,
                "performance": performance,
                "accuracy": _percent(performance and performance.accuracy_score),
                "effort": _percent(performance and performance.effort_score),
                "minutes": _minutes(performance and performance.completion_time),
                "steps": [
                    {"step": step, "entry": done.get(str(step.activity_id), {})} for step in steps
                ],
            }
        )
    return rows


def _percent(score: float | None) -> str:
    return "" if score is None else f"{score * 100:g}"


def _minutes(seconds: float | None) -> str:
    return "" if seconds is None else f"{round(seconds / 60, 1):g}"


@pe_page
def pe_routine(request: HttpRequest, routine_id) -> HttpResponse:
    user = request.user
    routine = selectors.routine_of(user=user, routine_id=routine_id)
    steps = list(routine.steps.all())
    before_start = routine.status in ("draft", "scheduled")
    report = None
    if before_start:
        report = selectors.safety_report(
            user=user, pe_class=routine.pe_class, activities=[step.activity for step in steps]
        )
    context = base_context(
        "routines",
        routine=routine,
        status_label=label(routine.status),
        steps=[{"step": step, "phase": PHASES[step.phase]} for step in steps],
        total_minutes=sum(step.duration_minutes or 0 for step in steps),
        report=report,
        safety_items=_safety_items(report, routine) if report else [],
        performance_rows=_performance_rows(routine, steps)
        if routine.status in ("in_progress", "completed")
        else [],
        can_delete=routine.started_at is None,
        incidents=list(selectors.incidents_of(user=user).filter(routine=routine)),
    )
    return render(request, "web/pe/routine.html", context)


# --- /coach/pe/safety/ ---------------------------------------------------------------------------


def _equipment_rows(user, today: dt.date) -> list[dict]:
    rows = []
    for check in selectors.equipment_checks_of(user=user)[:RECENT]:
        problems = safety_rules.equipment_problems(
            condition=check.condition,
            safety_rating=check.safety_rating,
            next_maintenance=check.next_maintenance,
            replacement_date=check.replacement_date,
            on=today,
        )
        rows.append({"check": check, "problems": problems, "passed": not problems})
    return rows


def _risk_rows(user, today: dt.date) -> list[dict]:
    rows = []
    for risk in selectors.risk_assessments_of(user=user)[:RECENT]:
        problems = safety_rules.risk_problems(
            risk_level=risk.risk_level, mitigation_measures=risk.mitigation_measures
        )
        rows.append(
            {
                "risk": risk,
                "problems": problems,
                "passed": not problems,
                "current": risk.assessment_date <= today <= risk.review_date,
            }
        )
    return rows


def _equipment_names(activities) -> list[str]:
    """Equipment the teacher's activities name, for the equipment field's suggestions."""
    return sorted({name for activity in activities for name in activity.required_equipment})


def _check_rows(user) -> list[dict]:
    """General safety checks: the open ones (which block starting) first, then the rest."""
    checks = list(selectors.safety_checks_of(user=user))
    open_checks = [c for c in checks if c.status in ("failed", "pending")]
    done = [c for c in checks if c.status not in ("failed", "pending")][:RECENT]
    return [
        {
            "check": check,
            "type": label(check.check_type),
            "status": label(check.status),
            "next": v.SAFETY_CHECK_TRANSITIONS.get(check.status, ()),
        }
        for check in open_checks + done
    ]


@pe_page
def pe_safety(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = selectors.teacher_today(user)
    classes = list(selectors.classes_of(user=user))
    activities = list(selectors.activities_visible(user=user))
    chosen_class = request.GET.get("class", "")
    chosen_activity = request.GET.get("activity", "")
    context = base_context(
        "safety",
        classes=classes,
        activity_groups=_activity_groups(activities),
        chosen_class=chosen_class if chosen_class in {str(c.pk) for c in classes} else "",
        chosen_activity=chosen_activity
        if chosen_activity in {str(a.pk) for a in activities}
        else "",
        chosen_equipment=request.GET.get("equipment", "")[:60],
        next_url=_safe_next(request),
        equipment_names=_equipment_names(activities),
        environment_checks=list(selectors.environmental_checks_of(user=user)[:RECENT]),
        equipment_checks=_equipment_rows(user, today),
        risk_rows=_risk_rows(user, today),
        check_rows=_check_rows(user),
        open_incidents=list(
            selectors.incidents_of(user=user).exclude(status__in=["resolved", "closed"])
        ),
        surfaces=labelled(v.SURFACE_CONDITIONS),
        conditions=labelled(v.EQUIPMENT_CONDITIONS),
        risk_levels=labelled(v.RISK_LEVELS),
        check_types=labelled(v.SAFETY_CHECK_TYPES),
        severities=labelled(v.SEVERITY_LEVELS),
        rules={
            "temperature": (safety_rules.TEMPERATURE_MIN, safety_rules.TEMPERATURE_MAX),
            "air_quality": safety_rules.AIR_QUALITY_MAX,
            "lighting": safety_rules.LIGHTING_MIN,
            "rating": safety_rules.EQUIPMENT_MIN_RATING,
            "equipment_days": safety_rules.EQUIPMENT_CHECK_VALID_DAYS,
        },
    )
    return render(request, "web/pe/safety.html", context)


# --- /coach/pe/safety/incidents/ ---------------------------------------------------------------


@pe_page
def pe_incidents(request: HttpRequest) -> HttpResponse:
    user = request.user
    status = request.GET.get("status", "")
    if status not in v.INCIDENT_STATUSES:
        status = ""
    routine = None
    routine_id = uuid_or_none(request.GET.get("routine", ""))
    if routine_id is not None:
        routine = selectors.routines_of(user=user).filter(pk=routine_id).first()
    context = base_context(
        "safety",
        incidents=[
            {"incident": incident, "status": label(incident.status)}
            for incident in selectors.incidents_of(user=user, status=status or None)
        ],
        any_incidents=selectors.incidents_of(user=user).exists(),
        status=status,
        statuses=labelled(v.INCIDENT_STATUSES),
        students=list(
            selectors.students_of(user=user, class_id=routine.pe_class_id if routine else None)
        ),
        classes=list(selectors.classes_of(user=user)),
        activity_groups=_activity_groups(selectors.activities_visible(user=user)),
        routine=routine,
        routine_activities={str(step.activity_id) for step in routine.steps.all()}
        if routine
        else set(),
        incident_types=labelled(v.INCIDENT_TYPES),
        severities=labelled(v.INCIDENT_SEVERITIES),
        now=timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    )
    return render(request, "web/pe/incidents.html", context)


@pe_page
def pe_incident(request: HttpRequest, incident_id) -> HttpResponse:
    incident = selectors.incident_of(user=request.user, incident_id=incident_id)
    metadata = incident.incident_metadata or {}
    follow_ups = [
        {**entry, "at": dt.datetime.fromisoformat(entry["at"]), "label": label(entry["status"])}
        for entry in metadata.get("followUps", [])
    ]
    context = base_context(
        "safety",
        incident=incident,
        status_label=label(incident.status),
        type_label=label(incident.incident_type),
        severity_label=label(incident.severity),
        metadata=metadata,
        follow_ups=list(reversed(follow_ups)),
        next_statuses=[
            (status, label(status)) for status in v.INCIDENT_TRANSITIONS.get(incident.status, ())
        ],
        pe_class=selectors.classes_of(user=request.user).filter(pk=incident.pe_class_id).first(),
    )
    return render(request, "web/pe/incident.html", context)


# --- /coach/pe/movement/ --------------------------------------------------------------------


@pe_page
def pe_movement(request: HttpRequest) -> HttpResponse:
    user = request.user
    students = list(selectors.students_of(user=user))
    student_id = uuid_or_none(request.GET.get("student", ""))
    if student_id not in {s.pk for s in students}:
        student_id = None
    exercises = list(selectors.exercises_visible(user=user))
    context = base_context(
        "movement",
        students=students,
        student_id=student_id,
        exercises=[
            {"exercise": exercise, "has_reference": bool(exercise.reference_patterns.all())}
            for exercise in exercises
        ],
        analyses=list(selectors.analyses_of(user=user, student_id=student_id)[:ANALYSES_LISTED]),
        any_analyses=selectors.analyses_of(user=user).exists(),
    )
    return render(request, "web/pe/movement.html", context)


def _rom_rows(data: dict) -> list[dict]:
    """Range of motion per joint: both sides and the reference's expected range."""
    expected = (data.get("comparison") or {}).get("expectedRom") or {}
    primary = data.get("primaryJoint")
    rows = []
    for joint, values in (data.get("rangeOfMotion") or {}).items():
        rom = values.get("romDegrees")
        low_high = expected.get(joint)
        rows.append(
            {
                "joint": label(joint),
                "primary": joint == primary,
                "rom": rom,
                "left": (values.get("left") or {}).get("romDegrees"),
                "right": (values.get("right") or {}).get("romDegrees"),
                "expected": low_high,
                "within": None
                if not low_high or rom is None
                else low_high[0] <= rom <= low_high[1],
            }
        )
    # The main joint first, then those the reference expects a range of, then the rest.
    return sorted(rows, key=lambda row: (not row["primary"], row["expected"] is None))


def angle_chart(series: dict | None, reps: list[dict]) -> dict | None:
    """The primary joint's angle over time as an SVG polyline (640 x 200 plot), with the
    repetitions as bands; None when the stored result has no series."""
    times = (series or {}).get("t") or []
    angles = (series or {}).get("angle") or []
    points = [(t, a) for t, a in zip(times, angles, strict=False) if a is not None]
    if len(points) < 2:
        return None
    step = max(1, len(points) // CHART_POINTS)
    points = points[::step]
    width, height, left, top = 640.0, 200.0, 48.0, 10.0
    t0, t1 = points[0][0], points[-1][0]
    least, most = min(a for _, a in points), max(a for _, a in points)
    # The plot spans at least CHART_MIN_DEGREES: a joint that barely moves is drawn
    # nearly flat, not its noise stretched to the full height (like repetitions).
    pad = max(0.0, CHART_MIN_DEGREES - (most - least)) / 2
    low, high = least - pad, most + pad
    span_t, span_a = (t1 - t0) or 1.0, high - low

    def x(t: float) -> float:
        return round(left + (t - t0) / span_t * width, 1)

    def y(a: float) -> float:
        return round(top + (high - a) / span_a * height, 1)

    def band(rep: dict) -> dict:
        start, end = x(rep["startSeconds"]), x(rep["endSeconds"])
        return {"x": start, "width": max(1.0, round(end - start, 1))}

    return {
        "points": " ".join(f"{x(t)},{y(a)}" for t, a in points),
        "bands": [
            band(rep)
            for rep in reps
            if rep.get("startSeconds") is not None and rep.get("endSeconds") is not None
        ],
        "low": round(least),
        "high": round(most),
        "seconds": round(t1 - t0, 1),
        "y_low": y(least),
        "y_high": y(most),
        "x_end": left + width,
        "bottom": top + height,
    }


@pe_page
def pe_movement_analysis(request: HttpRequest, analysis_id) -> HttpResponse:
    analysis = selectors.analysis_of(user=request.user, analysis_id=analysis_id)
    data = analysis.analysis_data or {}
    repetitions = data.get("repetitions") or {}
    primary = data.get("primaryJoint") or ""
    context = base_context(
        "movement",
        analysis=analysis,
        data=data,
        repetitions=repetitions,
        primary_joint=label(primary),
        rom_rows=_rom_rows(data),
        tempo=data.get("tempo") or {},
        symmetry=data.get("symmetry") or {},
        symmetry_rows=[
            {"joint": label(joint), **values}
            for joint, values in ((data.get("symmetry") or {}).get("joints") or {}).items()
        ],
        smoothness=data.get("smoothness") or {},
        comparison=data.get("comparison"),
        metrics=[
            (label(name), round(value * 100))
            for name, value in (data.get("metrics") or {}).items()
            if isinstance(value, int | float)
        ],
        issues=data.get("issuesDetected") or [],
        warnings=data.get("warnings") or [],
        chart=angle_chart(data.get("series"), repetitions.get("reps") or []),
        quality=round(analysis.quality_score * 100),
        similarity=None if analysis.similarity is None else round(analysis.similarity * 100),
    )
    return render(request, "web/pe/movement_analysis.html", context)


urlpatterns = [
    path("coach/pe/routines/", pe_routines, name="pe_routines"),
    path("coach/pe/routines/<uuid:routine_id>/", pe_routine, name="pe_routine"),
    path("coach/pe/safety/", pe_safety, name="pe_safety"),
    path("coach/pe/safety/incidents/", pe_incidents, name="pe_incidents"),
    path("coach/pe/safety/incidents/<uuid:incident_id>/", pe_incident, name="pe_incident"),
    path("coach/pe/movement/", pe_movement, name="pe_movement"),
    path(
        "coach/pe/movement/<uuid:analysis_id>/", pe_movement_analysis, name="pe_movement_analysis"
    ),
]
