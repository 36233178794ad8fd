"""Seed a large planner dataset into a PostgreSQL bench database, fast.

    createdb -h 127.0.0.1 -U postgres brightpath_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/brightpath_bench \
        python -m bench.seed --families 1000 [--weeks 52] [--workers 2] [--reset]

Each family gets an owner account (password `bench.PASSWORD`), 1-4 children,
4-7 subject plans per child, some weekly commitments, and `--weeks` weeks of
active schedules ending with next week (planned ahead, as the nightly job
does): schedule items placed within the engine's hard rules (school days,
homeschool hours, breaks, the parent's load, frequencies), the schedule's
`schedule_data` snapshot in the shape `services.generation.schedule_snapshot`
writes, past work completed or skipped with the activity logs `services.items`
writes for it. Today and later are left to do, so the real today/week/records
views, completions and moves work on any seeded family.

Rows go in with COPY. During the load the secondary (non-unique) indexes of
the three big tables are dropped and foreign-key triggers are off
(session_replication_role=replica: rows are consistent by construction); the
indexes are rebuilt at the end. Their definitions are kept in
`bench_seed_dropped_indexes` until rebuilt, so a crashed run is repaired by the
next one. Reruns add families after the existing ones (emails
`parent<N>@<--domain>`); `--reset` empties the domain tables first.

Refuses any database whose name lacks "bench": never the shared `brightpath`
database or a test database. Prints rows/s and writes bench/results/seed-<date>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import time
from pathlib import Path
from zoneinfo import ZoneInfo

RESULTS = Path(__file__).parent / "results"
PASSWORD = "bench-password-1"
DOMAIN = "bench.brightpath.test"
BIG_TABLES = ("schedules", "schedule_items", "activity_logs")
TIME_ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHILD_NAMES = ("Ava", "Noah", "Mia", "Liam", "Emma", "Eli", "Ruby", "Owen", "Ivy", "Jonah")
FAMILY_NAMES = ("Smith", "Garcia", "Nguyen", "Johnson", "Okafor", "Müller", "Rossi", "Kim")
# (name, core, minutes, frequency, involvement)
SUBJECTS = (
    ("Mathematics", True, 40, "daily", "some_assistance"),
    ("Reading", True, 30, "daily", "minimal_supervision"),
    ("Writing", True, 30, "2-3_times_per_week", "some_assistance"),
    ("Science", True, 45, "2-3_times_per_week", "full_involvement"),
    ("History", False, 30, "2-3_times_per_week", "some_assistance"),
    ("Spanish", False, 20, "2-3_times_per_week", "independent"),
    ("Art", False, 45, "once_a_week", "some_assistance"),
    ("Music", False, 30, "once_a_week", "minimal_supervision"),
    ("Nature Study", False, 60, "occasionally", "full_involvement"),
    ("Physical Education", False, 30, "2-3_times_per_week", "minimal_supervision"),
)
COMMITMENTS = (("Piano lesson", "15:00", "15:45"), ("Soccer practice", "16:00", "17:30"))
TWO_THREE_DAYS = (0, 2, 4)
BREAK = 10  # minutes between sessions

COLUMNS = {
    "users": "id, password, is_superuser, email, name, questionnaire_completed, "
    "questionnaire_completed_at, is_active, is_staff, created_at, updated_at",
    "families": "id, created_at, updated_at, name, scheduling_flexibility, planning_approach, "
    "preferences, questionnaire_responses, time_zone, school_days, adults, owner_id",
    "children": "id, created_at, updated_at, name, learning_preferences, questionnaire_responses, "
    "position, family_id, birth_date, birth_date_precision",
    "subjects": "id, created_at, updated_at, name, is_core_subject, session_duration, frequency, "
    "parent_involvement, fixed_time_required, interest_level, metadata, position, "
    "catalog_subject_id, child_id",
    "child_commitments": "id, created_at, updated_at, name, frequency, days_of_week, start_time, "
    "end_time, position, child_id",
    "schedules": "id, created_at, updated_at, week_start_date, is_active, version, "
    "generation_method, schedule_data, patterns, generation_report, child_id, family_id",
    "schedule_items": "id, created_at, updated_at, day_date, item_type, name, start_time, "
    "end_time, is_external, completed, completed_at, pinned, item_data, version, commitment_id, "
    "schedule_id, subject_id, calendar_uid, skipped",
    "activity_logs": "id, created_at, updated_at, date, activity_name, activity_type, action, "
    "scheduled, actual, notes, actor_id, child_id, family_id, schedule_id, schedule_item_id, "
    "subject_id",
}
NULL = r"\N"


def _j(value) -> str:
    """JSON as a COPY text field (backslashes are COPY's escape character)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("\\", "\\\\")


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


HHMM = [_hhmm(m) for m in range(24 * 60)]
# Reseeded from os.urandom in each worker, so forked workers never share ids.
_ids = random.Random()  # noqa: S311 - ids, not secrets


def _uuid() -> str:
    """A random (version 4) UUID as text; uuid.uuid4() and str() cost more than the row."""
    h = f"{_ids.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


class _Clock:
    """Aware timestamps in a family's zone, with the UTC offset cached per day."""

    def __init__(self) -> None:
        self._offsets: dict[tuple[str, dt.date], str] = {}

    def at(self, tz: str, day: dt.date, minute: int) -> str:
        key = (tz, day)
        if key not in self._offsets:
            moment = dt.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(tz))
            offset = moment.strftime("%z")
            self._offsets[key] = f"{offset[:3]}:{offset[3:]}"
        return f"{day.isoformat()}T{HHMM[minute]}:00{self._offsets[key]}"


