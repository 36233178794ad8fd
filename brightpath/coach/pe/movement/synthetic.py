"""A kinematic model of four exercises that writes MediaPipe-like landmark recordings with
known truth: the sample data, the benchmark's recordings and the tests' material.

    python -m brightpath.coach.pe.movement.synthetic     rewrite data/recordings + patterns

A body (segment lengths in proportion to its height) is posed frame by frame from one
"amount" per side (0 at rest, the repetition's depth at the far end), that follows a
minimum-jerk path out, an optional hold, and a minimum-jerk path back, with each
repetition's duration, depth and split varied, pauses between repetitions, optional
partial repetitions (a quarter to a third of the depth; not counted), a left-right
difference in depth and timing, and optional stop-and-go (jerky) movement:

    squat         knee flexion with shank and trunk lean, arms reaching forward
    push_up       elbow flexion, body a plank pivoting on the toes, filmed from the side
    bicep_curl    elbow flexion with a little shoulder swing, standing
    jumping_jack  shoulder abduction overhead and hip abduction, with a hop

The 3-D landmarks are seen by a camera turned `yaw` degrees around the body (0 = from
the front, 90 = from the person's left) and written as MediaPipe's image landmarks (x, y
divided by the image's width and height, z on x's scale from the hips), with white and
slowly wandering noise in proportion to the body's size in the picture (depth twice as
noisy), occasional bursts of low visibility with wrong
positions, one-frame glitches and frames with no person. The truth is measured on the
noise-free 3-D landmarks with the same angle definitions: each full repetition's span,
and each joint's range of motion per repetition (max - min of its angle within it).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
from scipy.signal import lfilter

from .angles import joint_angles
from .landmarks import INDEX, JOINT_SIDES, LANDMARK_COUNT, SIDES
from .parsing import to_csv, to_json

DATA = Path(__file__).parent / "data"
RECORDINGS = DATA / "recordings"
EXERCISES = ("squat", "push_up", "bicep_curl", "jumping_jack")
DECIMALS = 3  # of the image landmarks written: 0.001 of the picture, about a pixel
UP = np.array([0.0, 1.0, 0.0])
X = np.array([1.0, 0.0, 0.0])  # the person's left
Z = np.array([0.0, 0.0, 1.0])  # where the person faces


@dataclass(frozen=True)
class Spec:
    """One recording to generate. Depth is the primary joint's excursion in degrees."""

    exercise: str
    seed: int
    reps: int
    rep_seconds: float
    depth: float
    fps: float = 30.0
    noise: float = 0.004  # standard deviation, as a share of the body's size in the image
    yaw: float = 0.0
    pause: tuple[float, float] = (0.3, 1.0)
    hold: tuple[float, float] = (0.0, 0.2)  # share of a repetition
    partial_reps: int = 0
    asymmetry: float = 0.0  # the right side's depth is (1 - asymmetry) of the left's
    lag: float = 0.0  # seconds the right side follows the left
    jerk: float = 0.0  # 0 smooth, 1 stop-and-go in three steps
    height: float = 1.6
    image: tuple[int, int] = (1280, 720)
    dropouts: float = 0.5  # low-visibility bursts per 10 s
    glitches: float = 0.3  # one-frame jumps per 10 s
    missed: float = 0.2  # frames with no person per 10 s
    variation: float = 0.1  # of each repetition's duration and depth
    file: str = ""
    fmt: str = "json"  # json, json-dict (MediaPipe's objects) or csv
    gzip: bool = True


@dataclass
class Truth:
    reps: int
    partial_reps: int
    spans: list[tuple[float, float]]  # (start, end) seconds of each full repetition
    rom: dict[str, dict[str, float]]  # joint -> side -> median per-repetition ROM
    per_rep: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    rep_seconds: float = 0.0  # median duration


@dataclass
class Generated:
    spec: Spec
    t: np.ndarray
    world: np.ndarray  # (n, 33, 3) metres, noise-free
    points: np.ndarray  # (n, 33, 3) image landmarks with noise
    visibility: np.ndarray  # (n, 33); NaN in frames with no person
    truth: Truth
    true_angles: np.ndarray

    def header(self) -> dict:
        return {
            "fps": self.spec.fps,
            "imageWidth": self.spec.image[0],
            "imageHeight": self.spec.image[1],
        }

    def text(self) -> str:
        if self.spec.fmt == "csv":
            return to_csv(self.t, self.points, self.visibility, decimals=DECIMALS, **self.header())
        if self.spec.fmt == "json-dict":
            return _json_dict(self)
        return to_json(self.t, self.points, self.visibility, decimals=DECIMALS, **self.header())

    def payload(self) -> bytes:
        data = self.text().encode()
        return gzip.compress(data, compresslevel=9, mtime=0) if self.spec.gzip else data


