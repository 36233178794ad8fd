"""Checking a recording: time, length, gaps, trimming, resampling and the long-recording limit."""

from dataclasses import replace

import numpy as np
import pytest

from brightpath.coach.pe.movement import recording as rec
from brightpath.coach.pe.movement import synthetic
from brightpath.coach.pe.movement.analysis import analyse
from brightpath.coach.pe.movement.landmarks import INDEX
from brightpath.coach.pe.movement.parsing import MovementInputError, RawRecording, parse_recording
from brightpath.coach.pe.movement.patterns import load_pattern


@pytest.fixture(scope="module")
def squat():
    """A clean squat recording (no dropouts or glitches) and its truth."""
    spec = synthetic.spec_for("squat", seed=3, reps=5, dropouts=0, glitches=0, missed=0)
    return synthetic.generate(spec)


def raw_of(generated, **changes) -> RawRecording:
    raw = RawRecording(
        t=generated.t.copy(),
        points=generated.points.copy(),
        visibility=generated.visibility.copy(),
        fps=generated.spec.fps,
        image_size=generated.spec.image,
    )
    for key, value in changes.items():
        setattr(raw, key, value)
    return raw


def refused(raw, **kwargs) -> MovementInputError:
    with pytest.raises(MovementInputError) as caught:
        analyse(raw, load_pattern("squat"), **kwargs)
    return caught.value


def test_out_of_order_times_name_both_frames(squat):
    t = squat.t.copy()
    t[40], t[41] = t[41], t[40]
    error = refused(raw_of(squat, t=t))
    assert error.field == "frames[41].t"
    assert "before frames[40].t" in error.message


def test_repeated_times_are_refused(squat):
    t = squat.t.copy()
    t[12] = t[11]
    error = refused(raw_of(squat, t=t))
    assert error.field == "frames[12].t" and "repeats" in error.message


def test_too_short_and_wrong_rate(squat):
    short = raw_of(squat)
    short.t, short.points, short.visibility = short.t[:20], short.points[:20], short.visibility[:20]
    assert "at least 10 frames and 1 s" in refused(short).message
    error = refused(raw_of(squat, t=squat.t * 1000))  # milliseconds given as seconds
    assert "timestampMs" in error.message


def test_more_frames_than_the_limit_are_refused_before_any_work(squat):
    n = rec.MAX_FRAMES + 1
    raw = RawRecording(
        t=np.arange(n) / 120.0, points=np.zeros((n, 33, 3)), visibility=np.ones((n, 33))
    )
    error = refused(raw)
    assert error.field == "frames" and "150,000" in error.message


def test_short_gaps_are_filled_close_to_the_truth(squat):
    points, visibility = squat.points.copy(), squat.visibility.copy()
    knee = INDEX["left_knee"]
    points[100:108, knee] = np.nan  # 8 frames: a quarter of a second
    visibility[200:210, knee] = 0.2
    prepared = rec.prepare(raw_of(squat, points=points, visibility=visibility))
    assert not prepared.gaps
    scale = 1280 / 720
    filled = prepared.points[100:108, knee, :2]
    expected = squat.points[100:108, knee, :2] * [scale, 1]
    assert np.abs(filled - expected).max() < 0.02
    assert prepared.filled_values >= 18


def test_a_long_gap_on_one_side_leaves_that_side_out(squat):
    visibility = squat.visibility.copy()
    visibility[100:160, INDEX["right_ankle"]] = 0.1  # two seconds
    result = analyse(raw_of(squat, visibility=visibility), load_pattern("squat"))
    assert result.sides == ("left",)
    assert "right" not in result.ranges["knee"]
    assert any("right knee not measured" in w and "right_ankle" in w for w in result.warnings)
    assert result.count == squat.truth.reps


def test_a_long_gap_on_both_sides_of_the_main_joint_is_refused(squat):
    points = squat.points.copy()
    points[100:160, INDEX["left_knee"]] = np.nan
    points[100:160, INDEX["right_knee"]] = np.nan
    error = refused(raw_of(squat, points=points))
    assert error.field == "frames[100].landmarks[25]"
    assert "left_knee" in error.message and "2.0 s" in error.message
    assert "gaps of up to 0.5 s are filled" in error.message


def test_frames_without_the_body_at_the_ends_are_trimmed(squat):
    visibility = squat.visibility.copy()
    visibility[:45] = np.nan  # no person for the first 1.5 s
    visibility[-30:] = 0.05
    prepared = rec.prepare(raw_of(squat, visibility=visibility))
    assert prepared.frames == len(squat.t) - 75
    assert prepared.first_frame == 45
    assert prepared.trimmed_seconds == pytest.approx(75 / 30, abs=0.05)
    assert any("without the body in view" in w for w in prepared.warnings)


def test_no_body_at_all_is_refused(squat):
    error = refused(raw_of(squat, visibility=np.full_like(squat.visibility, 0.2)))
    assert "no frame shows the body" in error.message


def test_uneven_times_are_resampled_and_dropped_frames_are_a_gap(squat):
    keep = np.ones(len(squat.t), dtype=bool)
    keep[300:306] = False  # six frames dropped: 0.2 s, filled
    jitter = np.random.default_rng(0).uniform(-0.008, 0.008, len(squat.t))
    raw = raw_of(squat, t=(squat.t + jitter)[keep])
    raw.points, raw.visibility = squat.points[keep], squat.visibility[keep]
    result = analyse(raw, load_pattern("squat"))
    assert result.recording["resampled"]
    assert result.count == squat.truth.reps
    knee = squat.truth.rom["knee"]["left"]
    assert result.ranges["knee"]["left"].rom_degrees == pytest.approx(knee, abs=5)


def test_one_frame_glitches_are_removed(squat):
    points = squat.points.copy()
    points[150, INDEX["left_knee"], :2] += 0.15
    points[250, INDEX["right_wrist"], :2] -= 0.12
    prepared = rec.prepare(raw_of(squat, points=points))
    assert prepared.spikes >= 2
    assert np.abs(prepared.points[150, INDEX["left_knee"], 1] - squat.points[150, 25, 1]) < 0.02


def test_missing_image_size_is_a_warning_not_an_error(squat):
    prepared = rec.prepare(raw_of(squat, image_size=None))
    assert any("imageWidth" in w for w in prepared.warnings)


def test_ten_minutes_at_120_fps_is_analysed():
    """72,000 frames: within the limits, analysed as one recording."""
    spec = synthetic.spec_for("jumping_jack", seed=8, reps=640, fps=120.0)
    generated = synthetic.generate(replace(spec, pause=(0.0, 0.1)))
    keep = generated.t < 600.0
    raw = RawRecording(
        t=generated.t[keep],
        points=generated.points[keep],
        visibility=generated.visibility[keep],
        image_size=spec.image,
    )
    assert raw.frames == 72_000
    result = analyse(raw, load_pattern("jumping_jack"))
    true_count = sum(1 for _, end in generated.truth.spans if end < 600.0)
    assert abs(result.count - true_count) <= 1
    assert len(result.as_dict()["series"]["t"]) <= 600


def test_a_file_round_trip_of_a_shipped_recording():
    data = (synthetic.RECORDINGS / "squat_11.json").read_bytes()
    result = analyse(parse_recording(data), load_pattern("squat"))
    assert result.count == 4
