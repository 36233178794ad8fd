"""Signal extraction on hand-made logs (insights.learning.signals)."""

import datetime as dt

from brightpath.insights.learning.signals import (
    CARRY_OVER,
    COMPLETE,
    MOVE,
    SKIP,
    LogEvent,
    extract,
)

MONDAY = dt.date(2026, 1, 5)
SCHEDULED = {"startTime": "13:00", "endTime": "13:45", "original": {"name": "Mathematics"}}


def log(action, actual=None, *, day=MONDAY, scheduled=SCHEDULED, item="i1"):
    return LogEvent.from_activity_log(
        child_id="c1",
        subject_id="math",
        subject_name="Mathematics",
        action=action,
        date=day,
        scheduled=scheduled,
        actual=actual,
        item_id=item,
    )


def test_a_move_earlier_has_its_direction_size_and_day():
    (move,) = extract(
        [
            log(
                "rescheduled",
                {"rescheduled": True, "newDate": "2026-01-06", "newStartTime": "09:30"},
            )
        ]
    )
    assert move.kind == MOVE
    assert (move.subject_name, move.day, move.weekday) == ("Mathematics", MONDAY, 0)
    assert (move.start, move.to_start, move.shift) == (13 * 60, 9 * 60 + 30, -210)
    assert (move.direction, move.day_shift) == ("earlier", 1)
    assert move.planned_minutes == 45


def test_a_move_to_another_day_at_the_same_time_has_no_direction():
    (move,) = extract([log("rescheduled", {"newDate": "2026-01-08", "newStartTime": "13:00"})])
    assert (move.shift, move.day_shift, move.direction) == (0, 3, "same")


def test_carry_over_is_not_the_parents_move():
    (example,) = extract(
        [log("rescheduled", {"newDate": "2026-01-06", "newStartTime": "10:00", "carryOverId": "x"})]
    )
    assert example.kind == CARRY_OVER


def test_completion_carries_engagement_and_actual_time():
    (done,) = extract(
        [
            log(
                "completed",
                {"completed": True, "childEngagement": 4, "startTime": "13:05", "endTime": "13:35"},
            )
        ]
    )
    assert done.kind == COMPLETE
    assert (done.engagement, done.actual_minutes) == (4, 30)


def test_skip_and_undo():
    events = [
        log("completed", {"completed": True}),
        log("uncompleted", {"uncompleted": True}),
        log("skipped", {"skipped": True}, item="i2"),
        log("added", {"added": True}, item="i3"),
        log("deleted", {"deleted": True}, item="i4"),
    ]
    examples = extract(events)
    assert [e.kind for e in examples] == [SKIP]


def test_unskip_takes_back_only_the_same_item():
    events = [
        log("skipped", {"skipped": True}, item="i1"),
        log("skipped", {"skipped": True}, item="i2"),
        log("unskipped", {"unskipped": True}, item="i2"),
    ]
    assert len(extract(events)) == 1


def test_a_reschedule_without_a_destination_says_nothing():
    assert extract([log("rescheduled", {"rescheduled": True})]) == []