def _json_dict(recording: Generated) -> str:
    frames = []
    for i, t in enumerate(recording.t):
        if np.isnan(recording.visibility[i]).all():
            frames.append({"timestamp_ms": int(round(t * 1000)), "pose_landmarks": []})
            continue
        frames.append(
            {
                "timestamp_ms": int(round(t * 1000)),
                "pose_landmarks": [
                    {
                        "x": round(float(x), DECIMALS),
                        "y": round(float(y), DECIMALS),
                        "z": round(float(z), DECIMALS),
                        "visibility": round(float(v), 2),
                    }
                    for (x, y, z), v in zip(
                        recording.points[i], recording.visibility[i], strict=True
                    )
                ],
            }
        )
    return json.dumps({**recording.header(), "frames": frames}, separators=(",", ":"))


# --- the movement in time -------------------------------------------------------------------


def _min_jerk(s: np.ndarray) -> np.ndarray:
    s = np.clip(s, 0.0, 1.0)
    return 10 * s**3 - 15 * s**4 + 6 * s**5


def _progress(s: np.ndarray, jerk: float) -> np.ndarray:
    """0 -> 1 over s in [0, 1]: minimum jerk, mixed with three stop-and-go steps."""
    smooth = _min_jerk(s)
    if jerk <= 0:
        return smooth
    steps = 3
    k = np.minimum(np.floor(s * steps), steps - 1)
    stair = (k + _min_jerk(s * steps - k)) / steps
    return (1 - jerk) * smooth + jerk * stair


@dataclass
class _Rep:
    start: float
    away: float
    hold: float
    back: float
    depth: float  # share of the spec's depth
    full: bool

    @property
    def end(self) -> float:
        return self.start + self.away + self.hold + self.back


def _timeline(spec: Spec, rng: np.random.Generator) -> tuple[list[_Rep], float]:
    kinds = [True] * spec.reps
    for _ in range(spec.partial_reps):
        kinds.insert(int(rng.integers(1, len(kinds) + 1)), False)
    t = rng.uniform(0.8, 1.8)
    reps = []
    v = spec.variation
    for k, full in enumerate(kinds):
        drift = 1.0 + 0.1 * k / max(1, len(kinds))  # a little slower as the set goes on
        duration = spec.rep_seconds * drift * rng.uniform(1 - 1.5 * v, 1 + 1.5 * v)
        hold = duration * rng.uniform(*spec.hold)
        moving = duration - hold
        away = moving * rng.uniform(0.42, 0.56)
        depth = rng.uniform(1 - v, 1 + 0.5 * v) if full else rng.uniform(0.22, 0.32)
        reps.append(_Rep(t, away, hold, moving - away, depth, full))
        t = reps[-1].end + rng.uniform(*spec.pause)
    return reps, t + rng.uniform(0.8, 1.8)


def _amount(t: np.ndarray, reps: list[_Rep], jerk: float) -> np.ndarray:
    amount = np.zeros_like(t)
    for rep in reps:
        lo, hi = np.searchsorted(t, [rep.start, rep.end], side="left")
        hi = min(len(t), hi + 1)
        span = t[lo:hi]
        a1 = rep.start + rep.away
        h1 = a1 + rep.hold
        away = rep.depth * _progress((span - rep.start) / rep.away, jerk)
        back = rep.depth * (1 - _progress((span - h1) / rep.back, jerk))
        amount[lo:hi] = np.where(span < a1, away, np.where(span < h1, rep.depth, back))
    return amount


# --- the body ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    height: float

    def __getattr__(self, name: str) -> float:
        shares = {
            "shank": 0.246,
            "thigh": 0.245,
            "trunk": 0.30,
            "upper_arm": 0.186,
            "forearm": 0.146,
            "shoulders": 0.23,
            "hips": 0.12,
            "ankle": 0.045,
            "head": 0.13,
        }
        if name in shares:
            return shares[name] * self.height
        raise AttributeError(name)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def _col(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=float)[:, None]


class _Pose:
    """The 33 landmarks of n frames, set by name."""

    def __init__(self, n: int) -> None:
        self.p = np.zeros((n, LANDMARK_COUNT, 3))

    def __setitem__(self, name: str, value: np.ndarray) -> None:
        self.p[:, INDEX[name]] = value

    def __getitem__(self, name: str) -> np.ndarray:
        return self.p[:, INDEX[name]]

    def head(self, centre: np.ndarray, forward: np.ndarray, up: np.ndarray, body: Body) -> None:
        side = _unit(np.cross(up, forward))  # the person's left
        h = body.height
        self["nose"] = centre + 0.07 * h * forward
        for s, sign in (("left", 1), ("right", -1)):
            eye = centre + 0.05 * h * forward + 0.02 * h * up
            self[f"{s}_eye_inner"] = eye + sign * 0.012 * h * side
            self[f"{s}_eye"] = eye + sign * 0.02 * h * side
            self[f"{s}_eye_outer"] = eye + sign * 0.028 * h * side
            self[f"{s}_ear"] = centre + sign * 0.045 * h * side
            self[f"mouth_{s}"] = (
                centre + 0.055 * h * forward - 0.03 * h * up + sign * 0.015 * h * side
            )

    def hands(self, body: Body) -> None:
        h = body.height
        for s, sign in (("left", 1), ("right", -1)):
            wrist, elbow = self[f"{s}_wrist"], self[f"{s}_elbow"]
            along = _unit(wrist - elbow)
            across = _unit(np.cross(along, Z + 0.3 * UP)) * sign
            self[f"{s}_index"] = wrist + 0.085 * h * along + 0.012 * h * across
            self[f"{s}_pinky"] = wrist + 0.07 * h * along - 0.02 * h * across
            self[f"{s}_thumb"] = wrist + 0.045 * h * along + 0.03 * h * across

    def feet(self, body: Body, forward: np.ndarray, down: np.ndarray) -> None:
        h = body.height
        for s in SIDES:
            ankle = self[f"{s}_ankle"]
            self[f"{s}_heel"] = ankle - 0.05 * h * forward + 0.03 * h * down
            self[f"{s}_foot_index"] = ankle + 0.13 * h * forward + 0.035 * h * down


