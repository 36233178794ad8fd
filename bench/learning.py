"""Learning-loop benchmark: simulated families over several weeks, planned by
the real engine with learning and without, side by side.

    python -m bench.learning [--quick] [--families N] [--weeks W] [--time-limit S]

Each family (brightpath.insights.learning.simulation) has hidden true times
of day per subject; a simulated parent moves what does not fit, completes or
skips by fit, and rates the week. Two arms start from the same cold start
(the questionnaire's best times and the Likert-scaled weights):
- without learning: those weights every week;
- with learning: after each week, the family's logs become examples
  (signals.extract) and update the preferences (preferences.update), which
  go into next week's engine input.
Per week and arm: the parent's moves, the completion rate, the star rating,
the plan's hidden-preference fit, and hard-rule violations by the independent
validator. Then the reward model is trained on every rated week, split by
family, and its held-out error reported. Writes
bench/results/learning-<date>.json.

The arm without learning gets the same engine input every week (dates
aside), so it is solved once per family and that plan is used every week; the
parent's choices are drawn afresh each week (the same draws in both arms).
Week 1 is the same input in both arms, so it is solved once too. --resolve
solves every week of both arms (a check that the shortcut changes nothing
but the time: the engine stops on the clock, so weeks can differ a little).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import statistics
import time
from importlib.metadata import version
from pathlib import Path

from brightpath.insights.learning import reward, simulation
from brightpath.insights.learning.preferences import update
from brightpath.insights.learning.signals import extract
from brightpath.planner.engine.model import Session, WeekResult
from brightpath.planner.engine.solver import solve
from brightpath.planner.engine.validator import validate

RESULTS = Path(__file__).parent / "results"
ARMS = ("without", "with")
# The target (issue 17): by the last week, this much fewer moves with learning,
# and a higher completion rate.
FEWER_MOVES = 0.30


def shifted(sessions, weeks: int) -> list[Session]:
    """The same plan `weeks` later."""
    by = dt.timedelta(weeks=weeks)
    return [dataclasses.replace(s, day=s.day + by) for s in sessions]


def run_family(seed: int, weeks: int, time_limit: float, *, resolve: bool = False) -> dict:
    family = simulation.make_family(seed)
    cold = simulation.family_cold_start(family)
    rows = {arm: [] for arm in ARMS}
    training = []
    explanations = []
    first_week = simulation.week_for(family, 0, cold)
    first: WeekResult = solve(first_week, time_limit=time_limit)
    prefs = cold
    for week_index in range(weeks):
        for arm in ARMS:
            learn = arm == "with"
            week = simulation.week_for(family, week_index, prefs if learn else cold, learn=learn)
            started = time.perf_counter()
            if not resolve and (week_index == 0 or not learn):
                result, seconds = first, None
                sessions = shifted(first.sessions, week_index)
            else:
                result = solve(week, time_limit=time_limit)
                sessions, seconds = list(result.sessions), time.perf_counter() - started
            violations = len(validate(week, dataclasses.replace(result, sessions=tuple(sessions))))
            outcome = simulation.simulate_week(
                family, week, sessions, seed=seed * 1000 + week_index
            )
            rows[arm].append(
                {
                    "week": week_index + 1,
                    "sessions": outcome.sessions,
                    "moves": outcome.moves,
                    "completed": outcome.completed,
                    "stars": outcome.stars,
                    "fit": round(outcome.fit, 4),
                    "violations": violations,
                    "learnedTimes": len(week.learned_times),
                    "seconds": seconds,
                }
            )
            training.append(
                reward.TrainingRow(
                    features=reward.schedule_features(week, sessions),
                    satisfaction=outcome.stars,
                    completion=outcome.completion_rate,
                    group=str(seed),
                )
            )
            if learn:
                prefs, changes = update(prefs, extract(outcome.events), today=week.days[-1])
                explanations += [c.text for c in changes]
    return {
        "seed": seed,
        "children": len(family.children),
        "rows": rows,
        "training": training,
        "explanations": explanations,
    }


def weekly(families: list[dict], weeks: int) -> list[dict]:
    table = []
    for week_index in range(weeks):
        entry = {"week": week_index + 1}
        for arm in ARMS:
            rows = [f["rows"][arm][week_index] for f in families]
            sessions = sum(r["sessions"] for r in rows)
            entry[arm] = {
                "moves": sum(r["moves"] for r in rows),
                "movesPerFamily": round(statistics.fmean(r["moves"] for r in rows), 3),
                "completionRate": round(sum(r["completed"] for r in rows) / max(1, sessions), 4),
                "stars": round(statistics.fmean(r["stars"] for r in rows), 3),
                "fit": round(statistics.fmean(r["fit"] for r in rows), 4),
                "violations": sum(r["violations"] for r in rows),
            }
        table.append(entry)
    return table


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="8 families at 0.4 s a week")
    parser.add_argument("--families", type=int, default=None)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument(
        "--time-limit", type=float, default=None, help="solver seconds per week (default 0.5)"
    )
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument(
        "--resolve",
        action="store_true",
        help="solve the arm without learning every week too (about twice the time)",
    )
    parser.add_argument("--out", type=Path, default=None, help="the JSON file to write")
    args = parser.parse_args(argv)
    count = args.families or (8 if args.quick else 50)
    time_limit = args.time_limit or (0.4 if args.quick else 0.5)
    started = time.perf_counter()
    families = []
    for seed in range(args.first_seed, args.first_seed + count):
        families.append(run_family(seed, args.weeks, time_limit, resolve=args.resolve))
    table = weekly(families, args.weeks)
    training = [row for f in families for row in f["training"]]
    model, metrics = reward.train(training, seed=0)
    last = table[-1]
    without, with_ = last["without"], last["with"]
    fewer = 1 - with_["moves"] / without["moves"] if without["moves"] else 0.0
    summary = {
        "lastWeek": args.weeks,
        "fewerMoves": round(fewer, 4),
        "completionWithout": without["completionRate"],
        "completionWith": with_["completionRate"],
        "target": (
            f">= {FEWER_MOVES:.0%} fewer moves and a higher completion rate in week {args.weeks}"
        ),
        "targetMet": fewer >= FEWER_MOVES and with_["completionRate"] > without["completionRate"],
        "violations": sum(e[arm]["violations"] for e in table for arm in ARMS),
    }
    solve_times = [
        r["seconds"] for f in families for r in f["rows"]["with"] if r["seconds"] is not None
    ]
    report = {
        "date": dt.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "ortools": version("ortools"),
            "scikitLearn": version("scikit-learn"),
            "loadAverage": os.getloadavg(),
        },
        "families": count,
        "weeks": args.weeks,
        "timeLimit": time_limit,
        "baselineSolvedWeekly": args.resolve,
        "childrenPerFamily": {
            str(n): sum(1 for f in families if f["children"] == n) for n in (1, 2, 3)
        },
        "weekly": table,
        "summary": summary,
        "rewardModel": {k: v for k, v in metrics.items() if k != "featureImportance"}
        | {"featureImportance": model.feature_importance, "rows": len(training)},
        "explanationsSample": [e for f in families[:3] for e in f["explanations"]][:15],
        "solveSecondsMedian": statistics.median(solve_times) if solve_times else None,
        "wallSeconds": round(time.perf_counter() - started, 1),
    }
    _print(report)
    RESULTS.mkdir(exist_ok=True)
    suffix = "-quick" if args.quick else ""
    out = args.out or RESULTS / f"learning-{report['date']}{suffix}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to {out}")
    return report


def _print(report: dict) -> None:
    print(
        f"{report['families']} families x {report['weeks']} weeks, "
        f"{report['timeLimit']} s per solve, {report['wallSeconds']} s in all"
    )
    header = (
        f"{'week':>4} | {'moves w/o':>9} {'moves w/':>8} | {'done w/o':>8} {'done w/':>8} | "
        f"{'stars w/o':>9} {'stars w/':>8} | {'fit w/o':>7} {'fit w/':>7} | {'viol':>4}"
    )
    print(header)
    print("-" * len(header))
    for e in report["weekly"]:
        a, b = e["without"], e["with"]
        print(
            f"{e['week']:>4} | {a['moves']:>9} {b['moves']:>8} | "
            f"{a['completionRate']:>8.1%} {b['completionRate']:>8.1%} | "
            f"{a['stars']:>9.2f} {b['stars']:>8.2f} | {a['fit']:>7.1%} {b['fit']:>7.1%} | "
            f"{a['violations'] + b['violations']:>4}"
        )
    s = report["summary"]
    print(
        f"\nweek {s['lastWeek']}: {s['fewerMoves']:.1%} fewer moves with learning; completion "
        f"{s['completionWith']:.1%} with, {s['completionWithout']:.1%} without; "
        f"target met: {s['targetMet']}"
    )
    m = report["rewardModel"]
    print(
        f"reward model, held out ({m['nTest']} weeks of unseen families, {m['nTrain']} to train): "
        f"satisfaction MAE {m['satisfactionMae']:.3f} stars (mean baseline "
        f"{m['satisfactionMeanBaselineMae']:.3f}), completion MAE {m['completionMae']:.3f} "
        f"(mean baseline {m['completionMeanBaselineMae']:.3f}); calibration error "
        f"{m['satisfactionCalibrationError']:.3f} stars, {m['completionCalibrationError']:.3f}"
    )


if __name__ == "__main__":
    main()
