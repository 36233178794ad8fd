"""Importing a family from a questionnaire file: the API, the management command, the CLI."""

import copy
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from brightpath.accounts.models import User
from brightpath.accounts.tests.factories import PASSWORD, UserFactory
from brightpath.common.birthdates import BirthDate
from brightpath.families.models import Child, Family
from brightpath.onboarding.demo import DEMO_FAMILY_FILE

DEMO_FILE = DEMO_FAMILY_FILE
DEMO = json.loads(DEMO_FILE.read_text())
IMPORT_URL = "/api/families/import/"


def demo() -> dict:
    return copy.deepcopy(DEMO)


def age_today(child: dict) -> int:
    """The age of a child of the demo file today in New York (the demo family's zone)."""
    today = timezone.localtime(timezone.now(), ZoneInfo("America/New_York")).date()
    return BirthDate.parse(child["section2"]["birthDate"]).age_on(today)


def bad_demo() -> dict:
    data = demo()
    data["children"][0]["section2"]["age"] = 40
    data["children"][1]["section4"]["subjects"][0]["sessionDuration"] = 7
    return data


@pytest.fixture
def bad_file(tmp_path) -> Path:
    path = tmp_path / "bad_family.json"
    path.write_text(json.dumps(bad_demo()))
    return path


@pytest.mark.django_db
class TestImportApi:
    def test_import_creates_the_family(self, auth_client, user, before_the_demo_week):
        response = auth_client.post(IMPORT_URL, demo(), format="json")

        assert response.status_code == 201, response.content
        body = response.json()
        assert body["family"]["name"] == "Sarah Kim"
        assert body["family"]["timeZone"] == "America/New_York"
        family = Family.objects.get(owner=user)
        assert str(family.pk) == body["family"]["id"]
        assert [(c.name, c.age) for c in family.children.all()] == [("Noah", 6), ("Ava", 10)]
        assert [c["section2"]["name"] for c in body["questionnaire"]["children"]] == [
            "Noah",
            "Ava",
        ]

    def test_importing_twice_updates_in_place(self, auth_client, user):
        first = auth_client.post(IMPORT_URL, demo(), format="json").json()
        second = auth_client.post(IMPORT_URL, demo(), format="json")

        assert second.status_code == 201
        assert Family.objects.filter(owner=user).count() == 1
        assert Child.objects.filter(family__owner=user).count() == 2
        child_ids = [c["id"] for c in first["questionnaire"]["children"]]
        assert [c["id"] for c in second.json()["questionnaire"]["children"]] == child_ids
        assert second.json()["family"]["id"] == first["family"]["id"]
        ava = Child.objects.get(family__owner=user, name="Ava")
        assert ava.subjects.count() == len(DEMO["children"][1]["section4"]["subjects"])

    def test_bad_file_is_400_naming_the_fields_and_saves_nothing(self, auth_client, user):
        response = auth_client.post(IMPORT_URL, bad_demo(), format="json")

        assert response.status_code == 400
        fields = response.json()["error"]["fields"]
        assert "children[0].section2.age" in fields
        assert "children[1].section4.subjects[0].sessionDuration" in fields
        assert not Family.objects.filter(owner=user).exists()

    def test_import_needs_a_signed_in_user(self, api_client):
        assert api_client.post(IMPORT_URL, demo(), format="json").status_code == 401
        assert not Family.objects.exists()


