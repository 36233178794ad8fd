"""The records page: what the family did over a period (days of instruction,
hours, core hours, hours per subject and per week), progress toward the
state's target, the activity log, the exports and the calendar feeds.

Everything on it is read through the records selectors, so the figures are the
ones the API, the CSV and the printable report give. The feed buttons and the
target form are enhanced by static/web/records.js, which calls the JSON API.
"""

import datetime as dt
import uuid
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from brightpath.common.errors import NotFound
from brightpath.common.fields import DATE_RANGE_MESSAGE, date_in_range
from brightpath.families.selectors import children_for_user, family_for_user
from brightpath.planner.clock import family_today, week_start_of
from brightpath.planner.selectors import feeds as feed_selectors
from brightpath.planner.selectors import lessons as lesson_selectors
from brightpath.planner.selectors import records as records_selectors
from brightpath.planner.selectors.records import hours_of, log_minutes

from .common import duration, number, target_measures

LOG_PAGE = 20  # activity log entries shown, and how many more "Show more" adds
LOG_MAX = 1000
MAX_WEEKS = 60  # a longer period is charted by month, and past MAX_MONTHS by year
MAX_MONTHS = 60

ACTIONS = {
    "completed": "Done",
    "skipped": "Skipped",
    "unskipped": "Skip undone",
    "uncompleted": "Marked not done",
    "rescheduled": "Moved",
    "added": "Added",
    "deleted": "Removed",
}


# --- the query string --------------------------------------------------------------------


def _range_query(request: HttpRequest) -> tuple[dt.date | None, dt.date | None, dict]:
    """?from= and ?to= as dates, with an error per field that is not a good date."""
    dates: dict[str, dt.date | None] = {"from": None, "to": None}
    errors: dict[str, str] = {}
    for name, label in (("from", "From"), ("to", "To")):
        raw = request.GET.get(name, "").strip()
        if not raw:
            continue
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            errors[name] = f"{label}: “{raw}” is not a date. Use the form YYYY-MM-DD."
            continue
        if not date_in_range(day):
            errors[name] = f"{label}: {DATE_RANGE_MESSAGE}"
            continue
        dates[name] = day
    if dates["from"] and dates["to"] and dates["to"] < dates["from"]:
        errors["to"] = "To: must be on or after From."
    if errors:
        return None, None, errors
    return dates["from"], dates["to"], errors


def _log_limit(request: HttpRequest) -> int:
    try:
        wanted = int(request.GET.get("logs", LOG_PAGE))
    except ValueError:
        return LOG_PAGE
    return min(max(wanted, LOG_PAGE), LOG_MAX)


def _chosen_child(request: HttpRequest):
    """The ?child= id, or None for the whole family; not an id at all is a 404."""
    raw = request.GET.get("child", "")
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise Http404("No such child.") from exc


# --- what the page shows ----------------------------------------------------------------


def _presets(request: HttpRequest, today: dt.date, target, chosen: dict) -> list[dict]:
    """Links to the common periods, keeping the child; the one shown is marked."""
    month_start = today.replace(day=1)
    next_month = (month_start + dt.timedelta(days=32)).replace(day=1)
    presets = [
        ("This month", month_start, next_month - dt.timedelta(days=1)),
        ("Last 90 days", today - dt.timedelta(days=89), today),
        ("School year" if target else "Last 12 months", None, None),
    ]
    child = request.GET.get("child", "")
    links = []
    for label, start, end in presets:
        query = {"from": start.isoformat() if start else "", "to": end.isoformat() if end else ""}
        query["child"] = child
        links.append(
            {
                "label": label,
                "url": "?" + urlencode({k: v for k, v in query.items() if v}),
                "current": (start, end) == (chosen["from"], chosen["to"]),
            }
        )
    return links


def _suggested_year(today: dt.date) -> tuple[dt.date, dt.date]:
    """A school year from August to July around today, to start the target form with."""
    year = today.year if today.month >= 8 else today.year - 1
    return dt.date(year, 8, 1), dt.date(year + 1, 7, 31)


