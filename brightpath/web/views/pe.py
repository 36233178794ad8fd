"""PE, the teacher's planning pages: classes and their students, a student's private
details, adaptations, assessments and skill progress, the activity catalogue, and
unit plans week by week.

Reads are server-rendered through PE's selectors, scoped to the teacher: another
teacher's class, student, plan (or their own activity) is a 404. Writes go through
PE's JSON API (/api/coach/pe/) from static/web/pe/pe.js with the session and its CSRF
token, as Coach's pages do; the catalogue's filter and the adaptation suggestions are
plain GET forms and work without it.

A student's medical notes and accommodations appear on that student's page only,
never in a roster, a list or another page.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from brightpath.coach.pe import selectors
from brightpath.coach.pe import vocabulary as v

from .coach import NO_ID, grade_label, teacher_page
from .pe_charts import progress_chart

SEARCH_MAX = 100
SUGGESTIONS_MAX = 8
# Criteria a new assessment starts from (the teacher may change them): percent weights.
STARTING_CRITERIA = (("Technique", 40), ("Performance", 60))

CLASS_ACTIONS = {"active": "Start the class", "completed": "Mark the class completed"}
PLAN_ACTIONS = {
    "active": "Activate the plan",
    "completed": "Mark the plan completed",
    "cancelled": "Cancel the plan",
}


def label(value: str) -> str:
    """ "skill_development" -> "Skill development"."""
    return value.replace("_", " ").capitalize()


def labelled(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(value, label(value)) for value in values]


def base_context(pe_page: str, **context) -> dict:
    """What PE's base template needs: the Coach tab, PE's own tab, the id placeholder."""
    return {"coach_page": "pe", "pe_page": pe_page, "no_id": NO_ID, **context}


def _age(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def uuid_or_none(value: str | None) -> uuid.UUID | None:
    """A UUID from the query string, or None (a malformed one is simply no filter)."""
    try:
        return uuid.UUID(value) if value else None
    except (ValueError, TypeError):
        return None


def activity_choices(user) -> list:
    """The activities a teacher can plan or assess, by name."""
    return list(selectors.activities_visible(user=user))


# --- /coach/pe/: the teacher's classes --------------------------------------------------------


@teacher_page
def pe_home(request: HttpRequest) -> HttpResponse:
    today = selectors.teacher_today(request.user)
    context = base_context("classes")
    context.update(
        classes=[
            {"pe_class": pe_class, "grade": grade_label(pe_class.grade_level)}
            for pe_class in selectors.classes_of(user=request.user)
        ],
        grades=[(grade, grade_label(grade)) for grade in v.GRADE_LEVELS],
        default_start=today,
        default_end=today + dt.timedelta(weeks=12),
        size_max=v.CLASS_SIZE_MAX,
    )
    return render(request, "web/pe/home.html", context)


# --- /coach/pe/classes/<id>/: one class and its students ---------------------------------------


@teacher_page
def pe_class(request: HttpRequest, class_id) -> HttpResponse:
    user = request.user
    pe_class = selectors.class_of(user=user, class_id=class_id)
    roster = list(selectors.roster_of(pe_class=pe_class))
    in_class = {row.student_id for row in roster}
    context = base_context("classes")
    context.update(
        pe_class=pe_class,
        grade=grade_label(pe_class.grade_level),
        roster=roster,
        others=[s for s in selectors.students_of(user=user) if s.pk not in in_class],
        status_actions=[
            (status, CLASS_ACTIONS[status])
            for status in v.CLASS_TRANSITIONS.get(pe_class.status, ())
        ],
        plans=list(selectors.plans_of(user=user, class_id=pe_class.pk)),
        genders=labelled(v.GENDERS),
        fitness_levels=labelled(v.FITNESS_LEVELS),
        notes_max=v.MEDICAL_NOTES_MAX,
        today=selectors.teacher_today(user),
    )
    return render(request, "web/pe/class.html", context)


# --- /coach/pe/students/<id>/: profile, private details, adaptations, assessments, progress ---


def _suggestions(student, chosen, activities: list) -> list[dict]:
    """Adaptation templates answering the student's recorded needs: the chosen
    activity's, else the best matches across the activities."""
    activities = [chosen] if chosen is not None else activities
    rows = [
        {"activity": activity, **suggestion}
        for activity in activities
        for suggestion in selectors.adaptation_suggestions(student=student, activity=activity)
    ]
    rows.sort(key=lambda row: -len(row["matchedOn"]))
    return rows if chosen is not None else rows[:SUGGESTIONS_MAX]


