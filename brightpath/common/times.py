"""Clock times as minutes after midnight, the unit the scheduler works in."""


def minutes(clock: str) -> int:
    """'HH:MM' -> minutes after midnight."""
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def clock(minutes: int) -> str:
    """Minutes after midnight -> 'HH:MM'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
