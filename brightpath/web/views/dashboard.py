"""The family's home page: the parent's day at a glance. Today for every child
(linking to the checklist, views/today.py), when the parent is needed, what
was carried over (with its undo), progress toward the records target, and the
children's subjects. A parent without a family is invited to the questionnaire."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from brightpath.common.errors import Conflict, NotFound
from brightpath.common.times import clock as _clock
from brightpath.common.times import minutes as _minutes
from brightpath.families.selectors import family_for_user
from brightpath.insights.selectors import weeks_to_rate
from brightpath.onboarding.selectors import children_with_plans
from brightpath.planner.clock import family_now, minute_of, planning_week, week_start_of
from brightpath.planner.engine.model import LOAD_PER_ADULT, PARENT_LOAD
from brightpath.planner.selectors import records as records_selectors
from brightpath.planner.selectors.living import carry_overs_for_user
from brightpath.planner.selectors.views import child_weeks, family_busy, parent_load
from brightpath.planner.services.carry_over import carry_over_undo

from .common import duration, target_measures
from .today import child_day_entries, is_school_day, plan_week, today_url

RECENT_CARRY_OVERS = dt.timedelta(days=7)  # older runs are history, not news
LOOK_AHEAD_DAYS = 14  # how far "what is next" looks for a day with something on


# --- the parent's load as a timeline ---------------------------------------------------


def _together(names: list[str]) -> str:
    """["Noah", "Ava"] -> "Noah and Ava both"; three or more -> "A, B and C all"."""
    if len(names) < 2:
        return ""
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed} {'both' if len(names) == 2 else 'all'}"


def _needs_parent(item: dict) -> bool:
    return bool(PARENT_LOAD.get(item.get("parentInvolvement"), 0)) and not item["skipped"]


def parent_day(
    rows: list[dict], busy: list[dict], adults: int, now_minute: int | None = None
) -> dict | None:
    """When the parent is needed through the day (the planner's parent load,
    counted as the scheduler counts it), with who needs them at once, laid out
    on a timeline from the day's first item to its last. None: nothing on."""
    capacity = LOAD_PER_ADULT * adults
    child_days = [
        {"childId": str(r["child"].pk), "childName": r["child"].name, "items": r["items"]}
        for r in rows
    ]
    commitments = [b for b in busy if not b.get("dayOff")]
    times = [
        m
        for r in rows
        for i in r["items"]
        if not i["skipped"]
        for m in (_minutes(i["startTime"]), _minutes(i["endTime"]))
    ] + [m for b in commitments for m in (_minutes(b["startTime"]), _minutes(b["endTime"]))]
    if not times:
        return None
    first, last = min(times) // 60 * 60, -(-max(times) // 60) * 60
    span = max(last - first, 60)

    def place(start: int, end: int) -> dict:
        return {
            "left": round(100 * (start - first) / span, 2),
            "width": round(100 * (end - start) / span, 2),
        }

    stretches = []
    for s in parent_load(child_days, capacity):
        start, end = _minutes(s["startTime"]), _minutes(s["endTime"])
        who = [
            r["child"].name
            for r in rows
            if any(
                _needs_parent(i)
                and _minutes(i["startTime"]) <= start
                and _minutes(i["endTime"]) >= end
                for i in r["items"]
            )
        ]
        level = "over" if s["overloaded"] else "full" if s["load"] >= capacity else "some"
        stretches.append(
            {
                **s,
                **place(start, end),
                "level": level,
                "label": {
                    "over": "More than you can give",
                    "full": "Full attention",
                    "some": "Some help",
                }[level],
                "overlap": len(who) > 1,
                "who": _together(who),
                "minutes": end - start,
            }
        )
    lanes = [
        {
            "child": r["child"],
            "items": [
                {**i, **place(_minutes(i["startTime"]), _minutes(i["endTime"]))}
                for i in r["items"]
                if not i["skipped"]
            ],
        }
        for r in rows
    ]
    busy_blocks = [
        {**b, **place(_minutes(b["startTime"]), _minutes(b["endTime"]))} for b in commitments
    ]
    needed = sum(s["minutes"] for s in stretches)
    together = sum(s["minutes"] for s in stretches if s["overlap"])
    return {
        "stretches": stretches,
        "lanes": lanes,
        "busy": busy_blocks,
        "hours": [
            {"label": _clock(m), "left": round(100 * (m - first) / span, 2)}
            for m in range(first, last + 1, 60)
        ],
        "now": place(now_minute, now_minute)["left"]
        if now_minute is not None and first <= now_minute <= last
        else None,
        "needed": duration(needed) if needed else "",
        "together": duration(together) if together else "",
        "overloaded": any(s["overloaded"] for s in stretches),
    }


# --- what is next ----------------------------------------------------------------------


