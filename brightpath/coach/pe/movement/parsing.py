"""Reading a landmark recording: JSON or CSV (optionally gzip-compressed) into arrays.

JSON, an object (or a bare list of frames):

    {"fps": 30,                                   optional when every frame has a time
     "imageWidth": 1280, "imageHeight": 720,      optional: the video's size in pixels
     "frames": [{"t": 0.0,                         seconds (or "timestampMs")
                 "landmarks": [[x, y, z, visibility], ... 33],
                 "worldLandmarks": [...]}]}        optional, MediaPipe's metres

A landmark is a list [x, y], [x, y, z] or [x, y, z, visibility], or MediaPipe's object
{"x":, "y":, "z":, "visibility":} (other keys such as "presence" are ignored); z defaults
to 0 and visibility to 1. `"landmarks": []` or `null` is a frame where no person was
found. MediaPipe's key names (`pose_landmarks`, `poseWorldLandmarks`, `timestamp_ms`)
are accepted, and so is its list of poses per frame (the first pose is used).

CSV: one row per frame, a header naming the columns: `t` (seconds; or `timestamp_ms`)
then `<landmark>_x, <landmark>_y, <landmark>_z, <landmark>_visibility` for the 33
landmarks by name (landmarks.LANDMARK_NAMES), in any order; z and visibility columns may
be left out, an empty cell is a missing value. Lines starting with `#` before the header
may carry `fps=30`, `imageWidth=1280`, `imageHeight=720`.

Errors are MovementInputError with the field's path and a message naming the landmark,
e.g. field `frames[12].landmarks[25].y`, message `left_knee (landmark 25): 'abc' is not a
number`.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .landmarks import FIELDS, INDEX, LANDMARK_COUNT, LANDMARK_NAMES

MAX_INPUT_BYTES = 400 * 1024 * 1024  # decompressed; a 10-minute 120-fps JSON is ~200 MB
TIME_KEYS = ("t", "time", "timestamp")  # seconds
TIME_MS_KEYS = ("timestampMs", "timestamp_ms")
LANDMARK_KEYS = ("landmarks", "poseLandmarks", "pose_landmarks")
WORLD_KEYS = ("worldLandmarks", "world_landmarks", "poseWorldLandmarks", "pose_world_landmarks")
VISIBILITY_TOLERANCE = 1e-3


class MovementInputError(ValueError):
    """A recording or a reference pattern that cannot be analysed.

    `field` is the path of the bad value in the input ("frames[12].landmarks[25].y"),
    or "" when the input as a whole is wrong; `message` says what is wrong and what to do.
    """

    def __init__(self, message: str, field: str = "") -> None:
        self.message = message
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


@dataclass
class RawRecording:
    """A recording as read, before any checking of time or gaps.

    t: (n,) seconds as given (NaN where a frame had none); points: (n, 33, 3) x, y, z,
    NaN for a missing value; visibility: (n, 33), NaN where the frame had no pose.
    `world` is True when the points are MediaPipe world landmarks (metres).
    """

    t: np.ndarray
    points: np.ndarray
    visibility: np.ndarray
    fps: float | None = None
    image_size: tuple[float, float] | None = None
    world: bool = False
    source: str = "json"
    people: int = 1  # most poses seen in one frame (only the first is used)
    warnings: list[str] = field(default_factory=list)

    @property
    def frames(self) -> int:
        return len(self.t)


def _named(landmark: int, message: str) -> str:
    return f"{LANDMARK_NAMES[landmark]} (landmark {landmark}): {message}"


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                data = stream.read(MAX_INPUT_BYTES + 1)
        except (OSError, EOFError) as error:
            raise MovementInputError(f"the gzip file cannot be read ({error})") from error
    if len(data) > MAX_INPUT_BYTES:
        raise MovementInputError(
            f"the recording is over {MAX_INPUT_BYTES // 2**20} MB; "
            "send it in parts or at a lower frame rate"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MovementInputError("the file is not UTF-8 text (JSON or CSV)") from error


def parse_recording(data: bytes | str | dict | list, *, format: str | None = None) -> RawRecording:
    """Read a recording from JSON or CSV text or bytes (gzip detected), or parsed JSON.

    `format` is "json" or "csv"; by default it is told from the first character.
    """
    if isinstance(data, dict | list):
        return _from_json(data)
    text = _decode(data)
    if format is None:
        format = "json" if text.lstrip()[:1] in ("{", "[") else "csv"
    if format == "json":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise MovementInputError(
                f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
            ) from error
        return _from_json(document)
    if format == "csv":
        return _from_csv(text)
    raise MovementInputError(f"unknown format {format!r}; use json or csv", "format")


# --- JSON -----------------------------------------------------------------------------


def _number(value: Any, path: str, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MovementInputError("must be a number", path)
    if not math.isfinite(value) or (positive and value <= 0):
        raise MovementInputError("must be a positive number" if positive else "not finite", path)
    return float(value)


def _first(mapping: dict, keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        if key in mapping:
            return key, mapping[key]
    return None, None


def _header(document: dict) -> tuple[float | None, tuple[float, float] | None]:
    fps = document.get("fps", document.get("frameRate"))
    if fps is not None:
        fps = _number(fps, "fps", positive=True)
    width = document.get("imageWidth", document.get("image_width"))
    height = document.get("imageHeight", document.get("image_height"))
    if (width is None) != (height is None):
        raise MovementInputError("give both imageWidth and imageHeight, or neither", "imageWidth")
    size = None
    if width is not None:
        size = (
            _number(width, "imageWidth", positive=True),
            _number(height, "imageHeight", positive=True),
        )
    return fps, size


def _from_json(document: Any) -> RawRecording:
    if isinstance(document, list):
        frames, fps, size = document, None, None
    elif isinstance(document, dict):
        if "frames" not in document:
            raise MovementInputError("missing: the recording's list of frames", "frames")
        frames = document["frames"]
        fps, size = _header(document)
    else:
        raise MovementInputError("expected an object with frames, or a list of frames")
    if not isinstance(frames, list):
        raise MovementInputError("must be a list of frames", "frames")
    if not frames:
        raise MovementInputError("the recording has no frames", "frames")

    fast = _fast_frames(frames, fps, size)
    if fast is not None:
        return fast
    n = len(frames)
    t = np.full(n, np.nan)
    points = np.full((n, LANDMARK_COUNT, 3), np.nan)
    visibility = np.full((n, LANDMARK_COUNT), np.nan)
    world_points = np.full((n, LANDMARK_COUNT, 3), np.nan)
    world_frames = 0
    people = 1
    timed = None
    for i, frame in enumerate(frames):
        if isinstance(frame, list):
            frame = {"landmarks": frame}
        elif not isinstance(frame, dict):
            raise MovementInputError("expected an object with t and landmarks", f"frames[{i}]")
        key, value = _first(frame, TIME_KEYS)
        scale = 1.0
        if key is None:
            key, value = _first(frame, TIME_MS_KEYS)
            scale = 0.001
        if timed is None:
            timed = key is not None
        if key is None:
            if timed:
                raise MovementInputError("missing: every frame needs its time", f"frames[{i}].t")
            if fps is None:
                raise MovementInputError(
                    "missing: give each frame a time t in seconds, or the recording's fps",
                    f"frames[{i}].t",
                )
        else:
            if not timed:
                raise MovementInputError(
                    "the first frames have no time and this one has; give every frame a time",
                    f"frames[{i}].{key}",
                )
            t[i] = _number(value, f"frames[{i}].{key}") * scale
        key, value = _first(frame, LANDMARK_KEYS)
        if key is None:
            raise MovementInputError(
                "missing: the frame's 33 landmarks ([] when no person was found)",
                f"frames[{i}].landmarks",
            )
        poses = _poses(value)
        people = max(people, len(poses))
        if poses:
            _read_pose(poses[0], i, key, points[i], visibility[i])
        key, value = _first(frame, WORLD_KEYS)
        world = _poses(value) if key is not None else []
        if world:
            _read_pose(world[0], i, key, world_points[i], np.empty(LANDMARK_COUNT))
            world_frames += 1
        elif not poses:
            world_frames += 1  # a frame with no person has neither, and spoils nothing
    if not timed:
        t = np.arange(n) / fps
    use_world = world_frames == n and np.isfinite(world_points).any()
    warnings = []
    if people > 1:
        warnings.append(f"up to {people} people were found in a frame; the first is analysed")
    return RawRecording(
        t=t,
        points=world_points if use_world else points,
        visibility=visibility,
        fps=fps,
        image_size=size,
        world=use_world,
        source="json",
        people=people,
        warnings=warnings,
    )


_NO_POSE = [[math.nan] * 4] * LANDMARK_COUNT


def _fast_frames(
    frames: list, fps: float | None, size: tuple[float, float] | None
) -> RawRecording | None:
    """The common case read in one numpy call: every frame {"t", "landmarks": 33 lists of
    4, or [] when no person was found}, nothing else. None sends the recording through
    the checking path, which finds and names any problem."""
    try:
        if any(type(f) is not dict or len(f) != 2 for f in frames):
            return None
        t = np.array([f["t"] for f in frames], dtype=float)
        poses = [f["landmarks"] or _NO_POSE for f in frames]
        values = np.array(poses, dtype=float)
    except (KeyError, TypeError, ValueError):
        return None
    if values.shape != (len(frames), LANDMARK_COUNT, 4) or not np.isfinite(t).all():
        return None
    visibility = values[:, :, 3]
    with np.errstate(invalid="ignore"):
        out_of_range = (visibility < -VISIBILITY_TOLERANCE) | (
            visibility > 1 + VISIBILITY_TOLERANCE
        )
    if out_of_range.any():
        return None
    return RawRecording(
        t=t,
        points=np.ascontiguousarray(values[:, :, :3]),
        visibility=np.ascontiguousarray(visibility),
        fps=fps,
        image_size=size,
    )


def _poses(value: Any) -> list:
    """The poses in a frame's landmarks: [] (no person), [pose] or MediaPipe's [pose, ...]."""
    if value is None or value == []:
        return []
    if isinstance(value, dict) and "landmark" in value:  # protobuf-style {"landmark": [...]}
        value = value["landmark"]
    if not isinstance(value, list):
        return [value]
    first = value[0]
    if isinstance(first, list) and first and isinstance(first[0], list | dict):
        return value
    return [value]


def _read_pose(pose: Any, i: int, key: str, out: np.ndarray, vis: np.ndarray) -> None:
    path = f"frames[{i}].{key}"
    if not isinstance(pose, list):
        raise MovementInputError("must be a list of 33 landmarks", path)
    if len(pose) != LANDMARK_COUNT:
        raise MovementInputError(
            f"{len(pose)} landmarks; expected {LANDMARK_COUNT} (MediaPipe BlazePose)", path
        )
    if isinstance(pose[0], list):
        try:
            values = np.array(pose, dtype=float)
        except (TypeError, ValueError):
            values = None
        if values is not None and values.ndim == 2 and 2 <= values.shape[1] <= 4:
            _store(values, path, out, vis)
            return
    for j, landmark in enumerate(pose):
        out[j], vis[j] = _landmark(landmark, f"{path}[{j}]", j)


def _store(values: np.ndarray, path: str, out: np.ndarray, vis: np.ndarray) -> None:
    width = values.shape[1]
    out[:, :width] = values[:, :3]
    if width < 3:
        out[:, 2] = 0.0
    vis[:] = values[:, 3] if width == 4 else 1.0
    _check_visibility(vis, path)


def _check_visibility(vis: np.ndarray, path: str) -> None:
    bad = np.flatnonzero(
        (vis < -VISIBILITY_TOLERANCE) | (vis > 1 + VISIBILITY_TOLERANCE) | np.isinf(vis)
    )
    if bad.size:
        j = int(bad[0])
        raise MovementInputError(
            _named(j, f"visibility {vis[j]:g} is not between 0 and 1"), f"{path}[{j}].visibility"
        )


def _value(value: Any, path: str, j: int) -> float:
    if value is None:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MovementInputError(_named(j, f"{value!r} is not a number"), path)
    return float(value)


def _landmark(landmark: Any, path: str, j: int) -> tuple[tuple[float, float, float], float]:
    if isinstance(landmark, dict):
        for axis in ("x", "y"):
            if axis not in landmark:
                raise MovementInputError(_named(j, f"{axis} is missing"), f"{path}.{axis}")
        x = _value(landmark["x"], f"{path}.x", j)
        y = _value(landmark["y"], f"{path}.y", j)
        z = _value(landmark.get("z", 0.0), f"{path}.z", j)
        v = _value(landmark.get("visibility", 1.0), f"{path}.visibility", j)
    elif isinstance(landmark, list | tuple):
        if not 2 <= len(landmark) <= 4:
            raise MovementInputError(
                _named(j, f"{len(landmark)} values; expected [x, y, z, visibility]"), path
            )
        values = [_value(v, f"{path}.{FIELDS[k]}", j) for k, v in enumerate(landmark)]
        x, y = values[0], values[1]
        z = values[2] if len(values) > 2 else 0.0
        v = values[3] if len(values) > 3 else 1.0
    else:
        raise MovementInputError(
            _named(j, "expected [x, y, z, visibility] or {x, y, z, visibility}"), path
        )
    if math.isfinite(v) and not -VISIBILITY_TOLERANCE <= v <= 1 + VISIBILITY_TOLERANCE:
        raise MovementInputError(
            _named(j, f"visibility {v:g} is not between 0 and 1"), f"{path}.visibility"
        )
    return (x, y, z), v


# --- CSV ------------------------------------------------------------------------------

_FIELD_ALIASES = {"x": 0, "y": 1, "z": 2, "visibility": 3, "vis": 3, "v": 3}
_COLUMN = re.compile(r"^(?P<name>[a-z_]+?)_(?P<field>x|y|z|visibility|vis|v)$")
_META = re.compile(r"(fps|imagewidth|imageheight|image_width|image_height)\s*[=:]\s*([0-9.]+)")


def _csv_meta(lines: list[str]) -> dict[str, float]:
    meta = {}
    for line in lines:
        for key, value in _META.findall(line.lower()):
            meta[key.replace("_", "")] = float(value)
    return meta


def _csv_columns(header: list[str]) -> tuple[int, float, list[tuple[int, int, int]]]:
    """(time column, time scale, [(column, landmark, field)]) from the header row."""
    time_column, scale, columns = None, 1.0, []
    seen = set()
    for c, raw in enumerate(header):
        name = raw.strip().lower()
        if name in TIME_KEYS:
            time_column, scale = c, 1.0
            continue
        if name in ("timestamp_ms", "timestampms"):
            time_column, scale = c, 0.001
            continue
        match = _COLUMN.match(name)
        if match and match["name"] in INDEX:
            key = (INDEX[match["name"]], _FIELD_ALIASES[match["field"]])
            if key in seen:
                raise MovementInputError(f"column {c + 1} {raw!r} appears twice", "header")
            seen.add(key)
            columns.append((c, *key))
    if time_column is None:
        raise MovementInputError("no time column: name it t (seconds) or timestamp_ms", "header")
    for j, landmark in enumerate(LANDMARK_NAMES):
        for k in (0, 1):
            if (j, k) not in seen:
                raise MovementInputError(
                    f"no column {landmark}_{FIELDS[k]}: every one of the 33 landmarks needs "
                    "its x and y (names as in landmarks.LANDMARK_NAMES)",
                    "header",
                )
    return time_column, scale, columns


def _empty_as_nan(lines: list[str]) -> list[str]:
    """Empty cells written as nan, so numpy reads every row (str.replace: fast)."""
    text = "\n".join(lines) + "\n"
    if ",," in text or ",\n" in text or "\n," in text:
        text = text.replace(",,", ",nan,").replace(",,", ",nan,").replace(",\n", ",nan\n")
        text = text.replace("\n,", "\nnan,")
    return text.splitlines()


def _csv_body(lines: list[str], width: int, first_line: int, fields: dict[int, str]) -> np.ndarray:
    """The table of numbers; `fields` names each column's field ("landmarks[25].y")."""
    filled = _empty_as_nan(lines)
    try:
        table = np.loadtxt(filled, delimiter=",", dtype=float, ndmin=2)
    except ValueError:
        table = None
    if table is not None and table.shape[1] == width:
        return table
    table = np.full((len(lines), width), np.nan)
    for i, row in enumerate(csv.reader(lines)):
        if len(row) != width:
            raise MovementInputError(
                f"{len(row)} values on line {first_line + i}; the header has {width} columns "
                f"(t and x, y, z, visibility of {LANDMARK_COUNT} landmarks)",
                f"frames[{i}]",
            )
        for c, cell in enumerate(row):
            cell = cell.strip()
            if cell and cell.lower() not in ("nan", "null", "none"):
                try:
                    table[i, c] = float(cell)
                except ValueError:
                    raise MovementInputError(
                        f"{cell!r} on line {first_line + i}, column {c + 1} is not a number",
                        f"frames[{i}].{fields.get(c, 't')}",
                    ) from None
    return table


