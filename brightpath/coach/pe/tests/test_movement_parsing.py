"""Reading landmark recordings (JSON, MediaPipe's objects, CSV, gzip) and each input error."""

import gzip
import json

import numpy as np
import pytest

from brightpath.coach.pe.movement.landmarks import INDEX, LANDMARK_COUNT, LANDMARK_NAMES
from brightpath.coach.pe.movement.parsing import (
    MovementInputError,
    parse_recording,
    to_csv,
    to_json,
)


def pose(shift: float = 0.0, visibility: float = 0.9) -> list[list[float]]:
    return [[0.3 + 0.01 * j + shift, 0.2 + 0.02 * j, -0.1, visibility] for j in range(33)]


def recording(frames: int = 20, **header) -> dict:
    return {
        "fps": 30,
        **header,
        "frames": [{"t": i / 30, "landmarks": pose(0.001 * i)} for i in range(frames)],
    }


def error_of(data, **kwargs) -> MovementInputError:
    with pytest.raises(MovementInputError) as caught:
        parse_recording(data, **kwargs)
    return caught.value


def test_json_list_form_is_read_into_arrays():
    raw = parse_recording(json.dumps(recording(imageWidth=1280, imageHeight=720)))
    assert raw.frames == 20 and raw.points.shape == (20, LANDMARK_COUNT, 3)
    assert raw.t[1] == pytest.approx(1 / 30)
    assert raw.points[3, INDEX["left_knee"], 0] == pytest.approx(0.3 + 0.25 + 0.003)
    assert raw.visibility[0, 0] == pytest.approx(0.9)
    assert raw.image_size == (1280, 720) and raw.fps == 30 and raw.source == "json"


def test_mediapipe_objects_keys_and_pose_lists_are_accepted():
    frames = [
        {
            "timestamp_ms": 40 * i,
            "pose_landmarks": [  # MediaPipe Tasks: a list of poses per frame
                [
                    {"x": x, "y": y, "z": z, "visibility": v, "presence": 0.99}
                    for x, y, z, v in pose()
                ],
                [{"x": 0.9, "y": 0.9} for _ in range(33)],
            ],
        }
        for i in range(12)
    ]
    raw = parse_recording({"frames": frames})
    assert raw.t[-1] == pytest.approx(0.44)
    assert raw.points[0, 5, 1] == pytest.approx(0.3)
    assert any("2 people" in w for w in raw.warnings)


def test_frames_without_times_take_them_from_fps():
    data = {"fps": 25, "frames": [{"landmarks": pose()} for _ in range(10)]}
    assert parse_recording(data).t[-1] == pytest.approx(9 / 25)


def test_empty_landmarks_are_a_frame_with_no_person():
    data = recording()
    data["frames"][4]["landmarks"] = []
    raw = parse_recording(data)
    assert np.isnan(raw.visibility[4]).all() and np.isnan(raw.points[4]).all()


def test_null_values_are_missing_not_errors():
    data = recording()
    data["frames"][2]["landmarks"][INDEX["left_wrist"]] = [None, None, None, 0.9]
    raw = parse_recording(data)
    assert np.isnan(raw.points[2, INDEX["left_wrist"]]).all()


def test_world_landmarks_are_used_when_every_frame_has_them():
    data = recording()
    for frame in data["frames"]:
        frame["worldLandmarks"] = [[x * 2, y * 2, z, 1.0] for x, y, z, _ in frame["landmarks"]]
    raw = parse_recording(data)
    assert raw.world
    assert raw.points[0, 0, 0] == pytest.approx(0.6)


def test_csv_by_column_names_with_metadata_and_empty_cells():
    data = recording()
    t = np.array([f["t"] for f in data["frames"]])
    points = np.array([f["landmarks"] for f in data["frames"]])
    text = to_csv(t, points[:, :, :3], points[:, :, 3], fps=30, imageWidth=640, imageHeight=480)
    lines = text.splitlines()
    first = lines.index(next(line for line in lines if line.startswith("t,"))) + 1
    column = lines[first - 1].split(",").index("left_knee_y")
    cells = lines[first + 2].split(",")
    cells[column] = ""
    lines[first + 2] = ",".join(cells)
    raw = parse_recording("\n".join(lines))
    assert raw.source == "csv" and raw.fps == 30 and raw.image_size == (640, 480)
    assert np.isnan(raw.points[2, INDEX["left_knee"], 1])
    assert raw.points[3, INDEX["left_knee"], 1] == pytest.approx(0.7, abs=1e-4)


