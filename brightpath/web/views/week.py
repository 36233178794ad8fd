"""The week as a calendar the parent changes by hand (static/web/calendar.js):
every child's items on a time grid in the child's colour, dragged, resized,
skipped, added, undone, and the week replanned; with the same week as lists
(the page without JavaScript, and the list view). Generated on first visit,
kept live while it is open (static/web/live_week.js).

The calendar reads its items from the API (GET /api/family/week/) and writes
through it; this view renders what sits around it: the colours, the lists,
what could not be placed, what clashes, and what a replanning would keep."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from brightpath.common.errors import NotFound
from brightpath.common.recurrence import WEEKDAYS
from brightpath.families.selectors import child_get, children_for_user, family_for_user
from brightpath.planner.clock import (
    AUTO_PLAN_WEEKS,
    PLAN_AHEAD_WEEKS,
    family_now,
    week_dates,
    week_start_of,
    weeks_ahead,
)
from brightpath.planner.selectors import family_week
from brightpath.planner.selectors.changes import live_week
from brightpath.planner.selectors.checks import week_clashes
from brightpath.planner.selectors.views import child_weeks
from brightpath.planner.services import schedule_ensure

from .common import query_week

# Each child's colour on the calendar, in the family's order: a strong colour
# (white text on it passes WCAG AA) and a pale tint of it (dark text) for done
# and skipped items. The child's name is always written on the item too, so the
# colour is never the only sign of whose it is.
PALETTE = [
    ("#1d4ed8", "#dbeafe"),  # blue
    ("#7e22ce", "#f3e8ff"),  # purple
    ("#047857", "#d1fae5"),  # green
    ("#c2410c", "#ffedd5"),  # orange
    ("#be185d", "#fce7f3"),  # pink
    ("#0e7490", "#cffafe"),  # teal
    ("#4d7c0f", "#ecfccb"),  # olive
    ("#9f1239", "#ffe4e6"),  # wine
]

# The replanning's slot grid (engine.model.SLOT): a session starting before the
# next 5-minute slot after "now" has begun, and stays as it was.
SLOT_MINUTES = 5


def child_colours(children) -> list[dict]:
    """Each child with its colour, in the family's order (the palette repeats past eight)."""
    out = []
    for index, child in enumerate(children):
        strong, tint = PALETTE[index % len(PALETTE)]
        # slot: the legend's swatch class (calendar.css), as the CSP allows no style="".
        out.append({"child": child, "colour": strong, "tint": tint, "slot": index % len(PALETTE)})
    return out


def _selected_child(request: HttpRequest, user):
    """The child of ?child=<id>: that child's own view of the week (404 if not theirs)."""
    child_id = request.GET.get("child")
    if not child_id:
        return None
    try:
        return child_get(user=user, child_id=child_id)
    except NotFound as exc:
        raise Http404 from exc


