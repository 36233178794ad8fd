"""The 33-point BlazePose layout MediaPipe Pose produces, and the joints measured on it.

Index  name               Index  name               Index  name
    0  nose                  11  left_shoulder         22  right_thumb
    1  left_eye_inner        12  right_shoulder        23  left_hip
    2  left_eye              13  left_elbow            24  right_hip
    3  left_eye_outer        14  right_elbow           25  left_knee
    4  right_eye_inner       15  left_wrist            26  right_knee
    5  right_eye             16  right_wrist           27  left_ankle
    6  right_eye_outer       17  left_pinky            28  right_ankle
    7  left_ear              18  right_pinky           29  left_heel
    8  right_ear             19  left_index            30  right_heel
    9  mouth_left            20  right_index           31  left_foot_index
   10  mouth_right           21  left_thumb            32  right_foot_index

"left" is the person's left (MediaPipe's convention), not the left of the image.
Each landmark has x, y, z and a visibility in [0, 1]. In MediaPipe's image landmarks x and
y are normalised by the image's width and height (y grows downwards) and z is depth on
roughly the scale of x, origin at the hips; world landmarks are metres, origin at the hips.

A joint angle is the angle at the middle landmark of three, in degrees (0-180):

    elbow     shoulder - elbow - wrist        180 = arm straight
    shoulder  elbow - shoulder - hip          0 = arm by the side, 180 = arm overhead
    hip       shoulder - hip - knee           180 = standing straight
    knee      hip - knee - ankle              180 = leg straight
    ankle     knee - ankle - foot_index       about 90-110 standing; smaller = dorsiflexed
"""

from __future__ import annotations

LANDMARK_NAMES: tuple[str, ...] = (
    "nose",
    "left_eye_inner",
    "left_eye",
    "left_eye_outer",
    "right_eye_inner",
    "right_eye",
    "right_eye_outer",
    "left_ear",
    "right_ear",
    "mouth_left",
    "mouth_right",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_pinky",
    "right_pinky",
    "left_index",
    "right_index",
    "left_thumb",
    "right_thumb",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
    "left_heel",
    "right_heel",
    "left_foot_index",
    "right_foot_index",
)
LANDMARK_COUNT = len(LANDMARK_NAMES)  # 33
INDEX = {name: i for i, name in enumerate(LANDMARK_NAMES)}
FIELDS = ("x", "y", "z", "visibility")

JOINTS = ("elbow", "shoulder", "hip", "knee", "ankle")
SIDES = ("left", "right")
# joint -> (first, vertex, last), each a landmark name without its side
JOINT_LANDMARKS: dict[str, tuple[str, str, str]] = {
    "elbow": ("shoulder", "elbow", "wrist"),
    "shoulder": ("elbow", "shoulder", "hip"),
    "hip": ("shoulder", "hip", "knee"),
    "knee": ("hip", "knee", "ankle"),
    "ankle": ("knee", "ankle", "foot_index"),
}


def joint_indices(joint: str, side: str) -> tuple[int, int, int]:
    """The landmark indices (first, vertex, last) of one side's joint."""
    first, vertex, last = JOINT_LANDMARKS[joint]
    return INDEX[f"{side}_{first}"], INDEX[f"{side}_{vertex}"], INDEX[f"{side}_{last}"]


# Every (joint, side) measured, in a fixed order: the columns of an angle array.
JOINT_SIDES: tuple[tuple[str, str], ...] = tuple((j, s) for j in JOINTS for s in SIDES)
# The landmarks the joints use (limbs and trunk): the only ones validated for gaps,
# smoothed and measured. Face and hand points are read but never needed.
BODY_LANDMARKS: tuple[int, ...] = tuple(
    sorted({i for joint, side in JOINT_SIDES for i in joint_indices(joint, side)})
)
