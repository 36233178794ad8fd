"""Coach's movement-analysis engine: pure Python + numpy/scipy, no Django, so it is tested
and benchmarked alone (bench/movement.py).

    raw = parse_recording(data)                 # JSON or CSV landmarks, gzip allowed
    result = analyse(raw, load_pattern("squat"))
    result.count, result.rom("knee"), result.as_dict()

- `landmarks`: MediaPipe's 33-point BlazePose layout (index names) and the joint angles
  measured on it (elbow, shoulder, hip, knee, ankle, each side);
- `parsing`: reading JSON (list or MediaPipe's objects) and CSV recordings; every input
  error is a MovementInputError naming the frame and field;
- `recording`: the checks and limits (time order, length, frame rate, up to 150,000
  frames), resampling, trimming, and gap filling (up to 0.5 s; longer gaps leave a side
  or the recording out);
- `angles`, `signal`: joint angles; zero-phase Butterworth smoothing, SPARC and log
  dimensionless jerk, dynamic time warping;
- `reps`: repetitions by thresholds with hysteresis on the primary joint's angle;
- `analysis`: the whole analysis: repetitions, range of motion per joint, tempo,
  symmetry, smoothness, comparison with a reference pattern, findings and 0-1 metrics;
- `patterns`: reference patterns (`movement_patterns.metrics`) and the shipped ones;
- `synthetic`: the kinematic model that made the shipped sample recordings
  (data/recordings, with their truth in manifest.json) and the benchmark's held-out set;
- `evaluation`: scoring against that truth, and the naive baseline.
"""

from .analysis import MovementAnalysis, analyse
from .parsing import MovementInputError, RawRecording, parse_recording
from .patterns import ReferencePattern, load_pattern, pattern_from_metrics, shipped_patterns

__all__ = [
    "MovementAnalysis",
    "MovementInputError",
    "RawRecording",
    "ReferencePattern",
    "analyse",
    "load_pattern",
    "parse_recording",
    "pattern_from_metrics",
    "shipped_patterns",
]
