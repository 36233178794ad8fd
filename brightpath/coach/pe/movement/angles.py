"""Joint angles from landmark positions (the joints of landmarks.JOINT_LANDMARKS)."""

from __future__ import annotations

import numpy as np

from .landmarks import JOINT_SIDES, joint_indices


def angle_at(first: np.ndarray, vertex: np.ndarray, last: np.ndarray) -> np.ndarray:
    """The angle first-vertex-last in degrees, for points (..., 2 or 3); NaN where a point
    is NaN or two coincide. atan2 of the cross and dot products stays accurate near 0 and
    180 degrees, where arccos of the cosine does not."""
    a = np.asarray(first, dtype=float) - vertex
    b = np.asarray(last, dtype=float) - vertex
    if a.shape[-1] == 2:
        cross = np.abs(a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0])
    else:
        cross = np.linalg.norm(np.cross(a, b), axis=-1)
    dot = np.sum(a * b, axis=-1)
    with np.errstate(invalid="ignore"):
        degrees = np.degrees(np.arctan2(cross, dot))
    degenerate = (np.linalg.norm(a, axis=-1) == 0) | (np.linalg.norm(b, axis=-1) == 0)
    return np.where(degenerate, np.nan, degrees)


def joint_angles(points: np.ndarray, dims: int = 3) -> np.ndarray:
    """(n, len(JOINT_SIDES)) angles in degrees of every joint and side, from points
    (n, 33, 3); dims 2 ignores depth."""
    points = points[..., :dims]
    columns = []
    for joint, side in JOINT_SIDES:
        i, j, k = joint_indices(joint, side)
        columns.append(angle_at(points[:, i], points[:, j], points[:, k]))
    return np.column_stack(columns)
