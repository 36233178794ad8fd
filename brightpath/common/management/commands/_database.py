"""What `backup` and `restore` share: the database they act on, as Django sees it."""

from __future__ import annotations

import os
import shutil

from django.core.management.base import CommandError
from django.db import connections


def database_for(alias: str):
    connection = connections[alias]
    if connection.vendor not in ("postgresql", "sqlite"):
        vendor = connection.vendor
        raise CommandError(f"backup and restore know PostgreSQL and SQLite, not {vendor}")
    return connection


def postgres_args(connection) -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection options and environment, from the settings
    DATABASE_URL was parsed into (the password goes in the environment, never argv)."""
    params = connection.get_connection_params()
    args = []
    if params.get("host"):
        args += ["--host", str(params["host"])]
    if params.get("port"):
        args += ["--port", str(params["port"])]
    if params.get("user"):
        args += ["--username", str(params["user"])]
    args += ["--dbname", str(params["dbname"]), "--no-password"]
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    if params.get("sslmode"):
        env["PGSSLMODE"] = str(params["sslmode"])
    return args, env


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CommandError(f"{name} is not on PATH (install the PostgreSQL client tools)")
    return path