def _next_day_on(family, children: list, today: dt.date) -> dt.date | None:
    """The first day after today with something planned for a child, in the
    weeks that are planned (this week and the one the family is living toward)."""
    weeks = sorted({week_start_of(today), planning_week(family)})
    current = week_start_of(today)
    days_on = set()
    for week in weeks:
        for child_week in child_weeks(
            children=children, week_start=week, current_week=current
        ).values():
            for day in child_week["days"]:
                if any(not i["skipped"] for i in day["items"]):
                    days_on.add(dt.date.fromisoformat(day["date"]))
    horizon = today + dt.timedelta(days=LOOK_AHEAD_DAYS)
    return min((d for d in days_on if today < d <= horizon), default=None)


# --- records ---------------------------------------------------------------------------


def _records(user) -> list[dict]:
    """Each child's progress toward the school year's target (or, with no
    target, what was done in the last 365 days)."""
    records = records_selectors.family_records(user=user)
    out = []
    for child in records.children:
        progress = child.progress
        measures = target_measures(progress)
        out.append(
            {
                "child": child.child,
                "period": child.period,
                "days": child.tally.days_of_instruction,
                "hours": child.tally.total_hours,
                "progress": progress,
                "measures": measures,
            }
        )
    return out


# --- carry-overs -----------------------------------------------------------------------


def _when(place: dict | None) -> dict | None:
    if not place:
        return None
    return {
        "date": dt.date.fromisoformat(place["date"]),
        "start": place["startTime"],
        "end": place["endTime"],
    }


def _carry_overs(user, now: dt.datetime) -> list[dict]:
    """The family's carry-overs of the last week, newest first, each move said plainly."""
    recent = carry_overs_for_user(user=user).filter(created_at__gte=now - RECENT_CARRY_OVERS)[:5]
    out = []
    for record in recent:
        moves = [
            {**move, "from_": _when(move.get("from")), "to_": _when(move.get("to"))}
            for move in record.moves
        ]
        out.append(
            {
                "record": record,
                "moves": moves,
                "moved": [m for m in moves if m.get("to") or m.get("skipped")],
                "stuck": [m for m in moves if not (m.get("to") or m.get("skipped"))],
                "undoable": record.undone_at is None
                and any(m.get("to") or m.get("skipped") for m in record.moves),
            }
        )
    return [c for c in out if c["moves"]]


# --- the page --------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    family = family_for_user(user=request.user)
    children = list(children_with_plans(user=request.user)) if family else []
    if family is None or not children:
        return render(request, "web/home.html", {"family": family, "children": []})
    now = family_now(family)
    today = now.date()
    week = planning_week(family)
    # The week page plans a week on first look; so does the home page, for the
    # week the family is living toward (this week, or next once this one is over).
    plan_problem = plan_week(family=family, week_start=week, actor=request.user, children=children)
    rows = child_day_entries(family=family, children=children, day=today)
    busy = family_busy(family=family, days=[today])[today]
    on_today = any(r["items"] for r in rows)
    next_day = next_rows = None
    if not on_today:
        next_day = _next_day_on(family, children, today)
        if next_day:
            next_rows = child_day_entries(family=family, children=children, day=next_day)
    family_day_off = next((b["name"] for b in busy if b.get("dayOff") and not b["childId"]), None)
    context = {
        "family": family,
        "children": children,
        "today": today,
        "now": now,
        "school_day": is_school_day(family, today),
        "rows": rows,
        "on_today": on_today,
        "total": sum(r["total"] for r in rows),
        "done": sum(r["done"] for r in rows),
        "family_day_off": family_day_off,
        "parent": parent_day(rows, busy, family.adults, minute_of(now.time()))
        if on_today
        else None,
        "parent_busy": [b for b in busy if not b.get("dayOff")],
        "next_day": next_day,
        "next_rows": next_rows,
        "next_url": today_url(next_day) if next_day else "",
        "week": week,
        "plan_problem": plan_problem,
        "carry_overs": _carry_overs(request.user, now),
        "records": _records(request.user),
        "weeks_to_rate": weeks_to_rate(family=family),
    }
    return render(request, "web/home.html", context)


@login_required
@require_POST
def carry_over_undo_view(request: HttpRequest, carry_over_id) -> HttpResponse:
    """Put back what a carry-over moved (plain form; the page says what could not be)."""
    try:
        record = carry_over_undo(user=request.user, carry_over_id=carry_over_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except Conflict as exc:
        messages.error(request, exc.message)
        return redirect("web:home")
    back = [m for m in record.moves if m.get("undone")]
    kept = [m for m in record.moves if m.get("undone") is False]
    if len(back) == 1:
        text = "Put back 1 item where it was."
    else:
        text = f"Put back {len(back)} items where they were."
    if kept:
        names = ", ".join(f"{m['name']} ({m['childName']})" for m in kept)
        text += f" Changed since, so left where they are: {names}."
    messages.success(request, text)
    return redirect("web:home")


urlpatterns = [
    path("", home, name="home"),
    path("carry-overs/<uuid:carry_over_id>/undo/", carry_over_undo_view, name="carry_over_undo"),
]
