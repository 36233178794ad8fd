"""The today, week and records reads at the seeded size, with their query plans.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/brightpath_bench \
        python -m bench.queries [--families 20] [--repeats 3]

Run after `python -m bench.seed`. For a sample of seeded families it requests,
through Django's test client signed in as the family's owner, the JSON views
(/api/family/today/, /api/family/week/, /api/family/records/,
/api/family/activity-log/) and the pages (/today/, /week/, /records/), with the
schedule cache emptied before each request so the database answers (the
cached today is measured too). It reports per endpoint the median and p95
time and the number of queries, then runs EXPLAIN (ANALYZE, BUFFERS) on every
distinct query of one family and flags any sequential scan of a big table.

Prints a table and writes bench/results/queries-<date>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import time
from pathlib import Path

from bench import percentile

RESULTS = Path(__file__).parent / "results"
BIG_TABLES = {"schedules", "schedule_items", "activity_logs", "subjects", "children", "families"}
ENDPOINTS = (
    ("api today", "/api/family/today/"),
    ("api week", "/api/family/week/"),
    ("api records", "/api/family/records/"),
    ("api activity log", "/api/family/activity-log/"),
    ("page today", "/today/"),
    ("page week", "/week/"),
    ("page records", "/records/"),
)


def _setup() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if "bench" not in url.rsplit("/", 1)[-1]:
        raise SystemExit("bench.queries needs a seeded bench database: DATABASE_URL=.../<bench db>")
    os.environ.pop("REDIS_URL", None)  # the local-memory cache: emptied per request below
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _sample_owners(n: int) -> list:
    from brightpath.accounts.models import User

    # Spread over the whole table: the newest and the oldest families alike.
    return list(User.objects.filter(family__isnull=False).order_by("?")[:n])


def _request(client, path: str) -> tuple[float, list[dict], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path)
        seconds = time.perf_counter() - started
    return seconds, list(captured.captured_queries), response.status_code


def _timings(owners: list, repeats: int) -> tuple[dict, dict]:
    from django.core.cache import cache
    from django.test import Client

    times: dict[str, list[float]] = {name: [] for name, _ in ENDPOINTS}
    times["api today (cached)"] = []
    counts: dict[str, int] = {}
    statuses: dict[str, set] = {}
    warm = Client()
    warm.force_login(owners[0])
    for _, path in ENDPOINTS:  # imports, templates and connections are first-request costs
        warm.get(path)
    for owner in owners:
        client = Client()
        client.force_login(owner)
        for _ in range(repeats):
            for name, path in ENDPOINTS:
                cache.clear()
                client.force_login(owner)  # the session lives in the cache too
                seconds, queries, status = _request(client, path)
                times[name].append(seconds)
                counts[name] = len(queries)
                statuses.setdefault(name, set()).add(status)
            seconds, queries, status = _request(client, "/api/family/today/")
            times["api today (cached)"].append(seconds)
            counts["api today (cached)"] = len(queries)
            statuses.setdefault("api today (cached)", set()).add(status)
    out = {
        name: {
            "requests": len(values),
            "medianMs": round(statistics.median(values) * 1000, 1),
            "p95Ms": round(percentile(values, 0.95) * 1000, 1),
            "queries": counts[name],
            "statuses": sorted(statuses[name]),
        }
        for name, values in times.items()
    }
    return out, {name: path for name, path in ENDPOINTS}


def _walk(node: dict, found: list[dict]) -> None:
    found.append(node)
    for child in node.get("Plans", []):
        _walk(child, found)


def _explain_all(owner) -> list[dict]:
    """EXPLAIN (ANALYZE, BUFFERS) of every distinct query the endpoints run for one family."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client()
    seen: dict[str, dict] = {}
    for name, path in ENDPOINTS:
        cache.clear()
        client.force_login(owner)
        _, queries, _ = _request(client, path)
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or sql in seen:
                continue
            seen[sql] = {"endpoint": name, "sql": sql}
    plans = []
    with connection.cursor() as cursor:
        for entry in seen.values():
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + entry["sql"])
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            nodes: list[dict] = []
            _walk(plan[0]["Plan"], nodes)
            seq = sorted(
                {
                    n["Relation Name"]
                    for n in nodes
                    if n["Node Type"] == "Seq Scan"
                    and n.get("Relation Name") in BIG_TABLES
                    and n.get("Actual Loops", 0) > 0  # a branch never executed costs nothing
                }
            )
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + entry["sql"])
            text = "\n".join(row[0] for row in cursor.fetchall())
            plans.append(
                {
                    **entry,
                    "executionMs": plan[0]["Execution Time"],
                    "tables": sorted({n["Relation Name"] for n in nodes if "Relation Name" in n}),
                    "indexes": sorted({n["Index Name"] for n in nodes if "Index Name" in n}),
                    "seqScansOnBigTables": seq,
                    "sharedHit": plan[0]["Plan"].get("Shared Hit Blocks", 0),
                    "sharedRead": plan[0]["Plan"].get("Shared Read Blocks", 0),
                    "plan": text,
                }
            )
    return plans


def _table_rows() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE relname = ANY(%s)",
            [sorted(BIG_TABLES | {"users"})],
        )
        return dict(cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--families", type=int, default=20, help="families sampled")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--show-plans", action="store_true", help="print every plan")
    args = parser.parse_args()
    _setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    owners = _sample_owners(args.families)
    if not owners:
        raise SystemExit("no seeded families: run python -m bench.seed first")
    rows = _table_rows()
    timings, paths = _timings(owners, args.repeats)
    plans = _explain_all(owners[0])
    print(f"\nrows: {', '.join(f'{t} {n:,}' for t, n in sorted(rows.items()))}")
    print(f"\n{'endpoint':24} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  status")
    for name, t in timings.items():
        print(f"{name:24} {t['medianMs']:>10} {t['p95Ms']:>8} {t['queries']:>8}  {t['statuses']}")
    print(f"\n{'ms':>8}  {'endpoint':18} tables -> indexes (seq scans on big tables)")
    for p in sorted(plans, key=lambda p: -p["executionMs"]):
        flag = f"  SEQ SCAN {p['seqScansOnBigTables']}" if p["seqScansOnBigTables"] else ""
        print(
            f"{p['executionMs']:>8.2f}  {p['endpoint']:18} {','.join(p['tables'])} -> "
            f"{','.join(p['indexes']) or '-'}{flag}"
        )
        if args.show_plans or p["seqScansOnBigTables"]:
            print(re.sub(r"^", "          ", p["sql"][:400]) + "\n" + p["plan"])
    result = {
        "date": dt.date.today().isoformat(),
        "cpus": os.cpu_count(),
        "loadAverage": os.getloadavg(),
        "tableRows": rows,
        "sampledFamilies": len(owners),
        "repeats": args.repeats,
        "endpoints": paths,
        "timings": timings,
        "plans": plans,
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"queries-{result['date']}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
