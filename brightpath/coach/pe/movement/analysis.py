"""Analysing a recording: repetitions, range of motion, tempo, symmetry, smoothness, and
the comparison with the exercise's reference pattern.

    analysis = analyse(parse_recording(data), load_pattern("squat"))
    analysis.as_dict()    # the JSON kept in movement_analysis.analysis_data

Steps: the body landmarks are smoothed (zero-phase Butterworth, the pattern's cutoff or
4 Hz), joint angles measured on them, the primary joint's angle (the mean of the sides
that can be measured) split into repetitions (reps.py), and every joint's range of motion
taken per repetition as the 1st-99th percentile span of its smoothed angle between the
repetition's rest peaks (the median over repetitions is the joint's range; without
repetitions, the 2nd-98th percentile span of the whole recording). Without a pattern the
primary joint is the one that moves most and its rest side is the level the recording
starts and ends at.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from scipy.signal import correlate

from .angles import joint_angles
from .landmarks import BODY_LANDMARKS, JOINT_SIDES, JOINTS, SIDES, joint_indices
from .parsing import MovementInputError, RawRecording
from .patterns import CURVE_POINTS, DEFAULT_CUTOFF_HZ, ReferencePattern
from .recording import MIN_VISIBILITY, Recording, prepare
from .reps import Repetition, find_repetitions
from .signal import dtw_distance, log_dimensionless_jerk, lowpass, sparc

ROM_PERCENTILES = (1.0, 99.0)  # the primary joint within one repetition, for its curve
EXTREME_ZONE = 0.06  # share of a repetition's range around each extreme that is averaged
GUIDE_CYCLES = 2.0  # the guide's cutoff: this many cycles per repetition (Hz = cycles/s)
GUIDE_MIN_HZ = 0.5
TEMPO_CYCLES = 6.0  # the second pass's cutoff: cycles per repetition
TEMPO_MIN_HZ = 1.5
OVERALL_PERCENTILES = (2.0, 98.0)  # over the whole recording
MOVING_JOINT_DEGREES = 20.0  # joints moving less are left out of symmetry
MAX_LAG_SECONDS = 0.5
TURNED_AWAY = 0.8
TURNED_AWAY_MARGIN = 0.1
SERIES_POINTS = 600
# SPARC of a phase's angular speed (away from rest, or back) mapped onto 0-1: one
# bell-shaped movement is about -1.4 to -1.6; three stop-and-go steps about -3
SPARC_SMOOTH, SPARC_JERKY = -1.6, -3.0
DTW_BAND = 0.1
SHAPE_TOLERANCE = 0.3  # mean DTW difference (0-1 scale) at which shape similarity is 0


@dataclass(frozen=True)
class Finding:
    """Something to tell the student: the seed's `issues_detected` entry."""

    type: str
    severity: str  # minor / moderate / major
    message: str
    recommendation: str
    joint: str | None = None


@dataclass(frozen=True)
class RepetitionResult:
    index: int
    start_seconds: float
    far_seconds: float
    end_seconds: float
    duration_seconds: float
    eccentric_seconds: float
    concentric_seconds: float
    hold_seconds: float
    rom_degrees: float  # the primary joint (sides averaged)
    sparc: float | None
    ldlj: float | None
    shape_correlation: float | None


@dataclass(frozen=True)
class JointRange:
    """One side of one joint. rom_degrees is the median over repetitions (the whole
    recording's percentile span when there are none); min and max alike."""

    joint: str
    side: str
    rom_degrees: float
    min_degrees: float
    max_degrees: float
    overall_rom_degrees: float
    per_rep: tuple[float, ...]