def _leg_planes(toe_out: float) -> dict[str, np.ndarray]:
    r = np.radians(toe_out)
    return {
        "left": np.array([np.sin(r), 0, np.cos(r)]),
        "right": np.array([-np.sin(r), 0, np.cos(r)]),
    }


def _arm(shoulder, flexion, bend, lateral, sign, body):
    """Elbow and wrist of an arm raised `flexion` degrees forward from hanging, bent
    `bend` degrees at the elbow in the same plane, tilted `lateral` degrees outwards."""
    f = np.radians(flexion)[:, None]
    b = np.radians(flexion + bend)[:, None]
    out = np.tan(np.radians(lateral)) * sign * X
    upper = _unit(-np.cos(f) * UP + np.sin(f) * Z + out)
    lower = _unit(-np.cos(b) * UP + np.sin(b) * Z + out)
    elbow = shoulder + body.upper_arm * upper
    return elbow, elbow + body.forearm * lower


def _squat(amount: dict[str, np.ndarray], spec: Spec, body: Body, rng) -> np.ndarray:
    n = len(amount["left"])
    pose = _Pose(n)
    planes = _leg_planes(rng.uniform(5, 15))
    shank_share = rng.uniform(0.38, 0.46)
    lean = rng.uniform(0.45, 0.65)
    stance = body.hips * rng.uniform(1.2, 1.6)
    hips = {}
    for s, sign in (("left", 1), ("right", -1)):
        flex = np.radians(amount[s] * spec.depth)[:, None]
        shank = shank_share * flex
        ankle = np.array([sign * stance / 2, body.ankle, 0.0])
        knee = ankle + body.shank * (np.cos(shank) * UP + np.sin(shank) * planes[s])
        thigh = flex - shank
        hip = knee + body.thigh * (np.cos(thigh) * UP - np.sin(thigh) * planes[s])
        hip = hip + np.array([-sign * (stance - body.hips) / 2, 0, 0])  # pelvis is narrower
        pose[f"{s}_ankle"], pose[f"{s}_knee"], pose[f"{s}_hip"] = ankle, knee, hip
        hips[s] = hip
    mean_flex = np.radians(0.5 * (amount["left"] + amount["right"]) * spec.depth)[:, None]
    trunk_dir = np.cos(lean * mean_flex) * UP + np.sin(lean * mean_flex) * Z
    middle = 0.5 * (hips["left"] + hips["right"])
    shoulders = middle + body.trunk * trunk_dir
    for s, sign in (("left", 1), ("right", -1)):
        shoulder = shoulders + sign * body.shoulders / 2 * X
        pose[f"{s}_shoulder"] = shoulder
        reach = 35 + 0.55 * amount[s] * spec.depth
        pose[f"{s}_elbow"], pose[f"{s}_wrist"] = _arm(shoulder, reach, 12, 4, sign, body)
    pose.head(shoulders + body.head * trunk_dir, Z, UP, body)
    pose.hands(body)
    pose.feet(body, Z, -UP)
    return pose.p


def _circle_meet(a, ra, b, rb):
    """In the (y, z) plane: the meeting point of circles around a and b (radii ra, rb)
    on the upper side; a, b (n, 2)."""
    d = np.linalg.norm(b - a, axis=1, keepdims=True)
    ra, rb = np.reshape(ra, (-1, 1)), np.reshape(rb, (-1, 1))
    along = (ra**2 - rb**2 + d**2) / (2 * d)
    across = np.sqrt(np.maximum(ra**2 - along**2, 0.0))
    unit = (b - a) / d
    normal = np.column_stack([unit[:, 1], -unit[:, 0]])
    normal = np.where(normal[:, :1] < 0, -normal, normal)  # upwards (+y)
    return a + along * unit + across * normal