def _assessment_row(assessment) -> dict:
    scale = (assessment.rubric or {}).get("scale", {"min": 0, "max": 10})
    criteria = (assessment.rubric or {}).get("criteria", {})
    return {
        "assessment": assessment,
        "status": label(assessment.status),
        "scale_max": scale.get("max", 10),
        "criteria": [
            {
                "name": name,
                "weight": round(100 * criterion["weight"]),
                "result": (assessment.results or {}).get(name),
            }
            for name, criterion in criteria.items()
        ],
    }


@teacher_page
def pe_student(request: HttpRequest, student_id) -> HttpResponse:
    user = request.user
    student = selectors.student_of(user=user, student_id=student_id)
    activities = activity_choices(user)
    chosen_id = uuid_or_none(request.GET.get("activity", ""))
    chosen = next((a for a in activities if a.pk == chosen_id), None)
    adaptations = list(selectors.adaptations_of(user=user, student_id=student.pk))
    applied = {(a.activity_id, a.adaptation_type) for a in adaptations if a.is_active}
    suggestions = _suggestions(student, chosen, activities)
    for row in suggestions:
        row["applied"] = (row["activity"].pk, row["adaptationType"]) in applied
    today = selectors.teacher_today(user)
    context = base_context("classes")
    context.update(
        student=student,
        age=_age(student.date_of_birth, today),
        enrolments=list(student.enrolments.exclude(status="withdrawn").select_related("pe_class")),
        accommodations_text="\n".join(student.accommodations or []),
        adaptations=adaptations,
        chosen=chosen,
        suggestions=suggestions,
        activities=activities,
        adaptation_types=labelled(v.ADAPTATION_TYPES),
        assessments=[
            _assessment_row(a) for a in selectors.assessments_of(user=user, student_id=student.pk)
        ],
        progress=[
            {"progress": p, "chart": progress_chart((p.progress_data or {}).get("series", []))}
            for p in selectors.progress_of(user=user, student_id=student.pk)
        ],
        starting_criteria=STARTING_CRITERIA,
        today=today,
        genders=labelled(v.GENDERS),
        fitness_levels=labelled(v.FITNESS_LEVELS),
        notes_max=v.MEDICAL_NOTES_MAX,
    )
    return render(request, "web/pe/student.html", context)


# --- /coach/pe/activities/: the catalogue, and one activity ------------------------------------


def category_choices() -> list[tuple]:
    """(id, "Ball skills: Striking") for every category, each under its parent."""
    categories = list(selectors.categories())
    names = {category.pk: category.name for category in categories}
    rows = [
        (category.pk, f"{names[category.parent_id]}: {category.name}" if category.parent_id in names
         else category.name)
        for category in categories
    ]  # fmt: skip
    return sorted(rows, key=lambda row: row[1])


def _primary_category(activity) -> str:
    links = list(activity.category_links.all())  # primary first (the selector's order)
    return links[0].category.name if links else "Other"


@teacher_page
def pe_activities(request: HttpRequest) -> HttpResponse:
    params = request.GET
    activity_type = params.get("type", "")
    activity_type = activity_type if activity_type in v.ACTIVITY_TYPES else ""
    difficulty = params.get("difficulty", "")
    difficulty = difficulty if difficulty in v.DIFFICULTIES else ""
    category_id = uuid_or_none(params.get("category", ""))
    age = params.get("age", "")
    age = int(age) if age.isdigit() and v.MIN_AGE <= int(age) <= v.MAX_AGE else None
    search = " ".join(params.get("q", "").split())[:SEARCH_MAX]
    activities = selectors.activities_visible(
        user=request.user,
        activity_type=activity_type or None,
        difficulty=difficulty or None,
        category_id=category_id,
        search=search,
        age=age,
    )
    groups: dict[str, list] = {}
    for activity in activities:
        groups.setdefault(_primary_category(activity), []).append(activity)
    context = base_context("activities")
    context.update(
        groups=sorted(groups.items()),
        count=sum(len(rows) for rows in groups.values()),
        categories=category_choices(),
        types=labelled(v.ACTIVITY_TYPES),
        difficulties=labelled(v.DIFFICULTIES),
        ages=range(v.MIN_AGE, v.MAX_AGE + 1),
        filters={
            "category": str(category_id or ""),
            "type": activity_type,
            "difficulty": difficulty,
            "age": age,
            "q": search,
        },
        filtered=bool(activity_type or difficulty or category_id or age or search),
    )
    return render(request, "web/pe/activities.html", context)