@dataclass
class MovementAnalysis:
    exercise: str | None
    primary_joint: str
    rest_angle: str
    sides: tuple[str, ...]  # the sides the primary joint was measured on
    fps: float
    frames: int
    duration_seconds: float
    dims: int
    repetitions: list[RepetitionResult]
    partial_repetitions: int
    ranges: dict[str, dict[str, JointRange]]  # joint -> side -> range
    tempo: dict[str, Any]
    symmetry: dict[str, Any]
    smoothness: dict[str, Any]
    comparison: dict[str, Any] | None
    metrics: dict[str, float]
    quality_score: float | None
    findings: list[Finding]
    recording: dict[str, Any]
    series: dict[str, list[float]]
    warnings: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.repetitions)

    def rom(self, joint: str) -> float | None:
        """A joint's range of motion in degrees, its measured sides averaged."""
        sides = self.ranges.get(joint, {})
        if not sides:
            return None
        return float(np.mean([r.rom_degrees for r in sides.values()]))

    def as_dict(self) -> dict[str, Any]:
        """The analysis as JSON (camelCase), the shape movement_analysis.analysis_data keeps:

        {"exercise", "primaryJoint", "restAngle", "sides", "dims",
         "recording": {"frames", "framesIn", "fps", "durationSeconds", "trimmedSeconds",
                       "filledValues", "spikes", "resampled", "coordinates"},
         "repetitions": {"count", "partial", "reps": [{"index", "startSeconds", ...}]},
         "rangeOfMotion": {joint: {"romDegrees", "left": {...}, "right": {...}}},
         "tempo", "symmetry", "smoothness", "comparison" (null without a pattern),
         "metrics": {"smoothness", "consistency", "speed", "rangeOfMotion"} (0-1 each),
         "qualityScore" (0-1), "issuesDetected": [{"type", "severity", "message",
         "recommendation", "joint"}], "recommendations": [str],
         "series": {"t": [...], "angle": [...]} (the primary joint, for a chart),
         "warnings": [str]}
        """
        return {
            "exercise": self.exercise,
            "primaryJoint": self.primary_joint,
            "restAngle": self.rest_angle,
            "sides": list(self.sides),
            "dims": self.dims,
            "recording": self.recording,
            "repetitions": {
                "count": self.count,
                "partial": self.partial_repetitions,
                "reps": [_camel(asdict(r)) for r in self.repetitions],
            },
            "rangeOfMotion": {
                joint: {"romDegrees": _round(self.rom(joint))}
                | {
                    side: _camel(asdict(r) | {"per_rep": [_round(v) for v in r.per_rep]})
                    for side, r in sides.items()
                }
                for joint, sides in self.ranges.items()
            },
            "tempo": self.tempo,
            "symmetry": self.symmetry,
            "smoothness": self.smoothness,
            "comparison": self.comparison,
            "metrics": self.metrics,
            "qualityScore": self.quality_score,
            "issuesDetected": [_camel(asdict(f)) for f in self.findings],
            "recommendations": list(dict.fromkeys(f.recommendation for f in self.findings)),
            "series": self.series,
            "warnings": self.warnings,
        }


def _camel(values: dict) -> dict:
    out = {}
    for key, value in values.items():
        head, *rest = key.split("_")
        name = head + "".join(part.title() for part in rest)
        out[name] = _round(value) if isinstance(value, float) else value
    return out


def _round(value: float | None, digits: int = 2) -> float | None:
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), digits)


# --- the steps ----------------------------------------------------------------------------


def _usable_sides(recording: Recording) -> tuple[dict[str, list[str]], list[str]]:
    """joint -> the sides it can be measured on, and a warning for each side left out.

    A side is left out when one of its landmarks has a gap too long to fill, or when it
    faces away from the camera: its landmarks' mean visibility is under TURNED_AWAY while
    the other side's is at least TURNED_AWAY_MARGIN higher (filmed from the side, the far
    limbs are guesses that would add their noise to the near ones)."""
    gapped = {}
    for gap in recording.gaps:
        gapped.setdefault(gap.landmark, gap)
    usable: dict[str, list[str]] = {joint: [] for joint in JOINTS}
    warnings = []
    for joint, side in JOINT_SIDES:
        gaps = [gapped[i] for i in joint_indices(joint, side) if i in gapped]
        if gaps:
            gap = gaps[0]
            warnings.append(
                f"{side} {joint} not measured: {gap.describe(recording.offset, recording.fps)}"
            )
        else:
            usable[joint].append(side)
    if recording.visibility is None:
        return usable, warnings
    for joint in JOINTS:
        if len(usable[joint]) < 2:
            continue
        seen = {s: float(recording.visibility[list(joint_indices(joint, s))].mean()) for s in SIDES}
        weaker = min(SIDES, key=seen.get)
        stronger = max(SIDES, key=seen.get)
        if seen[weaker] < TURNED_AWAY and seen[stronger] - seen[weaker] >= TURNED_AWAY_MARGIN:
            usable[joint].remove(weaker)
            warnings.append(
                f"{weaker} {joint} not measured: turned away from the camera (visibility "
                f"{seen[weaker]:.2f} against {seen[stronger]:.2f} on the {stronger})"
            )
    return usable, warnings