def _push_up(amount: dict[str, np.ndarray], spec: Spec, body: Body, rng) -> np.ndarray:
    n = len(amount["left"])
    pose = _Pose(n)
    hand_width = body.shoulders * rng.uniform(1.1, 1.4)
    sag = rng.uniform(-0.01, 0.02) * body.height
    sag_bottom = rng.uniform(0.0, 0.03) * body.height
    length = body.shank + body.thigh + body.trunk
    ankle_y = 0.07 * body.height
    rest_elbow = 172.0
    reach0 = np.sqrt(
        body.upper_arm**2
        + body.forearm**2
        - 2 * body.upper_arm * body.forearm * np.cos(np.radians(rest_elbow))
    )
    wrist_y = 0.03 * body.height
    ankle_z = -np.sqrt(length**2 - (wrist_y + reach0 - ankle_y) ** 2) + rng.uniform(-0.03, 0.03)
    shoulders = {}
    for s, sign in (("left", 1), ("right", -1)):
        elbow_angle = np.radians(rest_elbow - amount[s] * spec.depth)
        reach = np.sqrt(
            body.upper_arm**2
            + body.forearm**2
            - 2 * body.upper_arm * body.forearm * np.cos(elbow_angle)
        )
        dx = (hand_width - body.shoulders) / 2
        reach_yz = np.sqrt(np.maximum(reach**2 - dx**2, 1e-6))
        hand = np.tile([wrist_y, 0.0], (n, 1))
        ankle = np.tile([ankle_y, ankle_z], (n, 1))
        yz = _circle_meet(ankle, length, hand, reach_yz)
        shoulder = np.column_stack([np.full(n, sign * body.shoulders / 2), yz])
        wrist = np.tile([sign * hand_width / 2, wrist_y, 0.0], (n, 1))
        # the elbow: on the circle where the two arm segments meet, flared out and back
        to_shoulder = shoulder - wrist
        d = np.linalg.norm(to_shoulder, axis=1, keepdims=True)
        u = to_shoulder / d
        along = (body.forearm**2 - body.upper_arm**2 + d**2) / (2 * d)
        radius = np.sqrt(np.maximum(body.forearm**2 - along**2, 0.0))
        flare = _unit(sign * 0.8 * X - 0.6 * Z)
        perpendicular = _unit(flare - np.sum(flare * u, axis=1, keepdims=True) * u)
        pose[f"{s}_wrist"] = wrist
        pose[f"{s}_elbow"] = wrist + along * u + radius * perpendicular
        pose[f"{s}_shoulder"] = shoulder
        shoulders[s] = shoulder
    middle_shoulder = 0.5 * (shoulders["left"] + shoulders["right"])
    depth_share = _col(0.5 * (amount["left"] + amount["right"]))
    for s, sign in (("left", 1), ("right", -1)):
        ankle = np.tile([sign * 0.07 * body.height, ankle_y, ankle_z], (n, 1))
        line = middle_shoulder - ankle
        hip = ankle + (body.shank + body.thigh) / length * line
        hip = hip + np.array([sign * (body.hips / 2 - 0.07 * body.height), 0, 0])
        hip = hip - (sag + sag_bottom * depth_share) * UP
        knee = (
            ankle
            + body.shank / (body.shank + body.thigh) * (hip - ankle)
            - 0.008 * body.height * UP
        )
        pose[f"{s}_ankle"], pose[f"{s}_knee"], pose[f"{s}_hip"] = ankle, knee, hip
    along_body = _unit(middle_shoulder - 0.5 * (pose["left_hip"] + pose["right_hip"]))
    pose.head(middle_shoulder + body.head * along_body, -UP + 0.3 * Z, along_body, body)
    pose.hands(body)
    pose.feet(body, -along_body * 0.3 - UP, -along_body)
    return pose.p


def _bicep_curl(amount: dict[str, np.ndarray], spec: Spec, body: Body, rng) -> np.ndarray:
    n = len(amount["left"])
    pose = _Pose(n)
    swing = rng.uniform(4, 16)
    stance = body.hips * rng.uniform(1.0, 1.3)
    sway = 0.004 * body.height * np.sin(np.linspace(0, rng.uniform(2, 6), n))[:, None] * X
    for s, sign in (("left", 1), ("right", -1)):
        ankle = np.array([sign * stance / 2, body.ankle, 0.0])
        knee = ankle + body.shank * _unit(UP + 0.03 * Z) + sway * 0.5
        hip = (
            knee
            + body.thigh * _unit(UP - 0.02 * Z + sign * (body.hips - stance) / 2 / body.thigh * X)
            + sway
        )
        pose[f"{s}_ankle"], pose[f"{s}_knee"], pose[f"{s}_hip"] = ankle, knee, hip
    middle = 0.5 * (pose["left_hip"] + pose["right_hip"])
    trunk_dir = _unit(UP - 0.03 * Z)
    shoulders = middle + body.trunk * trunk_dir
    for s, sign in (("left", 1), ("right", -1)):
        shoulder = shoulders + sign * body.shoulders / 2 * X
        pose[f"{s}_shoulder"] = shoulder
        flexion = 3 + swing * amount[s]
        bend = 15 + amount[s] * spec.depth  # elbow angle = 165 - depth at the top
        pose[f"{s}_elbow"], pose[f"{s}_wrist"] = _arm(shoulder, flexion, bend, 8, sign, body)
    pose.head(shoulders + body.head * trunk_dir, Z, UP, body)
    pose.hands(body)
    pose.feet(body, Z, -UP)
    return pose.p


