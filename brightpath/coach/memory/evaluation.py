"""Retrieval quality on the shipped teacher scenarios (data/scenarios.json).

Each scenario's exchanges are recorded in order, at their times, into a fresh
`MemoryStore`; then each question ranks the memories at its time. A labelled
item (a list of phrases) is found when one of the top k memories contains
every phrase. recall@k is the share of a question's items found, averaged over
questions. stale@k is the share of questions whose top k hold an old value a
later exchange replaced. coverage is the share of items held by any memory at
all (what extraction kept: no ranking can do better).

Questions only read: they do not move access times, so each ranking sees the
same memories.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from statistics import mean

from .retrieval import Embed, Weights
from .store import MemoryStore

SCENARIOS = Path(__file__).parent / "data" / "scenarios.json"


def load_scenarios(path: Path = SCENARIOS) -> list[dict]:
    return json.loads(path.read_text())["scenarios"]


def when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def found(content: str, phrases: list[str]) -> bool:
    lowered = content.lower()
    return all(phrase.lower() in lowered for phrase in phrases)


def build_store(scenario: dict, embed: Embed | None = None) -> MemoryStore:
    store = MemoryStore(embed=embed)
    for exchange in scenario["exchanges"]:
        store.record_exchange(exchange["teacher"], exchange["assistant"], at=when(exchange["at"]))
    return store


def evaluate(
    scenarios: list[dict],
    rankings: dict[str, Weights],
    *,
    k: int = 5,
    embed: Embed | None = None,
) -> dict:
    """{split: {"scenarios", "questions", "coverage", "rankings": {name: {"recallAtK",
    "staleAtK"}}, "misses": {name: [...]}}} for every split in `scenarios`, and "all"."""
    rows: dict[str, list[dict]] = {}
    for scenario in scenarios:
        store = build_store(scenario, embed)
        contents = [m.content for m in store.memories.values()]
        for question in scenario["questions"]:
            row = {
                "scenario": scenario["id"],
                "question": question["text"],
                "coverage": mean(
                    any(found(c, item) for c in contents) for item in question["expected"]
                ),
            }
            for name, weights in rankings.items():
                top = store.retrieve(
                    question["text"], now=when(question["at"]), weights=weights, k=k
                )
                texts = [s.memory.content for s in top]
                hits = [any(found(t, item) for t in texts) for item in question["expected"]]
                row[name] = {
                    "recall": mean(hits),
                    "stale": any(found(t, item) for t in texts for item in question["stale"]),
                    "missed": [
                        item
                        for item, hit in zip(question["expected"], hits, strict=True)
                        if not hit
                    ],
                }
            rows.setdefault(scenario["split"], []).append(row)
    rows["all"] = [row for split_rows in list(rows.values()) for row in split_rows]
    report = {}
    for split, split_rows in rows.items():
        report[split] = {
            "scenarios": len({r["scenario"] for r in split_rows}),
            "questions": len(split_rows),
            "coverage": round(mean(r["coverage"] for r in split_rows), 4),
            "rankings": {
                name: {
                    f"recallAt{k}": round(mean(r[name]["recall"] for r in split_rows), 4),
                    f"staleAt{k}": round(mean(r[name]["stale"] for r in split_rows), 4),
                }
                for name in rankings
            },
            "misses": {
                name: [
                    {
                        "scenario": r["scenario"],
                        "question": r["question"],
                        "missed": r[name]["missed"],
                    }
                    for r in split_rows
                    if r[name]["missed"]
                ]
                for name in rankings
            },
        }
    return report