def _refuse_primary(recording: Recording, joint: str) -> MovementInputError:
    landmarks = {i for side in SIDES for i in joint_indices(joint, side)}
    gap = next(g for g in recording.gaps if g.landmark in landmarks)
    frame = recording.first_frame + gap.start
    return MovementInputError(
        f"{gap.describe(recording.offset, recording.fps)} (missing, or visibility under "
        f"{MIN_VISIBILITY}); gaps of up to 0.5 s are filled, and the {joint}, the joint "
        "this exercise is measured on, is hidden on both sides: record with the whole body "
        "in view",
        f"frames[{frame}].landmarks[{gap.landmark}]",
    )


def _smoothed_angles(recording: Recording, cutoff: float) -> np.ndarray:
    body = list(BODY_LANDMARKS)
    points = recording.points.copy()
    n = len(points)
    block = points[:, body, :].reshape(n, -1)
    points[:, body, :] = lowpass(block, recording.fps, cutoff).reshape(n, len(body), 3)
    return joint_angles(points, recording.dims)


def _column(joint: str, side: str) -> int:
    return JOINT_SIDES.index((joint, side))


def _combined(angles: np.ndarray, joint: str, sides: list[str]) -> np.ndarray:
    signal = angles[:, [_column(joint, s) for s in sides]].mean(axis=1)
    bad = ~np.isfinite(signal)
    if bad.any() and (~bad).sum() >= 2:
        index = np.arange(len(signal))
        signal[bad] = np.interp(index[bad], index[~bad], signal[~bad])
    return signal


def _span(values: np.ndarray, percentiles: tuple[float, float]) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return float("nan"), float("nan")
    lo, hi = np.percentile(finite, percentiles)
    return float(lo), float(hi)


def _rest_angle(signal: np.ndarray, fps: float) -> str:
    """ "high" or "low": the level the recording starts and ends at, or failing that the
    one it dwells at."""
    lo, hi = _span(signal, OVERALL_PERCENTILES)
    middle = 0.5 * (lo + hi)
    edge = max(1, int(0.5 * fps))
    ends = np.concatenate([signal[:edge], signal[-edge:]])
    score = np.median(ends) - middle
    if abs(score) < 0.1 * (hi - lo):
        score = np.median(signal) - middle
    return "high" if score >= 0 else "low"


def _choose_primary(angles: np.ndarray, usable: dict[str, list[str]]) -> str:
    best, best_range = None, -1.0
    for joint in JOINTS:
        if not usable[joint]:
            continue
        lo, hi = _span(_combined(angles, joint, usable[joint]), OVERALL_PERCENTILES)
        if hi - lo > best_range:
            best, best_range = joint, hi - lo
    if best is None:
        raise MovementInputError(
            "no joint can be measured: every limb has a landmark hidden for over 0.5 s", "frames"
        )
    return best


def _extremes(values: np.ndarray, guide: np.ndarray) -> tuple[float, float]:
    """(low, high) levels of one repetition's angle: the mean of `values` where the more
    heavily smoothed `guide` is within EXTREME_ZONE of its range from its minimum and
    maximum. Taking the plain extremes of a noisy signal picks its noise peaks and
    overstates the range by several degrees; here noise decides neither where the
    extremes are nor, averaged, their level."""
    finite = np.isfinite(values) & np.isfinite(guide)
    if finite.sum() < 3:
        return float("nan"), float("nan")
    values, guide = values[finite], guide[finite]
    lo, hi = guide.min(), guide.max()
    zone = EXTREME_ZONE * (hi - lo)
    return float(values[guide <= lo + zone].mean()), float(values[guide >= hi - zone].mean())