def _jumping_jack(amount: dict[str, np.ndarray], spec: Spec, body: Body, rng) -> np.ndarray:
    n = len(amount["left"])
    pose = _Pose(n)
    legs = rng.uniform(14, 22) / max(spec.depth, 1.0)
    fps = spec.fps
    mean = 0.5 * (amount["left"] + amount["right"])
    speed = np.abs(np.gradient(mean)) * fps
    hop = 0.04 * body.height * speed / max(speed.max(), 1e-9)
    pelvis = np.zeros((n, 3)) + (body.shank + body.thigh + body.ankle) * UP + hop[:, None] * UP
    for s, sign in (("left", 1), ("right", -1)):
        hip = pelvis + sign * body.hips / 2 * X
        spread = np.radians(3 + legs * amount[s] * spec.depth)[:, None]
        leg = np.cos(spread) * -UP + np.sin(spread) * sign * X
        knee = hip + body.thigh * leg + 0.01 * body.height * Z
        ankle = knee + body.shank * leg
        pose[f"{s}_hip"], pose[f"{s}_knee"], pose[f"{s}_ankle"] = hip, knee, ankle
    shoulders = pelvis + body.trunk * UP
    for s, sign in (("left", 1), ("right", -1)):
        shoulder = shoulders + sign * body.shoulders / 2 * X
        pose[f"{s}_shoulder"] = shoulder
        raise_ = np.radians(10 + amount[s] * spec.depth)[:, None]
        bend = np.radians(10 + 10 * amount[s])[:, None]
        upper = _unit(np.cos(raise_) * -UP + np.sin(raise_) * sign * X + 0.12 * Z)
        lower = _unit(np.cos(raise_ + bend) * -UP + np.sin(raise_ + bend) * sign * X + 0.12 * Z)
        elbow = shoulder + body.upper_arm * upper
        pose[f"{s}_elbow"], pose[f"{s}_wrist"] = elbow, elbow + body.forearm * lower
    pose.head(shoulders + body.head * UP, Z, UP, body)
    pose.hands(body)
    pose.feet(body, Z, -UP)
    return pose.p


POSERS = {
    "squat": _squat,
    "push_up": _push_up,
    "bicep_curl": _bicep_curl,
    "jumping_jack": _jumping_jack,
}


# --- the camera and its noise -------------------------------------------------------------------


def _project(world: np.ndarray, spec: Spec) -> tuple[np.ndarray, float]:
    """MediaPipe image landmarks of world points seen from `yaw` (weak perspective), and
    the body's size in the image in pixels."""
    width, height = spec.image
    yaw = np.radians(spec.yaw)
    right = np.array([np.cos(yaw), 0.0, -np.sin(yaw)])
    towards = np.array([np.sin(yaw), 0.0, np.cos(yaw)])
    across = world @ right
    depth = world @ towards
    up = world[:, :, 1]
    hips = world[:, [INDEX["left_hip"], INDEX["right_hip"]]].mean(axis=1)
    lying = spec.exercise == "push_up"
    extent = 1.25 * spec.height if not lying else 1.1 * spec.height
    size = 0.85 * (width if lying else height)
    scale = size / extent  # pixels per metre
    centre_across = np.median(across[:, INDEX["left_hip"]] + across[:, INDEX["right_hip"]]) / 2
    centre_up = np.median(up.mean(axis=1))
    u = width / 2 + scale * (across - centre_across)
    v = 0.55 * height - scale * (up - centre_up)
    hip_depth = (hips @ towards)[:, None]
    z = -scale * (depth - hip_depth) / width
    return np.stack([u / width, v / height, z], axis=2), size


