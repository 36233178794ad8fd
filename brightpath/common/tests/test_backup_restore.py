"""`manage.py backup` and `manage.py restore` bring back every row of every table.

The round trip runs on the suite's own database (SQLite, or PostgreSQL with
pg_dump/pg_restore when DATABASE_URL points there): data is built through the
services, backed up, changed and deleted, restored, and every table compared
row for row with what it held at the backup. SQLite's path is also run, as an
operator runs it, on a database file in a subprocess, whatever the suite runs on.
"""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from brightpath.accounts.tests.factories import UserFactory
from brightpath.planner.models import ActivityLog, Schedule, ScheduleItem
from brightpath.planner.tests.conftest import DEMO_MONDAY
from brightpath.planner.tests.stored_weeks import generate_reusing_solve

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> dict[str, list[tuple]]:
    """Each table of the database (as introspection lists them) -> its rows, sorted."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


@pytest.fixture
def planned_family(user, demo_submission, before_the_demo_week):
    from brightpath.onboarding.services import questionnaire_submit

    family = questionnaire_submit(user=user, data=demo_submission)
    generate_reusing_solve(family=family, week_start=DEMO_MONDAY)
    return family


def test_backup_then_restore_brings_back_every_row(planned_family, tmp_path):
    before = every_row()
    assert sum(len(r) for r in before.values()) > 100  # a real family's week, not an empty db
    path = tmp_path / "nested" / "brightpath.dump"

    call_command("backup", str(path))
    assert path.is_file() and path.stat().st_size > 0

    # What an operator restores over: rows deleted, changed and added since.
    ActivityLog.objects.all().delete()
    ScheduleItem.objects.filter(item_type="subject").update(completed=True)
    Schedule.objects.filter(family=planned_family).first().delete()
    planned_family.owner.__class__.objects.filter(pk=planned_family.owner_id).update(name="Changed")
    UserFactory()
    assert every_row() != before

    call_command("restore", str(path), "--yes")

    after = every_row()
    assert after.keys() == before.keys()
    changed = [table for table in before if after[table] != before[table]]
    assert changed == []


def test_a_failed_backup_leaves_the_last_good_one(planned_family, tmp_path, monkeypatch):
    path = tmp_path / "brightpath.dump"
    path.write_bytes(b"the last good backup")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # pg_dump cannot be found
    if connection.vendor == "sqlite":
        monkeypatch.setattr(sqlite3, "connect", _refuse)
    with pytest.raises((CommandError, sqlite3.OperationalError)):
        call_command("backup", str(path))
    assert path.read_bytes() == b"the last good backup"
    assert not list(tmp_path.glob(".*partial"))


def _refuse(*args, **kwargs):
    raise sqlite3.OperationalError("unable to open database file")


def test_restoring_something_that_is_not_a_backup_changes_nothing(planned_family, tmp_path):
    before = every_row()
    junk = tmp_path / "junk.dump"
    junk.write_bytes(b"not a backup " * 100)
    with pytest.raises(CommandError):
        call_command("restore", str(junk), "--yes")
    assert every_row() == before


def test_restore_asks_first_and_a_no_changes_nothing(planned_family, tmp_path, monkeypatch):
    path = tmp_path / "brightpath.dump"
    call_command("backup", str(path))
    UserFactory()
    before = every_row()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(path))
    assert every_row() == before


def _manage(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": "", "CELERY_BROKER_URL": ""}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _file_rows(path: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(path)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(db.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def test_sqlite_file_round_trip_from_the_command_line(tmp_path):
    """The embedded default's database file, backed up while in WAL mode (the
    settings' mode: a plain copy could miss commits still in the -wal file)."""
    live = tmp_path / "brightpath.sqlite3"
    with closing(sqlite3.connect(live)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE family (id INTEGER PRIMARY KEY, name TEXT, data BLOB)")
        db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, family_id INTEGER, done INTEGER)")
        families = [(i, f"F{i}", b"\x00\x01") for i in range(50)]
        db.executemany("INSERT INTO family VALUES (?, ?, ?)", families)
        db.executemany("INSERT INTO item VALUES (?, ?, ?)", [(i, i % 50, 0) for i in range(500)])
        db.commit()
        before = _file_rows(live)
        url = f"sqlite:///{live}"
        backup = tmp_path / "backups" / "brightpath.sqlite3.bak"

        result = _manage("backup", str(backup), database_url=url)
        assert result.returncode == 0, result.stderr
        assert _file_rows(backup) == before

        db.execute("DELETE FROM item WHERE id % 3 = 0")
        db.execute("UPDATE family SET name = 'changed'")
        db.execute("INSERT INTO family VALUES (999, 'new', NULL)")
        db.commit()
        assert _file_rows(live) != before

    result = _manage("restore", str(backup), "--yes", database_url=url)
    assert result.returncode == 0, result.stderr
    assert _file_rows(live) == before