def _shift(values: np.ndarray, frames: int) -> np.ndarray:
    """values[t + frames], the ends held."""
    if frames == 0:
        return values
    index = np.clip(np.arange(len(values)) + frames, 0, len(values) - 1)
    return values[index]


def _shared_guide(
    guides: np.ndarray, joint: str, side: str, sides: list[str], fps: float
) -> np.ndarray:
    """A side's guide averaged with the other side's, shifted by the lag between them:
    where a side's extremes lie is then not decided by its own noise alone."""
    own = guides[:, _column(joint, side)]
    if len(sides) < 2:
        return own
    other_side = next(s for s in sides if s != side)
    other = guides[:, _column(joint, other_side)]
    lag = _lag_seconds(own, other, fps)  # other follows own by lag
    return 0.5 * (own + _shift(other, int(round(lag * fps))))


def _ranges(
    angles: np.ndarray,
    usable: dict[str, list[str]],
    reps: list[Repetition],
    fps: float,
    cutoff: float,
) -> dict[str, dict[str, JointRange]]:
    ranges: dict[str, dict[str, JointRange]] = {}
    if reps:
        period = float(np.median([(r.end - r.start) / fps for r in reps]))
        guide_cutoff = min(cutoff, max(GUIDE_MIN_HZ, GUIDE_CYCLES / period))
        guides = lowpass(angles, fps, guide_cutoff)
    for joint in JOINTS:
        for side in usable[joint]:
            c = _column(joint, side)
            values = angles[:, c]
            if reps:
                guide = _shared_guide(guides, joint, side, usable[joint], fps)
            overall_lo, overall_hi = _span(values, OVERALL_PERCENTILES)
            spans = [
                _extremes(
                    values[r.window_start : r.window_end + 1],
                    guide[r.window_start : r.window_end + 1],
                )
                for r in reps
            ]
            spans = [(lo, hi) for lo, hi in spans if np.isfinite(lo)]
            if spans:
                lows, highs = np.array(spans).T
                per_rep = highs - lows
                rom, low, high = np.median(per_rep), np.median(lows), np.median(highs)
            else:
                per_rep = np.array([])
                rom, low, high = overall_hi - overall_lo, overall_lo, overall_hi
            if not np.isfinite(rom):
                continue
            ranges.setdefault(joint, {})[side] = JointRange(
                joint=joint,
                side=side,
                rom_degrees=float(rom),
                min_degrees=float(low),
                max_degrees=float(high),
                overall_rom_degrees=float(overall_hi - overall_lo),
                per_rep=tuple(float(v) for v in per_rep),
            )
    return ranges


def _repetition_results(
    t: np.ndarray,
    signal: np.ndarray,
    fine: np.ndarray,
    reps: list[Repetition],
    fps: float,
    pattern: ReferencePattern | None,
) -> tuple[list[RepetitionResult], list[np.ndarray]]:
    away_is_eccentric = pattern is None or pattern.away_phase == "eccentric"
    reference = np.asarray(pattern.curve) if pattern and pattern.curve else None
    if reference is not None:
        reference = np.interp(
            np.linspace(0, 1, CURVE_POINTS), np.linspace(0, 1, len(reference)), reference
        )
    velocity = np.gradient(fine, 1.0 / fps)  # smoothness on the less smoothed angle
    results, curves = [], []
    for k, rep in enumerate(reps):
        away = t[rep.hold_start] - t[rep.start]
        back = t[rep.end] - t[rep.hold_end]
        phases = (velocity[rep.start : rep.hold_start + 1], velocity[rep.hold_end : rep.end + 1])
        lo, hi = _span(signal[rep.window_start : rep.window_end + 1], ROM_PERCENTILES)
        curve = np.interp(
            np.linspace(t[rep.start], t[rep.end], CURVE_POINTS),
            t[rep.start : rep.end + 1],
            signal[rep.start : rep.end + 1],
        )
        curves.append(curve)
        correlation = None
        if reference is not None and np.std(curve) > 0 and np.std(reference) > 0:
            correlation = float(np.corrcoef(curve, reference)[0, 1])
        results.append(
            RepetitionResult(
                index=k + 1,
                start_seconds=float(t[rep.start]),
                far_seconds=float(0.5 * (t[rep.hold_start] + t[rep.hold_end])),
                end_seconds=float(t[rep.end]),
                duration_seconds=float(t[rep.end] - t[rep.start]),
                eccentric_seconds=float(away if away_is_eccentric else back),
                concentric_seconds=float(back if away_is_eccentric else away),
                hold_seconds=float(t[rep.hold_end] - t[rep.hold_start]),
                rom_degrees=hi - lo,
                sparc=_mean_finite([sparc(np.abs(phase), fps) for phase in phases]),
                ldlj=_mean_finite([log_dimensionless_jerk(phase, fps) for phase in phases]),
                shape_correlation=correlation,
            )
        )
    return results, curves