def _noise(points: np.ndarray, size: float, spec: Spec, rng) -> tuple[np.ndarray, np.ndarray]:
    """Jitter in proportion to the body's size in the image (MediaPipe finds landmarks on
    a crop around the person), depth twice as noisy as x and y."""
    n = len(points)
    width, height = spec.image
    sigma = spec.noise * size / np.array([width, height, width / 2.0])
    far = None
    if abs(spec.yaw) > 50:
        far = "right" if np.sin(np.radians(spec.yaw)) > 0 else "left"
    scale = np.ones(LANDMARK_COUNT)
    visibility = rng.uniform(0.9, 0.999, (n, LANDMARK_COUNT))
    if far:
        for name, i in INDEX.items():
            if name.startswith(far):
                scale[i] = 1.6
                visibility[:, i] = rng.uniform(0.6, 0.92, n)
    white = rng.normal(0, 1, points.shape) * 0.8
    phi = np.exp(-1.0 / (0.15 * spec.fps))
    shocks = rng.normal(0, np.sqrt(1 - phi**2), points.shape)
    shocks[0] = 0.0
    wander = lfilter([1.0], [1.0, -phi], shocks, axis=0)  # w[i] = phi w[i-1] + shock[i]
    noisy = points + (white + 0.6 * wander) * sigma * scale[None, :, None]
    seconds = n / spec.fps
    limbs = [
        [f"{s}_{p}" for p in ("shoulder", "elbow", "wrist", "pinky", "index", "thumb")]
        for s in SIDES
    ] + [[f"{s}_{p}" for p in ("hip", "knee", "ankle", "heel", "foot_index")] for s in SIDES]
    for _ in range(rng.poisson(spec.dropouts * seconds / 10)):
        limb = [INDEX[name] for name in limbs[int(rng.integers(len(limbs)))]]
        start = int(rng.integers(0, n))
        stop = min(n, start + int(rng.integers(2, 10)))
        visibility[start:stop, limb] = rng.uniform(0.05, 0.45, (stop - start, len(limb)))
        noisy[start:stop][:, limb] += rng.normal(0, 0.03, (stop - start, len(limb), 3))
    body = [
        i
        for name, i in INDEX.items()
        if any(p in name for p in ("shoulder", "elbow", "wrist", "hip", "knee", "ankle"))
    ]
    for _ in range(rng.poisson(spec.glitches * seconds / 10)):
        i, j = int(rng.integers(1, n - 1)), body[int(rng.integers(len(body)))]
        noisy[i, j, :2] += rng.choice([-1, 1], 2) * rng.uniform(0.05, 0.12, 2)
        visibility[i, j] = rng.uniform(0.6, 0.95)
    for _ in range(rng.poisson(spec.missed * seconds / 10)):
        start = int(rng.integers(1, n - 3))
        visibility[start : start + int(rng.integers(1, 4))] = np.nan
    return noisy, visibility


# --- truth and the whole recording ---------------------------------------------------------------


def _truth(t: np.ndarray, angles: np.ndarray, reps: list[_Rep], spec: Spec) -> Truth:
    full = [r for r in reps if r.full]
    rom: dict[str, dict[str, float]] = {}
    per_rep: dict[str, dict[str, list[float]]] = {}
    bounds = [
        (np.searchsorted(t, rep.start, side="left"), np.searchsorted(t, rep.end, side="right"))
        for rep in full
    ]
    for c, (joint, side) in enumerate(JOINT_SIDES):
        values = [float(np.ptp(angles[lo:hi, c])) for lo, hi in bounds]
        per_rep.setdefault(joint, {})[side] = [round(v, 2) for v in values]
        rom.setdefault(joint, {})[side] = round(float(np.median(values)), 2) if values else 0.0
    return Truth(
        reps=len(full),
        partial_reps=spec.partial_reps,
        spans=[(round(r.start, 3), round(r.end, 3)) for r in full],
        rom=rom,
        per_rep=per_rep,
        rep_seconds=round(float(np.median([r.end - r.start for r in full])), 3) if full else 0.0,
    )


def generate(spec: Spec) -> Generated:
    """One recording, the same for the same spec."""
    rng = np.random.default_rng(spec.seed)
    reps, duration = _timeline(spec, rng)
    t = np.arange(0.0, duration, 1.0 / spec.fps)
    left = _amount(t, reps, spec.jerk)
    right = (1 - spec.asymmetry) * _amount(t - spec.lag, reps, spec.jerk)
    body = Body(spec.height)
    world = POSERS[spec.exercise]({"left": left, "right": right}, spec, body, rng)
    true_angles = joint_angles(world, 3)
    points, visibility = _noise(*_project(world, spec), spec, rng)
    truth = _truth(t, true_angles, reps, spec)
    return Generated(spec, t, world, points, visibility, truth, true_angles)


# --- the shipped data ----------------------------------------------------------------------------

DEFAULTS = {  # rep seconds, depth (primary joint degrees), pause, hold, yaw
    "squat": (2.6, 95.0, (0.3, 1.2), (0.0, 0.12), 35.0),
    "push_up": (2.0, 80.0, (0.2, 0.8), (0.0, 0.08), 80.0),
    "bicep_curl": (2.6, 112.0, (0.2, 0.9), (0.0, 0.12), 0.0),
    "jumping_jack": (0.95, 145.0, (0.0, 0.05), (0.0, 0.03), 0.0),
}


def spec_for(exercise: str, seed: int, reps: int, **changes) -> Spec:
    rep_seconds, depth, pause, hold, yaw = DEFAULTS[exercise]
    spec = Spec(exercise, seed, reps, rep_seconds, depth, pause=pause, hold=hold, yaw=yaw)
    return replace(spec, **changes)


