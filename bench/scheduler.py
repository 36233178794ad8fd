"""Scheduler benchmark: the CP-SAT engine against two baselines, side by side.

    python -m bench.scheduler [--quick] [--time-limit S]

For each instance class (size x over-subscription) and each method it reports
hard-rule violations (by the independent validator), sessions placed and
unplaced, the solver's status, each stage's gap to its bound (placement, then
preferences with placement held), sessions done by siblings together, and
median wall time. Prints a table and writes bench/results/scheduler-<date>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections import Counter
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from bench.baselines import greedy_first_fit, seed002_heuristic
from bench.instances import make_week
from brightpath.planner.engine.model import WeekInput, WeekResult, target_sessions
from brightpath.planner.engine.solver import solve
from brightpath.planner.engine.validator import validate

RESULTS = Path(__file__).parent / "results"

# (label, children, subjects per child, over-subscribed)
CLASSES = [
    ("1 child x 6", 1, 6, False),
    ("2 children x 8", 2, 8, False),
    ("4 children x 8", 4, 8, False),
    ("6 children x 8, over-subscribed", 6, 8, True),
]


def run_class(children: int, subjects: int, over: bool, seeds: range, methods: dict) -> dict:
    rows: dict[str, list[dict]] = {name: [] for name in methods}
    for seed in seeds:
        week: WeekInput = make_week(seed, children=children, subjects=subjects, oversubscribed=over)
        for name, method in methods.items():
            started = time.perf_counter()
            result: WeekResult = method(week)
            elapsed = time.perf_counter() - started
            rows[name].append(
                {
                    "seed": seed,
                    "violations": len(validate(week, result)),
                    "placed": len(result.sessions),
                    "unplaced": len(result.unplaced),
                    "explained": all_explained(week, result),
                    "status": result.stats.status,
                    "gap": result.stats.gap,
                    "placementGap": result.stats.placement_gap,
                    "preferenceGap": result.stats.preference_gap,
                    "grouped": sum(1 for s in result.sessions if s.grouped_with),
                    "seconds": elapsed,
                }
            )
    return {name: _summary(runs) for name, runs in rows.items()}


def all_explained(week: WeekInput, result: WeekResult) -> bool:
    """Every wanted session that is not placed has an entry with a reason."""
    placed = Counter((s.child_id, s.subject_id) for s in result.sessions)
    explained = Counter((u.child_id, u.subject_id) for u in result.unplaced if u.reason.strip())
    return all(
        placed[(child.id, subject.id)] + explained[(child.id, subject.id)]
        >= target_sessions(subject.frequency, len(week.days))[0]
        for child in week.children
        for subject in child.subjects
    )


def _summary(runs: list[dict]) -> dict:
    return {
        "instances": len(runs),
        "violations": sum(r["violations"] for r in runs),
        "instancesWithViolations": sum(1 for r in runs if r["violations"]),
        "placedMedian": statistics.median(r["placed"] for r in runs),
        "unplacedMedian": statistics.median(r["unplaced"] for r in runs),
        "explained": sum(1 for r in runs if r["explained"]),
        "optimal": sum(1 for r in runs if r["status"] == "OPTIMAL"),
        "gapMedian": statistics.median(r["gap"] for r in runs),
        "gapMax": max(r["gap"] for r in runs),
        "placementGapMedian": statistics.median(r["placementGap"] for r in runs),
        "placementGapMax": max(r["placementGap"] for r in runs),
        "preferenceGapMedian": statistics.median(r["preferenceGap"] for r in runs),
        "preferenceGapMax": max(r["preferenceGap"] for r in runs),
        "groupedMedian": statistics.median(r["grouped"] for r in runs),
        "secondsMedian": statistics.median(r["seconds"] for r in runs),
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 seeds per class instead of 10")
    parser.add_argument("--time-limit", type=float, default=5.0)
    args = parser.parse_args(argv)
    seeds = range(3 if args.quick else 10)
    methods: dict[str, Callable[[WeekInput], WeekResult]] = {
        "cp-sat": lambda week: solve(week, time_limit=args.time_limit),
        "greedy": greedy_first_fit,
        "seed002": seed002_heuristic,
    }
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "ortools": version("ortools"),
            "loadAverage": os.getloadavg(),
        },
        "timeLimit": args.time_limit,
        "classes": {},
    }
    header = (
        f"{'class':34} {'method':8} {'viol':>5} {'placed':>7} {'unplaced':>8} {'explained':>9} "
        f"{'optimal':>8} {'place gap':>16} {'pref gap':>16} {'grp':>4} {'median s':>9}"
    )
    print(header)
    print("-" * len(header))
    for label, children, subjects, over in CLASSES:
        summary = run_class(children, subjects, over, seeds, methods)
        report["classes"][label] = summary
        for name, s in summary.items():
            print(
                f"{label:34} {name:8} {s['violations']:>5} {s['placedMedian']:>7} "
                f"{s['unplacedMedian']:>8} {s['explained']:>5}/{s['instances']:<3} "
                f"{s['optimal']:>4}/{s['instances']:<3} "
                f"{s['placementGapMedian']:>7.2%}/{s['placementGapMax']:<8.2%} "
                f"{s['preferenceGapMedian']:>7.2%}/{s['preferenceGapMax']:<8.2%} "
                f"{s['groupedMedian']:>4} {s['secondsMedian']:>9.3f}"
            )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scheduler-{time.strftime('%Y-%m-%d')}.json"
    out.write_text(json.dumps(report, indent=2, default=str))
    print(f"\nwrote {out}")
    return report


if __name__ == "__main__":
    main()