def _buckets(period) -> tuple[str, list[tuple[dt.date, dt.date]]]:
    """The period cut into weeks (Monday to Sunday), or months or years when that
    would make too many bars to read."""
    weeks = (period.end - week_start_of(period.start)).days // 7 + 1
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    spans = []
    if weeks <= MAX_WEEKS:
        unit, start = "week", week_start_of(period.start)
        while start <= period.end:
            spans.append((start, start + dt.timedelta(days=6)))
            start += dt.timedelta(days=7)
    elif months <= MAX_MONTHS:
        unit, start = "month", period.start.replace(day=1)
        while start <= period.end:
            following = (start + dt.timedelta(days=32)).replace(day=1)
            spans.append((start, following - dt.timedelta(days=1)))
            start = following
    else:
        unit = "year"
        for year in range(period.start.year, period.end.year + 1):
            spans.append((dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return unit, spans


def _hours_over_time(period, children_records) -> dict:
    """Hours per week (or month, or year) over the period, per child and in all:
    the bars of the chart and the rows of its table."""
    unit, spans = _buckets(period)
    rows = []
    for start, end in spans:
        per_child = [
            sum(m for day, m in c.tally.minutes_by_day.items() if start <= day <= end)
            for c in children_records
        ]
        rows.append(
            {
                "start": max(start, period.start),
                "end": min(end, period.end),
                "children": [number(hours_of(m)) for m in per_child],
                "minutes": sum(per_child),
            }
        )
    most = max((row["minutes"] for row in rows), default=0)
    for index, row in enumerate(rows):  # a column 10 wide in a 100 high SVG viewBox
        row["hours"] = number(hours_of(row["minutes"]))
        row["height"] = round(100 * row["minutes"] / most, 1) if most else 0
        row["x"], row["y"] = index * 10 + 1, round(100 - row["height"], 1)
    return {"unit": unit, "rows": rows, "most": number(hours_of(most)), "width": len(rows) * 10}


def _subjects(tally) -> list[dict]:
    most = max((s.minutes for s in tally.subjects.values()), default=0)
    return [
        {
            "name": s.name,
            "kind": s.kind,
            "is_core": s.is_core,
            "sessions": s.sessions,
            "hours": number(s.hours),
            "time": duration(s.minutes),
            "width": round(100 * s.minutes / most, 1) if most else 0,
        }
        for s in tally.by_subject
    ]


def _child_section(records, date_query: str) -> dict:
    tally = records.tally
    return {
        "child": records.child,
        "days": tally.days_of_instruction,
        "total_hours": number(tally.total_hours),
        "total": duration(tally.total_minutes),
        "core_hours": number(tally.core_hours),
        "core": duration(tally.core_minutes),
        "subjects": _subjects(tally),
        "measures": target_measures(records.progress),
        "report_url": reverse("web:child_report", args=[records.child.pk]) + date_query,
        "lessons_covered": lessons_covered(tally),
        "lessons_count": len(tally.lessons),
    }


def lessons_covered(tally) -> list[dict]:
    """The lessons done in sessions in the period, subject by subject, in the
    order they were done: what a portfolio lists."""
    rows = sorted(tally.lessons, key=lambda row: (row.subject_name, row.date, row.position))
    subjects: dict[str, list] = {}
    for row in rows:
        subjects.setdefault(row.subject_name, []).append(row)
    return [{"name": name, "lessons": lessons} for name, lessons in subjects.items()]


def _lessons(request: HttpRequest, sections: list[dict]) -> list[dict]:
    """Per shown child: each subject with a lesson sequence (how far, and when
    it will finish at the family's pace, with the warning when that is after the
    school year's end), and the lessons covered in the period."""
    progress: dict = {}
    for row in lesson_selectors.family_lesson_progress(user=request.user):
        child = row.subject.child
        progress.setdefault(child.pk, []).append(
            {
                "subject": row.subject,
                "sequence": row.subject.lesson_sequence,
                "done": row.done,
                "total": row.total,
                "next": row.next_lesson,
                "pace": row.pace,
                "url": reverse("web:settings_subject_lessons", args=[child.pk, row.subject.pk]),
            }
        )
    return [
        {
            "child": section["child"],
            "subjects": progress.get(section["child"].pk, []),
            "covered": section["lessons_covered"],
            "covered_count": section["lessons_count"],
        }
        for section in sections
    ]


def _log_entries(logs) -> list[dict]:
    entries = []
    for log in logs:
        actual = log.actual or {}
        minutes = log_minutes(log)
        entries.append(
            {
                "date": log.date,
                "child": log.child.name,
                "activity": log.activity_name,
                "action": ACTIONS.get(log.action, log.action.capitalize()),
                "done": log.action == "completed",
                "time": duration(minutes) if minutes else "",
                "engagement": actual.get("childEngagement"),
                "notes": log.notes.strip(),
            }
        )
    return entries


def _feeds(request: HttpRequest) -> list[dict]:
    feeds = []
    for feed in feed_selectors.calendar_feeds_for_user(user=request.user).order_by("created_at"):
        url = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
        feeds.append(
            {
                "id": feed.pk,
                "name": feed.child.name if feed.child else "The whole family",
                "url": url,
                "webcal": "webcal://" + url.split("://", 1)[1],
            }
        )
    return feeds


# --- the page ---------------------------------------------------------------------------


@login_required
def records_page(request: HttpRequest) -> HttpResponse:
    family = family_for_user(user=request.user)
    if family is None:
        return redirect("web:home")
    child_id = _chosen_child(request)
    date_from, date_to, errors = _range_query(request)
    try:
        if child_id is not None:
            one = records_selectors.child_records(
                user=request.user, child_id=child_id, date_from=date_from, date_to=date_to
            )
            period, shown = one.period, [one]
        else:
            everyone = records_selectors.family_records(
                user=request.user, date_from=date_from, date_to=date_to
            )
            period, shown = everyone.period, everyone.children
        _, logs = records_selectors.activity_logs(
            user=request.user, date_from=period.start, date_to=period.end, child_id=child_id
        )
    except NotFound as exc:
        raise Http404 from exc
    log_limit = _log_limit(request)
    log_page = list(logs.order_by("-date", "-created_at")[: log_limit + 1])  # latest first

    target = records_selectors.records_target_get(user=request.user)
    today = family_today(family)
    date_query = f"?from={period.start.isoformat()}&to={period.end.isoformat()}"
    csv_query = date_query + (f"&childId={child_id}" if child_id else "")
    total_minutes = sum(c.tally.total_minutes for c in shown)
    sections = [_child_section(c, date_query) for c in shown]
    lessons = _lessons(request, sections)
    core_minutes = sum(c.tally.core_minutes for c in shown)
    context = {
        "family": family,
        "children": list(children_for_user(user=request.user)),
        "today": today,
        "period": period,
        "chosen": child_id,
        "errors": errors,
        # What the parent typed stays in the form when it was wrong.
        "typed": {"from": request.GET.get("from", ""), "to": request.GET.get("to", "")},
        "presets": _presets(request, today, target, {"from": date_from, "to": date_to}),
        "days": len(set().union(*(c.tally.days for c in shown))),
        "total_hours": number(hours_of(total_minutes)),
        "total": duration(total_minutes),
        "core_hours": number(hours_of(core_minutes)),
        "core": duration(core_minutes),
        "nothing_done": not any(c.tally.days for c in shown),
        "custom_range": bool(date_from or date_to),
        "sections": sections,
        "lessons": lessons,
        "lessons_any": any(block["subjects"] or block["covered"] for block in lessons),
        "over_time": _hours_over_time(period, shown),
        "target": target,
        "suggested_year": _suggested_year(today),
        "log": _log_entries(log_page[:log_limit]),
        "log_more": log_limit + LOG_PAGE if len(log_page) > log_limit else None,
        "csv_url": reverse("planner:activity_log_csv") + csv_query,
        "feeds": _feeds(request),
    }
    return render(request, "web/records.html", context, status=400 if errors else 200)


urlpatterns = [
    path("records/", records_page, name="records"),
]
