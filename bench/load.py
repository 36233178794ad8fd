"""Load test: gunicorn on PostgreSQL + Redis, 50 signed-in parents at once.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/brightpath_bench \
        python -m bench.load [--users 50] [--duration 20] [--rounds 3]

Run after `python -m bench.seed` (it signs in seeded parents, password
`bench.seed.PASSWORD`). Starts gunicorn (config.wsgi, gthread workers,
DEBUG off) on a free port with Redis db 11 (`--redis`, never db 0) as cache,
sessions and broker, then drives it with an async client (httpx2, already
locked as openai's dependency), each virtual user sending its next request
as soon as the last one answered. Scenarios, run in every round:

- bare: GET /healthz, the ceiling. It is a plain Django JSON view through the
  full middleware stack that touches neither the database, the session (the
  client sends no cookie) nor the cache.
- today: GET /api/family/today/ (JWT), served from SCHEDULE:TODAY:{child}
  once filled; the request still authenticates, scopes and checks the week
  in the database (planner/caches.py holds the items, not the auth).
- mix: 45% family today, 20% family week, 10% a child's today, 15% complete
  or uncomplete one of today's items, 10% move one (to the slot it holds, a
  valid drag and drop that goes through the whole write path). After every
  write the user's next today read must show it: a stale read is counted.

Reports per scenario the median over rounds of throughput and p50/p95/p99,
errors (any non-2xx or transport error) and the today/bare ratio per round.
Prints a table and writes bench/results/load-<date>.json. Gunicorn is
stopped at the end, also on failure.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from bench import percentile

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).resolve().parent.parent
# As the TLS-terminating proxy in front of gunicorn says it (settings.SECURE_PROXY_SSL_HEADER).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _guard(database_url: str, redis_url: str) -> None:
    name = urlparse(database_url).path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(
            "bench.load needs a seeded bench database: DATABASE_URL=.../brightpath_bench"
        )
    if urlparse(redis_url).path.lstrip("/") in ("", "0"):
        raise SystemExit("use a Redis db of its own for the bench (e.g. redis://127.0.0.1:6379/11)")


def _seeded_emails(database_url: str, n: int) -> list[str]:
    import psycopg

    from .seed import DOMAIN

    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT email FROM users WHERE email LIKE %s ORDER BY random() LIMIT %s",
            [f"%@{DOMAIN}", n],
        ).fetchall()
    return [r[0] for r in rows]


class Server:
    """gunicorn serving config.wsgi, as the Dockerfile runs it."""

    def __init__(self, *, port: int, workers: int, threads: int, env: dict[str, str]):
        self.port, self.workers, self.threads, self.env = port, workers, threads, env
        self.process: subprocess.Popen | None = None
        self.log = Path(tempfile.gettempdir()) / f"bench-load-gunicorn-{port}.log"

    def __enter__(self) -> Server:
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            "--worker-class=gthread",
            "--keep-alive=30",
            "--backlog=2048",
            "--preload",  # import the app once, not once per worker at the same time
        ]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the workers stop with it
            )
        return self

    def wait_ready(self, timeout: float = 240) -> None:
        import httpx2

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {self.log}")
            try:
                if httpx2.get(f"http://127.0.0.1:{self.port}/healthz").status_code == 200:
                    return
            except httpx2.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn not ready after {timeout}s: see {self.log}")

    def __exit__(self, *exc) -> None:
        if self.process is None:
            return
        group = self.process.pid  # the session leader: the group is gunicorn and its workers
        try:
            os.killpg(group, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # workers may outlive the master briefly
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)
        os.killpg(group, signal.SIGKILL)


@dataclass
class Parent:
    email: str
    token: str = ""
    # Today's subject items this parent can write: id -> {"version", "completed", "date", ...}
    items: dict[str, dict] = field(default_factory=dict)
    children: list[str] = field(default_factory=list)
    expected: dict[str, bool] = field(default_factory=dict)  # item id -> completed, after a write

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    stale_reads: int = 0

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


def _remember_today(parent: Parent, body: dict) -> None:
    for child in body.get("children", []):
        for item in child["items"]:
            if item["type"] == "subject" and not item["skipped"]:
                parent.items[item["id"]] = item
            expected = parent.expected.get(item["id"])
            if expected is not None:
                parent.expected.pop(item["id"])
                if item["completed"] != expected:
                    raise AssertionError(f"stale today: {item['id']}")


async def _sign_in(client, parent: Parent, password: str) -> None:
    response = await client.post(
        "/api/auth/login/", json={"email": parent.email, "password": password}
    )
    response.raise_for_status()
    parent.token = response.json()["access"]
    today = await client.get("/api/family/today/", headers=parent.headers)
    today.raise_for_status()
    body = today.json()
    parent.children = [c["childId"] for c in body["children"]]
    _remember_today(parent, body)


async def _one(client, parent: Parent, scenario: str, rng: random.Random, tally: Tally) -> None:
    kind, method, path, payload = "today", "GET", "/api/family/today/", None
    headers = parent.headers
    item = None
    if scenario == "bare":
        kind, path, headers = "bare", "/healthz", {}
    elif scenario == "mix":
        roll = rng.random()
        if roll < 0.45:
            pass
        elif roll < 0.65:
            kind, path = "week", "/api/family/week/"
        elif roll < 0.75:
            kind, path = "child today", f"/api/children/{rng.choice(parent.children)}/today/"
        elif parent.items:
            item = parent.items[rng.choice(list(parent.items))]
            method = "POST"
            if roll < 0.90:
                kind = "uncomplete" if item["completed"] else "complete"
                path = f"/api/schedule-items/{item['id']}/{kind}/"
                payload = {"version": item["version"]}
            else:
                kind, path = "move", f"/api/schedule-items/{item['id']}/move/"
                payload = {
                    "version": item["version"],
                    "date": item["date"],
                    "startTime": item["startTime"],
                }
    started = time.perf_counter()
    try:
        if method == "GET":
            response = await client.get(path, headers=headers)
        else:
            response = await client.post(path, headers=headers, json=payload)
    except Exception as exc:  # any transport failure is an error of the run
        tally.error(type(exc).__name__)
        return
    tally.latencies.append(time.perf_counter() - started)
    tally.by_kind[kind] = tally.by_kind.get(kind, 0) + 1
    if not 200 <= response.status_code < 300:
        tally.error(f"{kind} {response.status_code}")
        if response.status_code == 409 and item is not None:
            current = response.json().get("error", {}).get("current")
            if current:
                parent.items[item["id"]] = current
        return
    body = response.json()
    if item is not None:
        parent.items[item["id"]] = body
        if kind in ("complete", "uncomplete"):
            parent.expected[item["id"]] = body["completed"]
    elif kind == "today":
        try:
            _remember_today(parent, body)
        except AssertionError:
            tally.stale_reads += 1


async def _user_loop(client, parent, scenario, deadline, rng, tally) -> None:
    while time.perf_counter() < deadline:
        await _one(client, parent, scenario, rng, tally)


async def _scenario(base_url: str, parents: list[Parent], scenario: str, seconds: float) -> dict:
    import httpx2

    tally = Tally()
    limits = httpx2.Limits(max_connections=len(parents), max_keepalive_connections=len(parents))
    async with httpx2.AsyncClient(
        base_url=base_url, limits=limits, timeout=30, headers=PROXY_HEADERS
    ) as client:
        warm_deadline = time.perf_counter() + 2  # connections opened, caches filled
        await asyncio.gather(
            *(
                _user_loop(client, p, scenario, warm_deadline, random.Random(i), Tally())  # noqa: S311
                for i, p in enumerate(parents)
            )
        )
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(
            *(
                _user_loop(client, p, scenario, deadline, random.Random(1000 + i), tally)  # noqa: S311
                for i, p in enumerate(parents)
            )
        )
        elapsed = time.perf_counter() - started
    n = len(tally.latencies)
    return {
        "requests": n,
        "seconds": round(elapsed, 2),
        "rps": round(n / elapsed, 1),
        "p50Ms": round(percentile(tally.latencies, 0.50) * 1000, 1),
        "p95Ms": round(percentile(tally.latencies, 0.95) * 1000, 1),
        "p99Ms": round(percentile(tally.latencies, 0.99) * 1000, 1),
        "errors": sum(tally.errors.values()),
        "errorKinds": tally.errors,
        "staleReads": tally.stale_reads,
        "byKind": tally.by_kind,
    }


async def _run(args, base_url: str, emails: list[str]) -> dict:
    import httpx2

    from .seed import PASSWORD

    parents = [Parent(email) for email in emails]
    async with httpx2.AsyncClient(base_url=base_url, timeout=60, headers=PROXY_HEADERS) as client:
        for parent in parents:  # one at a time: sign-in is PBKDF2, not what is measured
            await _sign_in(client, parent, PASSWORD)
    # Parents whose today has work to tick off (a weekend where they live has none).
    active = [p for p in parents if p.items][: args.users]
    if len(active) < args.users:
        raise SystemExit(f"only {len(active)} seeded parents have items today; seed more")
    rounds: list[dict] = []
    scenarios = ["bare", "today", "mix"]
    for number in range(args.rounds):
        order = scenarios[number % 3 :] + scenarios[: number % 3]  # drift hits each in turn
        this_round = {}
        for scenario in order:
            this_round[scenario] = await _scenario(base_url, active, scenario, args.duration)
            r = this_round[scenario]
            print(
                f"  round {number + 1} {scenario:6} {r['rps']:>8} req/s  p50 {r['p50Ms']} "
                f"p95 {r['p95Ms']} p99 {r['p99Ms']} ms  errors {r['errors']} "
                f"stale {r['staleReads']}",
                flush=True,
            )
        ratio = this_round["today"]["rps"] / this_round["bare"]["rps"]
        this_round["todayOverBare"] = round(ratio, 3)
        rounds.append(this_round)
    return {"users": len(active), "rounds": rounds}


def _summary(rounds: list[dict]) -> dict:
    out = {}
    for scenario in ("bare", "today", "mix"):
        rows = [r[scenario] for r in rounds]
        out[scenario] = {
            key: statistics.median(row[key] for row in rows)
            for key in ("rps", "p50Ms", "p95Ms", "p99Ms")
        }
        out[scenario]["errors"] = sum(row["errors"] for row in rows)
        out[scenario]["staleReads"] = sum(row["staleReads"] for row in rows)
        out[scenario]["requests"] = sum(row["requests"] for row in rows)
    out["todayOverBare"] = statistics.median(r["todayOverBare"] for r in rounds)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20, help="seconds per scenario")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn process")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/11")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    _guard(database_url, args.redis)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": args.redis,
        "CELERY_BROKER_URL": args.redis,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        # The per-user limit stops runaway scripts; this bench is one, on purpose.
        "THROTTLE_USER": "1000000/min",
        "THROTTLE_LOGIN": "100000/min",
        "LOG_LEVEL": "WARNING",
    }
    emails = _seeded_emails(database_url, args.users * 3)
    base_url = f"http://127.0.0.1:{port}"
    with Server(port=port, workers=args.workers, threads=args.threads, env=env) as server:
        server.wait_ready()
        result = asyncio.run(_run(args, base_url, emails))
    summary = _summary(result["rounds"])
    print(f"\n{'scenario':8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for scenario in ("bare", "today", "mix"):
        s = summary[scenario]
        print(
            f"{scenario:8} {s['rps']:>8} {s['p50Ms']:>8} {s['p95Ms']:>8} {s['p99Ms']:>8} "
            f"{s['errors']:>7}"
        )
    print(f"cached today / bare throughput: {summary['todayOverBare']:.0%} (median of rounds)")
    report = {
        "date": dt.date.today().isoformat(),
        "cpus": os.cpu_count(),
        "loadAverageAfter": os.getloadavg(),
        "gunicorn": {"workers": args.workers, "threads": args.threads, "class": "gthread"},
        "durationPerScenario": args.duration,
        **result,
        "summary": summary,
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"load-{report['date']}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
