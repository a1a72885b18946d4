"""Exports of the filtered tracker (CSV, JSON, XLSX).

Rows are read with `.values().iterator(chunk_size=2000)`; for each chunk of asks, one query fetches
the chunk's (ask, addressee) pairs and one its (ask, theme) pairs, so an export of N asks takes
1 + 2·⌈N/2000⌉ queries on any database, and memory stays flat. CSV and JSON are streamed; an XLSX of
more than XLSX_SYNC_LIMIT rows is written by a background job (jobs.py)."""

import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from civicspace.core.exports import csv_lines, spreadsheet_cell

from .dashboard import ask_filter, filtered_asks
from .models import Ask, Response

COLUMNS = [
    "id", "text_en", "text_km", "sector", "addressees", "status", "progress", "priority", "level", "place",
    "source_kind", "source_title", "source_date", "meeting", "themes", "responses",
]  # fmt: skip
VALUES = (
    "id", "text_en", "text_km", "sector__slug", "status", "progress", "priority", "level", "place",
    "source_kind", "source_title", "source_date", "meeting__slug",
)  # fmt: skip
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK = 2000
XLSX_SYNC_LIMIT = 5000  # larger XLSX exports run as a background job
LINES_PER_WRITE = 250  # rows joined into one piece of a streamed response


def export_queryset(filters: Mapping[str, Any] | None) -> QuerySet[Ask]:
    return filtered_asks(ask_filter(filters)).order_by("id")


def _response_count() -> Coalesce:
    count = (
        Response.objects.filter(ask_id=OuterRef("pk"))
        .order_by()
        .values("ask_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


def _batched(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def export_rows(filters: Mapping[str, Any] | None) -> Iterator[dict[str, Any]]:
    """One dict per ask (keys: COLUMNS); addressees and themes as lists of codes."""
    rows = (
        export_queryset(filters)
        .values(*VALUES)
        .annotate(responses=_response_count())
        .iterator(chunk_size=CHUNK)
    )
    for chunk in _batched(rows, CHUNK):
        ids = [r["id"] for r in chunk]
        addressees: dict[int, list[str]] = defaultdict(list)
        pairs = (
            Ask.addressees.through.objects.filter(ask_id__in=ids)
            .order_by("ask_id", "organisation__acronym_en", "organisation__slug")
            .values_list("ask_id", "organisation__acronym_en", "organisation__slug")
        )
        for ask_id, acronym, slug in pairs:
            addressees[ask_id].append(acronym or slug)
        themes: dict[int, list[str]] = defaultdict(list)
        theme_pairs = (
            Ask.themes.through.objects.filter(ask_id__in=ids)
            .order_by("ask_id", "theme__slug")
            .values_list("ask_id", "theme__slug")
        )
        for ask_id, slug in theme_pairs:
            themes[ask_id].append(slug)
        for r in chunk:
            yield {
                "id": r["id"], "text_en": r["text_en"], "text_km": r["text_km"], "sector": r["sector__slug"] or "",
                "addressees": addressees.get(r["id"], []), "status": r["status"], "progress": r["progress"],
                "priority": r["priority"], "level": r["level"], "place": r["place"],
                "source_kind": r["source_kind"], "source_title": r["source_title"],
                "source_date": r["source_date"], "meeting": r["meeting__slug"] or "",
                "themes": themes.get(r["id"], []), "responses": r["responses"],
            }  # fmt: skip


def _flat(row: dict[str, Any]) -> list[Any]:
    return [spreadsheet_cell(row[c]) for c in COLUMNS]


def csv_stream(filters: Mapping[str, Any] | None) -> Iterator[str]:
    """UTF-8 CSV with a byte-order mark (so Excel reads Khmer correctly), written as it is read."""
    rows = (_flat(row) for row in export_rows(filters))
    return csv_lines(itertools.chain([COLUMNS], rows), byte_order_mark=True)


def json_stream(filters: Mapping[str, Any] | None) -> Iterator[str]:
    """A JSON array written one object at a time."""
    yield "["
    first = True
    for chunk in _batched(export_rows(filters), LINES_PER_WRITE):
        parts = []
        for row in chunk:
            parts.append(
                ("\n" if first else ",\n") + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
            )
            first = False
        yield "".join(parts)
    yield "\n]\n"


def write_xlsx(
    filters: Mapping[str, Any] | None, target: IO[bytes], progress: Callable[[int], None] | None = None
) -> int:
    """Write the export as an XLSX workbook (openpyxl write-only mode, rows never held in memory).
    Returns the number of rows; `progress(rows_done)` is called after every CHUNK rows."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("asks")
    sheet.append(COLUMNS)
    done = 0
    for row in export_rows(filters):
        cells = []
        for value in _flat(row):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cells.append(value)
        sheet.append(cells)
        done += 1
        if progress is not None and done % CHUNK == 0:
            progress(done)
    workbook.save(target)
    return done
