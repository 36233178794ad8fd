"""The week: every child's plan side by side, generated on first visit, kept
live while it is open (static/web/live_week.js)."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from brightpath.families.selectors import children_for_user, family_for_user
from brightpath.planner.selectors import family_week
from brightpath.planner.selectors.changes import live_week
from brightpath.planner.services import schedule_ensure

from .common import query_week


@login_required
def week(request: HttpRequest) -> HttpResponse:
    """Every child's week side by side, generated on first visit."""
    family = family_for_user(user=request.user)
    children = list(children_for_user(user=request.user))
    if family is None or not children:
        return redirect("web:home")
    week_start = query_week(request, family)
    schedule_ensure(family=family, week_start=week_start, actor=request.user, children=children)
    # The cursor is read before the week: a change in between shows, and costs one refresh.
    live = live_week(family=family, week_start=week_start)
    schedules = family_week(family=family, week_start=week_start)
    context = {
        "week_start": week_start,
        "previous": week_start - dt.timedelta(days=7),
        "next": week_start + dt.timedelta(days=7),
        "schedules": schedules,
        "live": live,
    }
    return render(request, "web/week.html", context)


urlpatterns = [
    path("week/", week, name="week"),
]
