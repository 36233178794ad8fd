"""Best-known weeks for the scheduler benchmark's instances, by long runs.

    python -m bench.best_known [--seconds-scale X] [--classes LABEL ...]
    (also: python -m bench.scheduler --best-known)
    python -m bench.best_known --merge bench/results/scheduler-<date>.json ...

For every instance (the benchmark's classes, seeds 0-9) the engine is run with
a long time limit (LONG_LIMITS, by class); its week, the greedy week and the
best-known week stored before are scored on the same scale (score.score_week:
placement value, then preference value) and the lexicographically best is
kept in bench/results/best-known.json with how it was obtained: method, time
limit, wall seconds, date, OR-Tools version, and whether each objective was
proven optimal (the run's own status; a proof holds for the instance, not for
the method). --merge takes the weeks of benchmark results files instead, where
one is better than the reference (re-validated and re-scored here first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from importlib.metadata import version
from pathlib import Path

from bench.instances import make_week
from brightpath.planner.engine.greedy import greedy_first_fit
from brightpath.planner.engine.model import Session, SolverStats, WeekResult
from brightpath.planner.engine.reasons import explain_unplaced
from brightpath.planner.engine.solver import solve
from brightpath.planner.engine.solver.score import score_week
from brightpath.planner.engine.validator import validate

RESULTS = Path(__file__).parent / "results"
BEST_KNOWN = RESULTS / "best-known.json"

# (label, children, subjects per child, over-subscribed): the benchmark's classes.
CLASSES = [
    ("1 child x 6", 1, 6, False),
    ("2 children x 8", 2, 8, False),
    ("4 children x 8", 4, 8, False),
    ("6 children x 8, over-subscribed", 6, 8, True),
]
SEEDS = range(10)
# The long run's time limit by class, seconds (the engine's own time_limit):
# 4x the benchmark's 5 s (so 4x its deterministic budget) for the classes no
# short run proves, 2x for 1 x 6 (proven in well under that): what the shared
# 2-core machine allowed on 2026-12-07 (about 6 det s per instance took one to
# three minutes there). The clock's safety net is lifted (CLOCK_LIMIT), so a
# long run is as repeatable as a short one.
LONG_LIMITS = {
    "1 child x 6": 10.0,
    "2 children x 8": 20.0,
    "4 children x 8": 20.0,
    "6 children x 8, over-subscribed": 20.0,
}
CLOCK_LIMIT = 3600.0


def week_of(label: str, seed: int):
    _, children, subjects, over = next(c for c in CLASSES if c[0] == label)
    return make_week(seed, children=children, subjects=subjects, oversubscribed=over)


def load(path: Path | None = None) -> dict:
    """The stored best-known file, or an empty one."""
    path = path or BEST_KNOWN
    if path.exists():
        return json.loads(path.read_text())
    return {"instances": {}}


def combine(paths: list[Path]) -> dict:
    """Best-known files written by runs side by side (--out) folded into the
    stored one, the better entry of each instance kept."""
    stored = load()
    for path in paths:
        for name, entry in load(path)["instances"].items():
            old = stored["instances"].get(name)
            if better(old, entry):
                stored["instances"][name] = entry
            elif (old["placement"], old["preference"]) == (entry["placement"], entry["preference"]):
                old["placementProven"] |= entry["placementProven"]
                old["preferenceProven"] |= entry["preferenceProven"]
    stored["updated"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    BEST_KNOWN.write_text(json.dumps(stored, indent=1))
    return stored


def key(label: str, seed: int) -> str:
    return f"{label} / seed {seed}"


def encode(sessions) -> list[str]:
    """A week's sessions, compactly: "child subject ISO-day start-minute", and the
    siblings a session is done with, comma-separated, when it is grouped."""
    return [
        f"{s.child_id} {s.subject_id} {s.day.isoformat()} {s.start}"
        + (f" {','.join(s.grouped_with)}" if s.grouped_with else "")
        for s in sessions
    ]


def decode(week, encoded: list[str]) -> list[Session]:
    """The sessions `encode` wrote, rebuilt from the instance."""
    plans = {(c.id, s.id): s for c in week.children for s in c.subjects}
    fixed = {(f.child_id, f.subject_id, f.day.isoformat(), f.start) for f in week.fixed}
    sessions = []
    for text in encoded:
        child_id, subject_id, day, start, *grouped = text.split()
        plan = plans[(child_id, subject_id)]
        start = int(start)
        sessions.append(
            Session(
                child_id=child_id,
                subject_id=subject_id,
                name=plan.name,
                day=dt.date.fromisoformat(day),
                start=start,
                end=start + plan.duration,
                involvement=plan.involvement,
                fixed=(child_id, subject_id, day, start) in fixed,
                grouped_with=tuple(grouped[0].split(",")) if grouped else (),
            )
        )
    return sessions


def merge(paths: list[Path]) -> dict:
    """Benchmark weeks better than the stored references replace them."""
    stored = load()
    for path in paths:
        report = json.loads(path.read_text())
        for label, summary in report["classes"].items():
            methods = summary.items() if "runs" not in summary else [("engine", summary)]
            for method, runs in methods:
                for run in runs["runs"]:
                    if not run.get("week"):
                        continue
                    week = week_of(label, run["seed"])
                    sessions = decode(week, run["week"])
                    stats = SolverStats("FEASIBLE", 0.0, 0.0, 0.0, 0.0)
                    unplaced = tuple(explain_unplaced(week, sessions))
                    if validate(week, WeekResult(tuple(sessions), unplaced, stats)):
                        continue  # breaks a rule (as the benchmark's seed002 does)
                    score = score_week(week, sessions)
                    old = stored["instances"].get(key(label, run["seed"]))
                    if score is None or not better(old, vars(score)):
                        continue
                    stored["instances"][key(label, run["seed"])] = {
                        "placement": score.placement,
                        "preference": score.preference,
                        # The run's own proofs (stage 2's holds with stage 1's).
                        "placementProven": bool(run.get("placementProven"))
                        or (
                            bool(old and old["placementProven"])
                            and score.placement == old["placement"]
                        ),
                        "preferenceProven": bool(run.get("placementProven"))
                        and bool(run.get("preferenceProven")),
                        "placementBound": old and old.get("placementBound"),
                        "preferenceBound": old and old.get("preferenceBound"),
                        "method": f"{method} in {path.name}",
                        "timeLimit": report.get("timeLimit"),
                        "date": dt.date.today().isoformat(),
                        "ortools": version("ortools"),
                        "sessions": run["week"],
                    }
                    print(f"{key(label, run['seed'])}: {method} in {path.name} is better")
    BEST_KNOWN.write_text(json.dumps(stored, indent=1))
    return stored


def better(a: dict | None, b: dict) -> bool:
    """b beats a, lexicographically: placement, then preferences."""
    if a is None:
        return True
    return (b["placement"], b["preference"]) > (a["placement"], a["preference"])


def long_run(label: str, seed: int, limit: float) -> dict:
    week = week_of(label, seed)
    started = time.perf_counter()
    result = solve(week, time_limit=limit, clock_limit=CLOCK_LIMIT)
    seconds = time.perf_counter() - started
    score = score_week(week, result.sessions)
    stats = result.stats
    placement_proven = stats.placement_status == "OPTIMAL" or (
        score.placement >= stats.placement_bound > 0
    )
    entry = {
        "placement": score.placement,
        "preference": score.preference,
        # A stage's proof, or the week's score reaching the stage's bound; the
        # preference bound holds only with the placement proven (it was found
        # with the run's placement value held).
        "placementProven": placement_proven,
        "preferenceProven": placement_proven
        and (
            stats.preference_status == "OPTIMAL" or score.preference >= stats.preference_bound > 0
        ),
        "placementBound": stats.placement_bound,
        "preferenceBound": stats.preference_bound,
        "method": f"engine solve(time_limit={limit:g}, clock_limit={CLOCK_LIMIT:g})",
        "timeLimit": limit,
        "wallSeconds": round(seconds, 2),
        "deterministicSeconds": round(stats.deterministic_time, 3),
        "clockStopped": stats.clock_stopped,
        "date": dt.date.today().isoformat(),
        "ortools": version("ortools"),
        "loadAverage": [round(x, 2) for x in os.getloadavg()],
        "sessions": encode(result.sessions),
    }
    greedy = greedy_first_fit(week)
    greedy_score = score_week(week, greedy.sessions)
    if greedy_score is not None and better(entry, vars(greedy_score)):
        # The long run never did worse than greedy when measured; kept honest anyway.
        entry |= {
            "placement": greedy_score.placement,
            "preference": greedy_score.preference,
            "placementProven": False,
            "preferenceProven": False,
            "method": "greedy first fit (beat the long run)",
            "sessions": encode(greedy.sessions),
        }
    return entry


def _proven(proven: bool) -> str:
    return "proven" if proven else "unproven"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds-scale", type=float, default=1.0, help="x every class's long limit"
    )
    parser.add_argument("--classes", nargs="*", help="class labels (default: all)")
    parser.add_argument("--seeds", type=int, default=len(SEEDS), help="how many seeds")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write here instead (runs side by side)")
    parser.add_argument("--merge", nargs="*", type=Path, help="benchmark results files")
    parser.add_argument("--combine", nargs="*", type=Path, help="files written with --out")
    args = parser.parse_args(argv)
    if args.merge:
        return merge(args.merge)
    if args.combine:
        return combine(args.combine)
    out = args.out or BEST_KNOWN
    stored = load(out)
    labels = args.classes or [c[0] for c in CLASSES]
    for label in labels:
        limit = LONG_LIMITS[label] * args.seconds_scale
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            entry = long_run(label, seed, limit)
            old = stored["instances"].get(key(label, seed))
            kept = "new"
            if old is not None and not better(old, entry):
                # An earlier run (or another method) found at least as good a week:
                # keep it, but a proof found now still counts for the instance.
                same = (old["placement"], old["preference"]) == (
                    entry["placement"],
                    entry["preference"],
                )
                old["placementProven"] = old["placementProven"] or (
                    entry["placementProven"] and old["placement"] == entry["placement"]
                )
                old["preferenceProven"] = old["preferenceProven"] or (
                    entry["preferenceProven"] and same
                )
                entry, kept = old, "kept"
            stored["instances"][key(label, seed)] = entry
            print(
                f"{label:34} seed {seed}: placement {entry['placement']:>9} "
                f"({_proven(entry['placementProven'])}), preference "
                f"{entry['preference']:>7} ({_proven(entry['preferenceProven'])}), "
                f"{kept}, {entry['wallSeconds']} s",
                flush=True,
            )
            stored["updated"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            stored["ortools"] = version("ortools")
            RESULTS.mkdir(exist_ok=True)
            out.write_text(json.dumps(stored, indent=1))
    return stored


if __name__ == "__main__":
    main()
