"""Coach movement-analysis benchmark: repetitions, range of motion and speed, beside a baseline.

    python -m bench.movement [--quick]

Accuracy, on the 16 shipped recordings (brightpath/coach/pe/movement/data/recordings,
read as files, each analysed against its exercise's shipped reference pattern; the
set the method was tuned on) and on 40 held-out recordings generated from other seeds
with other noise levels (up to twice the shipped), frame rates, bodies, camera angles,
tempi and depths, never looked at while tuning (synthetic.heldout_specs): exact and
within-one repetition counts, and the error of the primary joint's range of motion
(each measured side) and of every joint side that truly moves 10 degrees or more,
against the generating model. Baseline: the raw angle, one threshold halfway between
its extremes, no smoothing or hysteresis (evaluation.baseline).

Speed: a 60-second 30-fps squat recording, the median of repeated runs, for the
analysis alone (from the parsed recording) and with parsing from JSON and CSV text;
and a 10-minute 120-fps recording (72,000 frames, the limit case) parsed and analysed
once, with the process's peak memory. Prints a table and writes
bench/results/movement.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import time
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

from brightpath.coach.pe.movement import synthetic
from brightpath.coach.pe.movement.analysis import analyse
from brightpath.coach.pe.movement.evaluation import (
    RECORDINGS,
    baseline,
    score,
    shipped_manifest,
    summarise,
)
from brightpath.coach.pe.movement.parsing import parse_recording, to_csv, to_json
from brightpath.coach.pe.movement.patterns import load_pattern

RESULTS = Path(__file__).parent / "results"


def accuracy_shipped() -> tuple[dict, dict]:
    ours, theirs = [], []
    for entry in shipped_manifest():
        data = (RECORDINGS / entry["file"]).read_bytes()
        a, b = score(
            entry["file"], entry["exercise"], data, entry["trueRom"], entry["trueRepetitions"]
        )
        ours.append(a)
        theirs.append(b)
    return summarise(ours), summarise(theirs)


def accuracy_heldout() -> tuple[dict, dict]:
    ours, theirs = [], []
    for spec in synthetic.heldout_specs():
        recording = synthetic.generate(spec)
        name = f"{spec.exercise}-{spec.seed}"
        a, b = score(
            name, spec.exercise, recording.payload(), recording.truth.rom, recording.truth.reps
        )
        ours.append(a)
        theirs.append(b)
    return summarise(ours), summarise(theirs)


def _median_ms(call, repeats: int) -> float:
    call()  # warm-up
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return 1000 * statistics.median(seconds)


def _crop(recording: synthetic.Generated, seconds: float) -> tuple:
    keep = recording.t < seconds
    return recording.t[keep], recording.points[keep], recording.visibility[keep]


def speed_minute(repeats: int) -> dict:
    spec = synthetic.spec_for("squat", seed=900, reps=24)
    recording = synthetic.generate(spec)
    t, points, visibility = _crop(recording, 60.0)
    header = {"fps": 30.0, "imageWidth": 1280, "imageHeight": 720}
    json_text = to_json(t, points, visibility, decimals=3, **header)
    csv_text = to_csv(t, points, visibility, decimals=3, **header)
    pattern = load_pattern("squat")
    raw = parse_recording(json_text)
    result = analyse(raw, pattern)
    return {
        "frames": len(t),
        "repetitions": result.count,
        "analysisMs": _median_ms(lambda: analyse(raw, pattern), repeats),
        "jsonParseAndAnalysisMs": _median_ms(
            lambda: analyse(parse_recording(json_text), pattern), repeats
        ),
        "csvParseAndAnalysisMs": _median_ms(
            lambda: analyse(parse_recording(csv_text), pattern), repeats
        ),
        "baselineMs": _median_ms(lambda: baseline(csv_text, pattern), repeats),
        "jsonMegabytes": round(len(json_text) / 1e6, 2),
        "csvMegabytes": round(len(csv_text) / 1e6, 2),
    }


def speed_long() -> dict:
    """Ten minutes at 120 fps: 72,000 frames."""
    spec = synthetic.spec_for("jumping_jack", seed=901, reps=640, fps=120.0)
    spec = replace(spec, pause=(0.0, 0.1))
    recording = synthetic.generate(spec)
    t, points, visibility = _crop(recording, 600.0)
    header = {"fps": 120.0, "imageWidth": 1280, "imageHeight": 720}
    out = {"frames": len(t), "seconds": round(float(t[-1]), 1)}
    pattern = load_pattern("jumping_jack")
    for name, writer in (("csv", to_csv), ("json", to_json)):
        text = writer(t, points, visibility, decimals=3, **header)
        started = time.perf_counter()
        raw = parse_recording(text)
        parsed = time.perf_counter()
        result = analyse(raw, pattern)
        done = time.perf_counter()
        out[name] = {
            "megabytes": round(len(text) / 1e6, 1),
            "parseSeconds": round(parsed - started, 2),
            "analysisSeconds": round(done - parsed, 2),
            "repetitions": result.count,
        }
        del text, raw
    truth = recording.truth.spans
    out["trueRepetitions"] = sum(1 for start, end in truth if end < 600.0)
    out["peakMemoryMegabytes"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def _row(name: str, method: str, s: dict) -> str:
    joints = s["allJointsRomMeanAbsError"]
    joints_text = f"{joints:>8.2f}" if joints is not None else f"{'-':>8}"
    return (
        f"{name:9} {method:9} {s['recordings']:>4} {s['countExact']:>7.1%} "
        f"{s['countWithinOne']:>7.1%} {s['primaryRomMeanAbsError']:>8.2f} "
        f"{s['primaryRomMaxAbsError']:>8.2f} {s['primaryRomWithin5']:>7.1%} {joints_text}"
    )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 timing repeats, no 72k run")
    args = parser.parse_args(argv)
    repeats = 5 if args.quick else 21
    shipped, shipped_base = accuracy_shipped()
    heldout, heldout_base = accuracy_heldout()
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "numpy": version("numpy"),
            "scipy": version("scipy"),
            "loadAverage": os.getloadavg(),
        },
        "shipped": {"analysis": shipped, "baseline": shipped_base},
        "heldout": {"analysis": heldout, "baseline": heldout_base},
        "speedMinute": speed_minute(repeats),
        "speedTenMinutes120fps": None if args.quick else speed_long(),
    }
    header = (
        f"{'set':9} {'method':9} {'recs':>4} {'exact':>7} {'within1':>7} {'ROM MAE':>8} "
        f"{'ROM max':>8} {'ROM<=5':>7} {'all MAE':>8}"
    )
    print(header)
    print("-" * len(header))
    for name in ("shipped", "heldout"):
        print(_row(name, "analysis", report[name]["analysis"]))
        print(_row(name, "baseline", report[name]["baseline"]))
    for name in ("shipped", "heldout"):
        for miss in report[name]["analysis"]["misses"]:
            print(f"  {name} miss: {miss}")
    m = report["speedMinute"]
    print(
        f"\n60 s at 30 fps ({m['frames']} frames, {m['repetitions']} reps), median of "
        f"{repeats}: analysis {m['analysisMs']:.1f} ms; with parsing: JSON "
        f"{m['jsonParseAndAnalysisMs']:.1f} ms ({m['jsonMegabytes']} MB), CSV "
        f"{m['csvParseAndAnalysisMs']:.1f} ms ({m['csvMegabytes']} MB); baseline "
        f"{m['baselineMs']:.1f} ms"
    )
    long = report["speedTenMinutes120fps"]
    if long:
        for name in ("csv", "json"):
            r = long[name]
            print(
                f"10 min at 120 fps ({long['frames']:,} frames, {r['megabytes']} MB {name}): "
                f"parse {r['parseSeconds']} s, analysis {r['analysisSeconds']} s, "
                f"{r['repetitions']} reps of {long['trueRepetitions']}"
            )
        print(f"peak memory {long['peakMemoryMegabytes']} MB")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "movement.json"
    out.write_text(json.dumps(report, indent=2, default=float))
    print(f"\nwrote {out}")
    return report


if __name__ == "__main__":
    main()
