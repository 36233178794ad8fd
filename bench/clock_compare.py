"""The cost of stable weeks: the engine before them (the clock as its budget,
git 2c1fe26) on the benchmark's instances, for comparison with
`python -m bench.scheduler` (deterministic budget).

    python -m bench.clock_compare [--ref 2c1fe26] [--time-limit 5] [--seeds 10]
    python -m bench.clock_compare --report bench/results/scheduler-<date>-clock-<ref>.json

The old solver package is read from git (`git show`, nothing in the working
tree changes) into a temporary directory and run against today's model,
greedy and reasons (unchanged but for fields added to SolverStats). Its weeks
are scored on the same scale (score.score_week) and against the best-known
file; writes bench/results/scheduler-<date>-clock-<ref>.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import best_known
from bench.instances import make_week
from bench.scheduler import RESULTS, against_best_known
from brightpath.planner.engine.solver.score import score_week
from brightpath.planner.engine.validator import validate

FILES = ("__init__.py", "builder.py", "stages.py", "warm_start.py")
ROOT = Path(__file__).resolve().parents[1]


def old_solver(ref: str, into: Path):
    """The solver package at `ref`, importable as `clocksolver`."""
    package = into / "clocksolver"
    package.mkdir()
    for name in FILES:
        text = subprocess.run(  # noqa: S603 - git, with the ref the caller named
            ["git", "show", f"{ref}:brightpath/planner/engine/solver/{name}"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # Its relative imports of the engine's other modules, made absolute.
        text = text.replace("from ..", "from brightpath.planner.engine.")
        (package / name).write_text(text)
    sys.path.insert(0, str(into))
    return importlib.import_module("clocksolver")


def summarise(label: str, summary: dict, stored: dict) -> None:
    runs = summary["runs"]
    bk = summary["bestKnown"] = against_best_known(label, runs, stored)
    gap = bk["preferenceGapMedian"]
    print(
        f"{label:34} violations {sum(r['violations'] for r in runs)}, placed median "
        f"{statistics.median(r['placed'] for r in runs)}, placement proven "
        f"{sum(r['placementProven'] for r in runs)}/{len(runs)}, = best-known "
        f"{bk['placementEqual']}/{len(runs)}, pref gap to best-known median "
        f"{'-' if gap is None else f'{gap:.2%}'}, wall median "
        f"{statistics.median(r['seconds'] for r in runs):.2f} s",
        flush=True,
    )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="2c1fe26")
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--report", type=Path, help="print a results file again")
    args = parser.parse_args(argv)
    stored = best_known.load()
    if args.report:
        report = json.loads(args.report.read_text())
        for label, summary in report["classes"].items():
            summarise(label, summary, stored)
        args.report.write_text(json.dumps(report, indent=1))
        return report
    report = {"ref": args.ref, "timeLimit": args.time_limit, "classes": {}}
    with tempfile.TemporaryDirectory() as tmp:
        solver = old_solver(args.ref, Path(tmp))
        report["loadAverage"] = os.getloadavg()
        for label, children, subjects, over in best_known.CLASSES:
            runs = []
            for seed in range(args.seeds):
                week = make_week(seed, children=children, subjects=subjects, oversubscribed=over)
                started = time.perf_counter()
                result = solver.solve(week, time_limit=args.time_limit)
                seconds = time.perf_counter() - started
                score = score_week(week, result.sessions)
                runs.append(
                    {
                        "seed": seed,
                        "violations": len(validate(week, result)),
                        "placed": len(result.sessions),
                        "seconds": seconds,
                        "placementProven": result.stats.placement_status == "OPTIMAL",
                        "preferenceProven": result.stats.preference_status == "OPTIMAL",
                        "placementValue": None if score is None else score.placement,
                        "preferenceValue": None if score is None else score.preference,
                        "week": best_known.encode(result.sessions),
                    }
                )
            report["classes"][label] = {"runs": runs}
            summarise(label, report["classes"][label], stored)
        report["loadAverageAfter"] = os.getloadavg()
    out = RESULTS / f"scheduler-{time.strftime('%Y-%m-%d')}-clock-{args.ref}.json"
    out.write_text(json.dumps(report, indent=1))
    print(f"wrote {out}")
    return report


if __name__ == "__main__":
    main()