def _from_csv(text: str) -> RawRecording:
    lines = text.splitlines()
    start = 0
    while start < len(lines) and (not lines[start].strip() or lines[start].startswith("#")):
        start += 1
    if start == len(lines):
        raise MovementInputError("the CSV has no header row", "header")
    meta = _csv_meta(lines[:start])
    header = next(csv.reader([lines[start]]))
    time_column, scale, columns = _csv_columns(header)
    body = [line for line in lines[start + 1 :] if line.strip()]
    if not body:
        raise MovementInputError("the recording has no frames", "frames")
    fields = {c: f"landmarks[{j}].{FIELDS[k]}" for c, j, k in columns}
    table = _csv_body(body, len(header), start + 2, fields)
    n = len(table)
    points = np.full((n, LANDMARK_COUNT, 3), np.nan)
    points[:, :, 2] = 0.0
    visibility = np.ones((n, LANDMARK_COUNT))
    for c, j, k in columns:
        if k == 3:
            visibility[:, j] = table[:, c]
        else:
            points[:, j, k] = table[:, c]
    # a row whose landmarks are all empty is a frame where no person was found
    visibility[np.isnan(points[:, :, :2]).all(axis=(1, 2))] = np.nan
    for i in np.flatnonzero(np.isnan(visibility).any(axis=1)):
        row = visibility[i]
        if not np.isnan(row).all():
            j = int(np.flatnonzero(np.isnan(row))[0])
            visibility[i, j] = 0.0  # an empty visibility cell: treat the value as unseen
    with np.errstate(invalid="ignore"):
        bad = (visibility < -VISIBILITY_TOLERANCE) | (visibility > 1 + VISIBILITY_TOLERANCE)
    if bad.any():
        i, j = (int(v) for v in np.argwhere(bad)[0])
        raise MovementInputError(
            _named(j, f"visibility {visibility[i, j]:g} is not between 0 and 1"),
            f"frames[{i}].landmarks[{j}].visibility",
        )
    fps = meta.get("fps")
    size = None
    if "imagewidth" in meta and "imageheight" in meta:
        size = (meta["imagewidth"], meta["imageheight"])
    return RawRecording(
        t=table[:, time_column] * scale,
        points=points,
        visibility=visibility,
        fps=fps,
        image_size=size,
        source="csv",
    )