def _today(tz: str) -> dt.date:
    return dt.datetime.now(ZoneInfo(tz)).date()


def _week_days(subject: tuple, rng: random.Random, week_no: int) -> tuple[int, ...]:
    """The weekdays (0 = Monday) a subject is planned on in one week (rule 5)."""
    frequency = subject[3]
    if frequency == "daily":
        return (0, 1, 2, 3, 4)
    if frequency == "2-3_times_per_week":
        return TWO_THREE_DAYS
    if frequency == "once_a_week":
        return (rng.randrange(5),)
    return (3,) if week_no % 2 else ()


LOAD = {"full_involvement": 2, "some_assistance": 1}


def _parent_free(booked: list[tuple[int, int, int]], start: int, end: int, load: int,
                 capacity: int) -> bool:  # fmt: skip
    """Rule 4: the parent's load stays within capacity at every minute of start-end."""
    if not load:
        return True
    for minute in range(start, end, 5):
        running = sum(n for s, e, n in booked if s <= minute < e)
        if running + load > capacity:
            return False
    return True


class _Family:
    """One family's rows, built in memory and written as COPY lines."""

    def __init__(self, index: int, weeks: int, catalog: dict[str, str], password: str, domain: str):
        self.rng = random.Random(index)  # noqa: S311 - reproducible data
        self.index, self.weeks, self.catalog = index, weeks, catalog
        self.password, self.domain = password, domain
        self.lines: dict[str, list[str]] = {table: [] for table in COLUMNS}

    def build(self, clock: _Clock) -> dict[str, list[str]]:
        rng = self.rng
        tz = TIME_ZONES[self.index % len(TIME_ZONES)]
        today = _today(tz)
        # The nightly job plans next week ahead (next_weeks_unplanned), so the
        # seeded weeks end with it: a view never has to plan a week on first look.
        next_monday = today + dt.timedelta(days=7 - today.weekday())
        first_monday = next_monday - dt.timedelta(weeks=self.weeks - 1)
        joined = clock.at(tz, first_monday - dt.timedelta(days=3), 19 * 60)
        user_id, family_id = _uuid(), _uuid()
        surname = FAMILY_NAMES[self.index % len(FAMILY_NAMES)]
        self.lines["users"].append(
            f"{user_id}\t{self.password}\tf\tparent{self.index}@{self.domain}\t"
            f"{surname} parent {self.index}\tt\t{joined}\tt\tf\t{joined}\t{joined}"
        )
        preferences = {
            "schedulingFlexibility": "moderate_structure",
            "schedulingStyle": {"block": rng.randint(1, 5), "loop": rng.randint(1, 5)},
            "planningApproach": "mix_of_planned_and_spontaneous",
        }
        adults = rng.choice((1, 1, 2))
        self.capacity = 2 * adults
        self.lines["families"].append(
            f"{family_id}\t{joined}\t{joined}\tThe {surname} family\tmoderate_structure\t"
            f"mix_of_planned_and_spontaneous\t{_j(preferences)}\t{{}}\t{tz}\t"
            f'["Monday","Tuesday","Wednesday","Thursday","Friday"]\t{adults}\t'
            f"{user_id}"
        )
        # The parent's booked load per day across the children: (start, end, load).
        self.parent: dict[dt.date, list[tuple[int, int, int]]] = {}
        n_children = rng.choices((1, 2, 3, 4), weights=(30, 35, 25, 10))[0]
        for position in range(n_children):
            self._child(position, family_id, user_id, tz, today, first_monday, joined, clock)
        return self.lines

    def _child(self, position, family_id, user_id, tz, today, first_monday, joined, clock):
        rng = self.rng
        child_id = _uuid()
        start_minute = rng.choice((8 * 60 + 30, 9 * 60, 9 * 60 + 30))
        end_minute = start_minute + rng.choice((300, 330))  # ends by 15:00
        prefs = {
            "bestLearningTimes": rng.sample(["early_morning", "mid-morning", "early_afternoon"], 2),
            "homeschoolingHours": {
                "startTime": _hhmm(start_minute),
                "endTime": _hhmm(end_minute),
            },
        }
        birth = dt.date(today.year - rng.randint(5, 14), rng.randint(1, 12), rng.randint(1, 28))
        self.lines["children"].append(
            f"{child_id}\t{joined}\t{joined}\t{rng.choice(CHILD_NAMES)}\t{_j(prefs)}\t{{}}\t"
            f"{position}\t{family_id}\t{birth.isoformat()}\tday"
        )
        chosen = sorted(rng.sample(range(len(SUBJECTS)), rng.randint(4, 7)))
        subjects = []
        for pos, which in enumerate(chosen):
            subject = SUBJECTS[which]
            subject_id = _uuid()
            name, core, minutes, frequency, involvement = subject
            catalog_id = self.catalog.get(name, NULL)
            self.lines["subjects"].append(
                f"{subject_id}\t{joined}\t{joined}\t{name}\t{'t' if core else 'f'}\t{minutes}\t"
                f"{frequency}\t{involvement}\tf\t{rng.randint(2, 5)}\t{{}}\t{pos}\t{catalog_id}\t"
                f"{child_id}"
            )
            subjects.append((subject_id, subject))
        commitments = []
        if rng.random() < 0.5:
            name, start, end = rng.choice(COMMITMENTS)
            weekday = rng.randrange(5)
            commitment_id = _uuid()
            self.lines["child_commitments"].append(
                f"{commitment_id}\t{joined}\t{joined}\t{name}\tweekly\t"
                f'["{WEEKDAYS[weekday]}"]\t{start}\t{end}\t0\t{child_id}'
            )
            commitments.append((commitment_id, name, weekday, start, end))
        for week_no in range(self.weeks):
            monday = first_monday + dt.timedelta(weeks=week_no)
            self._week(
                week_no, monday, child_id, family_id, user_id, tz, today, subjects,
                commitments, (start_minute, end_minute), clock,
            )  # fmt: skip

    def _week(self, week_no, monday, child_id, family_id, user_id, tz, today, subjects,
              commitments, hours, clock):  # fmt: skip
        rng = self.rng
        schedule_id = _uuid()
        planned = clock.at(tz, monday - dt.timedelta(days=3), 18 * 60)
        days: list[list[dict]] = [[] for _ in range(7)]
        planned_on = [(s, _week_days(s[1], rng, week_no)) for s in subjects]
        for weekday in range(5):
            day = monday + dt.timedelta(days=weekday)
            booked = self.parent.setdefault(day, [])
            minute = hours[0]
            for (subject_id, subject), on_days in planned_on:
                if weekday not in on_days:
                    continue
                name, core, minutes, _, involvement = subject
                load = LOAD.get(involvement, 0)
                start = minute
                while start + minutes <= hours[1] and not _parent_free(
                    booked, start, start + minutes, load, self.capacity
                ):
                    start += 5
                if start + minutes > hours[1]:
                    continue  # unplaced: no slot left where the parent can help
                if load:
                    booked.append((start, start + minutes, load))
                minute = start
                item = self._item(
                    schedule_id, day, minute, minute + minutes, planned, today, tz, clock,
                    child_id, family_id, user_id,
                    subject=(subject_id, name, core, minutes, involvement),
                )  # fmt: skip
                days[weekday].append(item)
                minute += minutes + BREAK
            for commitment_id, name, on_day, start, end in commitments:
                if on_day == weekday:
                    days[weekday].append(
                        self._commitment_item(
                            schedule_id, day, commitment_id, name, start, end, planned
                        )
                    )
        snapshot_days = []
        for weekday, items in enumerate(days):
            day = monday + dt.timedelta(days=weekday)
            items.sort(key=lambda i: (i["startTime"], i["name"]))
            snapshot_days.append(
                {"date": day.isoformat(), "dayOfWeek": WEEKDAYS[weekday], "items": items}
            )
        snapshot = {
            "weekStartDate": monday.isoformat(),
            "version": 1,
            "generationMethod": "cp_sat_v1",
            "days": snapshot_days,
            "patterns": {},
        }
        report = {
            "solver": {
                "status": "OPTIMAL",
                "objective": round(rng.uniform(50, 200), 1),
                "bestBound": None,
                "gap": 0.0,
                "wallTime": round(rng.uniform(0.05, 0.8), 3),
            },
            "unplaced": [],
        }
        self.lines["schedules"].append(
            f"{schedule_id}\t{planned}\t{planned}\t{monday.isoformat()}\tt\t1\tcp_sat_v1\t"
            f"{_j(snapshot)}\t{{}}\t{_j(report)}\t{child_id}\t{family_id}"
        )

    def _item(self, schedule_id, day, start, end, planned, today, tz, clock, child_id,
              family_id, user_id, *, subject):  # fmt: skip
        rng = self.rng
        subject_id, name, core, minutes, involvement = subject
        item_id = _uuid()
        completed = skipped = False
        completed_at = updated = planned
        if day < today:
            roll = rng.random()
            completed, skipped = roll < 0.88, 0.88 <= roll < 0.92
        notes = "Went well." if completed and rng.random() < 0.05 else ""
        iso_day, hh_start, hh_end = day.isoformat(), HHMM[start], HHMM[end]
        if completed or skipped:
            updated = clock.at(tz, day, end + rng.randint(0, 90))
            if completed:
                completed_at = updated
                actual = f'{{"completed":true,"completedAt":"{updated}"'
                if rng.random() < 0.3:
                    actual += f',"startTime":"{hh_start}","endTime":"{HHMM[end + 5]}"'
                if rng.random() < 0.5:
                    actual += f',"childEngagement":{rng.randint(2, 5)}'
                actual += "}"
                action = "completed"
            else:
                actual, action = '{"skipped":true,"reason":""}', "skipped"
            scheduled = (
                f'{{"date":"{iso_day}","startTime":"{hh_start}","endTime":"{hh_end}",'
                f'"original":{{"subjectId":"{subject_id}","name":"{name}","duration":{minutes}}}}}'
            )
            self.lines["activity_logs"].append(
                f"{_uuid()}\t{updated}\t{updated}\t{iso_day}\t{name}\tsubject\t{action}\t"
                f"{scheduled}\t{actual}\t{notes}\t{user_id}\t{child_id}\t{family_id}\t"
                f"{schedule_id}\t{item_id}\t{subject_id}"
            )
        item_data = (
            f'{{"originalSubject":{{"name":"{name}","isCoreSubject":{"true" if core else "false"},'
            f'"sessionDuration":{minutes},"parentInvolvement":"{involvement}"}},'
            f'"notes":"{notes}","resources":[],"adjustmentHistory":[]}}'
        )
        self.lines["schedule_items"].append(
            f"{item_id}\t{planned}\t{updated}\t{iso_day}\tsubject\t{name}\t{hh_start}\t"
            f"{hh_end}\tf\t{'t' if completed else 'f'}\t{completed_at if completed else NULL}\tf\t"
            f"{item_data}\t{2 if completed or skipped else 1}\t{NULL}\t{schedule_id}\t"
            f"{subject_id}\t"
            f"{child_id}-{subject_id}-{iso_day}\t{'t' if skipped else 'f'}"
        )
        return {
            "id": item_id,
            "type": "subject",
            "name": name,
            "startTime": hh_start,
            "endTime": hh_end,
            "completed": completed,
            "skipped": skipped,
            "subjectId": subject_id,
        }

    def _commitment_item(self, schedule_id, day, commitment_id, name, start, end, planned):
        item_id = _uuid()
        self.lines["schedule_items"].append(
            f"{item_id}\t{planned}\t{planned}\t{day.isoformat()}\tcommitment\t{name}\t{start}\t"
            f'{end}\tt\tf\t{NULL}\tf\t{{"notes":""}}\t1\t{commitment_id}\t{schedule_id}\t{NULL}\t'
            f"{commitment_id}-{day}\tf"
        )
        return {
            "id": item_id,
            "type": "commitment",
            "name": name,
            "startTime": start,
            "endTime": end,
            "completed": False,
            "skipped": False,
            "commitmentId": commitment_id,
            "isExternal": True,
        }


