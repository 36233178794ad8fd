"""Today and week, for one child or the whole family (issue 5 views).

A child's current week and today are cached under seed 001's keys (see
caches.py); other weeks are read from the database. Reads cost a fixed number
of queries whatever the family's size: one for the schedules' items of all
children asked for, one for the family's commitments and days off, and for the
sessions' lessons one when no subject has a lesson sequence, else two or three
(selectors/lessons.py; lessons are never cached: they move with "today").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from brightpath.common.times import minutes
from brightpath.families.models import Child, Family

from .. import caches
from ..clock import hhmm, time_at, week_dates, week_start_of
from ..engine.model import GROUPABLE_SUBJECTS, LOAD_PER_ADULT, PARENT_LOAD, subject_key
from ..models import DayOff, ScheduleItem
from ..shapes import days_json
from .lessons import items_with_lessons


def _child_weeks(children: list[Child], week_start: dt.date) -> dict[str, dict]:
    """Each child's week from the database (one query for all of them)."""
    items = (
        ScheduleItem.objects.filter(
            schedule__child__in=children,
            schedule__week_start_date=week_start,
            schedule__is_active=True,
        )
        .select_related("schedule")
        .order_by("day_date", "start_time", "name")
    )
    by_child: dict = defaultdict(list)
    for item in items:
        by_child[item.schedule.child_id].append(item)
    weeks = {}
    for child in children:
        rows = by_child.get(child.pk, [])
        weeks[str(child.pk)] = {
            "childId": str(child.pk),
            "childName": child.name,
            "weekOf": week_start.isoformat(),
            "scheduleId": str(rows[0].schedule_id) if rows else None,
            "version": rows[0].schedule.version if rows else None,
            "days": days_json(week_start, rows),
        }
    return weeks


def _with_lessons(children: list[Child], views: Iterable[dict], window_start: dt.date) -> None:
    """Each subject session's lesson on its item, worked out on every read (it
    moves with today and with the sequence), never kept in the cache."""
    if children:
        items = (item for view in views for item in _view_items(view))
        items_with_lessons(items, family=children[0].family, window_start=window_start)


def _view_items(view: dict) -> Iterable[dict]:
    if "days" in view:
        return (item for day in view["days"] for item in day["items"])
    return view["items"]


def child_weeks(
    *, children: list[Child], week_start: dt.date, current_week: dt.date
) -> dict[str, dict]:
    """Each child's week (a subject session with its lesson under `lesson`);
    the current week through SCHEDULE:WEEK:{child}."""
    weeks = _cached_child_weeks(children, week_start, current_week)
    _with_lessons(children, weeks.values(), week_start)
    return weeks


def _cached_child_weeks(
    children: list[Child], week_start: dt.date, current_week: dt.date
) -> dict[str, dict]:
    if week_start != current_week:
        return _child_weeks(children, week_start)
    keys = {str(c.pk): caches.week_key(c.pk) for c in children}
    cached = caches.read_many(list(keys.values()))
    weeks, missing = {}, []
    for child in children:
        entry = cached.get(keys[str(child.pk)])
        if isinstance(entry, dict) and entry.get("weekOf") == week_start.isoformat():
            weeks[str(child.pk)] = entry
        else:
            missing.append(child)
    if missing:
        for child_id, week in _child_weeks(missing, week_start).items():
            weeks[child_id] = week
            entry = cached.get(keys[child_id])
            if entry != caches.INVALIDATED and week["scheduleId"]:
                caches.fill(keys[child_id], week, caches.WEEK_TTL, replace=entry is not None)
    return {str(c.pk): weeks[str(c.pk)] for c in children}


def child_days(*, children: list[Child], day: dt.date, today: dt.date) -> dict[str, dict]:
    """Each child's items on one day (a subject session with its lesson under
    `lesson`); today through SCHEDULE:TODAY:{child}."""
    days = _cached_child_days(children, day, today)
    _with_lessons(children, days.values(), day)
    return days


def _cached_child_days(children: list[Child], day: dt.date, today: dt.date) -> dict[str, dict]:
    week_start = week_start_of(day)
    if day != today:
        weeks = _child_weeks(children, week_start)
        return {cid: _day_of(week, day) for cid, week in weeks.items()}
    keys = {str(c.pk): caches.today_key(c.pk) for c in children}
    cached = caches.read_many(list(keys.values()))
    days, missing = {}, []
    for child in children:
        entry = cached.get(keys[str(child.pk)])
        if isinstance(entry, dict) and entry.get("date") == day.isoformat():
            days[str(child.pk)] = entry
        else:
            missing.append(child)
    if missing:
        weeks = _cached_child_weeks(missing, week_start, week_start)
        for child_id, week in weeks.items():
            days[child_id] = _day_of(week, day)
            entry = cached.get(keys[child_id])
            if entry != caches.INVALIDATED and week["scheduleId"]:
                caches.fill(
                    keys[child_id], days[child_id], caches.TODAY_TTL, replace=entry is not None
                )
    return {str(c.pk): days[str(c.pk)] for c in children}


