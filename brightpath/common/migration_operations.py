"""Migration operations for PostgreSQL-only DDL.

The same migrations run on SQLite (the embedded default) and PostgreSQL. GIN
indexes on JSONB exist only on PostgreSQL; on SQLite these operations keep the
model state in step but run no SQL.
"""

from django.db import migrations


class _PostgresOnly:
    def _on_postgres(self, schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if self._on_postgres(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self._on_postgres(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddIndexOnPostgres(_PostgresOnly, migrations.AddIndex):
    """AddIndex that creates the index only on PostgreSQL (e.g. a GinIndex)."""


class RemoveIndexOnPostgres(_PostgresOnly, migrations.RemoveIndex):
    """RemoveIndex matching AddIndexOnPostgres."""
