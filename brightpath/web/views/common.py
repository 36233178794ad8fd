"""What several pages share: reading dates from the query string, putting a
service's field errors on a Django form, a duration in words, and the name of
the outside language model."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

from brightpath.common.errors import Invalid
from brightpath.common.fields import date_in_range
from brightpath.planner.clock import planning_week, week_start_of


def add_service_errors(form, error: Invalid, field_map: dict[str, str | None]) -> None:
    """Each of the service's field errors next to the form field it belongs to
    (field_map: the service's camelCase name -> the form's field, None for the form)."""
    if not error.fields:
        form.add_error(None, error.message)
    for field, messages_ in error.fields.items():
        for message in messages_:
            form.add_error(field_map.get(field), message)


def query_date(request: HttpRequest, name: str, data=None) -> dt.date | None:
    """The ISO date in ?name= (or in `data`, e.g. request.POST), or None when it is
    absent, malformed or out of range."""
    try:
        day = dt.date.fromisoformat((request.GET if data is None else data).get(name, ""))
    except ValueError:
        return None
    return day if date_in_range(day) else None


def query_week(request: HttpRequest, family) -> dt.date:
    """The week of ?week=, else the week the family lives toward (planning_week)."""
    day = query_date(request, "week")
    return week_start_of(day) if day else planning_week(family)


def duration(minutes: int) -> str:
    """120 -> "2 h", 105 -> "1 h 45 min", 30 -> "30 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def number(value: float) -> str:
    """A figure as people write it: 6.25, 6.5, 12, 0 (never 12.0)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def target_measures(progress) -> list[dict]:
    """Each requirement the state's target sets (days, hours, core hours), as
    rows for a progress table: done, required, percent, the bar's width, the
    expected-by-now mark and whether it is on track. None: no target, no rows."""
    if progress is None:
        return []
    rows = []
    for label, unit, measure in (
        ("Days of instruction", "days", progress.days),
        ("Hours", "hours", progress.hours),
        ("Core hours", "hours", progress.core_hours),
    ):
        if measure.required is None:
            continue
        rows.append(
            {
                "label": label,
                "unit": unit,
                "done": number(measure.done),
                "required": measure.required,
                "percent": number(measure.percent),
                "bar": min(measure.percent, 100),
                "expected": number(measure.expected_by_now),
                "expected_mark": min(100 * measure.expected_by_now / measure.required, 100),
                "on_track": measure.on_track,
            }
        )
    return rows


def outside_model_label() -> str:
    """The outside language model, named for a person ("gpt-4o-mini at api.openai.com"),
    or "" when none is set up (every product then answers offline)."""
    base_url = settings.LLM_BASE_URL
    if not base_url:
        return ""
    host = urlsplit(base_url).hostname or base_url
    return f"{settings.LLM_MODEL} at {host}" if settings.LLM_MODEL else host
