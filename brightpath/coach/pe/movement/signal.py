"""Signal work: zero-phase smoothing, smoothness measures, curve comparison."""

from __future__ import annotations

import numpy as np
from scipy.signal import butter, sosfiltfilt

FILTER_ORDER = 4  # Butterworth; run forwards and backwards, so 8th order and no lag


def _runs_of_finite(values: np.ndarray) -> list[tuple[int, int]]:
    finite = np.concatenate([[False], np.isfinite(values), [False]])
    edges = np.flatnonzero(np.diff(finite.astype(np.int8)))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def lowpass(values: np.ndarray, fs: float, cutoff: float) -> np.ndarray:
    """Butterworth low-pass, zero-phase (filtfilt), along axis 0 of a 1-D or 2-D array.

    NaN stays NaN: each finite stretch of a column is filtered on its own (stretches of
    under 7 samples are left as they are). A cutoff at or above 0.45 fs returns a copy."""
    values = np.asarray(values, dtype=float)
    if cutoff >= 0.45 * fs:
        return values.copy()
    sos = butter(FILTER_ORDER, cutoff, btype="low", fs=fs, output="sos")
    if np.isfinite(values).all() and len(values) > 3 * (2 * len(sos) + 1):
        return sosfiltfilt(sos, values, axis=0)
    flat = values.reshape(len(values), -1)
    out = flat.copy()
    for c in range(flat.shape[1]):
        for start, end in _runs_of_finite(flat[:, c]):
            if end - start >= 7:
                out[start:end, c] = sosfiltfilt(
                    sos, flat[start:end, c], padlen=min(end - start - 1, 3 * (2 * len(sos) + 1))
                )
    return out.reshape(values.shape)


def sparc(speed: np.ndarray, fs: float, *, cutoff: float = 10.0, threshold: float = 0.05) -> float:
    """Spectral arc length of a speed profile (Balasubramanian et al. 2015): the length of
    the normalised Fourier magnitude spectrum up to the frequency where it last exceeds
    `threshold` (at most `cutoff` Hz). Always negative; closer to 0 is smoother (one
    bell-shaped movement is about -1.4). NaN for fewer than 4 samples or no movement."""
    speed = np.asarray(speed, dtype=float)
    if len(speed) < 4 or not np.isfinite(speed).all() or np.max(np.abs(speed)) == 0:
        return float("nan")
    n = int(2 ** np.ceil(np.log2(len(speed)) + 4))  # zero-padded: a fine spectrum
    frequency = np.arange(n) * fs / n
    magnitude = np.abs(np.fft.fft(speed, n))
    magnitude /= magnitude.max()
    keep = frequency <= cutoff
    frequency, magnitude = frequency[keep], magnitude[keep]
    above = np.flatnonzero(magnitude >= threshold)
    last = above[-1] + 1 if above.size else len(magnitude)
    frequency, magnitude = frequency[:last], magnitude[:last]
    if len(frequency) < 2:
        return float("nan")
    df = np.diff(frequency) / (frequency[-1] - frequency[0])
    return float(-np.sum(np.sqrt(df**2 + np.diff(magnitude) ** 2)))


def log_dimensionless_jerk(velocity: np.ndarray, fs: float) -> float:
    """Log dimensionless jerk of a velocity profile (Balasubramanian et al. 2012):
    -ln(T^3 / v_peak^2 * integral of jerk^2). Negative; closer to 0 is smoother (a
    minimum-jerk movement is about -6 with this definition)."""
    velocity = np.asarray(velocity, dtype=float)
    if len(velocity) < 5 or not np.isfinite(velocity).all():
        return float("nan")
    peak = np.max(np.abs(velocity))
    if peak == 0:
        return float("nan")
    dt = 1.0 / fs
    duration = (len(velocity) - 1) * dt
    jerk = np.gradient(np.gradient(velocity, dt), dt)
    integral = np.trapezoid(jerk**2, dx=dt)
    if integral <= 0:
        return float("nan")
    return float(-np.log(duration**3 / peak**2 * integral))


def resample(values: np.ndarray, points: int) -> np.ndarray:
    """`values` linearly resampled to `points` samples spread over the same span."""
    values = np.asarray(values, dtype=float)
    old = np.linspace(0.0, 1.0, len(values))
    return np.interp(np.linspace(0.0, 1.0, points), old, values)


def dtw_distance(a: np.ndarray, b: np.ndarray, band: float = 0.1) -> float:
    """Mean absolute difference along the best dynamic-time-warping path between two
    curves of equal length, the warp limited to `band` of the length (Sakoe-Chiba)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    n, m = len(a), len(b)
    width = max(1, int(round(band * max(n, m))), abs(n - m))
    cost = np.abs(a[:, None] - b[None, :])
    total = np.full((n + 1, m + 1), np.inf)
    steps = np.zeros((n + 1, m + 1))
    total[0, 0] = 0.0
    for i in range(1, n + 1):
        lo, hi = max(1, i - width), min(m, i + width)
        for j in range(lo, hi + 1):
            options = (total[i - 1, j - 1], total[i - 1, j], total[i, j - 1])
            best = int(np.argmin(options))
            previous = ((i - 1, j - 1), (i - 1, j), (i, j - 1))[best]
            total[i, j] = cost[i - 1, j - 1] + options[best]
            steps[i, j] = steps[previous] + 1
    return float(total[n, m] / steps[n, m])