@teacher_page
def pe_activity(request: HttpRequest, activity_id) -> HttpResponse:
    activity = selectors.activity_visible(user=request.user, activity_id=activity_id)
    metadata = activity.activity_metadata or {}
    equipment = metadata.get("equipmentDetails") or {}
    context = base_context("activities")
    context.update(
        activity=activity,
        type_label=label(activity.activity_type),
        categories=[link.category.name for link in activity.category_links.all()],
        required_equipment=equipment.get("required") or [],
        optional_equipment=equipment.get("optional") or [],
        skills=metadata.get("skills") or [],
        safety=[label(item) for item in metadata.get("safetyConsiderations") or []],
        adaptations=[
            {**template, "type_label": label(template.get("adaptationType", ""))}
            for template in metadata.get("adaptations") or []
        ],
        progressions=list(selectors.progressions_from(user=request.user, activity=activity)),
        # The teacher's own and the catalogue's, never another teacher's on a shared activity.
        exercises=list(selectors.exercises_visible(user=request.user, activity_id=activity.pk)),
    )
    return render(request, "web/pe/activity.html", context)


# --- /coach/pe/plans/: unit plans, and one plan week by week -----------------------------------


@teacher_page
def pe_plans(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = selectors.teacher_today(user)
    # Plans start on a Monday by default: week 1 is then a school week.
    monday = today + dt.timedelta(days=(7 - today.weekday()) % 7)
    context = base_context("plans")
    context.update(
        plans=list(selectors.plans_of(user=user)),
        classes=list(selectors.classes_of(user=user)),
        chosen_class=str(uuid_or_none(request.GET.get("class", "")) or ""),
        default_start=monday,
        default_end=monday + dt.timedelta(weeks=4, days=-3),
    )
    return render(request, "web/pe/plans.html", context)


def plan_weeks(plan) -> list[dict]:
    """Every week of the plan with its activities in order (empty weeks too)."""
    rows = list(plan.sequence.all())
    weeks = []
    for week in range(1, plan.weeks + 1):
        start = plan.start_date + dt.timedelta(days=7 * (week - 1))
        weeks.append(
            {
                "week": week,
                "start": start,
                "end": min(start + dt.timedelta(days=6), plan.end_date),
                "rows": [row for row in rows if row.week == week],
            }
        )
    return weeks


@teacher_page
def pe_plan(request: HttpRequest, plan_id) -> HttpResponse:
    plan = selectors.plan_of(user=request.user, plan_id=plan_id)
    criteria = (plan.assessment_criteria or {}).get("criteria", {})
    context = base_context("plans")
    context.update(
        plan=plan,
        weeks=plan_weeks(plan),
        week_numbers=range(1, plan.weeks + 1),
        editable=plan.status in ("draft", "active"),
        movable=plan.status == "draft",
        status_actions=[
            (status, PLAN_ACTIONS[status]) for status in v.PLAN_TRANSITIONS.get(plan.status, ())
        ],
        mark_choices=labelled(v.PLAN_ACTIVITY_TRANSITIONS["scheduled"]),
        objectives=(plan.objectives or {}).get("learningObjectives", []),
        criteria=[
            {"name": name, "weight": round(100 * criterion["weight"])}
            for name, criterion in criteria.items()
        ],
        activities=activity_choices(request.user),
    )
    return render(request, "web/pe/plan.html", context)


urlpatterns = [
    path("coach/pe/", pe_home, name="pe_home"),
    path("coach/pe/classes/<uuid:class_id>/", pe_class, name="pe_class"),
    path("coach/pe/students/<uuid:student_id>/", pe_student, name="pe_student"),
    path("coach/pe/activities/", pe_activities, name="pe_activities"),
    path("coach/pe/activities/<uuid:activity_id>/", pe_activity, name="pe_activity"),
    path("coach/pe/plans/", pe_plans, name="pe_plans"),
    path("coach/pe/plans/<uuid:plan_id>/", pe_plan, name="pe_plan"),
]