def shipped_specs() -> list[Spec]:
    """The 16 shipped recordings: four per exercise, with different counts, tempi, depths,
    noise, camera angles, bodies and formats (the tuning set)."""
    rows = [
        # exercise, seed, reps, changes
        ("squat", 11, 4, {"fmt": "json", "gzip": False, "noise": 0.003}),
        (
            "squat",
            12,
            12,
            {"rep_seconds": 2.0, "depth": 110.0, "yaw": 10.0, "noise": 0.005, "fmt": "csv"},
        ),
        (
            "squat",
            13,
            6,
            {"rep_seconds": 3.4, "depth": 70.0, "yaw": 55.0, "partial_reps": 2, "height": 1.4},
        ),
        (
            "squat",
            14,
            15,
            {
                "asymmetry": 0.12,
                "lag": 0.1,
                "noise": 0.006,
                "height": 1.75,
                "image": (720, 1280),
                "fmt": "csv",
            },
        ),
        ("push_up", 21, 3, {"fmt": "json-dict", "gzip": False, "noise": 0.003}),
        ("push_up", 22, 7, {"rep_seconds": 2.8, "depth": 90.0, "yaw": 65.0, "fmt": "csv"}),
        ("push_up", 23, 15, {"rep_seconds": 1.5, "depth": 65.0, "noise": 0.006, "height": 1.45}),
        ("push_up", 24, 5, {"partial_reps": 2, "yaw": 88.0, "noise": 0.005, "fmt": "csv"}),
        ("bicep_curl", 31, 4, {"fmt": "csv", "gzip": False, "noise": 0.003}),
        ("bicep_curl", 32, 14, {"rep_seconds": 1.8, "depth": 100.0, "yaw": 25.0, "noise": 0.005}),
        (
            "bicep_curl",
            33,
            6,
            {"rep_seconds": 3.6, "depth": 125.0, "asymmetry": 0.15, "lag": 0.15, "fmt": "csv"},
        ),
        (
            "bicep_curl",
            34,
            12,
            {"partial_reps": 1, "yaw": -20.0, "noise": 0.006, "height": 1.35, "image": (720, 1280)},
        ),
        ("jumping_jack", 41, 10, {"fmt": "json", "gzip": False, "noise": 0.003}),
        (
            "jumping_jack",
            42,
            30,
            {"rep_seconds": 0.75, "depth": 135.0, "noise": 0.005, "fmt": "csv"},
        ),
        ("jumping_jack", 43, 15, {"rep_seconds": 1.2, "depth": 155.0, "yaw": 20.0, "height": 1.45}),
        (
            "jumping_jack",
            44,
            25,
            {"lag": 0.08, "asymmetry": 0.08, "noise": 0.006, "image": (720, 1280), "fmt": "csv"},
        ),
    ]
    specs = []
    for exercise, seed, reps, changes in rows:
        spec = spec_for(exercise, seed, reps, **changes)
        extension = {"json": "json", "json-dict": "json", "csv": "csv"}[spec.fmt]
        name = f"{exercise}_{seed}.{extension}" + (".gz" if spec.gzip else "")
        specs.append(replace(spec, file=name))
    return specs


def heldout_specs() -> list[Spec]:
    """Recordings never tuned on: other seeds, noise up to twice the shipped, other
    tempi, depths, bodies, camera angles and frame rates. Generated on demand."""
    rng = np.random.default_rng(20261207)
    specs = []
    for k in range(40):
        exercise = EXERCISES[k % 4]
        rep_seconds, depth, *_, yaw = DEFAULTS[exercise]
        specs.append(
            spec_for(
                exercise,
                seed=5000 + k,
                reps=int(rng.integers(4, 21)),
                rep_seconds=rep_seconds * rng.uniform(0.75, 1.35),
                depth=depth * rng.uniform(0.75, 1.1),
                noise=float(rng.choice([0.002, 0.004, 0.006, 0.008])),
                yaw=yaw + rng.uniform(-20, 20),
                partial_reps=int(rng.integers(0, 3)),
                asymmetry=rng.uniform(0, 0.12),
                lag=rng.uniform(0, 0.12),
                height=rng.uniform(1.3, 1.85),
                fps=float(rng.choice([25.0, 30.0, 60.0])),
                dropouts=rng.uniform(0.2, 1.0),
                image=(1280, 720) if rng.random() < 0.6 else (720, 1280),
            )
        )
    return specs


def manifest_entry(recording: Generated) -> dict:
    spec = recording.spec
    return {
        "file": spec.file,
        "exercise": spec.exercise,
        "format": "csv" if spec.fmt == "csv" else "json",
        "seed": spec.seed,
        "fps": spec.fps,
        "frames": len(recording.t),
        "durationSeconds": round(float(recording.t[-1]), 2),
        "noise": spec.noise,
        "cameraYaw": spec.yaw,
        "trueRepetitions": recording.truth.reps,
        "partialRepetitions": recording.truth.partial_reps,
        "trueRepSeconds": recording.truth.rep_seconds,
        "trueRepSpans": recording.truth.spans,
        "trueRom": recording.truth.rom,
        "spec": {k: v for k, v in asdict(spec).items() if k not in ("file", "exercise", "seed")},
    }