def test_csv_columns_in_any_order_without_z_or_visibility():
    names = ["t"] + [f"{n}_{f}" for n in reversed(LANDMARK_NAMES) for f in ("y", "x")]
    rows = [",".join(names)]
    for i in range(5):
        values = [f"{i / 30:.4f}"]
        for j in reversed(range(33)):
            values += [f"{0.5 + 0.01 * j:.3f}", f"{0.1 * i + 0.001 * j:.4f}"]
        rows.append(",".join(values))
    raw = parse_recording("\n".join(rows))
    assert raw.points[4, 2, 0] == pytest.approx(0.402)
    assert raw.points[4, 2, 1] == pytest.approx(0.52)
    assert (raw.points[:, :, 2] == 0).all() and (raw.visibility == 1).all()


def test_gzip_is_detected():
    packed = gzip.compress(json.dumps(recording()).encode())
    assert parse_recording(packed).frames == 20


def test_writers_round_trip():
    data = recording()
    t = np.array([f["t"] for f in data["frames"]])
    points = np.array([f["landmarks"] for f in data["frames"]])
    for writer in (to_json, to_csv):
        raw = parse_recording(writer(t, points[:, :, :3], points[:, :, 3], fps=30))
        assert np.allclose(raw.points, points[:, :, :3], atol=1e-4)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d.pop("frames"), "frames", "missing"),
        (lambda d: d.update(frames=[]), "frames", "no frames"),
        (lambda d: d["frames"][3].pop("landmarks"), "frames[3].landmarks", "missing"),
        (lambda d: d["frames"][5]["landmarks"].pop(), "frames[5].landmarks", "32 landmarks"),
        (lambda d: d["frames"][5]["landmarks"].append([0, 0, 0, 1]), "frames[5].landmarks", "34"),
        (
            lambda d: d["frames"][6]["landmarks"][25].__setitem__(1, "abc"),
            "frames[6].landmarks[25].y",
            "left_knee",
        ),
        (
            lambda d: d["frames"][7]["landmarks"].__setitem__(12, [0.1]),
            "frames[7].landmarks[12]",
            "1 values",
        ),
        (
            lambda d: d["frames"][8]["landmarks"][0].__setitem__(3, 1.7),
            "frames[8].landmarks[0].visibility",
            "between 0 and 1",
        ),
        (lambda d: d["frames"][2].update(t="soon"), "frames[2].t", "number"),
        (lambda d: d.update(fps=-3), "fps", "positive"),
        (lambda d: d.update(imageWidth=1280), "imageWidth", "both"),
    ],
)
def test_json_errors_name_the_frame_and_field(change, field, words):
    data = recording()
    change(data)
    error = error_of(json.dumps(data))
    assert error.field == field
    assert words in error.message


def test_a_dict_landmark_without_y_is_named():
    data = recording()
    data["frames"][4]["landmarks"][INDEX["right_hip"]] = {"x": 0.4, "z": 0.0}
    error = error_of(data)
    assert error.field == "frames[4].landmarks[24].y"
    assert "right_hip" in error.message


def test_frames_missing_times_without_fps():
    data = {"frames": [{"landmarks": pose()} for _ in range(5)]}
    error = error_of(data)
    assert error.field == "frames[0].t" and "fps" in error.message
    data = recording()
    del data["frames"][9]["t"]
    assert error_of(data).field == "frames[9].t"


def test_invalid_json_and_unknown_shapes():
    assert "not valid JSON" in error_of('{"frames": [').message
    assert "expected an object" in error_of("42", format="json").message


def csv_text(frames: int = 6) -> str:
    data = recording(frames)
    t = np.array([f["t"] for f in data["frames"]])
    points = np.array([f["landmarks"] for f in data["frames"]])
    return to_csv(t, points[:, :, :3], points[:, :, 3], fps=30)


def test_csv_errors():
    text = csv_text()
    lines = text.splitlines()
    missing_column = text.replace("left_knee_x", "left_kne_x")
    error = error_of(missing_column)
    assert error.field == "header" and "left_knee_x" in error.message
    no_time = text.replace("\nt,", "\nframe,", 1)
    assert "time column" in error_of(no_time).message
    first = 2  # a "# fps=30" line, the header, then frame 0
    short = list(lines)
    short[first + 1] = short[first + 1].rsplit(",", 4)[0]
    error = error_of("\n".join(short))
    assert error.field == "frames[1]" and "the header has 133 columns" in error.message
    bad = list(lines)
    cells = bad[first + 3].split(",")
    cells[10] = "oops"  # column 10: t, then landmark 2's x, y, z, visibility at 9-12
    bad[first + 3] = ",".join(cells)
    error = error_of("\n".join(bad))
    assert error.field == "frames[3].landmarks[2].y" and "'oops'" in error.message
    assert error_of("# fps=30\n").field == "header"
