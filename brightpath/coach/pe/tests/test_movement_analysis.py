"""Analysing recordings from the kinematic model: counts, range of motion, tempo, symmetry,
smoothness, the comparison with a reference pattern, patterns and the shipped samples."""

import json

import numpy as np
import pytest

from brightpath.coach.pe.movement import synthetic
from brightpath.coach.pe.movement.analysis import analyse
from brightpath.coach.pe.movement.evaluation import RECORDINGS, shipped_manifest
from brightpath.coach.pe.movement.parsing import MovementInputError, parse_recording
from brightpath.coach.pe.movement.patterns import (
    load_pattern,
    pattern_from_metrics,
    shipped_patterns,
)


def run(exercise: str, pattern: bool = True, **changes):
    changes.setdefault("reps", 6)
    generated = synthetic.generate(synthetic.spec_for(exercise, **changes))
    result = analyse(parse_recording(generated.text()), load_pattern(exercise) if pattern else None)
    return generated, result


@pytest.mark.parametrize("exercise", synthetic.EXERCISES)
def test_counts_and_range_of_motion_match_the_model(exercise):
    generated, result = run(exercise, seed=60, reps=8)
    assert result.count == generated.truth.reps
    primary = synthetic.PRIMARY[exercise]
    assert result.primary_joint == primary
    for side, measured in result.ranges[primary].items():
        assert measured.rom_degrees == pytest.approx(generated.truth.rom[primary][side], abs=5)
    # timed from leaving rest to regaining it (5% of the depth), not the model's slow tails
    assert result.tempo["medianRepSeconds"] == pytest.approx(generated.truth.rep_seconds, rel=0.25)


def test_without_a_pattern_the_moving_joint_and_its_rest_side_are_found():
    generated, result = run("jumping_jack", pattern=False, seed=61, reps=10)
    assert result.primary_joint == "shoulder" and result.rest_angle == "low"
    assert result.count == generated.truth.reps
    assert result.comparison is None
    generated, result = run("bicep_curl", pattern=False, seed=62)
    assert result.primary_joint == "elbow" and result.rest_angle == "high"
    assert result.count == generated.truth.reps


def test_partial_repetitions_do_not_count():
    generated, result = run("squat", seed=63, reps=5, partial_reps=2, noise=0.003)
    assert result.count == 5
    assert result.partial_repetitions >= 1
    assert any(f.type == "partial_repetitions" for f in result.findings)


def test_tempo_splits_eccentric_and_concentric_by_the_pattern():
    _, squat = run("squat", seed=64)
    _, curl = run("bicep_curl", seed=64)
    for result in (squat, curl):
        for rep in result.repetitions:
            total = rep.eccentric_seconds + rep.concentric_seconds + rep.hold_seconds
            assert total == pytest.approx(rep.duration_seconds, abs=0.05)
    assert squat.tempo["repsPerMinute"] > 0
    slow = synthetic.spec_for("squat", seed=65, reps=6, rep_seconds=4.0)
    fast = synthetic.spec_for("squat", seed=65, reps=6, rep_seconds=1.8)
    durations = [
        analyse(parse_recording(synthetic.generate(s).text()), load_pattern("squat")).tempo[
            "medianRepSeconds"
        ]
        for s in (slow, fast)
    ]
    assert durations[0] > durations[1] + 1.5


def test_symmetry_is_lower_when_one_side_does_less_and_later():
    _, even = run("squat", seed=66, noise=0.003)
    _, uneven = run("squat", seed=66, noise=0.003, asymmetry=0.25, lag=0.2)
    assert even.symmetry["index"] > 90
    assert uneven.symmetry["index"] < even.symmetry["index"] - 15
    knee = uneven.symmetry["joints"]["knee"]
    assert knee["leftRomDegrees"] > knee["rightRomDegrees"]
    assert knee["lagSeconds"] == pytest.approx(0.2, abs=0.05)
    assert any(f.type == "asymmetry" and "left knee" in f.message for f in uneven.findings)


def test_jerky_movement_scores_below_smooth_movement():
    _, smooth = run("squat", seed=67)
    _, halting = run("squat", seed=67, jerk=0.5)
    _, jerky = run("squat", seed=67, jerk=1.0)
    scores = [r.smoothness["score"] for r in (smooth, halting, jerky)]
    assert scores[0] > scores[1] > scores[2]
    assert smooth.smoothness["sparc"] > jerky.smoothness["sparc"]
    assert smooth.smoothness["ldlj"] > jerky.smoothness["ldlj"]
    assert any(f.type == "jerky_movement" for f in jerky.findings)
    assert not any(f.type == "jerky_movement" for f in smooth.findings)


def test_comparison_findings_for_a_shallow_fast_squat():
    generated, result = run("squat", seed=68, depth=62.0, rep_seconds=1.1, noise=0.003)
    messages = {(f.type, f.joint): f for f in result.findings}
    knee = messages["rom_below_expected", "knee"]
    assert knee.severity in ("moderate", "major")
    rom = result.rom("knee")
    assert knee.message == f"knee ROM {rom:.0f}° below the expected 80-125°"
    assert rom == pytest.approx(np.mean(list(generated.truth.rom["knee"].values())), abs=5)
    assert ("tempo_too_fast", None) in messages
    assert "thighs are parallel" in knee.recommendation  # the pattern's own cue
    assert result.metrics["rangeOfMotion"] < 1 and result.metrics["speed"] < 1
    assert result.comparison["similarity"] > 70  # the shape is right, only smaller
    _, good = run("squat", seed=68, noise=0.003)
    assert not any(f.type.startswith("rom_") for f in good.findings)
    assert good.quality_score > result.quality_score


