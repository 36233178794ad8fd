"""Repetitions of one joint-angle signal: thresholds with hysteresis.

The signal is turned so that the rest position is high (a squat's straight knee; a
jumping jack's arms-down shoulder angle is negated). Its rest level `top` and its far
level `bottom` are robust percentiles of the smoothed signal; a repetition leaves the
rest zone, goes past the far threshold and comes back above the return threshold:

    far    = top - max(FAR_SHARE * range, required depth)
    return = top - RETURN_SHARE * range

so a movement must cover at least half of the recording's range (and, with a reference
pattern, a share of its smallest expected range of motion) to count, and noise cannot
count twice (the return threshold is far above the far one). A repetition must also go
at least half as deep as the median repetition (a shallow one pushed past the far
threshold by noise is partial). A dip that goes PARTIAL_SHARE
of the range down (past the return threshold, for PARTIAL_SECONDS) but not past the far
one is a partial repetition, counted apart. A
repetition shorter than the minimum duration is dropped as a bounce; one still under
way when the recording ends does not count. Each repetition is timed from the moment
it leaves its starting level (ONSET_SHARE of its depth) to the moment it is back, with
the hold at the far end (within HOLD_SHARE of its depth) apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FAR_SHARE = 0.5
RETURN_SHARE = 0.2
PARTIAL_SHARE = 0.25
PARTIAL_SECONDS = 0.2
ONSET_SHARE = 0.05
HOLD_SHARE = 0.05
LEVEL_PERCENTILES = (2.0, 98.0)
MIN_RANGE_DEGREES = 10.0  # a signal moving less than this has no repetitions
DEFAULT_MIN_REP_SECONDS = 0.4


@dataclass(frozen=True)
class Repetition:
    """One repetition, as frame indices into the analysed signal.

    window_start/window_end: the rest peaks either side (the span measured for range of
    motion); start/end: leaving and regaining the rest level; hold_start/hold_end: the
    hold at the far end (far is the deepest frame)."""

    window_start: int
    start: int
    hold_start: int
    far: int
    hold_end: int
    end: int
    window_end: int


@dataclass(frozen=True)
class Thresholds:
    top: float
    bottom: float
    far: float
    back: float  # the return threshold


def thresholds(signal: np.ndarray, required_depth: float = 0.0) -> Thresholds | None:
    """The levels and thresholds for a rest-high signal; None when it hardly moves."""
    finite = signal[np.isfinite(signal)]
    if finite.size < 3:
        return None
    bottom, top = np.percentile(finite, LEVEL_PERCENTILES)
    span = float(top - bottom)
    if span < MIN_RANGE_DEGREES:
        return None
    depth = max(FAR_SHARE * span, required_depth)
    return Thresholds(
        top=float(top),
        bottom=float(bottom),
        far=float(top - depth),
        back=float(top - RETURN_SHARE * span),
    )


def _crossings(signal: np.ndarray, level: float, downward: bool) -> np.ndarray:
    below = signal < level
    previous = below[:-1]
    current = below[1:]
    hits = (~previous & current) if downward else (previous & ~current)
    return np.flatnonzero(hits) + 1


def find_repetitions(
    signal: np.ndarray,
    fps: float,
    *,
    levels: Thresholds | None = None,
    required_depth: float = 0.0,
    min_seconds: float = DEFAULT_MIN_REP_SECONDS,
) -> tuple[list[Repetition], int]:
    """(repetitions, partial repetitions) of a smoothed rest-high signal without NaN."""
    signal = np.asarray(signal, dtype=float)
    levels = levels or thresholds(signal, required_depth)
    if levels is None or len(signal) < 3:
        return [], 0
    downs = _crossings(signal, levels.far, downward=True)
    ups = _crossings(signal, levels.back, downward=False)
    leaves = _crossings(signal, levels.back, downward=True)
    # walk the events in time: armed (at rest) -> deep (past far) -> back above return
    events = sorted(
        [(int(i), 0) for i in downs] + [(int(i), 1) for i in ups] + [(int(i), 2) for i in leaves]
    )
    armed = signal[0] >= levels.back
    deep_at = None
    left_at = None  # where the signal last left the rest zone
    spans: list[tuple[int, int, int]] = []  # (left rest, passed far, back at rest)
    partial = 0
    for index, kind in events:
        if kind == 2:
            left_at = index
        elif kind == 0 and armed and deep_at is None:
            deep_at = index
        elif kind == 1:
            if deep_at is not None:
                spans.append((left_at if left_at is not None else 0, deep_at, index))
            elif (
                armed
                and left_at is not None
                and _is_partial(signal, left_at, index, levels, fps, min_seconds)
            ):
                partial += 1
            armed, deep_at, left_at = True, None, None
    reps = []
    for k, (left, deep, back) in enumerate(spans):
        previous_back = spans[k - 1][2] if k else 0
        next_left = spans[k + 1][0] if k + 1 < len(spans) else len(signal) - 1
        rep = _shape(signal, previous_back, left, deep, back, next_left)
        if (rep.end - rep.start) / fps >= min_seconds:
            reps.append(rep)
    # a repetition far shallower than the typical one is a partial one pushed past the
    # far threshold by noise or a dip of the rest level
    depths = [_depth(signal, rep) for rep in reps]
    if depths:
        typical = float(np.median(depths))
        kept = [
            rep for rep, depth in zip(reps, depths, strict=True) if depth >= FAR_SHARE * typical
        ]
        partial += len(reps) - len(kept)
        reps = kept
    return reps, partial


def _is_partial(
    signal: np.ndarray, left: int, back: int, levels: Thresholds, fps: float, min_seconds: float
) -> bool:
    """A dip that went at least PARTIAL_SHARE of the range down and stayed past the return
    threshold for PARTIAL_SECONDS: a movement that stopped short, not the rest level
    wavering."""
    floor = levels.top - PARTIAL_SHARE * (levels.top - levels.bottom)
    deep_enough = signal[left : back + 1].min() <= floor
    return bool(deep_enough and (back - left) / fps >= min(PARTIAL_SECONDS, min_seconds))


def _depth(signal: np.ndarray, rep: Repetition) -> float:
    return float(min(signal[rep.window_start], signal[rep.window_end]) - signal[rep.far])


def _shape(signal: np.ndarray, lo: int, left: int, deep: int, back: int, hi: int) -> Repetition:
    """Place one repetition's landmarks: rest peaks, onset, far end and its hold, return."""
    window_start = lo + int(np.argmax(signal[lo : left + 1]))
    window_end = back + int(np.argmax(signal[back : hi + 1]))
    far = window_start + int(np.argmin(signal[window_start : window_end + 1]))
    low = signal[far]
    depth_in = signal[window_start] - low
    depth_out = signal[window_end] - low
    # onset: the last frame before the far end still within ONSET_SHARE of the start level
    descent = signal[window_start : far + 1]
    above = np.flatnonzero(descent >= signal[window_start] - ONSET_SHARE * depth_in)
    start = window_start + int(above[-1])
    ascent = signal[far : window_end + 1]
    reached = np.flatnonzero(ascent >= signal[window_end] - ONSET_SHARE * depth_out)
    end = far + int(reached[0]) if reached.size else window_end
    # the hold: the stretch around the far end within HOLD_SHARE of the depth
    near = signal[start : end + 1] <= low + HOLD_SHARE * max(depth_in, depth_out)
    i = far - start
    a = i
    while a > 0 and near[a - 1]:
        a -= 1
    b = i
    while b < len(near) - 1 and near[b + 1]:
        b += 1
    return Repetition(window_start, start, start + a, far, start + b, end, window_end)
