"""Clock times: "HH:MM" text, minutes after midnight (the scheduler's unit), time objects."""

import datetime as dt


def minutes(clock: str) -> int:
    """'HH:MM' -> minutes after midnight."""
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def clock(minutes: int) -> str:
    """Minutes after midnight -> 'HH:MM'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_clock(value: str) -> dt.time:
    """'HH:MM' -> a time of day."""
    return dt.datetime.strptime(value, "%H:%M").time()
