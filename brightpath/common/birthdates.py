"""A child's birth date, and the age it gives on any day (pure: no Django).

A parent gives a full date ("2019-09-14") or only the month ("2019-09"); a child
known only by an age (the questionnaire's older format, and children stored
before birth dates) gets an estimated birth month: the month of the day the age
was given, that many years earlier, so the child is that age then and grows a
year older each time that month comes round.

A month-only or estimated birth date is stored as the first of its month: the
child is counted a year older from the start of the birth month.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DAY, MONTH, APPROXIMATE = "day", "month", "approximate"
PRECISIONS = (DAY, MONTH, APPROXIMATE)
PRECISION_LABELS = {
    DAY: "Full date",
    MONTH: "Month and year",
    APPROXIMATE: "Estimated from an age",
}

_TEXT = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
# The JSON Schema pattern of the text (month 01-12; a day that exists is checked in code).
PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$"


@dataclass(frozen=True)
class BirthDate:
    date: dt.date  # the first of the month unless precision is DAY
    precision: str = DAY

    @classmethod
    def parse(cls, text: str) -> BirthDate:
        """ "YYYY-MM-DD" (a full date) or "YYYY-MM" (the month); ValueError otherwise."""
        found = _TEXT.match(text.strip()) if isinstance(text, str) else None
        if not found:
            raise ValueError(f"not a YYYY-MM-DD or YYYY-MM date: {text!r}")
        year, month, day = found.groups()
        if day is None:
            return cls(dt.date(int(year), int(month), 1), MONTH)
        return cls(dt.date(int(year), int(month), int(day)), DAY)

    @classmethod
    def estimated(cls, age: int, today: dt.date) -> BirthDate:
        """The birth month of a child who is `age` on `today`: today's month, `age` years ago."""
        return cls(dt.date(today.year - age, today.month, 1), APPROXIMATE)

    @property
    def text(self) -> str:
        """ "YYYY-MM-DD" for a full date, "YYYY-MM" for a month or an estimate."""
        if self.precision == DAY:
            return self.date.isoformat()
        return f"{self.date.year:04d}-{self.date.month:02d}"

    @property
    def is_estimate(self) -> bool:
        return self.precision == APPROXIMATE

    def age_on(self, day: dt.date) -> int:
        """Whole years between the birth date and `day` (a 29 February birthday
        comes on 1 March in other years)."""
        born = self.date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
