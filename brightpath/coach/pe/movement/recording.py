"""From a recording as read to one ready to measure: checked, on a uniform clock, gaps filled.

The rules (each a MovementInputError naming the frame and field, or a warning kept with
the analysis):

- Length: at least MIN_SECONDS and MIN_FRAMES; at most MAX_FRAMES frames and MAX_SECONDS
  (a 10-minute recording at 120 fps, 72,000 frames, is within both).
- Time: finite and strictly increasing; a repeated or earlier time is an error naming
  the two frames. The frame rate is 1 / the median step; it must be MIN_FPS-MAX_FPS.
  Uneven steps (dropped frames, a variable-rate phone video) are resampled to that rate;
  a step longer than 1.5 frames leaves a hole that counts as missing frames.
- Coordinates: MediaPipe world landmarks when every frame has them; otherwise the image
  landmarks, with x (and z, on x's scale) multiplied by width / height when the image
  size is given, so that angles are not stretched by the picture's shape.
- A landmark value is missing in a frame when a coordinate is NaN or null, the frame has
  no person, its visibility is under MIN_VISIBILITY, or it is an isolated one-frame jump
  (a tracking glitch; see _despike).
- Frames at the start and end where most of the body is missing (the student walking
  in or out of view) are cut off, with a warning.
- A body landmark missing for at most MAX_GAP_SECONDS is filled by linear interpolation.
  A longer gap is not guessed: the joints that need that landmark are left out on that
  side (a warning); when the exercise's main joint is left out on both sides the
  analysis refuses the recording (analysis.analyse) naming the landmark and frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .landmarks import BODY_LANDMARKS, LANDMARK_NAMES
from .parsing import MovementInputError, RawRecording

MIN_FRAMES = 10
MIN_SECONDS = 1.0
MAX_FRAMES = 150_000
MAX_SECONDS = 20 * 60.0
MIN_FPS = 10.0
MAX_FPS = 240.0
MIN_VISIBILITY = 0.5
MAX_GAP_SECONDS = 0.5
SPIKE_SIGMAS = 8.0
SPIKE_FLOOR = 0.08  # of the trunk's length
UNEVEN_STEP = 0.25  # steps further than this share from the median are resampled


@dataclass(frozen=True)
class Gap:
    """A body landmark missing for longer than MAX_GAP_SECONDS (frames after trimming)."""

    landmark: int
    start: int  # first missing frame
    end: int  # last missing frame
    seconds: float

    @property
    def name(self) -> str:
        return LANDMARK_NAMES[self.landmark]

    def describe(self, t0: float = 0.0, fps: float = 30.0) -> str:
        return (
            f"{self.name} (landmark {self.landmark}) is missing or not visible for "
            f"{self.seconds:.1f} s from {t0 + self.start / fps:.2f} s"
        )


@dataclass
class Recording:
    """A recording on a uniform clock, ready to measure.

    t: (n,) seconds from the first kept frame; points: (n, 33, 3), the body landmarks'
    short gaps filled and long ones NaN; `gaps` lists the long gaps. `offset` is the time
    of the first kept frame in the input's clock, `first_frame` its input index.
    """

    t: np.ndarray
    points: np.ndarray
    fps: float
    dims: int
    world: bool
    frames_in: int
    first_frame: int = 0
    offset: float = 0.0
    trimmed_seconds: float = 0.0
    filled_values: int = 0
    spikes: int = 0
    resampled: bool = False
    gaps: list[Gap] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    visibility: np.ndarray | None = None  # (33,) mean over the kept frames, 0 if unseen

    @property
    def frames(self) -> int:
        return len(self.t)

    @property
    def duration(self) -> float:
        return float(self.t[-1] - self.t[0]) if len(self.t) > 1 else 0.0


def _check_times(t: np.ndarray) -> None:
    bad = np.flatnonzero(~np.isfinite(t))
    if bad.size:
        raise MovementInputError("the time is missing or not a number", f"frames[{bad[0]}].t")
    steps = np.diff(t)
    bad = np.flatnonzero(steps <= 0)
    if bad.size:
        i = int(bad[0]) + 1
        same = steps[i - 1] == 0
        raise MovementInputError(
            (
                f"{t[i]:.3f} s repeats frames[{i - 1}].t; each frame needs its own time"
                if same
                else f"{t[i]:.3f} s is before frames[{i - 1}].t = {t[i - 1]:.3f} s; "
                "frames must be in time order"
            ),
            f"frames[{i}].t",
        )


def _check_length(raw: RawRecording, t: np.ndarray) -> float:
    n = raw.frames
    if n > MAX_FRAMES:
        raise MovementInputError(
            f"{n:,} frames; at most {MAX_FRAMES:,} are analysed at once "
            "(about 20 minutes at 120 fps): split the recording",
            "frames",
        )
    duration = float(t[-1] - t[0]) if n > 1 else 0.0
    fps = 1.0 / float(np.median(np.diff(t))) if n > 1 else 0.0
    if n > 1 and not MIN_FPS <= fps <= MAX_FPS:
        raise MovementInputError(
            f"the frames are {fps:.1f} per second; {MIN_FPS:g}-{MAX_FPS:g} can be analysed "
            "(are the times in seconds? use timestampMs for milliseconds)",
            "frames",
        )
    if n < MIN_FRAMES or duration < MIN_SECONDS:
        raise MovementInputError(
            f"{n} frames over {duration:.2f} s; a recording needs at least {MIN_FRAMES} "
            f"frames and {MIN_SECONDS:g} s",
            "frames",
        )
    if duration > MAX_SECONDS:
        raise MovementInputError(
            f"{duration / 60:.1f} minutes; at most {MAX_SECONDS / 60:g} minutes are analysed "
            "at once: split the recording",
            "frames",
        )
    return fps


def _coordinates(raw: RawRecording) -> tuple[np.ndarray, list[str]]:
    points = raw.points.copy()
    warnings = []
    if not raw.world:
        if raw.image_size is not None:
            width, height = raw.image_size
            points[:, :, 0] *= width / height
            points[:, :, 2] *= width / height
        elif np.nanmax(np.abs(points[:, :, :2]), initial=0.0) <= 2.0:
            warnings.append(
                "the image size is not given: x and y are taken on the same scale, which "
                "stretches angles unless the video is square (give imageWidth and imageHeight)"
            )
    return points, warnings


def _missing(raw: RawRecording, points: np.ndarray) -> np.ndarray:
    """(n, 33) True where a landmark cannot be used in that frame."""
    visible = np.nan_to_num(raw.visibility, nan=0.0) >= MIN_VISIBILITY
    return ~visible | np.isnan(points).any(axis=2)


def _despike(points: np.ndarray, missing: np.ndarray) -> int:
    """Mark isolated jumps of the body landmarks as missing; returns how many.

    A spike is a frame whose landmark lies far from the midpoint of its two neighbours
    while the neighbours agree with each other: out and back in one frame, which no
    limb does. Far is SPIKE_SIGMAS robust deviations of that landmark's own
    frame-to-frame wobble, and at least SPIKE_FLOOR of the trunk's length."""
    body = list(BODY_LANDMARKS)
    values = points[:, body, :]
    if len(values) < 3:
        return 0
    middle = 0.5 * (values[:-2] + values[2:])
    off = np.linalg.norm(values[1:-1] - middle, axis=2)  # (n-2, body)
    across = np.linalg.norm(values[2:] - values[:-2], axis=2)
    spread = 1.4826 * np.nanmedian(off, axis=0)
    trunk = np.nanmedian(
        np.linalg.norm(
            points[:, [11, 12], :].mean(axis=1) - points[:, [23, 24], :].mean(axis=1), axis=1
        )
    )
    floor = SPIKE_FLOOR * (trunk if np.isfinite(trunk) else 0.0)
    with np.errstate(invalid="ignore"):
        spikes = (off > np.maximum(SPIKE_SIGMAS * spread, floor)) & (across < off)
    spikes = np.nan_to_num(spikes, nan=False).astype(bool) & ~missing[1:-1, body]
    missing[1:-1, body] |= spikes
    return int(spikes.sum())


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end inclusive) of each run of True."""
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _fill(values: np.ndarray, missing: np.ndarray, limit: int | None) -> np.ndarray:
    """Interpolate the missing values in place, runs of at most `limit` (all when None);
    longer runs become NaN. Returns the mask of values still missing."""
    good = ~missing
    if not good.any():
        values[:] = np.nan
        return missing.copy()
    index = np.arange(len(values))
    values[missing] = np.interp(index[missing], index[good], values[good])
    still = np.zeros_like(missing)
    if limit is not None:
        for start, end in _runs(missing):
            if end - start + 1 > limit:
                still[start : end + 1] = True
        values[still] = np.nan
    return still


def _resample(t: np.ndarray, points: np.ndarray, missing: np.ndarray, fps: float):
    """Points on a uniform clock at `fps`; grid times with no frame within 0.75 steps
    (or whose nearest frame is missing) are missing."""
    grid = np.arange(t[0], t[-1] + 0.5 / fps, 1.0 / fps)
    nearest = np.clip(np.searchsorted(t, grid), 1, len(t) - 1)
    left_closer = (grid - t[nearest - 1]) < (t[nearest] - grid)
    nearest = np.where(left_closer, nearest - 1, nearest)
    far = np.abs(t[nearest] - grid) > 0.75 / fps
    out = np.full((len(grid), *points.shape[1:]), np.nan)
    for j in range(points.shape[1]):
        good = ~missing[:, j]
        if good.sum() < 2:
            continue
        for k in range(3):
            out[:, j, k] = np.interp(grid, t[good], points[good, j, k])
    new_missing = missing[nearest] | far[:, None]
    return grid, out, new_missing


def prepare(raw: RawRecording, *, dims: int | None = None) -> Recording:
    """Check a recording and put it on a uniform clock with short gaps filled.

    `dims` 2 measures angles in the image plane only; 3 uses depth too; None uses 3
    when the recording has any depth (z not all zero)."""
    t = raw.t.astype(float)
    _check_times(t)
    fps = _check_length(raw, t)
    warnings = list(raw.warnings)
    if raw.fps and abs(raw.fps - fps) > 0.1 * fps:
        warnings.append(
            f"fps says {raw.fps:g} but the frame times give {fps:.1f}; the times are used"
        )
    points, notes = _coordinates(raw)
    warnings += notes
    missing = _missing(raw, points)
    steps = np.diff(t)
    resampled = bool(np.any(np.abs(steps * fps - 1) > UNEVEN_STEP))
    if resampled:
        t, points, missing = _resample(t, points, missing, fps)
        warnings.append(f"frame times are uneven; resampled to {fps:.1f} frames per second")
    # trim the ends where most of the body is out of view
    body = list(BODY_LANDMARKS)
    seen = (~missing[:, body]).mean(axis=1) >= 0.5
    if not seen.any():
        raise MovementInputError(
            f"no frame shows the body: most limb landmarks are missing or have visibility "
            f"under {MIN_VISIBILITY}",
            "frames",
        )
    first, last = int(np.argmax(seen)), len(seen) - 1 - int(np.argmax(seen[::-1]))
    trimmed = float((t[first] - t[0]) + (t[-1] - t[last]))
    if trimmed > 0:
        warnings.append(f"{trimmed:.1f} s at the start or end without the body in view left out")
    t, points, missing = t[first : last + 1], points[first : last + 1], missing[first : last + 1]
    if len(t) < MIN_FRAMES or t[-1] - t[0] < MIN_SECONDS:
        raise MovementInputError(
            f"the body is in view for only {t[-1] - t[0]:.2f} s; at least {MIN_SECONDS:g} s "
            "is needed",
            "frames",
        )
    seen_share = visibility_means(raw, t, first, last, resampled)
    points = points.copy()
    points[missing] = np.nan
    spikes = _despike(points, missing)
    limit = int(np.floor(MAX_GAP_SECONDS * fps + 1e-9))
    gaps = []
    filled = 0
    for j in body:
        filled += int(missing[:, j].sum())
        still = np.zeros(len(t), dtype=bool)
        for k in range(3):
            still = _fill(points[:, j, k], missing[:, j], limit)
        filled -= int(still.sum())
        gaps += [Gap(j, a, b, (b - a + 1) / fps) for a, b in _runs(still)]
    if dims is None:
        depth = points[:, body, 2]
        dims = 3 if np.nanmax(np.abs(depth), initial=0.0) > 0 else 2
    if dims == 2:
        points[:, :, 2] = 0.0
    return Recording(
        t=t - t[0],
        points=points,
        fps=fps,
        dims=dims,
        world=raw.world,
        frames_in=raw.frames,
        first_frame=first if not resampled else int(np.searchsorted(raw.t, t[0])),
        offset=float(t[0]),
        trimmed_seconds=trimmed,
        filled_values=filled,
        spikes=spikes,
        resampled=resampled,
        gaps=sorted(gaps, key=lambda g: (g.start, g.landmark)),
        warnings=warnings,
        visibility=seen_share,
    )


def visibility_means(
    raw: RawRecording, t: np.ndarray, first: int, last: int, resampled: bool
) -> np.ndarray:
    """Each landmark's mean visibility over the kept span (a frame with no person is 0)."""
    span = (raw.t >= t[first]) & (raw.t <= t[last]) if resampled else slice(first, last + 1)
    return np.nan_to_num(raw.visibility[span], nan=0.0).mean(axis=0)
