"""Coach memory benchmark: retrieval quality and speed, side by side.

    python -m bench.memory [--quick] [--memories N] [--queries N]

Quality: the shipped teacher scenarios (brightpath/coach/memory/data/scenarios.json)
are replayed into a fresh memory each (extraction and consolidation included),
then every question ranks the memories at its time. recall@5 is reported for
the full ranking (recency + importance + relevance, the tuned weights), the
Generative Agents paper's equal weights, recency only and relevance only (BM25),
on the dev split (tuned on), the held-out split (never tuned on) and both.
coverage is the share of labelled facts extraction kept at all (a ceiling).

Speed: one teacher with N memories (10,000 by default, made from the
scenarios' statements with other names, numbers and dates). The index is built
once (timed), then each query is ranked on it, as the per-teacher cache does
between writes; p50/p95 of the ranking time. Prints a table and writes
bench/results/memory-<date>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import time
from importlib.metadata import version
from pathlib import Path

from brightpath.coach.memory.evaluation import evaluate, load_scenarios, when
from brightpath.coach.memory.extraction import extract
from brightpath.coach.memory.model import Memory
from brightpath.coach.memory.retrieval import (
    FULL,
    PAPER,
    RECENCY_ONLY,
    RELEVANCE_ONLY,
    MemoryIndex,
)
from brightpath.coach.memory.text import words_of

RESULTS = Path(__file__).parent / "results"
RANKINGS = {
    "full": FULL,
    "paper weights": PAPER,
    "recency only": RECENCY_ONLY,
    "relevance only": RELEVANCE_ONLY,
}
NAMES = words_of(
    "Maya Liam Noah Ava Leo Zoe Omar Ines Kofi Yuki Sven Lena Ravi Ana Tom Ivy Eli Mia Ben Nia "
    "Jude Rosa Ali Kai Luca Emma Owen Zara Finn Aria Hugo Lila Amir Ruby Theo Nora Sami"
)
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def quality(scenarios: list[dict]) -> dict:
    report = evaluate(scenarios, RANKINGS)
    return {
        split: {key: value for key, value in summary.items() if key != "misses"}
        | {"missesFull": summary["misses"]["full"]}
        for split, summary in report.items()
    }


def synthetic_memories(scenarios: list[dict], count: int, seed: int = 0) -> list[Memory]:
    """`count` memories of one teacher: the scenarios' facts re-voiced with other names,
    numbers and dates, spread over the two years before NOW."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    facts = [
        fact
        for scenario in scenarios
        for exchange in scenario["exchanges"]
        for fact in extract(exchange["teacher"])
    ]
    memories = []
    for i in range(count):
        fact = rng.choice(facts)
        words = fact.content.split()
        for j, word in enumerate(words):
            if word[:1].isupper() and j > 0 and word.isalpha():
                words[j] = rng.choice(NAMES)
            elif word.isdigit():
                words[j] = str(rng.randint(2, 60))
        if words and words[0].isalpha() and words[0][:1].isupper() and rng.random() < 0.3:
            words[0] = rng.choice(NAMES)
        at = NOW - dt.timedelta(hours=rng.uniform(1, 24 * 730))
        memories.append(
            Memory(
                id=i,
                content=" ".join(words),
                category=fact.category,
                importance=fact.importance,
                confidence=fact.confidence,
                created_at=at,
                last_accessed_at=at + dt.timedelta(hours=rng.uniform(0, 500)),
                reinforced_at=at,
                slot=fact.slot,
                tags=fact.tags,
            )
        )
    return memories


def speed(scenarios: list[dict], count: int, queries: int) -> dict:
    memories = synthetic_memories(scenarios, count)
    started = time.perf_counter()
    index = MemoryIndex(memories)
    build = time.perf_counter() - started
    questions = [q["text"] for s in scenarios for q in s["questions"]]
    rng = random.Random(1)  # noqa: S311 - reproducible test data, not security
    index.rank(questions[0], now=NOW)  # warm-up: first-call allocations
    times = []
    for _ in range(queries):
        question = rng.choice(questions)
        started = time.perf_counter()
        index.rank(question, now=NOW, k=5)
        times.append(time.perf_counter() - started)
    times.sort()
    return {
        "memories": count,
        "queries": queries,
        "buildSeconds": round(build, 4),
        "p50Ms": round(1000 * statistics.median(times), 3),
        "p95Ms": round(1000 * times[int(0.95 * (len(times) - 1))], 3),
        "maxMs": round(1000 * times[-1], 3),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 queries instead of 1,000")
    parser.add_argument("--memories", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=None)
    args = parser.parse_args(argv)
    queries = args.queries or (200 if args.quick else 1000)
    scenarios = load_scenarios()
    span = [
        (when(s["exchanges"][-1]["at"]) - when(s["exchanges"][0]["at"])).days for s in scenarios
    ]
    report: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "bm25s": version("bm25s"),
            "numpy": version("numpy"),
            "loadAverage": os.getloadavg(),
        },
        "scenarios": {
            "count": len(scenarios),
            "dev": sum(s["split"] == "dev" for s in scenarios),
            "heldout": sum(s["split"] == "heldout" for s in scenarios),
            "exchanges": sum(len(s["exchanges"]) for s in scenarios),
            "questions": sum(len(s["questions"]) for s in scenarios),
            "daysSpannedMedian": statistics.median(span),
        },
        "weights": {name: vars(w) for name, w in RANKINGS.items()},
    }
    report["quality"] = quality(scenarios)
    splits = ("dev", "heldout", "all")
    header = f"{'ranking':16}" + "".join(f" {s + ' r@5':>12}" for s in splits) + f" {'stale@5':>8}"
    print(header)
    print("-" * len(header))
    for name in RANKINGS:
        cells = "".join(
            f" {report['quality'][s]['rankings'][name]['recallAt5']:>12.3f}" for s in splits
        )
        stale = report["quality"]["all"]["rankings"][name]["staleAt5"]
        print(f"{name:16}{cells} {stale:>8.3f}")
    coverage = "".join(f" {report['quality'][s]['coverage']:>12.3f}" for s in splits)
    print(f"{'(coverage)':16}{coverage}")
    q = report["quality"]["all"]
    print(f"\n{q['scenarios']} scenarios, {q['questions']} questions")

    report["speed"] = speed(scenarios, args.memories, queries)
    s = report["speed"]
    print(
        f"\nretrieval, {s['memories']:,} memories of one teacher, {s['queries']} queries: "
        f"index built once in {s['buildSeconds']:.2f} s; "
        f"p50 {s['p50Ms']:.2f} ms, p95 {s['p95Ms']:.2f} ms, max {s['maxMs']:.2f} ms"
    )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"memory-{time.strftime('%Y-%m-%d')}.json"
    out.write_text(json.dumps(report, indent=2, default=str))
    print(f"\nwrote {out}")
    return report


if __name__ == "__main__":
    main()