def _mean_finite(values: list[float]) -> float | None:
    finite = [v for v in values if np.isfinite(v)]
    return float(np.mean(finite)) if finite else None


def _median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return float(np.median(values)) if values else None


def _cv(values: list[float]) -> float | None:
    if len(values) < 2 or np.mean(values) == 0:
        return None
    return float(np.std(values) / np.mean(values))


def _tempo(reps: list[RepetitionResult]) -> dict[str, Any]:
    durations = [r.duration_seconds for r in reps]
    if not reps:
        return {"repsPerMinute": None, "medianRepSeconds": None}
    active = reps[-1].end_seconds - reps[0].start_seconds
    eccentric = _median([r.eccentric_seconds for r in reps])
    concentric = _median([r.concentric_seconds for r in reps])
    return {
        "repsPerMinute": _round(60.0 * len(reps) / active if active > 0 else None, 1),
        "medianRepSeconds": _round(_median(durations)),
        "shortestRepSeconds": _round(min(durations)),
        "longestRepSeconds": _round(max(durations)),
        "eccentricSeconds": _round(eccentric),
        "concentricSeconds": _round(concentric),
        "holdSeconds": _round(_median([r.hold_seconds for r in reps])),
        "eccentricConcentricRatio": _round(eccentric / concentric if concentric else None),
        "durationVariation": _round(_cv(durations), 3),
    }


def _lag_seconds(left: np.ndarray, right: np.ndarray, fps: float) -> float:
    """The delay of the right side behind the left (up to MAX_LAG_SECONDS) maximising
    their cross-correlation (FFT: fast on long recordings)."""
    a = np.nan_to_num(left - np.nanmean(left))
    b = np.nan_to_num(right - np.nanmean(right))
    max_lag = max(1, int(MAX_LAG_SECONDS * fps))
    if len(a) <= 2 * max_lag:
        return 0.0
    scores = correlate(b, a, mode="full", method="fft")  # index n-1 is no lag
    middle = len(a) - 1
    window = scores[middle - max_lag : middle + max_lag + 1]
    return float((int(np.argmax(window)) - max_lag) / fps)


def _symmetry(
    angles: np.ndarray,
    ranges: dict[str, dict[str, JointRange]],
    reps: list[RepetitionResult],
    fps: float,
) -> dict[str, Any]:
    """Per joint moving on both sides: ROM symmetry 100 * smaller / larger side, timing
    symmetry from the left-right lag (100 at none, 0 at a quarter of a repetition) and
    their mean; the index is their ROM-weighted mean (100 is perfectly even)."""
    period = _median([r.duration_seconds for r in reps]) or 2.0
    joints, weights, values = {}, [], []
    for joint, sides in ranges.items():
        if set(sides) != set(SIDES):
            continue
        left, right = sides["left"].rom_degrees, sides["right"].rom_degrees
        if max(left, right) < MOVING_JOINT_DEGREES:
            continue
        rom_symmetry = 100.0 * min(left, right) / max(left, right)
        lag = _lag_seconds(
            angles[:, _column(joint, "left")], angles[:, _column(joint, "right")], fps
        )
        timing = 100.0 * max(0.0, 1.0 - abs(lag) / (0.25 * period))
        index = 0.5 * (rom_symmetry + timing)
        joints[joint] = {
            "leftRomDegrees": _round(left),
            "rightRomDegrees": _round(right),
            "romSymmetry": _round(rom_symmetry, 1),
            "lagSeconds": _round(lag, 3),
            "timingSymmetry": _round(timing, 1),
            "index": _round(index, 1),
        }
        weights.append(0.5 * (left + right))
        values.append(index)
    overall = float(np.average(values, weights=weights)) if values else None
    return {"index": _round(overall, 1), "joints": joints}


