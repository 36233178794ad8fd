"""The README, docs/architecture.md and the OpenAPI description say what exists:
no design file outside the repository, no settings or products that are not
built, and the dependency rules as lint-imports enforces them."""

import re
import tomllib

from django.conf import settings

ROOT = settings.BASE_DIR
README = (ROOT / "README.md").read_text()
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def test_the_readme_points_to_the_design_notes_in_the_repository():
    assert "../shared" not in README and "ARCHITECTURE.md" not in README
    assert "(docs/architecture.md)" in README
    assert ARCHITECTURE.is_file()


def test_every_file_the_docs_link_to_exists():
    for doc in (ROOT / "README.md", ARCHITECTURE):
        for target in re.findall(r"\]\(([^)#:]+)\)", doc.read_text()):
            assert (doc.parent / target).resolve().exists(), f"{doc.name} links to {target}"
            assert (doc.parent / target).resolve().is_relative_to(ROOT), target


def test_the_architecture_notes_name_every_import_contract():
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    text = " ".join(ARCHITECTURE.read_text().split()).replace("**", "")
    for contract in contracts["contracts"]:
        assert contract["name"] in text, contract["name"]
    headings = re.findall(r"^## (.+)$", ARCHITECTURE.read_text(), re.M)
    for heading in ("Components", "Apps and their layers", "Where code lives", "Data rules"):
        assert heading in headings
    assert "Testing" in headings


def test_the_readme_settings_table_names_only_settings_that_exist():
    code = (ROOT / "config" / "settings.py").read_text()
    table = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    names = {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}
    assert "DATABASE_URL" in names and "THROTTLE_LOGIN" in names
    assert sorted(n for n in names if f'"{n}"' not in code) == []


def test_the_openapi_description_says_what_works_now(client):
    description = client.get("/api/schema/?format=json").json()["info"]["description"]
    assert "Planner" in description
    for product in ("Spark", "Coach", "physical-education", "Learning"):
        assert product in description
    assert "not built yet" not in description.lower()
