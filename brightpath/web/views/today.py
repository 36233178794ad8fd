"""The today checklist: each child's items for a day, to tick off as the day goes.

Every write is a plain HTML form posting here (it works without JavaScript)
and goes through the planner's item services; static/web/today.js sends the
same writes to the JSON API instead and refreshes the item in place.
The dashboard (dashboard.py) shows the same day through `child_day_entries`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from brightpath.common.errors import Conflict, Invalid, NotFound
from brightpath.common.times import minutes as _minutes
from brightpath.families.selectors import child_get, children_for_user, family_for_user
from brightpath.families.vocabulary import PARENT_INVOLVEMENT_CHOICES
from brightpath.planner.clock import family_now, minute_of, week_start_of
from brightpath.planner.selectors.living import item_outcomes
from brightpath.planner.selectors.views import child_weeks, family_busy
from brightpath.planner.services import items as item_services
from brightpath.planner.services import schedule_ensure

from .common import query_date

INVOLVEMENT = dict(PARENT_INVOLVEMENT_CHOICES)
# How much of the parent an item takes, as a CSS class of its badge.
INVOLVEMENT_LEVEL = {
    "full_involvement": "full",
    "some_assistance": "some",
    "minimal_supervision": "alone",
    "independent": "alone",
}
ENGAGEMENT = [
    (1, "1 – not engaged"),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, "5 – fully engaged"),
]


# --- reading a day ------------------------------------------------------------------


def _recorded(outcome: dict) -> dict:
    """A completion as the page says it."""
    done = outcome.get("completed") or {}
    return {
        "start": done.get("startTime"),
        "end": done.get("endTime"),
        "engagement": done.get("childEngagement"),
        "involvement": INVOLVEMENT.get(done.get("parentInvolvement", "")),
        "notes": done.get("notes", ""),
    }


def _carried_from(item: dict) -> dt.date | None:
    """The day a carried-over item was first planned on."""
    try:
        return dt.date.fromisoformat(item.get("carriedOver", {}).get("date", ""))
    except (AttributeError, ValueError):
        return None


def item_entry(item: dict, child, outcomes: dict, now_minute: int | None) -> dict:
    """One item with what the page shows about it: its state, when it runs
    against now (`now_minute` is None on any other day), what was recorded."""
    start, end = _minutes(item["startTime"]), _minutes(item["endTime"])
    state = "done" if item["completed"] else "skipped" if item["skipped"] else "todo"
    outcome = outcomes.get(item["id"], {})
    involvement = item.get("parentInvolvement", "")
    return {
        **item,
        "child": child,
        "state": state,
        "checkable": item["type"] != "commitment",
        "involvement_label": INVOLVEMENT.get(involvement, ""),
        "involvement_level": INVOLVEMENT_LEVEL.get(involvement, ""),
        "running": state == "todo" and now_minute is not None and start <= now_minute < end,
        "over": now_minute is not None and end <= now_minute,
        "recorded": _recorded(outcome) if state == "done" else None,
        "skip_reason": (outcome.get("skipped") or {}).get("reason", "")
        if state == "skipped"
        else "",
        "carried_from": _carried_from(item),
        "lesson_title": _lesson_title(item.get("lesson")),
        "problem": None,
    }


def _lesson_title(lesson: dict | None) -> str:
    """The lesson's own title, unless it only repeats its number ("Lesson 3")."""
    if not lesson:
        return ""
    return "" if lesson["title"] == f"Lesson {lesson['position']}" else lesson["title"]


def plan_week(*, family, week_start: dt.date, actor, children: list) -> str:
    """Plan the week if it is one planned on first look (this week or a few
    ahead, schedule_ensure), as the week page does. Returns why it could not
    be planned, or ""."""
    try:
        schedule_ensure(family=family, week_start=week_start, actor=actor, children=children)
    except Conflict as exc:
        return exc.message
    return ""


