"""Spark benchmark: the child-safety filter and the offline guide, each beside a baseline.

    python -m bench.spark [--quick]

Safety filter (brightpath.spark.safety) on the shipped labelled set
(safety/data/messages.csv) and on the held-out set written before any rule
(messages_holdout.csv): recall on unsafe messages and precision of blocking,
the false block rate on safe ones, per-category precision and recall, and the
median and p95 time per message. Baseline: the library alone
(alt-profanity-check's `predict_prob`, its default 0.5 threshold, no rules,
no personal-information or distress checks). Also the threshold sweep that
chose `offensive.THRESHOLD`.

Offline guide (brightpath.spark.guide.offline) on contexts built from the
shipped catalogue (every topic for every age group it is open to, and every
brain spark): median and p95 time per reply, and how many replies the safety
filter would block. Baseline: a trivial echo reply.

Prints a table and writes bench/results/spark.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from bench import percentile

RESULTS = Path(__file__).parent / "results"
SWEEP = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99)


def _timed(texts: list[str], call: Callable[[str], object], repeats: int) -> dict:
    seconds = []
    for _ in range(repeats):
        for text in texts:
            started = time.perf_counter()
            call(text)
            seconds.append(time.perf_counter() - started)
    return {
        "calls": len(seconds),
        "medianMs": statistics.median(seconds) * 1000,
        "p95Ms": percentile(seconds, 0.95) * 1000,
        "maxMs": max(seconds) * 1000,
    }


def _summary(report: dict) -> dict:
    return {
        key: report[key]
        for key in (
            "messages",
            "safe",
            "unsafe",
            "recall",
            "precision",
            "falseBlockRate",
            "categoryAccuracy",
            "categories",
            "missed",
            "falseBlocks",
        )
    }


def safety(repeats: int) -> dict:
    from profanity_check import predict_prob

    from brightpath.spark.safety import check_child_message, offensive, warm
    from brightpath.spark.safety.evaluate import HOLDOUT, SHIPPED, load, metrics

    warm()
    predict_prob(["warm up"])

    def filtered(text: str) -> str | None:
        return check_child_message(text).category

    def baseline(text: str) -> str | None:
        return "offensive" if predict_prob([text])[0] >= 0.5 else None

    out: dict = {"sets": {}}
    for name, path in (("shipped", SHIPPED), ("holdout", HOLDOUT)):
        examples = load(path)
        texts = [ex.text for ex in examples]
        out["sets"][name] = {
            "filter": {
                **_summary(metrics(examples, filtered)),
                "timing": _timed(texts, filtered, repeats),
            },
            "baseline": {
                **_summary(metrics(examples, baseline)),
                "timing": _timed(texts, baseline, 1),
            },
        }

    examples = load(SHIPPED)
    chosen = offensive.THRESHOLD
    sweep = []
    try:
        for threshold in SWEEP:
            offensive.THRESHOLD = threshold
            report = metrics(examples, filtered)
            sweep.append(
                {
                    "threshold": threshold,
                    "recall": report["recall"],
                    "falseBlockRate": report["falseBlockRate"],
                    "offensiveRecall": report["categories"]["offensive"]["recall"],
                    "offensivePrecision": report["categories"]["offensive"]["precision"],
                }
            )
    finally:
        offensive.THRESHOLD = chosen
    out["threshold"] = chosen
    out["sweep"] = sweep
    return out


def _contexts() -> list:
    from brightpath.spark import content
    from brightpath.spark.guide import GuideContext, SparkMaterial, TopicMaterial

    catalogue = content.read("topics.json")
    names = {t["slug"]: t["name"] for t in catalogue["topics"]}
    neighbours: dict[str, list[str]] = {}
    for line in catalogue["connections"]:
        neighbours.setdefault(line["from"], []).append(line["to"])
        neighbours.setdefault(line["to"], []).append(line["from"])
    contexts = []
    for topic in catalogue["topics"]:
        material = TopicMaterial(
            slug=topic["slug"],
            name=topic["name"],
            category=topic["category"],
            description=topic.get("description", ""),
            metadata=topic["metadata"],
        )
        related = tuple((slug, names[slug]) for slug in neighbours.get(topic["slug"], [])[:3])
        for group in topic["age_groups"]:
            contexts.append(
                GuideContext(age_group=group, child_name="Mia", topic=material, related=related)
            )
    for group, sparks in content.read("sparks.json")["sparks"].items():
        for spark in sparks:
            material = SparkMaterial(
                spark_type=spark["spark_type"],
                question=spark["question"],
                hints=tuple(spark.get("hints", ())),
                follow_ups=tuple(spark.get("follow_ups", ())),
            )
            contexts.append(GuideContext(age_group=group, child_name="Mia", spark=material))
    return contexts


# What a child types or presses after the opening (free text and each button).
CHILD_TURNS = (
    "tell me more",
    "why?",
    "i don't know",
    "i think it's because of the sun",
    "what is the biggest one?",
    "wow that's cool",
    "can you give me a hint",
)


def guide() -> dict:
    from dataclasses import replace

    from brightpath.spark.guide import GuideReply, Turn
    from brightpath.spark.safety import check_guide_reply

    try:
        from brightpath.spark.guide import offline
    except ImportError as missing:  # helper B's module not there yet
        return {"missing": f"brightpath.spark.guide.offline: {missing}"}

    def echo(ctx, text, choice) -> GuideReply:
        return GuideReply(content=text, choices=[])

    contexts = _contexts()
    seconds: dict[str, list[float]] = {"offline": [], "echo": []}
    replies: list[str] = []
    for ctx in contexts:
        started = time.perf_counter()
        first = offline.opening(ctx)
        seconds["offline"].append(time.perf_counter() - started)
        replies.append(first.content)
        turns = [(text, None) for text in CHILD_TURNS] + [(c.label, c) for c in first.choices]
        history = (Turn("assistant", first.content),)
        for text, choice in turns:
            turn_ctx = replace(ctx, history=history, depth=1)
            for name, method in (("offline", offline.reply), ("echo", echo)):
                started = time.perf_counter()
                reply = method(turn_ctx, text, choice)
                seconds[name].append(time.perf_counter() - started)
                if name == "offline":
                    replies.append(reply.content)
    blocked = [r for r in replies if not check_guide_reply(r).allowed]
    return {
        "contexts": len(contexts),
        "replies": len(replies),
        "blockedBySafety": len(blocked),
        "blockedExamples": blocked[:10],
        "methods": {
            name: {
                "calls": len(values),
                "medianMs": statistics.median(values) * 1000,
                "p95Ms": percentile(values, 0.95) * 1000,
                "maxMs": max(values) * 1000,
            }
            for name, values in seconds.items()
        },
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="time each message once, not 3 times")
    args = parser.parse_args(argv)
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "alt-profanity-check": version("alt-profanity-check"),
            "scikit-learn": version("scikit-learn"),
            "loadAverage": os.getloadavg(),
        },
        "safety": safety(1 if args.quick else 3),
        "guide": guide(),
    }

    s = report["safety"]
    header = (
        f"{'set':8} {'method':9} {'recall':>7} {'prec':>6} {'false':>6} {'cat ok':>7} "
        f"{'off P/R':>11} {'pers P/R':>11} {'dist P/R':>11} {'med ms':>7} {'p95 ms':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, methods in s["sets"].items():
        for method, r in methods.items():
            c = r["categories"]
            pr = {k: f"{v['precision']:.2f}/{v['recall']:.2f}" for k, v in c.items()}
            print(
                f"{name:8} {method:9} {r['recall']:>7.1%} {r['precision']:>6.1%} "
                f"{r['falseBlockRate']:>6.1%} {r['categoryAccuracy']:>7.1%} "
                f"{pr['offensive']:>11} {pr['personal_info']:>11} {pr['distress']:>11} "
                f"{r['timing']['medianMs']:>7.3f} {r['timing']['p95Ms']:>7.3f}"
            )
    print(f"\nmodel threshold {s['threshold']} (sweep on the shipped set, rules on):")
    for row in s["sweep"]:
        print(
            f"  {row['threshold']:>5}: recall {row['recall']:.1%}, "
            f"false blocks {row['falseBlockRate']:.1%}, "
            f"offensive P/R {row['offensivePrecision']:.2f}/{row['offensiveRecall']:.2f}"
        )
    g = report["guide"]
    if "missing" in g:
        print(f"\nguide: NOT MEASURED ({g['missing']})")
    else:
        print(
            f"\nguide: {g['contexts']} contexts, {g['replies']} replies, "
            f"{g['blockedBySafety']} blocked by the safety filter"
        )
        for name, m in g["methods"].items():
            print(
                f"  {name:8} median {m['medianMs']:.3f} ms, p95 {m['p95Ms']:.3f} ms, "
                f"max {m['maxMs']:.3f} ms ({m['calls']} calls)"
            )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "spark.json"
    out.write_text(json.dumps(report, indent=2, default=str))
    print(f"\nwrote {out}")
    return report


if __name__ == "__main__":
    main()
