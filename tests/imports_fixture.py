"""A module's import as the pipeline's tests declare it (tests/test_import_pipeline.py), and its URLconf:
rows of items (core/tests/import_helpers.ItemParser: name, qty) saved as themes, jobs kept in TrackerJob and scoped by its `kind`, seen only
by who started them, small files (at most 3 rows) checked during the request, and "import the valid rows
anyway" offered at upload. A row named "dup" counts as stored before; "boom" and "refuse" fail the save."""

from collections.abc import Callable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from civicspace.core.imports import (
    Importer,
    ImportForm,
    Pages,
    RowRejected,
    Saved,
    SaveRefused,
    register,
    started_by_or_superuser,
)
from civicspace.core.imports import views as import_views
from civicspace.core.imports.cli import ImportCommand
from civicspace.core.tests.import_helpers import Item, ItemParser
from civicspace.core.uploads import SpreadsheetRules
from civicspace.recommendations.models import Theme, TrackerJob
from config.urls import urlpatterns as project_urls


def save_items(
    rows: Sequence[Item], *, scope: Any, actor: Any, source: str, progress: Callable[[int], None]
) -> Saved:
    for done, (row, name, qty) in enumerate(rows, start=1):
        if name == "boom":
            raise RowRejected(row, "it blew up")
        if name == "refuse":
            raise SaveRefused("The file was refused.")
        Theme.objects.create(slug=f"item-{name}-{qty}", kind="topic", name_en=name, name_km=source)
        progress(done)
    return Saved(created=len(rows), report={"scope": scope})


class ItemForm(ImportForm):
    file_label = "Spreadsheet of items"
    offers_valid_only = True


# The core templates themselves, with their blocks left empty.
PAGES = Pages("test-items:upload", "test-items:status", "core/imports/upload.html", "core/imports/status.html",
              "core/imports/_progress.html", url_kwargs=lambda scope: {"kind": scope})  # fmt: skip
RULES = SpreadsheetRules(max_bytes=64 * 1024, max_uncompressed=1024 * 1024, too_big="expands to %(size)s")
ITEMS: Importer[Item] = register(
    Importer(
        "tests.items",
        TrackerJob,
        RULES,
        lambda scope: ItemParser(),
        save_items,
        "recommendations.import_asks",
        PAGES,
        form=ItemForm,
        inline_rows=3,
        job_fields=lambda scope: {"kind": scope},
        scope_of=lambda job: job.kind,
        may_see=started_by_or_superuser,
    )
)


def upload(request: HttpRequest, kind: str) -> HttpResponse:
    return import_views.upload_page(request, ITEMS, scope=kind)


def status(request: HttpRequest, kind: str, job: Any) -> HttpResponse:
    return import_views.status_page(request, ITEMS, job, scope=kind)


class Command(ImportCommand):
    importer = ITEMS

    def scope_arguments(self, parser: Any) -> None:
        parser.add_argument("kind")

    def scope(self, options: dict[str, Any]) -> Any:
        return options["kind"]

    def summary(self, saved: Saved) -> str:
        return f"Imported {saved.created} items"


urlpatterns = [
    *project_urls,
    path(
        "test-items/<str:kind>/",
        include(
            ([path("", upload, name="upload"), path("<uuid:job>/", status, name="status")], "test-items")
        ),
    ),
]
