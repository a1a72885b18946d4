"""PostgreSQL only: a trigram GIN index on Ask.search_document, so the tracker's substring search
(`search_document LIKE '%term%'`, selectors.ask_search) uses an index instead of reading every ask.

Measured with 100,000 asks (benchmarks/tracker.py): the sequential scan took ~270-330 ms per query
on PostgreSQL 15, and a search page runs it twice (count and page). SQLite has no such index and does
not need one at this size (the scan is ~40 ms there), so nothing happens on other databases. The index
is not part of the model state (no `Meta.indexes` entry), so `makemigrations` stays quiet."""

from typing import Any

import warnings

from django.db import DatabaseError, migrations, transaction

CREATE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ask_search_trgm_idx ON recommendations_ask "
    "USING gin (search_document gin_trgm_ops)",
)
DROP = ("DROP INDEX IF EXISTS ask_search_trgm_idx",)  # the extension stays: others may use it


def _run(statements: tuple[str, ...]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic():  # a savepoint: a refused CREATE EXTENSION must not abort migrate
                for statement in statements:
                    schema_editor.execute(statement)
        except DatabaseError as exc:
            # Creating an extension needs a privileged role; without pg_trgm search still works, unindexed.
            warnings.warn(f"ask_search_trgm_idx not created ({exc}); see docs/deploy.md", stacklevel=1)

    return run


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0004_import_export_jobs")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