def child_day_entries(*, family, children: list, day: dt.date) -> list[dict]:
    """Each child's items on `day`, with their progress and what is next."""
    now = family_now(family)
    week = week_start_of(day)
    weeks = child_weeks(children=children, week_start=week, current_week=week_start_of(now.date()))
    busy = family_busy(family=family, days=[day])[day]
    iso = day.isoformat()
    raw = {
        str(c.pk): next(d["items"] for d in weeks[str(c.pk)]["days"] if d["date"] == iso)
        for c in children
    }
    outcomes = item_outcomes(
        family=family, item_ids=[item["id"] for items in raw.values() for item in items]
    )
    now_minute = minute_of(now.time()) if day == now.date() else None
    rows = []
    for child in children:
        entries = [item_entry(i, child, outcomes, now_minute) for i in raw[str(child.pk)]]
        tasks = [e for e in entries if e["checkable"] and e["state"] != "skipped"]
        done = [e for e in tasks if e["state"] == "done"]
        todo = [e for e in entries if e["checkable"] and e["state"] == "todo"]
        day_off = next(
            (
                b["name"]
                for b in busy
                if b.get("dayOff") and b.get("childId") in (None, str(child.pk))
            ),
            None,
        )
        rows.append(
            {
                "child": child,
                "planned": weeks[str(child.pk)]["scheduleId"] is not None,
                "day_off": day_off,
                "items": entries,
                "total": len(tasks),
                "done": len(done),
                "skipped": sum(1 for e in entries if e["state"] == "skipped"),
                "percent": round(100 * len(done) / len(tasks)) if tasks else 0,
                "next": next((e for e in todo if not e["over"]), None),
                "running": next((e for e in entries if e["running"]), None),
            }
        )
    return rows


def is_school_day(family, day: dt.date) -> bool:
    return f"{day:%A}" in family.school_days


# --- the page -----------------------------------------------------------------------


def _family_and_children(request: HttpRequest):
    family = family_for_user(user=request.user)
    children = list(children_for_user(user=request.user)) if family else []
    return family, children


def _only_child(value: str | None, user, children: list):
    """The child `?child=` names, None for all; another family's child (or a
    malformed id) is a 404."""
    if not value:
        return None
    try:
        child_id = uuid.UUID(value)
    except ValueError as exc:
        raise Http404("No such child.") from exc
    try:
        child = child_get(user=user, child_id=child_id)
    except NotFound as exc:
        raise Http404("No such child.") from exc
    return next((c for c in children if c.pk == child.pk), None)


def today_url(day: dt.date | None = None, child=None, anchor: str = "") -> str:
    query = {}
    if day is not None:
        query["date"] = day.isoformat()
    if child is not None:
        query["child"] = str(child.pk)
    url = reverse("web:today")
    if query:
        url += "?" + urlencode(query)
    return url + (f"#{anchor}" if anchor else "")


def _render(
    request: HttpRequest,
    family,
    children: list,
    day: dt.date,
    only,
    *,
    problem: dict | None = None,
    note: str = "",
    status: int = 200,
) -> HttpResponse:
    shown = [only] if only else children
    plan_problem = ""
    if is_school_day(family, day):  # a Sunday is not worth planning its week for
        plan_problem = plan_week(
            family=family, week_start=week_start_of(day), actor=request.user, children=children
        )
    rows = child_day_entries(family=family, children=shown, day=day)
    if problem:
        for row in rows:
            for entry in row["items"]:
                if entry["id"] == problem["item_id"]:
                    entry["problem"] = problem
    today = family_now(family).date()
    total = sum(r["total"] for r in rows)
    context = {
        "family": family,
        "children": children,
        "only": only,
        "day": day,
        "today": today,
        "is_today": day == today,
        "is_past": day < today,
        "school_day": is_school_day(family, day),
        "rows": rows,
        "total": total,
        "done": sum(r["done"] for r in rows),
        "nothing_planned": not any(r["items"] for r in rows),
        "unplanned": [r["child"] for r in rows if not r["planned"]],
        "previous": day - dt.timedelta(days=1),
        "next": day + dt.timedelta(days=1),
        "previous_url": today_url(day - dt.timedelta(days=1), only),
        "next_url": today_url(day + dt.timedelta(days=1), only),
        "today_url": today_url(None, only),
        "week_url": reverse("web:week") + f"?week={week_start_of(day).isoformat()}",
        "engagement": ENGAGEMENT,
        "involvement": PARENT_INVOLVEMENT_CHOICES,
        "note": note,
        "plan_problem": plan_problem,
    }
    return render(request, "web/today.html", context, status=status)


@login_required
def today(request: HttpRequest) -> HttpResponse:
    """Each child's items for a day (?date=, default today where the family
    lives), or one child's (?child=)."""
    family, children = _family_and_children(request)
    if family is None or not children:
        return redirect("web:home")
    only = _only_child(request.GET.get("child"), request.user, children)
    day = query_date(request, "date")
    note = ""
    if day is None:
        if request.GET.get("date"):
            note = "That date could not be read (use YYYY-MM-DD), so today is shown."
        day = family_now(family).date()
    return _render(request, family, children, day, only, note=note)


