"""Replace the database's contents with a backup made by `manage.py backup`.

    python manage.py restore var/backups/brightpath-2026-12-07.dump --yes

Everything written since the backup is lost, so it asks first (or takes --yes).
Stop the web processes and workers while it runs. PostgreSQL: `pg_restore
--clean --if-exists --single-transaction`, so a restore that fails changes
nothing. SQLite: the backup is copied into the live database with SQLite's
online backup API (the database file stays where the settings point).
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ._database import database_for, postgres_args, tool


class Command(BaseCommand):
    help = "Restore the database from a file written by `manage.py backup` (replaces all data)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, path: Path, database: str, yes: bool, **options) -> None:
        if not path.is_file():
            raise CommandError(f"No backup at {path}")
        connection = database_for(database)
        if not yes:
            answer = input(f"Replace every row of the {connection.vendor} database with {path}? ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("Restore cancelled.")
        if connection.vendor == "postgresql":
            _pg_restore(connection, path)
        else:
            _sqlite_restore(connection, path)
        self.stdout.write(f"Restored {connection.vendor} database from {path}")


def _pg_restore(connection, path: Path) -> None:
    # This process's own connection must not hold a lock the DROPs would wait on.
    connection.close()
    args, env = postgres_args(connection)
    command = [
        tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--single-transaction",
        "--no-owner",
        "--exit-on-error",
        *args,
        str(path),
    ]
    # The arguments are the settings' own connection parameters and the operator's path.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"pg_restore failed: {result.stderr.strip()}")


def _sqlite_restore(connection, path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise CommandError(f"{path} is not a sound SQLite database")
        connection.ensure_connection()
        source.backup(connection.connection)
    except sqlite3.DatabaseError as exc:
        raise CommandError(f"{path} is not a usable SQLite backup: {exc}") from exc
    finally:
        source.close()