def _smoothness(reps: list[RepetitionResult]) -> dict[str, Any]:
    sparc_median = _median([r.sparc for r in reps])
    score = None
    if sparc_median is not None:
        score = float(np.clip((sparc_median - SPARC_JERKY) / (SPARC_SMOOTH - SPARC_JERKY), 0, 1))
    return {
        "sparc": _round(sparc_median, 3),
        "ldlj": _round(_median([r.ldlj for r in reps]), 3),
        "score": _round(score, 3),
    }


def _shape_similarity(curves: list[np.ndarray], pattern: ReferencePattern) -> float | None:
    """0-100: how the median repetition's curve matches the pattern's, each scaled to
    0-1 by its own range (so depth is judged by range of motion, not here), by DTW."""
    if not curves or not pattern.curve:
        return None
    typical = np.median(np.array(curves), axis=0)
    reference = np.interp(
        np.linspace(0, 1, CURVE_POINTS), np.linspace(0, 1, len(pattern.curve)), pattern.curve
    )

    def scaled(curve: np.ndarray) -> np.ndarray:
        span = curve.max() - curve.min()
        return (curve - curve.min()) / span if span > 0 else np.zeros_like(curve)

    distance = dtw_distance(scaled(typical), scaled(reference), DTW_BAND)
    return 100.0 * max(0.0, 1.0 - distance / SHAPE_TOLERANCE)


def _severity(share: float) -> str:
    return "minor" if share < 0.1 else "moderate" if share < 0.25 else "major"


DEFAULT_ADVICE = {
    "no_repetitions": "Do the full movement, from the start position to the end and back.",
    "partial_repetitions": "Finish every repetition through the whole range before the next.",
    "rom_below_expected": "Move through a fuller range: go a little deeper each set.",
    "rom_above_expected": "Control the end of the movement; do not go past a comfortable range.",
    "tempo_too_fast": "Slow down: take about two seconds for each phase.",
    "tempo_too_slow": "Keep a steady rhythm; avoid long stops within a repetition.",
    "asymmetry": "Move both sides evenly; watch that one side does not lag or do less.",
    "inconsistent_depth": "Aim for the same depth and rhythm on every repetition.",
    "jerky_movement": "Move smoothly: one continuous motion down and one up, no jerks.",
    "shape_mismatch": "Follow the demonstrated movement: a steady lowering, then a steady rise.",
}


def _advice(kind: str, pattern: ReferencePattern | None) -> str:
    return (pattern.cues.get(kind) if pattern else None) or DEFAULT_ADVICE[kind]