# --- the writes (without JavaScript) ------------------------------------------------------


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1)


class CompleteForm(VersionForm):
    """CompleteSerializer's fields, named as the API names them so that one
    template serves both the form post and today.js."""

    notes = forms.CharField(required=False, max_length=5000)
    actualStartTime = forms.TimeField(required=False, label="Started")
    actualEndTime = forms.TimeField(required=False, label="Finished")
    childEngagement = forms.TypedChoiceField(
        choices=ENGAGEMENT, coerce=int, required=False, empty_value=None
    )
    parentInvolvement = forms.ChoiceField(choices=PARENT_INVOLVEMENT_CHOICES, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("actualStartTime"), data.get("actualEndTime")
        if "actualStartTime" in self.errors or "actualEndTime" in self.errors:
            return data
        if start and not end:
            self.add_error("actualEndTime", "Give the finish time too, or neither time.")
        elif end and not start:
            self.add_error("actualStartTime", "Give the start time too, or neither time.")
        elif start and end and end <= start:
            self.add_error("actualEndTime", "The finish time must be after the start time.")
        return data


class SkipForm(VersionForm):
    reason = forms.CharField(required=False, max_length=500)


def _complete(user, item_id, data: dict):
    return item_services.item_complete(
        user=user,
        item_id=item_id,
        version=data["version"],
        completion=item_services.Completion(
            notes=data["notes"],
            start=data["actualStartTime"],
            end=data["actualEndTime"],
            engagement=data["childEngagement"],
            involvement=data["parentInvolvement"] or None,
        ),
    )


def _skip(user, item_id, data: dict):
    return item_services.item_skip(
        user=user, item_id=item_id, version=data["version"], reason=data["reason"]
    )


def _uncomplete(user, item_id, data: dict):
    return item_services.item_uncomplete(user=user, item_id=item_id, version=data["version"])


def _unskip(user, item_id, data: dict):
    return item_services.item_unskip(user=user, item_id=item_id, version=data["version"])


# action -> (its form, the service call, what the page says after it)
ACTIONS = {
    "complete": (CompleteForm, _complete, "{name} is marked done."),
    "uncomplete": (VersionForm, _uncomplete, "{name} is marked not done."),
    "skip": (SkipForm, _skip, "{name} is skipped."),
    "unskip": (VersionForm, _unskip, "{name} is back on the list."),
}


def _return_to(request: HttpRequest, family, children: list) -> tuple[dt.date, object]:
    """The day and child the form was posted from (the page to show again)."""
    day = query_date(request, "return_date", request.POST) or family_now(family).date()
    only = None
    child_id = request.POST.get("return_child", "")
    if child_id:
        only = next((c for c in children if str(c.pk) == child_id), None)
    return day, only


@login_required
@require_POST
def item_action(request: HttpRequest, item_id, action: str) -> HttpResponse:
    """Complete, uncomplete, skip or unskip one item, then back to the day."""
    if action not in ACTIONS:
        raise Http404("No such action.")
    family, children = _family_and_children(request)
    if family is None:
        raise Http404("No family yet.")
    form_class, write, said = ACTIONS[action]
    form = form_class(request.POST)
    day, only = _return_to(request, family, children)
    problem = {"item_id": str(item_id), "action": action, "values": request.POST, "errors": {}}
    status = 400
    if form.is_valid():
        try:
            item = write(request.user, item_id, form.cleaned_data)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except Conflict as exc:
            problem["message"] = exc.message
            status = 409
        except Invalid as exc:  # a rule the form cannot see, e.g. a commitment is not skipped
            problem["message"] = " ".join(m for ms in exc.fields.values() for m in ms)
        else:
            messages.success(request, said.format(name=item.name))
            return redirect(today_url(item.day_date, only, anchor=f"item-{item.pk}"))
    else:
        problem["errors"] = {k: list(v) for k, v in form.errors.items() if k != "__all__"}
        problem["message"] = "Please correct what is marked below."
        if "version" in form.errors:
            problem["message"] = "The page was out of date; it is reloaded. Please try again."
    return _render(request, family, children, day, only, problem=problem, status=status)


urlpatterns = [
    path("today/", today, name="today"),
    path("today/items/<uuid:item_id>/<slug:action>/", item_action, name="today_item"),
]