def test_a_different_movement_does_not_match_the_pattern_shape():
    generated = synthetic.generate(synthetic.spec_for("jumping_jack", seed=69, reps=8))
    as_squat_shape = load_pattern("jumping_jack")
    upside_down = pattern_from_metrics(
        {
            "primaryJoint": "shoulder",
            "restAngle": "low",
            "curve": [180 - v for v in as_squat_shape.curve],
        }
    )
    raw = parse_recording(generated.text())
    right = analyse(raw, as_squat_shape).comparison["similarity"]
    wrong = analyse(raw, upside_down).comparison["similarity"]
    assert right > 80 and wrong < right - 40


def test_no_repetitions_is_a_finding_not_an_error():
    generated = synthetic.generate(synthetic.spec_for("squat", seed=70, reps=1))
    keep = generated.t < 1.5  # standing still before the first squat
    text = synthetic.to_json(
        generated.t[keep], generated.points[keep], generated.visibility[keep], fps=30
    )
    result = analyse(parse_recording(text), load_pattern("squat"))
    assert result.count == 0
    assert result.findings[0].type == "no_repetitions"


def test_the_result_as_json():
    _, result = run("push_up", seed=71)
    data = json.loads(json.dumps(result.as_dict()))
    assert data["repetitions"]["count"] == result.count
    rep = data["repetitions"]["reps"][0]
    assert {"startSeconds", "durationSeconds", "eccentricSeconds", "romDegrees", "sparc"} <= set(
        rep
    )
    assert data["rangeOfMotion"]["elbow"]["romDegrees"] > 40
    assert set(data["metrics"]) == {"smoothness", "consistency", "speed", "rangeOfMotion"}
    assert all(0 <= v <= 1 for v in data["metrics"].values())
    assert 0 <= data["qualityScore"] <= 1
    assert len(data["series"]["t"]) == len(data["series"]["angle"])
    assert data["sides"] == ["left"]  # filmed from the left: the right side is a guess
    assert any("turned away from the camera" in w for w in data["warnings"])


def test_shipped_patterns_are_valid_and_cover_the_exercises():
    exercises = {p["exercise"] for p in shipped_patterns()}
    assert exercises == set(synthetic.EXERCISES)
    for entry in shipped_patterns():
        pattern = pattern_from_metrics(entry["metrics"])
        assert len(pattern.curve) == 51 and pattern.primary_joint in pattern.rom_range
    with pytest.raises(MovementInputError) as caught:
        load_pattern("cartwheel")
    assert caught.value.field == "exercise"


@pytest.mark.parametrize(
    ("metrics", "field"),
    [
        ({}, "metrics.primaryJoint"),
        ({"primaryJoint": "neck"}, "metrics.primaryJoint"),
        ({"primaryJoint": "knee", "romRange": {"knee": [120, 80]}}, "metrics.romRange.knee"),
        ({"primaryJoint": "knee", "romRange": {"tail": [1, 2]}}, "metrics.romRange.tail"),
        ({"primaryJoint": "knee", "romRange": {"knee": [-5, 80]}}, "metrics.romRange.knee[0]"),
        ({"primaryJoint": "knee", "repSeconds": [1]}, "metrics.repSeconds"),
        ({"primaryJoint": "knee", "restAngle": "middle"}, "metrics.restAngle"),
        ({"primaryJoint": "knee", "curve": [1, 2, 3]}, "metrics.curve"),
        ({"primaryJoint": "knee", "curve": [200] * 20}, "metrics.curve[0]"),
        ({"primaryJoint": "knee", "cutoffHz": 0}, "metrics.cutoffHz"),
    ],
)
def test_pattern_errors_name_the_field(metrics, field):
    with pytest.raises(MovementInputError) as caught:
        pattern_from_metrics(metrics)
    assert caught.value.field == field


def test_every_shipped_recording_is_counted_exactly():
    for entry in shipped_manifest():
        data = (RECORDINGS / entry["file"]).read_bytes()
        result = analyse(parse_recording(data), load_pattern(entry["exercise"]))
        assert result.count == entry["trueRepetitions"], entry["file"]


def test_the_generator_reproduces_a_shipped_recording():
    entry = shipped_manifest()[1]
    spec = next(s for s in synthetic.shipped_specs() if s.file == entry["file"])
    generated = synthetic.generate(spec)
    assert generated.truth.reps == entry["trueRepetitions"]
    assert generated.truth.rom == entry["trueRom"]
    shipped = parse_recording((RECORDINGS / entry["file"]).read_bytes())
    fresh = parse_recording(generated.payload())
    assert np.allclose(shipped.points, fresh.points, atol=0.0015, equal_nan=True)
