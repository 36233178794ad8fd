"""When a commitment happens: `occurs_on` for every recurrence rule (unsaved rows, no database)."""

import calendar
import datetime as dt

import pytest

from brightpath.families.models import ChildCommitment, FamilyCommitment

D = dt.date


def commitment(model=FamilyCommitment, **rule) -> FamilyCommitment | ChildCommitment:
    return model(
        name="Commitment",
        start_time=dt.time(10),
        end_time=dt.time(11),
        **{"days_of_week": []} | rule,
    )


def days_in(year: int, month: int) -> list[dt.date]:
    return [D(year, month, day) for day in range(1, calendar.monthrange(year, month)[1] + 1)]


def occurrences(row, year: int, month: int) -> list[dt.date]:
    return [day for day in days_in(year, month) if row.occurs_on(day)]


def test_daily_happens_every_day():
    daily = commitment(frequency="daily")
    assert occurrences(daily, 2026, 2) == days_in(2026, 2)
    assert occurrences(daily, 2026, 4) == days_in(2026, 4)


def test_weekly_happens_on_its_days_only():
    meeting = commitment(frequency="weekly", days_of_week=["Tuesday", "Thursday"])
    assert occurrences(meeting, 2026, 4) == [
        D(2026, 4, 2),
        D(2026, 4, 7),
        D(2026, 4, 9),
        D(2026, 4, 14),
        D(2026, 4, 16),
        D(2026, 4, 21),
        D(2026, 4, 23),
        D(2026, 4, 28),
        D(2026, 4, 30),
    ]
    assert not meeting.occurs_on(D(2026, 4, 8))  # a Wednesday


def test_weekly_on_a_weekend_day():
    market = commitment(model=ChildCommitment, frequency="weekly", days_of_week=["Sunday"])
    assert occurrences(market, 2026, 3) == [
        D(2026, 3, 1),
        D(2026, 3, 8),
        D(2026, 3, 15),
        D(2026, 3, 22),
        D(2026, 3, 29),
    ]


@pytest.mark.parametrize(
    ("day_of_month", "year", "month", "expected_day"),
    [
        (15, 2026, 4, 15),
        (1, 2026, 2, 1),
        (31, 2026, 1, 31),
        (31, 2026, 4, 30),  # the 31st of a 30-day month falls on its last day
        (31, 2026, 2, 28),  # ...and of February on the 28th
        (30, 2026, 2, 28),
        (29, 2026, 2, 28),
        (29, 2028, 2, 29),  # a leap year has its 29th
        (31, 2028, 2, 29),
        (28, 2028, 2, 28),
    ],
)
def test_monthly_by_day_of_month_happens_once_a_month(day_of_month, year, month, expected_day):
    rent = commitment(frequency="monthly", day_of_month=day_of_month)
    assert occurrences(rent, year, month) == [D(year, month, expected_day)]


@pytest.mark.parametrize(
    ("week_of_month", "weekday", "year", "month", "expected"),
    [
        (2, "Wednesday", 2026, 4, [D(2026, 4, 8)]),  # the 1st of April 2026 is a Wednesday
        (1, "Wednesday", 2026, 4, [D(2026, 4, 1)]),
        (2, "Wednesday", 2026, 3, [D(2026, 3, 11)]),
        (-1, "Friday", 2026, 4, [D(2026, 4, 24)]),
        (-1, "Friday", 2026, 1, [D(2026, 1, 30)]),  # a month with five Fridays
        (-1, "Saturday", 2026, 2, [D(2026, 2, 28)]),  # the last day of the month
        (5, "Monday", 2026, 3, [D(2026, 3, 30)]),  # March 2026 has five Mondays
        (5, "Monday", 2026, 4, []),  # April 2026 has four: no meeting that month
        (4, "Monday", 2026, 4, [D(2026, 4, 27)]),
    ],
)
def test_monthly_nth_weekday(week_of_month, weekday, year, month, expected):
    co_op = commitment(frequency="monthly", week_of_month=week_of_month, days_of_week=[weekday])
    assert occurrences(co_op, year, month) == expected


def test_one_time_happens_on_its_date_only():
    recital = commitment(frequency="one-time", date=D(2026, 5, 16))
    assert recital.occurs_on(D(2026, 5, 16))
    assert occurrences(recital, 2026, 5) == [D(2026, 5, 16)]
    assert not recital.occurs_on(D(2027, 5, 16))
    assert occurrences(recital, 2026, 6) == []
