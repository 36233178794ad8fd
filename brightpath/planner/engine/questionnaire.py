"""Build the engine's WeekInput from a (validated) questionnaire submission.

Used by the CLI and the benchmark; the web app builds the same input from the
database rows.
"""

from __future__ import annotations

import datetime as dt

from brightpath.common.birthdates import BirthDate
from brightpath.common.recurrence import WEEKDAYS, occurs_on
from brightpath.common.times import minutes

from .model import Busy, ChildPlan, Preferences, SubjectPlan, WeekInput

STRUCTURED = {"highly_structured", "moderate_structure"}


def week_days(
    week_start: dt.date, school_days: list[str] | tuple[str, ...] = WEEKDAYS[:5]
) -> tuple[dt.date, ...]:
    days = (week_start + dt.timedelta(days=offset) for offset in range(7))
    return tuple(day for day in days if WEEKDAYS[day.weekday()] in school_days)


def occurrences(
    commitments: list[dict], days: tuple[dt.date, ...]
) -> dict[dt.date, tuple[Busy, ...]]:
    out: dict[dt.date, tuple[Busy, ...]] = {}
    for day in days:
        todays = tuple(
            Busy(c["name"], minutes(c["startTime"]), minutes(c["endTime"]), c.get("id"))
            for c in commitments
            if occurs_on(
                day,
                frequency=c["frequency"],
                days_of_week=c.get("daysOfWeek", []),
                day_of_month=c.get("dayOfMonth"),
                week_of_month=c.get("weekOfMonth"),
                date=dt.date.fromisoformat(c["date"]) if c.get("date") else None,
            )
        )
        if todays:
            out[day] = todays
    return out


def age_in_week(section2: dict, week_start: dt.date) -> int:
    """The child's age on the week's Monday: from the birth date when given,
    else the age as answered."""
    if section2.get("birthDate"):
        return BirthDate.parse(section2["birthDate"]).age_on(week_start)
    return section2["age"]


def week_from_questionnaire(data: dict, week_start: dt.date, *, adults: int = 1) -> WeekInput:
    days = week_days(week_start)
    children = []
    for index, child in enumerate(data["children"]):
        child_id = child.get("id") or f"child-{index + 1}"
        subjects = tuple(
            SubjectPlan(
                id=subject.get("id") or f"{child_id}:subject-{number + 1}",
                name=subject["name"],
                duration=subject["sessionDuration"],
                frequency=subject["frequency"],
                involvement=subject["parentInvolvement"],
                interest=subject["interestLevel"],
                is_core=subject.get("isCoreSubject", False),
                fixed_start=(
                    minutes(subject["fixedTime"]["preferredTime"])
                    if subject.get("fixedTime", {}).get("required")
                    else None
                ),
            )
            for number, subject in enumerate(child["section4"]["subjects"])
        )
        children.append(
            ChildPlan(
                id=child_id,
                name=child["section2"]["name"],
                age=age_in_week(child["section2"], week_start),
                day_start=minutes(child["section6"]["startTime"]),
                day_end=minutes(child["section6"]["endTime"]),
                subjects=subjects,
                best_times=tuple(child["section6"].get("bestLearningTimes", [])),
                commitments=occurrences(
                    child.get("section3Child", {}).get("commitments", []), days
                ),
            )
        )
    section7 = data.get("section7", {})
    preferences = Preferences(
        scheduling_style=dict(section7.get("schedulingStyle", {})),
        structured=data.get("section5", {}).get("flexibility") in STRUCTURED,
    )
    return WeekInput(
        days=days,
        children=tuple(children),
        family_commitments=occurrences(data.get("section3", {}).get("commitments", []), days),
        adults=adults,
        preferences=preferences,
    )