def _findings(
    analysis: MovementAnalysis, pattern: ReferencePattern | None
) -> tuple[list[Finding], dict[str, float]]:
    """The issues to report, and the 0-1 scores of the seed's metrics."""
    findings: list[Finding] = []
    metrics: dict[str, float] = {}
    primary = analysis.primary_joint

    def add(kind: str, severity: str, message: str, joint: str | None = None) -> None:
        findings.append(Finding(kind, severity, message, _advice(kind, pattern), joint))

    if not analysis.repetitions:
        moved = analysis.rom(primary)
        add(
            "no_repetitions",
            "major",
            f"no complete repetition found: the {primary} moved {moved or 0:.0f}°",
            primary,
        )
    if analysis.partial_repetitions:
        add(
            "partial_repetitions",
            "minor" if analysis.partial_repetitions == 1 else "moderate",
            f"{analysis.partial_repetitions} partial repetition(s) did not go far enough to count",
            primary,
        )
    if pattern:
        scores = []
        for joint, (lo, hi) in pattern.rom_range.items():
            rom = analysis.rom(joint)
            if rom is None:
                continue
            if rom < lo:
                scores.append(rom / lo if lo else 1.0)
                add(
                    "rom_below_expected",
                    _severity((lo - rom) / lo),
                    f"{joint} ROM {rom:.0f}° below the expected {lo:.0f}-{hi:.0f}°",
                    joint,
                )
            elif rom > hi:
                excess = (rom - hi) / max(hi, 1.0)
                scores.append(max(0.0, 1.0 - excess))
                add(
                    "rom_above_expected",
                    _severity(excess),
                    f"{joint} ROM {rom:.0f}° above the expected {lo:.0f}-{hi:.0f}°",
                    joint,
                )
            else:
                scores.append(1.0)
        if scores:
            metrics["rangeOfMotion"] = round(float(np.mean(scores)), 3)
        duration = analysis.tempo.get("medianRepSeconds")
        if pattern.rep_seconds and duration:
            lo, hi = pattern.rep_seconds
            if duration < lo:
                add(
                    "tempo_too_fast",
                    _severity((lo - duration) / lo),
                    f"repetitions take {duration:.1f} s; {lo:g}-{hi:g} s expected",
                )
                metrics["speed"] = round(duration / lo, 3)
            elif duration > hi:
                add(
                    "tempo_too_slow",
                    _severity((duration - hi) / hi),
                    f"repetitions take {duration:.1f} s; {lo:g}-{hi:g} s expected",
                )
                metrics["speed"] = round(hi / duration, 3)
            else:
                metrics["speed"] = 1.0
    symmetry = analysis.symmetry["joints"].get(primary)
    symmetry_min = pattern.symmetry_min if pattern else 85.0
    if symmetry and symmetry["index"] is not None and symmetry["index"] < symmetry_min:
        add(
            "asymmetry",
            _severity((symmetry_min - symmetry["index"]) / symmetry_min),
            f"left {primary} ROM {symmetry['leftRomDegrees']:.0f}° and right "
            f"{symmetry['rightRomDegrees']:.0f}°, {abs(symmetry['lagSeconds']):.2f} s apart "
            f"(symmetry {symmetry['index']:.0f}/100)",
            primary,
        )
    rep_roms = [r.rom_degrees for r in analysis.repetitions]
    durations = [r.duration_seconds for r in analysis.repetitions]
    rom_cv, duration_cv = _cv(rep_roms), _cv(durations)
    if rom_cv is not None and duration_cv is not None:
        metrics["consistency"] = round(float(np.clip(1.0 - rom_cv - duration_cv, 0, 1)), 3)
        if rom_cv > 0.15:
            add(
                "inconsistent_depth",
                _severity(rom_cv - 0.15),
                f"the {primary}'s range varies by {100 * rom_cv:.0f}% between repetitions "
                f"({min(rep_roms):.0f}-{max(rep_roms):.0f}°)",
                primary,
            )
    score = analysis.smoothness["score"]
    if score is not None:
        metrics["smoothness"] = score
        if score < 0.4:
            add(
                "jerky_movement",
                "moderate" if score >= 0.2 else "major",
                f"the movement is jerky (smoothness {100 * score:.0f}/100, SPARC "
                f"{analysis.smoothness['sparc']:.2f})",
                primary,
            )
    if analysis.comparison and analysis.comparison.get("similarity") is not None:
        similarity = analysis.comparison["similarity"]
        if similarity < 60:
            add(
                "shape_mismatch",
                "moderate" if similarity >= 30 else "major",
                f"the {primary}'s movement matches the reference shape {similarity:.0f}/100",
                primary,
            )
    return findings, metrics


def _series(t: np.ndarray, signal: np.ndarray) -> dict[str, list[float]]:
    step = max(1, int(np.ceil(len(t) / SERIES_POINTS)))
    return {
        "t": [round(float(v), 2) for v in t[::step]],
        "angle": [round(float(v), 1) for v in signal[::step]],
    }