def to_json(
    t: np.ndarray, points: np.ndarray, visibility: np.ndarray, *, decimals: int = 4, **header: Any
) -> str:
    """A recording as the JSON this module reads (list form); a frame whose
    visibility is all NaN is written as a frame with no person (`"landmarks": []`)."""
    frames = []
    for i in range(len(t)):
        if np.isnan(visibility[i]).all():
            frames.append({"t": round(float(t[i]), 4), "landmarks": []})
            continue
        rows = np.column_stack([points[i], visibility[i]])
        frames.append(
            {
                "t": round(float(t[i]), 4),
                "landmarks": [
                    [round(float(v), decimals) for v in row[:3]] + [round(float(row[3]), 2)]
                    for row in rows
                ],
            }
        )
    return json.dumps({**header, "frames": frames}, separators=(",", ":"))


def to_csv(
    t: np.ndarray, points: np.ndarray, visibility: np.ndarray, *, decimals: int = 4, **header: Any
) -> str:
    """A recording as the CSV this module reads: `# key=value` lines, a header row, one
    row per frame (empty cells for a frame with no person)."""
    out = io.StringIO()
    for key, value in header.items():
        out.write(f"# {key}={value}\n")
    names = ["t"] + [f"{name}_{f}" for name in LANDMARK_NAMES for f in FIELDS]
    out.write(",".join(names) + "\n")
    for i in range(len(t)):
        if np.isnan(visibility[i]).all():
            out.write(f"{t[i]:.4f}" + "," * (len(names) - 1) + "\n")
            continue
        cells = []
        for j in range(LANDMARK_COUNT):
            x, y, z = points[i, j]
            cells += [f"{x:.{decimals}f}", f"{y:.{decimals}f}", f"{z:.{decimals}f}"]
            cells.append(f"{visibility[i, j]:.2f}")
        out.write(f"{t[i]:.4f}," + ",".join(cells) + "\n")
    return out.getvalue()
