"""Joint angles on known geometry, repetition counting on made-up signals, smoothness."""

import numpy as np
import pytest

from brightpath.coach.pe.movement.angles import angle_at, joint_angles
from brightpath.coach.pe.movement.landmarks import INDEX, JOINT_SIDES
from brightpath.coach.pe.movement.reps import find_repetitions
from brightpath.coach.pe.movement.signal import (
    dtw_distance,
    log_dimensionless_jerk,
    lowpass,
    sparc,
)

FPS = 30.0


def test_angles_on_known_geometry():
    origin = np.zeros(3)
    assert angle_at([1, 0, 0], origin, [0, 1, 0]) == pytest.approx(90)
    assert angle_at([1, 0, 0], origin, [-1, 0, 0]) == pytest.approx(180)
    assert angle_at([1, 0, 0], origin, [1, 1e-9, 0]) == pytest.approx(0, abs=1e-6)
    assert angle_at([1, 0, 0], origin, [np.cos(2.0), np.sin(2.0), 0]) == pytest.approx(
        np.degrees(2.0)
    )
    assert angle_at([1, 0], [0, 0], [1, 1]) == pytest.approx(45)  # 2-D
    assert np.isnan(angle_at([0, 0, 0], origin, [1, 0, 0]))  # coincident points


def test_joint_angles_of_a_built_pose():
    points = np.zeros((1, 33, 3))
    points[0, INDEX["left_shoulder"]] = [0, 1, 0]
    points[0, INDEX["left_elbow"]] = [0, 0.7, 0]
    points[0, INDEX["left_wrist"]] = [0, 0.7, 0.3]  # forearm forward: elbow at 90
    points[0, INDEX["left_hip"]] = [0, 0.4, 0]
    points[0, INDEX["left_knee"]] = [0, 0.0, 0.0]
    points[0, INDEX["left_ankle"]] = [0, -0.4, 0]  # straight leg
    points[0, INDEX["left_foot_index"]] = [0, -0.4, 0.2]
    angles = joint_angles(points)[0]
    value = dict(zip(JOINT_SIDES, angles, strict=True))
    assert value[("elbow", "left")] == pytest.approx(90)
    assert value[("knee", "left")] == pytest.approx(180)
    assert value[("shoulder", "left")] == pytest.approx(0)  # arm along the trunk
    assert value[("ankle", "left")] == pytest.approx(90)
    flat = joint_angles(points, dims=2)[0]  # seen from the side, the wrist is on the elbow
    assert np.isnan(dict(zip(JOINT_SIDES, flat, strict=True))[("elbow", "left")])


def rep_signal(
    depths: list[float],
    seconds: float = 2.0,
    pause: float = 1.0,
    top: float = 170.0,
    noise: float = 0.0,
    seed: int = 0,
) -> np.ndarray:
    """A rest-high angle: each depth a smooth dip of that many degrees, pauses between."""
    pieces = [np.full(int(pause * FPS), top)]
    for depth in depths:
        phase = np.linspace(0, 1, int(seconds * FPS))
        pieces.append(top - depth * 0.5 * (1 - np.cos(2 * np.pi * phase)))
        pieces.append(np.full(int(pause * FPS), top))
    signal = np.concatenate(pieces)
    return signal + np.random.default_rng(seed).normal(0, noise, len(signal))


def count(signal: np.ndarray, **kwargs) -> tuple[int, int]:
    reps, partial = find_repetitions(lowpass(signal, FPS, 4.0), FPS, **kwargs)
    return len(reps), partial


def test_clean_repetitions_with_pauses():
    assert count(rep_signal([90] * 7)) == (7, 0)


def test_noise_does_not_add_repetitions():
    for seed in range(5):
        assert count(rep_signal([90] * 6, noise=4.0, seed=seed))[0] == 6


def test_noise_hovering_at_a_threshold_counts_once():
    signal = rep_signal([90] * 3)
    hover = np.full(90, 170 - 45.0) + np.random.default_rng(1).normal(0, 3, 90)
    middle = len(signal) // 2
    signal = np.concatenate([signal[:middle], hover, signal[middle:]])
    assert count(signal)[0] <= 4  # the hover is at most one dip, never a burst


def test_partial_repetitions_are_counted_apart():
    reps, partial = count(rep_signal([90, 90, 35, 88, 40, 92, 10]))
    assert reps == 4 and partial == 2


def test_no_movement_has_no_repetitions():
    assert count(rep_signal([], pause=5.0, noise=1.0)) == (0, 0)
    assert count(rep_signal([6, 5, 7]))[0] == 0  # under the signal's minimum range


def test_a_movement_shorter_than_the_minimum_is_a_bounce():
    signal = rep_signal([90, 90], seconds=2.0)
    quick = rep_signal([90], seconds=0.25, pause=0.5)
    assert count(np.concatenate([signal, quick]), min_seconds=0.6)[0] == 2


def test_a_repetition_under_way_at_either_end_does_not_count():
    signal = rep_signal([90] * 4)
    started_late = signal[45:]  # begins mid-descent of the first repetition
    assert count(started_late)[0] == 3
    cut_short = signal[: len(signal) - 75]  # ends at the bottom of the last one
    assert count(cut_short)[0] == 3


def test_required_depth_from_a_pattern():
    shallow = rep_signal([40] * 5)
    assert count(shallow)[0] == 5
    assert count(shallow, required_depth=60)[0] == 0


def test_repetition_timing():
    signal = lowpass(rep_signal([90] * 3, seconds=2.0, pause=1.0), FPS, 4.0)
    reps, _ = find_repetitions(signal, FPS)
    for rep in reps:
        assert (rep.end - rep.start) / FPS == pytest.approx(2.0, abs=0.35)
        assert (rep.far - rep.start) / FPS == pytest.approx(1.0, abs=0.2)


def velocity_profile(jerky: bool) -> np.ndarray:
    """The speed of one point-to-point move: minimum jerk, or three stop-and-go steps."""
    s = np.linspace(0, 1, 60)
    if not jerky:
        return 30 * s**2 * (1 - s) ** 2
    steps = np.minimum(np.floor(s * 3), 2)
    local = s * 3 - steps
    return 30 * local**2 * (1 - local) ** 2


def test_smoothness_orders_jerky_below_smooth():
    smooth, jerky = velocity_profile(False), velocity_profile(True)
    assert sparc(smooth, FPS) > sparc(jerky, FPS)
    assert sparc(smooth, FPS) == pytest.approx(-1.4, abs=0.15)
    assert log_dimensionless_jerk(smooth, FPS) > log_dimensionless_jerk(jerky, FPS)
    assert np.isnan(sparc(np.zeros(30), FPS))


def test_lowpass_keeps_slow_movement_and_nan():
    t = np.arange(0, 10, 1 / FPS)
    slow = np.sin(2 * np.pi * 0.5 * t)
    noisy = slow + np.random.default_rng(0).normal(0, 0.2, len(t))
    assert np.abs(lowpass(noisy, FPS, 3.0) - slow)[15:-15].std() < 0.1
    gappy = slow.copy()
    gappy[100:120] = np.nan
    out = lowpass(gappy, FPS, 3.0)
    assert np.isnan(out[100:120]).all() and np.isfinite(out[:100]).all()


def test_dtw_forgives_timing_not_shape():
    s = np.linspace(0, 1, 51)
    curve = 0.5 * (1 - np.cos(2 * np.pi * s))
    late = 0.5 * (1 - np.cos(2 * np.pi * np.clip(s * 1.1 - 0.05, 0, 1)))
    assert dtw_distance(curve, late) < 0.02
    assert dtw_distance(curve, 1 - curve) > 0.3
