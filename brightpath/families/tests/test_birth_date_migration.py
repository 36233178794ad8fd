"""The migrations from a stored age to a birth date, run with data on a database of
their own (SQLite, or a scratch PostgreSQL database when the suite runs on it):
forwards, each child keeps its age with an estimated birth month; backwards, the
age comes back."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db

# Run in a separate process against the scratch database: children stored as
# they were before birth dates, then every migration, then back again.
SCRIPT = r"""
import datetime as dt
import json
from zoneinfo import ZoneInfo

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = ("families", "0001_initial")
call_command("migrate", *BEFORE, verbosity=0)
old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
User = old.get_model("accounts", "User")
Family, Child = old.get_model("families", "Family"), old.get_model("families", "Child")
ages = {"Noah": 6, "Ava": 10, "Teen": 18, "Tot": 2}
zones = {"Noah": "America/New_York", "Ava": "America/New_York", "Teen": "Pacific/Kiritimati",
         "Tot": "Pacific/Pago_Pago"}
for n, (name, age) in enumerate(ages.items()):
    owner = User.objects.create(email=f"p{n}@example.com", name=f"Parent {n}", password="x")
    family = Family.objects.create(owner=owner, name=f"Family {n}", time_zone=zones[name])
    Child.objects.create(family=family, name=name, age=age)

call_command("migrate", verbosity=0)
today = {
    name: timezone.localtime(timezone.now(), ZoneInfo(zone)).date() for name, zone in zones.items()
}
with connection.cursor() as cursor:
    cursor.execute("SELECT name, birth_date, birth_date_precision FROM children")
    forwards = {
        name: [str(born), precision, today[name].isoformat()]
        for name, born, precision in cursor.fetchall()
    }
    columns = sorted(
        column.name for column in connection.introspection.get_table_description(cursor, "children")
    )

call_command("migrate", *BEFORE, verbosity=0)
with connection.cursor() as cursor:
    cursor.execute("SELECT name, age FROM children")
    backwards = dict(cursor.fetchall())
call_command("migrate", verbosity=0)
print(json.dumps({"forwards": forwards, "columns": columns, "backwards": backwards}))
"""


@pytest.fixture
def scratch_database_url(tmp_path, django_db_blocker):
    """A database for the migrations alone, of the suite's kind."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    db = connection.settings_dict
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{db['NAME']}_birth_dates_{worker}"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    yield f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_existing_children_get_an_approximate_birth_month_and_keep_their_age(
    scratch_database_url,
):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REDIS_", "CELERY_", "DATABASE_", "PYTEST_"))
    }
    env.update(DATABASE_URL=scratch_database_url, DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])

    ages = {"Noah": 6, "Ava": 10, "Teen": 18, "Tot": 2}
    for name, (born, precision, today) in out["forwards"].items():
        year, month, _ = (int(part) for part in today.split("-"))
        # Today's month (where the family lives), that many years ago: the same age today.
        assert (born, precision) == (f"{year - ages[name]:04d}-{month:02d}-01", "approximate")
    assert "age" not in out["columns"] and "birth_date" in out["columns"]
    assert out["backwards"] == ages
