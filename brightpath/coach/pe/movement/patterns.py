"""Reference patterns: how an exercise should look, as `movement_patterns.metrics` holds it.

    {"primaryJoint": "knee",              the joint repetitions are counted on
     "restAngle": "high",                 its angle at rest: "high" (straight) or "low"
     "awayPhase": "eccentric",            the phase leaving rest: eccentric or concentric
     "romRange": {"knee": [80, 125], "hip": [70, 130]},   expected degrees per joint
     "repSeconds": [1.5, 5.0],            expected duration of one repetition
     "minRepSeconds": 0.6,                optional: shorter movements are not repetitions
     "requiredDepth": 35,                 optional: degrees a repetition must cover at least
                                          (default REQUIRED_SHARE of the smallest expected
                                          range of the primary joint)
     "cutoffHz": 4.0,                     optional: the smoothing filter's cutoff
     "symmetryMin": 85,                   optional: symmetry index under this is a finding
     "curve": [178.0, ..., 178.0],        the primary joint's angle over one repetition,
                                          CURVE_POINTS (any >= 11) evenly spaced samples
     "cues": {"rom_below_expected": "Sit back and lower until ..."}}   optional advice

The shipped patterns (data/patterns.json: squat, push_up, bicep_curl, jumping_jack) were
made from the kinematic model in synthetic.py. `pattern_from_metrics` checks one and
raises MovementInputError naming the field ("metrics.romRange.knee").
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from .landmarks import JOINTS
from .parsing import MovementInputError
from .signal import resample

DATA = Path(__file__).parent / "data"
CURVE_POINTS = 51
REQUIRED_SHARE = 0.4
DEFAULT_CUTOFF_HZ = 4.0
DEFAULT_MIN_REP_SECONDS = 0.4
DEFAULT_SYMMETRY_MIN = 85.0


@dataclass(frozen=True)
class ReferencePattern:
    primary_joint: str
    rest_angle: str = "high"
    away_phase: str = "eccentric"
    rom_range: dict[str, tuple[float, float]] = field(default_factory=dict)
    rep_seconds: tuple[float, float] | None = None
    min_rep_seconds: float = DEFAULT_MIN_REP_SECONDS
    required_depth: float | None = None
    cutoff_hz: float = DEFAULT_CUTOFF_HZ
    symmetry_min: float = DEFAULT_SYMMETRY_MIN
    curve: tuple[float, ...] = ()
    cues: dict[str, str] = field(default_factory=dict)
    exercise: str = ""

    @property
    def depth_needed(self) -> float:
        """Degrees a repetition must cover to count (0 when the pattern says nothing)."""
        if self.required_depth is not None:
            return self.required_depth
        expected = self.rom_range.get(self.primary_joint)
        return REQUIRED_SHARE * expected[0] if expected else 0.0


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise MovementInputError("must be a number", path)
    return float(value)


def _positive(value: Any, path: str) -> float:
    if _number(value, path) <= 0:
        raise MovementInputError("must be positive", path)
    return float(value)


def _range(value: Any, path: str, upper: float | None = None) -> tuple[float, float]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise MovementInputError("must be [lowest, highest]", path)
    lo, hi = (_number(v, f"{path}[{k}]") for k, v in enumerate(value))
    if lo < 0:
        raise MovementInputError("must not be negative", f"{path}[0]")
    if lo > hi:
        raise MovementInputError(f"lowest {lo:g} is above highest {hi:g}", path)
    if upper is not None and hi > upper:
        raise MovementInputError(f"at most {upper:g}", path)
    return lo, hi


def _choice(metrics: dict, key: str, options: tuple[str, ...], default: str) -> str:
    value = metrics.get(key, default)
    if value not in options:
        raise MovementInputError(f"must be one of {', '.join(options)}", f"metrics.{key}")
    return value


def pattern_from_metrics(metrics: Any, *, exercise: str = "") -> ReferencePattern:
    """A reference pattern from its `metrics` JSON, checked field by field."""
    if not isinstance(metrics, dict):
        raise MovementInputError("must be an object", "metrics")
    primary = metrics.get("primaryJoint")
    if primary not in JOINTS:
        raise MovementInputError(f"must be one of {', '.join(JOINTS)}", "metrics.primaryJoint")
    rom = metrics.get("romRange", {})
    if not isinstance(rom, dict):
        raise MovementInputError("must map joints to [lowest, highest] degrees", "metrics.romRange")
    rom_range = {}
    for joint, value in rom.items():
        if joint not in JOINTS:
            raise MovementInputError(
                f"unknown joint; use {', '.join(JOINTS)}", f"metrics.romRange.{joint}"
            )
        rom_range[joint] = _range(value, f"metrics.romRange.{joint}", upper=180.0)
    rep_seconds = None
    if "repSeconds" in metrics:
        rep_seconds = _range(metrics["repSeconds"], "metrics.repSeconds")
    curve = metrics.get("curve", [])
    if not isinstance(curve, list) or (curve and len(curve) < 11):
        raise MovementInputError("must be a list of at least 11 angles", "metrics.curve")
    for k, value in enumerate(curve):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise MovementInputError("must be a number", f"metrics.curve[{k}]")
        if not 0 <= value <= 180:
            raise MovementInputError("must be 0-180 degrees", f"metrics.curve[{k}]")
    cues = metrics.get("cues", {})
    if not isinstance(cues, dict) or not all(isinstance(v, str) for v in cues.values()):
        raise MovementInputError("must map finding types to advice", "metrics.cues")
    optional = {
        key: _positive(metrics[key], f"metrics.{key}")
        for key in ("minRepSeconds", "requiredDepth", "cutoffHz", "symmetryMin")
        if key in metrics
    }
    return ReferencePattern(
        primary_joint=primary,
        rest_angle=_choice(metrics, "restAngle", ("high", "low"), "high"),
        away_phase=_choice(metrics, "awayPhase", ("eccentric", "concentric"), "eccentric"),
        rom_range=rom_range,
        rep_seconds=rep_seconds,
        min_rep_seconds=optional.get("minRepSeconds", DEFAULT_MIN_REP_SECONDS),
        required_depth=optional.get("requiredDepth"),
        cutoff_hz=optional.get("cutoffHz", DEFAULT_CUTOFF_HZ),
        symmetry_min=min(100.0, optional.get("symmetryMin", DEFAULT_SYMMETRY_MIN)),
        curve=tuple(float(v) for v in curve),
        cues=dict(cues),
        exercise=exercise,
    )


@cache
def shipped_patterns() -> tuple[dict, ...]:
    """The shipped reference patterns: [{"exercise", "name", "patternType",
    "description", "metrics"}] (data/patterns.json)."""
    return tuple(json.loads((DATA / "patterns.json").read_text()))


def load_pattern(exercise: str) -> ReferencePattern:
    """The shipped reference pattern of an exercise ("squat", "push_up", ...)."""
    for entry in shipped_patterns():
        if entry["exercise"] == exercise:
            return pattern_from_metrics(entry["metrics"], exercise=exercise)
    known = ", ".join(e["exercise"] for e in shipped_patterns())
    raise MovementInputError(f"no reference pattern for {exercise!r}; known: {known}", "exercise")


def curve_of(values: np.ndarray, points: int = CURVE_POINTS) -> list[float]:
    """A curve as patterns store it: `points` samples, one decimal."""
    return [round(float(v), 1) for v in resample(values, points)]