# --- database ----------------------------------------------------------------------------


def _connect(url: str):
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    conn.execute("SET synchronous_commit = off")
    return conn


def _guard(url: str) -> None:
    from urllib.parse import urlparse

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not parsed.scheme.startswith("postgres"):
        raise SystemExit("bench.seed needs DATABASE_URL=postgres://.../<a bench database>")
    if "bench" not in name or name.startswith("test"):
        raise SystemExit(f"refusing to seed {name!r}: use a database named like brightpath_bench")


def _repair_indexes(conn) -> None:
    """Rebuild the indexes a previous run dropped and did not restore."""
    conn.execute("CREATE TABLE IF NOT EXISTS bench_seed_dropped_indexes (name text, ddl text)")
    rows = conn.execute("SELECT name, ddl FROM bench_seed_dropped_indexes").fetchall()
    for name, ddl in rows:
        exists = conn.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [name]).fetchone()
        if not exists:
            conn.execute(ddl)
        conn.execute("DELETE FROM bench_seed_dropped_indexes WHERE name = %s", [name])


def _drop_secondary_indexes(conn) -> list[tuple[str, str]]:
    rows = conn.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
           JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
           WHERE i.tablename = ANY(%s) AND NOT x.indisunique""",
        [list(BIG_TABLES)],
    ).fetchall()
    with conn.transaction():
        for name, ddl in rows:
            conn.execute("INSERT INTO bench_seed_dropped_indexes VALUES (%s, %s)", [name, ddl])
            conn.execute(f'DROP INDEX "{name}"')
    return rows


def _rebuild_indexes(conn, rows: list[tuple[str, str]]) -> float:
    started = time.perf_counter()
    conn.execute("SET maintenance_work_mem = '512MB'")
    for name, ddl in rows:
        conn.execute(ddl)
        conn.execute("DELETE FROM bench_seed_dropped_indexes WHERE name = %s", [name])
    for table in BIG_TABLES + ("users", "families", "children", "subjects", "child_commitments"):
        conn.execute(f"ANALYZE {table}")
    return time.perf_counter() - started


def _reset(conn) -> None:
    # The bench database is ours alone: empty every table that hangs off users.
    conn.execute("TRUNCATE users CASCADE")


# --- workers ------------------------------------------------------------------------------


def _load_batch(job: tuple) -> dict[str, int]:
    url, start, stop, weeks, catalog, password, domain = job
    _ids.seed(os.urandom(32))
    clock = _Clock()
    lines: dict[str, list[str]] = {table: [] for table in COLUMNS}
    for index in range(start, stop):
        for table, rows in _Family(index, weeks, catalog, password, domain).build(clock).items():
            lines[table] += rows
    conn = _connect(url)
    try:
        conn.execute("SET session_replication_role = replica")
        with conn.transaction(), conn.cursor() as cursor:
            for table, rows in lines.items():
                if not rows:
                    continue
                with cursor.copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copy:
                    copy.write("\n".join(rows) + "\n")
    finally:
        conn.close()
    return {table: len(rows) for table, rows in lines.items()}


def _django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def seed(*, url: str, families: int, weeks: int, workers: int, batch: int, reset: bool,
         domain: str) -> dict:  # fmt: skip
    _guard(url)
    _django_setup(url)
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    conn = _connect(url)
    if reset:
        _reset(conn)  # first: repairing indexes on tables about to be emptied is wasted work
    _repair_indexes(conn)
    existing = conn.execute(
        "SELECT count(*) FROM users WHERE email LIKE %s", [f"%@{domain}"]
    ).fetchone()[0]
    catalog = dict(
        conn.execute("SELECT name, id::text FROM subject_catalog WHERE owner_id IS NULL")
    )
    password = make_password(PASSWORD)  # one hash for all: hashing 100k passwords would dominate
    dropped = _drop_secondary_indexes(conn)
    jobs = [
        (url, start, min(start + batch, existing + families), weeks, catalog, password, domain)
        for start in range(existing, existing + families, batch)
    ]
    counts = dict.fromkeys(COLUMNS, 0)
    started = time.perf_counter()
    done_families = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for result in pool.imap_unordered(_load_batch, jobs):
            for table, n in result.items():
                counts[table] += n
            done_families += result["families"]
            elapsed = time.perf_counter() - started
            rows = sum(counts.values())
            print(
                f"  {done_families}/{families} families, {rows:,} rows, "
                f"{rows / elapsed:,.0f} rows/s, {elapsed:,.0f} s",
                flush=True,
            )
    load_seconds = time.perf_counter() - started
    index_seconds = _rebuild_indexes(conn, dropped)
    size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    conn.close()
    rows = sum(counts.values())
    return {
        "families": families,
        "familiesBefore": existing,
        "weeks": weeks,
        "workers": workers,
        "rows": counts,
        "totalRows": rows,
        "loadSeconds": round(load_seconds, 1),
        "indexSeconds": round(index_seconds, 1),
        "rowsPerSecondLoad": round(rows / load_seconds),
        "rowsPerSecondOverall": round(rows / (load_seconds + index_seconds)),
        "databaseBytes": size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--families", type=int, default=100)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=200, help="families per COPY transaction")
    parser.add_argument("--reset", action="store_true", help="empty the bench database first")
    parser.add_argument("--domain", default=DOMAIN)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    result = seed(
        url=url,
        families=args.families,
        weeks=args.weeks,
        workers=args.workers,
        batch=args.batch,
        reset=args.reset,
        domain=args.domain,
    )
    result["date"] = dt.date.today().isoformat()
    result["cpus"] = os.cpu_count()
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"seed-{result['date']}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
