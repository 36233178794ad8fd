"""Spark's age groups (seed 003 `determine_age_group`): pure, no Django.

A child is 4 to 14 on the day their profile is made; the stored group follows
their age as they grow: the daily beat job `spark.refresh_age_groups` moves each
child whose birthday (on the parent's local calendar) changed it, and entering
the child's view with the PIN refreshes it too. A child past 14 stays in the
oldest group (`grown_age_group`).
"""

import datetime as dt

WONDER_CUBS, CURIOUS_EXPLORERS, MIND_MASTERS = "wonder_cubs", "curious_explorers", "mind_masters"
AGE_GROUPS = (WONDER_CUBS, CURIOUS_EXPLORERS, MIND_MASTERS)
LABELS = {
    WONDER_CUBS: "Wonder Cubs (4-6)",
    CURIOUS_EXPLORERS: "Curious Explorers (7-10)",
    MIND_MASTERS: "Mind Masters (11-14)",
}
YOUNGEST, OLDEST = 4, 14


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Whole years from `birth_date` to `day`."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_group_for(birth_date: dt.date, day: dt.date) -> str | None:
    """The seed's groups: 4-6, 7-10, 11-14; None for a child too young or too old."""
    age = age_on(birth_date, day)
    if age < YOUNGEST or age > OLDEST:
        return None
    if age <= 6:
        return WONDER_CUBS
    if age <= 10:
        return CURIOUS_EXPLORERS
    return MIND_MASTERS


def grown_age_group(birth_date: dt.date, day: dt.date) -> str:
    """The group of a child who already has a profile: as `age_group_for`, but one
    past 14 stays in the oldest group (and one not yet 4, whose birth date was
    mistyped, in the youngest) rather than losing their Spark."""
    group = age_group_for(birth_date, day)
    if group is not None:
        return group
    return MIND_MASTERS if age_on(birth_date, day) > OLDEST else WONDER_CUBS


def rank(age_group: str) -> int:
    """0 for the youngest group, 2 for the oldest (for "at least this group" checks)."""
    return AGE_GROUPS.index(age_group)
