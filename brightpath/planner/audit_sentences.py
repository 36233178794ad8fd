"""The family's history in words: one plain-text sentence per change.

Pure functions of stored values (an AuditEvent's action, names, changes and
context, or an ActivityLog's action, scheduled and actual), so the page and the
API say the same thing. Sentences are plain text; templates escape them.
"""

from __future__ import annotations

import datetime as dt

SYSTEM_ACTOR = "BrightPath"  # a change no person made (a nightly carry-over, a learned replan)

FIELD_LABELS = {
    "name": "name",
    "timeZone": "time zone",
    "schoolDays": "school days",
    "adults": "adults teaching",
    "birthDate": "birth date",
    "bestLearningTimes": "best learning times",
    "startTime": "start time",
    "endTime": "end time",
    "frequency": "frequency",
    "daysOfWeek": "days",
    "dayOfMonth": "day of the month",
    "weekOfMonth": "week of the month",
    "date": "date",
    "isCoreSubject": "core subject",
    "sessionDuration": "session length",
    "parentInvolvement": "parent involvement",
    "fixedTime": "fixed time",
    "interestLevel": "interest",
    "metadata": "details",
    "children": "children",
    "subjects": "subjects",
    "password": "password",
}
CONSENT_LABELS = {
    "coppa": "the parental consent (COPPA)",
    "terms": "the terms of service",
    "privacy": "the privacy notice",
    "marketing": "marketing emails",
    "data_sharing": "data sharing",
}
MAX_VALUE_CHARS = 60


def day_text(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def clock_text(hhmm: str | None) -> str:
    """ "09:00" -> "9:00" (the page's way of writing a time)."""
    if not hhmm:
        return ""
    hour, _, minute = hhmm.partition(":")
    return f"{int(hour)}:{minute}"


def _value(value: object) -> str:
    if value is None or value == "" or value == []:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        text = ", ".join(_value(v) for v in value)
    elif isinstance(value, dict):
        text = ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def _ordered(fields) -> list[str]:
    """Fields in FIELD_LABELS' order: PostgreSQL's JSONB does not keep a dict's order."""
    order = list(FIELD_LABELS)
    return sorted(fields, key=lambda f: (order.index(f) if f in order else len(order), f))


def changes_text(changes: dict) -> str:
    """The changes in words, e.g. 'name from Emma to Emmy; start time from 09:00 to 08:30'
    (a secret says only 'password changed')."""
    parts = []
    for field in _ordered(changes):
        change = changes[field]
        label = FIELD_LABELS.get(field, field)
        before, after = change.get("before"), change.get("after")
        if before == "[hidden]":
            parts.append(f"{label} changed")
        elif before is None:
            parts.append(f"{label} {_value(after)}")
        else:
            parts.append(f"{label} from {_value(before)} to {_value(after)}")
    return "; ".join(parts)


def _for(name: str, child: str) -> str:
    return f"{name} for {child}" if child else name


def _with_changes(sentence: str, changes: dict) -> str:
    text = changes_text(changes)
    return f"{sentence}: {text}." if text else f"{sentence}."


def event_sentence(
    *, actor: str, action: str, target_name: str, changes: dict, context: dict
) -> str:
    """An AuditEvent as a sentence ("Sarah changed Mathematics for Emma: ...")."""
    child = context.get("childName", "")
    noun, _, verb = action.partition(".")
    if noun == "account":
        if verb == "password_changed":
            return f"{actor} changed their password."
        if verb == "google_linked":
            return f"{actor} linked their Google account for signing in."
        return _with_changes(f"{actor} changed their account", changes)
    if noun == "consent":
        what = CONSENT_LABELS.get(context.get("consentType", ""), "a notice")
        version = context.get("version")
        suffix = f" (version {version})" if version else ""
        if verb == "granted":
            return f"{actor} agreed to {what}{suffix}."
        return f"{actor} withdrew their agreement to {what}{suffix}."
    if noun == "family":
        return _with_changes(f"{actor} changed the family’s settings", changes)
    if noun == "questionnaire":
        if verb == "submitted":
            return f"{actor} answered the questionnaire."
        changed = ", ".join(FIELD_LABELS.get(f, f) for f in _ordered(changes))
        if changed:
            return f"{actor} re-submitted the questionnaire, changing the {changed}."
        return f"{actor} re-submitted the questionnaire with the same answers."
    if noun == "child":
        if verb == "added":
            return f"{actor} added {target_name}."
        if verb == "removed":
            return f"{actor} removed {target_name}."
        return _with_changes(f"{actor} changed {target_name}’s profile", changes)
    if noun in ("subject", "commitment"):
        owner = f"{child}’s" if child else "the parent’s" if noun == "commitment" else ""
        thing = f"{owner} {noun} {target_name}".strip()
        if verb == "added":
            return f"{actor} added {thing}."
        if verb == "removed":
            return f"{actor} removed {thing}."
        return _with_changes(f"{actor} changed {thing}", changes)
    if noun == "schedule":
        week = context.get("weekStart")
        when = f"the week of {day_text(dt.date.fromisoformat(week))}" if week else "a week"
        return f"{actor} re-planned {when} for {child or target_name}."
    return f"{actor}: {action}."


def log_sentence(
    *, actor: str, action: str, name: str, child: str, scheduled: dict, actual: dict
) -> str:
    """An ActivityLog row (an item's action) as a sentence."""
    item = _for(name, child)
    day = dt.date.fromisoformat(scheduled["date"]) if scheduled.get("date") else None
    at = f"{day_text(day)} {clock_text(scheduled.get('startTime'))}".strip() if day else ""
    reason = (actual or {}).get("reason") or ""
    if action == "rescheduled":
        new_day = dt.date.fromisoformat(actual["newDate"])
        to = f"{day_text(new_day)} {clock_text(actual.get('newStartTime'))}"
        forced = " despite a clash" if actual.get("forced") else ""
        return f"{actor} moved {item} from {at} to {to}{forced}."
    verbs = {
        "completed": f"marked {item} done",
        "uncompleted": f"marked {item} not done",
        "skipped": f"skipped {item}",
        "unskipped": f"put {item} back in the plan",
        "added": f"added {item}",
        "deleted": f"deleted {item}",
    }
    sentence = f"{actor} {verbs.get(action, f'{action} {item}')}"
    if at:
        sentence += f" on {at}"
    if action == "skipped" and reason:
        sentence += f" ({reason})"
    return sentence + "."
