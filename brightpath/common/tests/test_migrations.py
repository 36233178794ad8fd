import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.postgres
def test_jsonb_gin_index_exists_on_postgres():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'user_pref_value_gin'")
        (definition,) = cursor.fetchone()
        cursor.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'user_preferences' AND column_name = 'value'"
        )
        (column_type,) = cursor.fetchone()
    assert "USING gin" in definition
    assert column_type == "jsonb"


def test_gin_index_is_absent_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only check")
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "user_preferences")
    assert "user_pref_value_gin" not in indexes
