"""Back up the whole database to one file.

    python manage.py backup var/backups/brightpath-2026-12-07.dump

PostgreSQL: `pg_dump --format=custom` (restore with `manage.py restore`, or
pg_restore directly). SQLite: a consistent copy made with SQLite's online backup
API, safe while the site serves requests (a plain file copy of a database in WAL
mode can miss the last commits or catch a write half done).
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ._database import database_for, postgres_args, tool


class Command(BaseCommand):
    help = "Write a backup of the database to PATH (pg_dump custom format, or an SQLite copy)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, path: Path, database: str, **options) -> None:
        connection = database_for(database)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed at the end, so a failed backup
        # never leaves a truncated file where the last good one was.
        partial = path.with_name(f".{path.name}.partial")
        try:
            if connection.vendor == "postgresql":
                _pg_dump(connection, partial)
            else:
                _sqlite_backup(connection, partial)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"Backed up {connection.vendor} database to {path}")


def _pg_dump(connection, path: Path) -> None:
    args, env = postgres_args(connection)
    command = [tool("pg_dump"), "--format=custom", "--file", str(path), *args]
    # The arguments are the settings' own connection parameters and the operator's path.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"pg_dump failed: {result.stderr.strip()}")


def _sqlite_backup(connection, path: Path) -> None:
    connection.ensure_connection()
    path.unlink(missing_ok=True)
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
