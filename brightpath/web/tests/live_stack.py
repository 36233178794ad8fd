"""A running stack for tests that need real processes: gunicorn serving the
project (config.wsgi), a Celery worker, and private PostgreSQL and Redis servers.

The concurrency test points gunicorn at the test database; the fault tests
(test_faults.py) start private PostgreSQL and Redis servers on free ports, so
stopping, killing or restarting them never touches the shared ones on 5432 and
6379. Everything started here is stopped by its owner's fixture, by process id.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
STARTUP_SECONDS = 120  # importing the project takes seconds on a busy 2-core machine
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(
    base: str,
    method: str,
    path: str,
    body=None,
    *,
    token: str = "",
    timeout: float = 60,
    headers: dict | None = None,
) -> tuple[int, dict | str]:
    """One HTTP request; the status and the JSON body (text if it is not JSON).
    A request the server does not answer within `timeout` raises."""
    request = urllib.request.Request(
        base + path,
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={
            "Content-Type": "application/json",
            **({"Authorization": f"Bearer {token}"} if token else {}),
            **(headers or {}),
        },
    )
    try:
        with _NO_PROXY.open(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return status, json.loads(raw or b"null")
    except ValueError:
        return status, raw.decode(errors="replace")


def wait_until(check, *, seconds: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-4000:] if log and log.exists() else ""
    raise RuntimeError(f"{what} did not come up within {seconds} s\n{tail}")


@dataclass
class Process:
    """A child process with its output in a log file; stopped by its own pid."""

    args: list[str]
    env: dict[str, str]
    log: Path
    cwd: Path = BASE_DIR
    user: str | None = None
    popen: subprocess.Popen | None = field(default=None, init=False)

    def start(self) -> Process:
        args = self.args
        if self.user:
            args = ["runuser", "-u", self.user, "--", *args]
        with self.log.open("a") as out:
            self.popen = subprocess.Popen(
                args,
                cwd=self.cwd,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group: stopping it stops its children too
            )
        return self

    @property
    def pid(self) -> int:
        return self.popen.pid

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        if self.popen is None:
            return
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, sig)
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()
            except ProcessLookupError:
                pass
        # Children of a killed leader (a worker's pool) are stopped too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)


def project_env(**overrides: str) -> dict[str, str]:
    """The environment for a project process: the project's own settings module,
    DEBUG on (the default hosts), quiet logs, and the given overrides."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    env.update(overrides)
    return env


def start_gunicorn(env: dict[str, str], log: Path, *, workers: int = 2, threads: int = 4):
    """gunicorn serving config.wsgi on a free port of 127.0.0.1; returns (url, process)."""
    port = free_port()
    process = Process(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "120",
            "--graceful-timeout",
            "5",
            # The project is imported once, before the workers fork: a faster start.
            "--preload",
        ],
        env,
        log,
    ).start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: process.running() and call(base, "GET", "/healthz", timeout=5)[0] == 200,
            seconds=STARTUP_SECONDS,
            what="gunicorn",
            log=log,
        )
        # Each worker imports the project on its own; let both answer before the test begins.
        for _ in range(workers * 2):
            call(base, "GET", "/healthz", timeout=30)
    except Exception:
        process.stop()
        raise
    return base, process


def database_url(database: dict) -> str:
    """A DATABASE_URL for Django's settings of a PostgreSQL database."""
    user = quote(database.get("USER") or "", safe="")
    password = quote(database.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{database['NAME']}"


# --- private servers for fault tests -------------------------------------------------------


def tools_for_private_servers() -> str:
    """Why private servers cannot run here, or "" if they can."""
    for tool in ("initdb", "pg_ctl", "createdb", "redis-server", "redis-cli"):
        if shutil.which(tool) is None:
            return f"{tool} is not on PATH"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser (initdb refuses root)"
    return ""


class PrivatePostgres:
    """A PostgreSQL cluster of our own in a temporary directory, on a free port.
    As root it runs as the `postgres` user (PostgreSQL refuses to run as root)."""

    def __init__(self):
        # Not under pytest's tmp_path: as root that is private to root, and the
        # server runs as `postgres`.
        self.directory = Path(tempfile.mkdtemp(prefix="brightpath-faults-pg-"))
        self.data = self.directory / "pgdata"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None
        self.log = self.directory / "postgres.log"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(args)
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/")
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result

    def init(self) -> PrivatePostgres:
        if self.user:
            shutil.chown(self.directory, self.user)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.directory}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 50\nshared_buffers = 16MB\n"
            )
        return self

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", check=False)

    def remove(self) -> None:
        """Stop the cluster and delete its files."""
        self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def createdb(self, name: str) -> str:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


class PrivateRedis:
    """A redis-server of our own on a free port, keeping nothing on disk."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: Process | None = None

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = Process(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            dict(os.environ),
            self.directory / "redis.log",
            cwd=self.directory,
        ).start()
        wait_until(self.ping, seconds=30, what="redis-server", log=self.process.log)

    def ping(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