def replan_note(weeks: list[dict], now: dt.datetime) -> dict:
    """What replanning the week keeps and what it may change, counted as
    planner/services/generation.py (_week_to_plan) decides: done sessions,
    sessions moved by hand (pinned), the parent's own activities and every
    session that has begun stay as they are; the rest is planned afresh, so a
    skipped session still ahead is planned again. Commitments are rebuilt from
    the commitments as they are now."""
    minute = now.hour * 60 + now.minute
    past_before = (now.date(), -(-minute // SLOT_MINUTES) * SLOT_MINUTES)
    note = {"done": 0, "moved": 0, "activities": 0, "past": 0, "free": 0, "skipped": 0}
    for week in weeks:
        for day in week["days"]:
            for item in day["items"]:
                if item["type"] == "commitment":
                    continue
                hours, minutes = map(int, item["startTime"].split(":"))
                begun = (dt.date.fromisoformat(item["date"]), hours * 60 + minutes) < past_before
                if item["type"] == "activity":
                    note["activities"] += 1
                elif item["completed"]:
                    note["done"] += 1
                elif item["pinned"]:
                    note["moved"] += 1
                elif begun:
                    note["past"] += 1
                else:
                    note["free"] += 1
                    note["skipped"] += item["skipped"]
    note["kept"] = note["done"] + note["moved"] + note["activities"] + note["past"]
    return note


def _visible_days(family, week_start: dt.date, weeks: list[dict]) -> list[str]:
    """The days the calendar shows: the school days, and any other day with something on it."""
    shown = {WEEKDAYS.index(day) for day in family.school_days if day in WEEKDAYS}
    for week in weeks:
        for index, day in enumerate(week["days"]):
            if day["items"]:
                shown.add(index)
    dates = week_dates(week_start)
    return [dates[i].isoformat() for i in sorted(shown or range(5))]


def _hours(children) -> tuple[str, str]:
    """The earliest start and latest end of the children's homeschool hours."""
    hours = [h for child in children if (h := child.homeschool_hours)]
    if not hours:
        return "08:00", "16:00"
    return min(h[0] for h in hours), max(h[1] for h in hours)


def _show_lessons(schedules, weeks: list[dict]) -> None:
    """The list view renders the stored snapshot, which has no lessons (they move
    with today): give its items, for this page only, the lessons the read worked out."""
    lessons = {
        item["id"]: item["lesson"]
        for week in weeks
        for day in week["days"]
        for item in day["items"]
        if item.get("lesson")
    }
    for schedule in schedules:
        for day in schedule.schedule_data.get("days", []):
            for item in day.get("items", []):
                if item["id"] in lessons:
                    item["lesson"] = lessons[item["id"]]


@login_required
def week(request: HttpRequest) -> HttpResponse:
    """Every child's week on one calendar (or one child's, with ?child=)."""
    family = family_for_user(user=request.user)
    children = list(children_for_user(user=request.user))
    if family is None or not children:
        return redirect("web:home")
    selected = _selected_child(request, request.user)
    week_start = query_week(request, family)
    schedule_ensure(family=family, week_start=week_start, actor=request.user, children=children)
    # The cursor is read before the week: a change in between shows, and costs one refresh.
    live = live_week(family=family, week_start=week_start)
    schedules = family_week(family=family, week_start=week_start)
    shown = [selected] if selected else children
    if selected:
        schedules = [s for s in schedules if s.child_id == selected.pk]
    now = family_now(family)
    current_week = week_start_of(now.date())
    weeks = child_weeks(children=shown, week_start=week_start, current_week=current_week)
    weeks = [w for w in weeks.values() if w["scheduleId"]]
    _show_lessons(schedules, weeks)
    clashes = week_clashes(family=family, week_start=week_start) if schedules else []
    if selected:
        clashes = [c for c in clashes if c["childId"] in (None, str(selected.pk))]
    ahead = weeks_ahead(family, week_start)
    colours = child_colours(children)
    child_query = f"&child={selected.pk}" if selected else ""
    context = {
        "week_start": week_start,
        "previous": week_start - dt.timedelta(days=7),
        "next": week_start + dt.timedelta(days=7),
        "child_query": child_query,
        "selected": selected,
        "colours": colours,
        "shown_colours": [c for c in colours if c["child"] in shown],
        "schedules": schedules,
        "clashes": clashes,
        "live": live,
        "note": replan_note(weeks, now),
        "today": now.date(),
        # Replanning: this week up to PLAN_AHEAD_WEEKS ahead; past weeks keep what they had.
        "can_replan": 0 <= ahead <= PLAN_AHEAD_WEEKS,
        "is_past": ahead < 0,
        "auto_plan_weeks": AUTO_PLAN_WEEKS,
        "calendar": {
            "week": week_start.isoformat(),
            "days": _visible_days(family, week_start, weeks),
            "today": now.date().isoformat(),
            "changeable": ahead >= 0,
            "now": now.strftime("%Y-%m-%dT%H:%M:00"),
            "hours": _hours(shown),
            "childId": str(selected.pk) if selected else None,
            "children": [
                {
                    "id": str(c["child"].pk),
                    "name": c["child"].name,
                    "colour": c["colour"],
                    "tint": c["tint"],
                }
                for c in colours
            ],
            "weekUrl": reverse("planner:family_week"),
            "todayUrl": reverse("web:today"),
        },
    }
    return render(request, "web/week.html", context)


urlpatterns = [
    path("week/", week, name="week"),
]
