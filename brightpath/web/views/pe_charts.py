"""Skill progress as a line chart the server draws: the numbers an inline SVG needs
(no chart library, nothing to run in the browser), and the words that say the same
to someone who cannot see it.

A series is a student's scores (0-100) at one activity, by date. The x axis is time
(points sit where their dates fall, so a gap of weeks looks like one), the y axis the
score from 0 to 100.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 34  # room for the axes' labels
GRID = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Point:
    day: dt.date
    score: float
    source: str
    x: float
    y: float


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def progress_chart(series: list[dict]) -> dict | None:
    """What the template draws for a series of {"date", "score", "source"} (None when
    empty): the points, the polyline, the grid and the first/last dates."""
    rows = sorted(
        ((_day(p["date"]), float(p["score"]), p.get("source", "")) for p in series),
        key=lambda row: row[0],
    )
    if not rows:
        return None
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    first, last = rows[0][0], rows[-1][0]
    span = (last - first).days

    def x_of(index: int, day: dt.date) -> float:
        if span:
            return LEFT + inner_w * (day - first).days / span
        # One day only: spread the points of that day evenly across the chart.
        return LEFT + inner_w * ((index + 1) / (len(rows) + 1))

    def y_of(score: float) -> float:
        return TOP + inner_h * (1 - max(0.0, min(100.0, score)) / 100)

    points = [
        Point(day, score, source, round(x_of(i, day), 1), round(y_of(score), 1))
        for i, (day, score, source) in enumerate(rows)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": points,
        "polyline": " ".join(f"{p.x},{p.y}" for p in points),
        "grid": [{"value": value, "y": round(y_of(value), 1)} for value in GRID],
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "axis_y": HEIGHT - BOTTOM,
        "label_y": HEIGHT - 10,
        "first": points[0],
        "last": points[-1],
        "summary": _summary(points),
    }


def _summary(points: list[Point]) -> str:
    """The chart in one sentence, for screen readers (the table has every point)."""
    first, last = points[0], points[-1]
    count = f"{len(points)} score{'s' if len(points) != 1 else ''}"
    if len(points) == 1:
        return f"{count}: {first.score:g} on {first.day:%-d %b %Y}."
    change = last.score - first.score
    trend = "up" if change > 0 else "down" if change < 0 else "level"
    return (
        f"{count}, from {first.score:g} on {first.day:%-d %b %Y} to {last.score:g} on "
        f"{last.day:%-d %b %Y} ({trend}" + (f" {abs(change):g} points" if change else "") + ")."
    )
