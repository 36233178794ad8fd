"""Scoring the analysis against recordings with known truth (the benchmark and tests).

A recording's score: the repetition count against the true count, and the range of
motion of every joint side that truly moves (ROM_SCORED_DEGREES or more) against the
model's (the median over repetitions of each repetition's max - min of the noise-free
angle); the primary joint is reported apart. The baseline is what a first attempt would
do: the raw angle (no smoothing), one threshold halfway between its extremes (no
hysteresis), a repetition at each crossing away from rest, and range of motion as the
raw max - min between crossings.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .analysis import analyse
from .angles import joint_angles
from .landmarks import JOINT_SIDES, SIDES
from .parsing import parse_recording
from .patterns import ReferencePattern, load_pattern
from .recording import prepare

RECORDINGS = Path(__file__).parent / "data" / "recordings"
ROM_SCORED_DEGREES = 10.0
ROM_TOLERANCE = 5.0


@dataclass
class Score:
    name: str
    exercise: str
    true_count: int
    count: int
    primary_errors: list[float]  # estimated - true ROM, each side of the primary joint
    joint_errors: dict[str, float] = field(default_factory=dict)  # "knee.left" -> error
    seconds: float = 0.0

    @property
    def count_error(self) -> int:
        return self.count - self.true_count


def shipped_manifest() -> list[dict]:
    return json.loads((RECORDINGS / "manifest.json").read_text())


def baseline(data: bytes | str, pattern: ReferencePattern) -> tuple[int, dict[str, float]]:
    """(count, ROM per side of the primary joint) by the naive method."""
    recording = prepare(parse_recording(data))
    angles = joint_angles(recording.points, recording.dims)
    primary = pattern.primary_joint
    columns = [JOINT_SIDES.index((primary, side)) for side in SIDES]
    signal = np.nanmean(angles[:, columns], axis=1)
    if pattern.rest_angle == "low":
        signal = -signal
    finite = np.isfinite(signal)
    middle = 0.5 * (np.nanmin(signal) + np.nanmax(signal))
    below = np.where(finite, signal < middle, False)
    crossings = np.flatnonzero(~below[:-1] & below[1:]) + 1
    roms = {}
    for side, c in zip(SIDES, columns, strict=True):
        values = angles[:, c]
        spans = [
            np.nanmax(values[a:b]) - np.nanmin(values[a:b])
            for a, b in zip(crossings[:-1], crossings[1:], strict=True)
        ]
        roms[side] = (
            float(np.median(spans)) if spans else float(np.nanmax(values) - np.nanmin(values))
        )
    return len(crossings), roms


def score(
    name: str, exercise: str, data: bytes | str, truth: dict, true_count: int
) -> tuple[Score, Score]:
    """(analysis score, baseline score) of one recording; truth: joint -> side -> ROM."""
    pattern = load_pattern(exercise)
    started = time.perf_counter()
    analysis = analyse(parse_recording(data), pattern)
    seconds = time.perf_counter() - started
    primary = pattern.primary_joint
    joint_errors = {}
    for joint, sides in truth.items():
        for side, true_rom in sides.items():
            measured = analysis.ranges.get(joint, {}).get(side)
            if true_rom >= ROM_SCORED_DEGREES and measured is not None:
                joint_errors[f"{joint}.{side}"] = measured.rom_degrees - true_rom
    primary_errors = [
        joint_errors[f"{primary}.{s}"] for s in SIDES if f"{primary}.{s}" in joint_errors
    ]
    ours = Score(name, exercise, true_count, analysis.count, primary_errors, joint_errors, seconds)
    count, roms = baseline(data, pattern)
    theirs = Score(
        name,
        exercise,
        true_count,
        count,
        [roms[s] - truth[primary][s] for s in SIDES],
    )
    return ours, theirs


def summarise(scores: list[Score]) -> dict:
    """Exact-count rate, within-one rate, ROM errors and pass rates of a set."""
    count_errors = np.array([s.count_error for s in scores])
    primary = np.abs(np.concatenate([s.primary_errors for s in scores]))
    joints = np.abs(np.concatenate([list(s.joint_errors.values()) for s in scores] or [[]]))
    return {
        "recordings": len(scores),
        "countExact": float(np.mean(count_errors == 0)),
        "countWithinOne": float(np.mean(np.abs(count_errors) <= 1)),
        "countMeanAbsError": float(np.mean(np.abs(count_errors))),
        "primaryRomMeanAbsError": float(primary.mean()),
        "primaryRomMaxAbsError": float(primary.max()),
        "primaryRomWithin5": float(np.mean(primary <= ROM_TOLERANCE)),
        "allJointsRomMeanAbsError": float(joints.mean()) if joints.size else None,
        "allJointsRomWithin5": float(np.mean(joints <= ROM_TOLERANCE)) if joints.size else None,
        "misses": [
            {
                "recording": s.name,
                "trueCount": s.true_count,
                "count": s.count,
                "primaryRomErrors": [round(e, 1) for e in s.primary_errors],
            }
            for s in scores
            if s.count_error != 0 or any(abs(e) > ROM_TOLERANCE for e in s.primary_errors)
        ],
    }