def reference_curve(exercise: str, points: int = 51) -> list[float]:
    """The primary joint's angle over one model repetition (default tempo and depth,
    no hold, no noise), as a pattern's curve."""
    from .patterns import curve_of

    spec = spec_for(exercise, seed=1, reps=1, hold=(0.0, 0.0), variation=0.0, pause=(0.0, 0.0))
    recording = generate(spec)
    ((start, end),) = recording.truth.spans
    primary = PRIMARY[exercise]
    columns = [JOINT_SIDES.index((primary, s)) for s in SIDES]
    inside = (recording.t >= start) & (recording.t <= end)
    return curve_of(recording.true_angles[inside][:, columns].mean(axis=1), points)


PRIMARY = {"squat": "knee", "push_up": "elbow", "bicep_curl": "elbow", "jumping_jack": "shoulder"}

PATTERNS = {  # everything but the curve, which the model draws
    "squat": {
        "name": "Bodyweight squat",
        "patternType": "squat",
        "description": "Feet shoulder-width apart, sit the hips back and down until the "
        "thighs are about parallel, then stand tall; arms reach forward for balance.",
        "metrics": {
            "primaryJoint": "knee",
            "restAngle": "high",
            "awayPhase": "eccentric",
            "romRange": {"knee": [80, 125], "hip": [70, 130]},
            "repSeconds": [1.5, 5.0],
            "minRepSeconds": 0.8,
            "cutoffHz": 4.0,
            "cues": {
                "rom_below_expected": "Sit back and lower until the thighs are parallel "
                "to the floor, keeping the heels down.",
                "tempo_too_fast": "Lower for two counts, rise for one: no dropping.",
                "asymmetry": "Keep the weight even on both feet; knees track over the toes.",
            },
        },
    },
    "push_up": {
        "name": "Push-up",
        "patternType": "push",
        "description": "Hands under the shoulders, body in a straight line from head to "
        "heels; bend the elbows to lower the chest near the floor and push back up.",
        "metrics": {
            "primaryJoint": "elbow",
            "restAngle": "high",
            "awayPhase": "eccentric",
            "romRange": {"elbow": [60, 100], "hip": [0, 15]},
            "repSeconds": [1.2, 4.0],
            "minRepSeconds": 0.6,
            "cutoffHz": 4.0,
            "cues": {
                "rom_below_expected": "Lower the chest until the elbows reach a right "
                "angle; try push-ups on the knees or against a bench first.",
                "rom_above_expected": "Keep the body in a straight line: squeeze the "
                "glutes so the hips do not sag.",
            },
        },
    },
    "bicep_curl": {
        "name": "Bicep curl",
        "patternType": "pull",
        "description": "Standing tall, elbows at the sides, curl the hands up to the "
        "shoulders and lower them slowly all the way down.",
        "metrics": {
            "primaryJoint": "elbow",
            "restAngle": "high",
            "awayPhase": "concentric",
            "romRange": {"elbow": [90, 135], "shoulder": [0, 25]},
            "repSeconds": [1.5, 5.0],
            "minRepSeconds": 0.6,
            "cutoffHz": 4.0,
            "cues": {
                "rom_below_expected": "Lower the weight all the way until the arms are "
                "straight, and curl up to the shoulders.",
                "rom_above_expected": "Keep the elbows pinned to the sides: do not swing "
                "the upper arms.",
            },
        },
    },
    "jumping_jack": {
        "name": "Jumping jack",
        "patternType": "jumping",
        "description": "Jump the feet apart while raising the arms overhead, then jump "
        "back to feet together with the arms at the sides, in a steady rhythm.",
        "metrics": {
            "primaryJoint": "shoulder",
            "restAngle": "low",
            "awayPhase": "concentric",
            "romRange": {"shoulder": [120, 170], "hip": [10, 35]},
            "repSeconds": [0.6, 1.6],
            "minRepSeconds": 0.3,
            "cutoffHz": 6.0,
            "cues": {
                "rom_below_expected": "Reach the arms all the way overhead and jump the "
                "feet wider than the shoulders.",
                "tempo_too_slow": "Keep a bouncy rhythm, about one jack per second.",
            },
        },
    },
}


def write_patterns(path: Path = DATA / "patterns.json") -> list[dict]:
    """Write the reference patterns, each with its curve from the model."""
    patterns = []
    for exercise, entry in PATTERNS.items():
        metrics = dict(entry["metrics"], curve=reference_curve(exercise))
        patterns.append({"exercise": exercise, **entry, "metrics": metrics})
    path.write_text(json.dumps(patterns, indent=1) + "\n")
    return patterns


def write_samples(directory: Path = RECORDINGS) -> list[dict]:
    """Write the shipped recordings and their manifest; returns the manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    manifest = []
    for spec in shipped_specs():
        recording = generate(spec)
        (directory / spec.file).write_bytes(recording.payload())
        manifest.append(manifest_entry(recording))
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def main() -> None:
    write_patterns()
    manifest = write_samples()
    for entry in manifest:
        print(entry["file"], entry["trueRepetitions"], entry["trueRom"][PRIMARY[entry["exercise"]]])


if __name__ == "__main__":
    main()