@pytest.mark.django_db
class TestImportCommand:
    def test_creates_an_account_without_a_usable_password_and_the_family(
        self, capsys, before_the_demo_week
    ):
        call_command("import_family", str(DEMO_FILE), email="Sarah.Kim@Example.com")

        user = User.objects.get(email="sarah.kim@example.com")
        assert not user.has_usable_password()
        assert user.name == "Sarah Kim"  # taken from section 1
        assert user.questionnaire_completed
        family = Family.objects.get(owner=user)
        assert family.name == "Sarah Kim"
        assert [c.name for c in family.children.all()] == ["Noah", "Ava"]
        out = capsys.readouterr().out
        assert "Imported Sarah Kim for sarah.kim@example.com: Noah (6), Ava (10)" in out

    def test_name_option_names_a_new_account(self):
        call_command("import_family", str(DEMO_FILE), email="dad@example.com", name="Daniel Kim")
        assert User.objects.get(email="dad@example.com").name == "Daniel Kim"

    def test_existing_account_keeps_its_password_and_is_updated_in_place(self):
        user = UserFactory(email="sarah@example.com")
        call_command("import_family", str(DEMO_FILE), email="SARAH@example.com")
        first_ids = set(Child.objects.filter(family__owner=user).values_list("pk", flat=True))

        call_command("import_family", str(DEMO_FILE), email="sarah@example.com")

        assert User.objects.count() == 1
        user.refresh_from_db()
        assert user.check_password(PASSWORD)
        assert set(Child.objects.filter(family__owner=user).values_list("pk", flat=True)) == (
            first_ids
        )
        assert len(first_ids) == 2

    def test_bad_data_lists_the_field_paths_and_creates_nothing(self, bad_file):
        with pytest.raises(CommandError) as raised:
            call_command("import_family", str(bad_file), email="new@example.com")

        message = str(raised.value)
        assert "is not a valid questionnaire" in message
        assert "children[0].section2.age" in message
        assert "children[1].section4.subjects[0].sessionDuration" in message
        assert not User.objects.filter(email="new@example.com").exists()
        assert not Family.objects.exists()

    def test_missing_file_is_a_command_error(self, tmp_path):
        missing = tmp_path / "nowhere.json"
        with pytest.raises(CommandError, match="Cannot read"):
            call_command("import_family", str(missing), email="new@example.com")
        assert not User.objects.exists()

    @pytest.mark.parametrize("content", [[], {"section1": "Sarah Kim"}])
    def test_file_that_is_not_a_questionnaire_object_is_a_command_error(self, tmp_path, content):
        path = tmp_path / "family.json"
        path.write_text(json.dumps(content))
        with pytest.raises(CommandError):
            call_command("import_family", str(path), email="new@example.com")
        assert not User.objects.exists()

    def test_file_that_is_not_json_is_a_command_error(self, tmp_path):
        path = tmp_path / "family.json"
        path.write_text("{not json")
        with pytest.raises(CommandError, match="Cannot read"):
            call_command("import_family", str(path), email="new@example.com")


# --- The command line, as an operator runs it (a separate process and database) -----


def _cli_env(database: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REDIS_", "CELERY_", "DATABASE_", "PYTEST_"))
    }
    env["DATABASE_URL"] = f"sqlite:///{database}"
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory) -> dict[str, str]:
    database = tmp_path_factory.mktemp("cli") / "db.sqlite3"
    env = _cli_env(database)
    migrate = _run(["manage.py", "migrate", "--no-input"], env)
    assert migrate.returncode == 0, migrate.stderr
    return env


def test_cli_imports_a_family(cli_env):
    result = _run(
        ["-m", "brightpath", "import-family", str(DEMO_FILE), "--email", "x@example.com"], cli_env
    )

    assert result.returncode == 0, result.stderr
    noah, ava = (age_today(child) for child in DEMO["children"])  # a real clock: ages move on
    assert f"Imported Sarah Kim for x@example.com: Noah ({noah}), Ava ({ava})" in result.stdout


def test_cli_refuses_a_bad_file_with_a_non_zero_exit(cli_env, bad_file):
    result = _run(
        ["-m", "brightpath", "import-family", str(bad_file), "--email", "y@example.com"], cli_env
    )

    assert result.returncode != 0
    assert "children[0].section2.age" in result.stderr
    assert "Imported" not in result.stdout
    database = cli_env["DATABASE_URL"].removeprefix("sqlite:///")
    with closing(sqlite3.connect(database)) as db:
        users = db.execute("SELECT count(*) FROM users WHERE email = 'y@example.com'").fetchone()
    assert users == (0,)