def _day_of(week: dict, day: dt.date) -> dict:
    items = next(d["items"] for d in week["days"] if d["date"] == day.isoformat())
    return {
        "childId": week["childId"],
        "childName": week["childName"],
        "date": day.isoformat(),
        "items": items,
    }


class _ParentNeed(NamedTuple):
    """An item needing the parent: when, how much (rule 4), and its label."""

    child_id: str
    start: int
    end: int
    load: int
    label: str


def _parent_units(child_days_: list[dict]) -> list[list[_ParentNeed]]:
    """The day's items needing the parent, as the units the parent attends,
    grouped as the validator groups them (engine/validator.py, rule 4):
    siblings' subject items of a groupable subject (same name, case and spacing
    folded) starting at the same minute form one unit, every other item its
    own; a child twice in a would-be unit keeps its items apart. Subjects carry
    no groupable override in the database, so the name decides."""
    together: dict[tuple[str, int], list[_ParentNeed]] = defaultdict(list)
    units: list[list[_ParentNeed]] = []
    for child_day in child_days_:
        for item in child_day["items"]:
            load = PARENT_LOAD.get(item.get("parentInvolvement"), 0)
            if not load or item["skipped"]:
                continue
            need = _ParentNeed(
                child_id=child_day["childId"],
                start=minutes(item["startTime"]),
                end=minutes(item["endTime"]),
                load=load,
                label=f"{child_day['childName']}: {item['name']}",
            )
            key = subject_key(item["name"])
            if item["type"] == "subject" and key in GROUPABLE_SUBJECTS:
                together[(key, need.start)].append(need)
            else:
                units.append([need])
    for members in together.values():
        if len({m.child_id for m in members}) == len(members):
            units.append(members)
        else:
            units += [[m] for m in members]
    return units


def parent_load(child_days_: list[dict], capacity: int) -> list[dict]:
    """The parent's load through one day: stretches where it is above zero,
    with the items causing it. Counted as the validator counts rule 4: full
    involvement 2, some assistance 1, and siblings doing a groupable subject
    together count the parent once, at the highest load among them running."""
    units = _parent_units(child_days_)
    cuts = sorted({t for unit in units for need in unit for t in (need.start, need.end)})
    stretches: list[dict] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        load, labels = 0, []
        for unit in units:
            running = [n for n in unit if n.start <= start and n.end >= end]
            if running:
                load += max(n.load for n in running)
                labels += [n.label for n in running]
        if not load:
            continue
        labels.sort()
        last = stretches[-1] if stretches else None
        if last and last["endMinute"] == start and last["load"] == load and last["items"] == labels:
            last["endMinute"] = end
            continue
        stretches.append({"startMinute": start, "endMinute": end, "load": load, "items": labels})
    return [
        {
            "startTime": hhmm(time_at(s["startMinute"])),
            "endTime": hhmm(time_at(s["endMinute"])),
            "load": s["load"],
            "capacity": capacity,
            "overloaded": s["load"] > capacity,
            "items": s["items"],
        }
        for s in stretches
    ]


def family_busy(*, family: Family, days: list[dt.date]) -> dict[dt.date, list[dict]]:
    """The parent's commitments and the days off on each of `days`."""
    out: dict[dt.date, list[dict]] = {day: [] for day in days}
    for commitment in family.commitments.live():
        for day in days:
            if commitment.occurs_on(day):
                out[day].append(
                    {
                        "name": commitment.name,
                        "startTime": hhmm(commitment.start_time),
                        "endTime": hhmm(commitment.end_time),
                    }
                )
    for day_off in DayOff.objects.filter(family=family, date__in=days).select_related("child"):
        out[day_off.date].append(
            {
                "name": day_off.label or f"Day off ({day_off.kind})",
                "dayOff": True,
                "childId": str(day_off.child_id) if day_off.child_id else None,
            }
        )
    return out


def family_day_view(*, family: Family, children: list[Child], day: dt.date, today: dt.date) -> dict:
    days = child_days(children=children, day=day, today=today)
    rows = [days[str(c.pk)] for c in children]
    return {
        "date": day.isoformat(),
        "children": rows,
        "parentLoad": parent_load(rows, LOAD_PER_ADULT * family.adults),
        "parentBusy": family_busy(family=family, days=[day])[day],
    }


def family_week_view(
    *, family: Family, children: list[Child], week_start: dt.date, current_week: dt.date
) -> dict:
    weeks = child_weeks(children=children, week_start=week_start, current_week=current_week)
    dates = week_dates(week_start)
    busy = family_busy(family=family, days=dates)
    out_days = []
    for day in dates:
        rows = [_day_of(weeks[str(c.pk)], day) for c in children]
        out_days.append(
            {
                "date": day.isoformat(),
                "dayOfWeek": f"{day:%A}",
                "children": [
                    {"childId": r["childId"], "childName": r["childName"], "items": r["items"]}
                    for r in rows
                ],
                "parentLoad": parent_load(rows, LOAD_PER_ADULT * family.adults),
                "parentBusy": busy[day],
            }
        )
    return {"weekOf": week_start.isoformat(), "days": out_days}