def analyse(
    recording: RawRecording | Recording,
    pattern: ReferencePattern | None = None,
    *,
    dims: int | None = None,
) -> MovementAnalysis:
    """Analyse a recording (as read, or prepared), against a reference pattern if given.

    Raises MovementInputError when the recording cannot be analysed (see recording.py)."""
    if isinstance(recording, RawRecording):
        recording = prepare(recording, dims=dims)
    fps = recording.fps
    cutoff = pattern.cutoff_hz if pattern else DEFAULT_CUTOFF_HZ
    angles = _smoothed_angles(recording, cutoff)
    usable, warnings = _usable_sides(recording)
    if pattern:
        primary = pattern.primary_joint
        if not usable[primary]:
            raise _refuse_primary(recording, primary)
    else:
        primary = _choose_primary(angles, usable)
    fine = _combined(angles, primary, usable[primary])
    rest = pattern.rest_angle if pattern else _rest_angle(fine, fps)
    sign = 1.0 if rest == "high" else -1.0
    settings = {
        "required_depth": pattern.depth_needed if pattern else 0.0,
        "min_seconds": pattern.min_rep_seconds if pattern else 0.4,
    }
    reps, partial = find_repetitions(sign * fine, fps, **settings)
    signal = fine
    if reps:
        # again at a cutoff set by the tempo: slow movements are measured on smoother angles
        period = float(np.median([(r.end - r.start) / fps for r in reps]))
        tempo_cutoff = min(cutoff, max(TEMPO_MIN_HZ, TEMPO_CYCLES / period))
        if tempo_cutoff < cutoff:
            slow_angles = _smoothed_angles(recording, tempo_cutoff)
            slow = _combined(slow_angles, primary, usable[primary])
            again, again_partial = find_repetitions(sign * slow, fps, **settings)
            if again:
                angles, signal, reps, partial = slow_angles, slow, again, again_partial
    t = recording.t
    results, curves = _repetition_results(t, signal, fine, reps, fps, pattern)
    ranges = _ranges(angles, usable, reps, fps, cutoff)
    comparison = None
    if pattern:
        similarity = _shape_similarity(curves, pattern)
        correlations = [r.shape_correlation for r in results]
        comparison = {
            "exercise": pattern.exercise or None,
            "similarity": _round(similarity, 1),
            "shapeCorrelation": _round(_median(correlations), 3),
            "expectedRom": {j: list(r) for j, r in pattern.rom_range.items()},
            "expectedRepSeconds": list(pattern.rep_seconds) if pattern.rep_seconds else None,
            "romDegrees": {j: _round(_rom_of(ranges, j)) for j in pattern.rom_range},
        }
    analysis = MovementAnalysis(
        exercise=pattern.exercise or None if pattern else None,
        primary_joint=primary,
        rest_angle=rest,
        sides=tuple(usable[primary]),
        fps=fps,
        frames=recording.frames,
        duration_seconds=recording.duration,
        dims=recording.dims,
        repetitions=results,
        partial_repetitions=partial,
        ranges=ranges,
        tempo=_tempo(results),
        symmetry=_symmetry(angles, ranges, results, fps),
        smoothness=_smoothness(results),
        comparison=comparison,
        metrics={},
        quality_score=None,
        findings=[],
        recording={
            "frames": recording.frames,
            "framesIn": recording.frames_in,
            "fps": _round(fps),
            "durationSeconds": _round(recording.duration),
            "trimmedSeconds": _round(recording.trimmed_seconds),
            "filledValues": recording.filled_values,
            "spikes": recording.spikes,
            "resampled": recording.resampled,
            "coordinates": "world" if recording.world else "image",
        },
        series=_series(t, signal),
        warnings=recording.warnings + warnings,
    )
    analysis.findings, analysis.metrics = _findings(analysis, pattern)
    parts = list(analysis.metrics.values())
    if comparison and comparison["similarity"] is not None:
        parts.append(comparison["similarity"] / 100.0)
    if analysis.symmetry["index"] is not None:
        parts.append(analysis.symmetry["index"] / 100.0)
    if not analysis.repetitions:
        parts.append(0.0)
    analysis.quality_score = round(float(np.mean(parts)), 3) if parts else None
    return analysis


def _rom_of(ranges: dict[str, dict[str, JointRange]], joint: str) -> float | None:
    sides = ranges.get(joint)
    return float(np.mean([r.rom_degrees for r in sides.values()])) if sides else None
