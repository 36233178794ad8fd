"""The printable pages: one child's record for a term or year, and a week
(one child's or the family's) as a table per day."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from brightpath.common.errors import Invalid, NotFound
from brightpath.families.selectors import child_get, children_for_user, family_for_user
from brightpath.planner.selectors import active_schedule, family_week
from brightpath.planner.selectors import records as records_selectors

from .common import duration, query_date, query_week, target_measures
from .records import lessons_covered


@login_required
def child_report(request: HttpRequest, child_id) -> HttpResponse:
    """One child's record for a term or a year: days, hours by subject, core
    hours, progress toward the state's target, the lessons covered and the notes."""
    date_from, date_to = query_date(request, "from"), query_date(request, "to")
    problem = None
    try:
        try:
            records = records_selectors.child_records(
                user=request.user, child_id=child_id, date_from=date_from, date_to=date_to
            )
        except Invalid:
            problem = "The end date is before the start date, so the school year is shown."
            records = records_selectors.child_records(user=request.user, child_id=child_id)
    except NotFound as exc:
        raise Http404 from exc
    tally, progress = records.tally, records.progress
    context = {
        "child": records.child,
        "family": records.child.family,
        "period": records.period,
        "problem": problem,
        "days": tally.dates,
        "total": duration(tally.total_minutes),
        "total_hours": tally.total_hours,
        "core": duration(tally.core_minutes),
        "core_hours": tally.core_hours,
        "subjects": [
            {
                "name": s.name,
                "kind": s.kind,
                "is_core": s.is_core,
                "sessions": s.sessions,
                "time": duration(s.minutes),
                "hours": s.hours,
            }
            for s in tally.by_subject
        ],
        "notes": tally.notes,
        "lessons": lessons_covered(tally),
        "progress": progress,
        "measures": target_measures(progress),
    }
    return render(request, "web/report.html", context)


def _print_days(schedule) -> list[dict]:
    """The schedule's days that have something on them, for a printed table."""
    return [day for day in schedule.schedule_data.get("days", []) if day.get("items")]


def _print_week(
    request: HttpRequest, family, week_start: dt.date, children, schedules
) -> HttpResponse:
    by_child = {s.child_id: s for s in schedules}
    sheets = [
        {
            "child": child,
            "schedule": by_child.get(child.pk),
            "days": _print_days(by_child[child.pk]) if child.pk in by_child else [],
        }
        for child in children
    ]
    context = {
        "family": family,
        "week_start": week_start,
        "week_end": week_start + dt.timedelta(days=6),
        "previous": week_start - dt.timedelta(days=7),
        "next": week_start + dt.timedelta(days=7),
        "sheets": sheets,
    }
    return render(request, "web/week_print.html", context)


@login_required
def child_week_print(request: HttpRequest, child_id) -> HttpResponse:
    """One child's week as a table per day, to print."""
    try:
        child = child_get(user=request.user, child_id=child_id)
    except NotFound as exc:
        raise Http404 from exc
    family = child.family
    week_start = query_week(request, family)
    schedule = active_schedule(child=child, week_start=week_start)
    return _print_week(request, family, week_start, [child], [schedule] if schedule else [])


@login_required
def family_week_print(request: HttpRequest) -> HttpResponse:
    """Every child's week, one after the other, to print."""
    family = family_for_user(user=request.user)
    if family is None:
        return redirect("web:home")
    children = list(children_for_user(user=request.user))
    week_start = query_week(request, family)
    schedules = family_week(family=family, week_start=week_start)
    return _print_week(request, family, week_start, children, schedules)


urlpatterns = [
    path("week/print/", family_week_print, name="week_print"),
    path("children/<uuid:child_id>/report/", child_report, name="child_report"),
    path("children/<uuid:child_id>/week/print/", child_week_print, name="child_week_print"),
]
