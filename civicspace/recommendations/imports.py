"""Import of asks from a CSV or XLSX spreadsheet, declared to the shared import pipeline (core/imports):
its columns, its upload form and limits, how a row becomes an ask (`AskParser`), and the service that
saves the valid rows in one transaction (`save_rows`, through services.ask_create). The pipeline does
the rest: the upload checks, the row reader, the report, the job and its pages (dashboard_views.py)."""

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicspace.core.imports import (
    Column,
    Importer,
    ImportForm,
    Pages,
    Row,
    RowError,
    RowParser,
    RowRejected,
    Saved,
    ValidationReport,
    register,
)
from civicspace.core.uploads import SpreadsheetRules, UploadRejected
from civicspace.organisations.models import Organisation, Sector

from . import services, tallies
from .models import Ask, Theme, TrackerJob

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_CELL = 32_767  # characters in a cell: Excel's own limit (an ask's text has none of its own)

COLUMNS = (
    "text_en", "text_km", "sector", "addressees", "source_kind", "source_title", "source_date", "themes",
    "level", "place", "priority",
)  # fmt: skip
TEXT_COLUMNS = {"text_en", "text_km"}
ADDRESSEE_KINDS = (Organisation.Kind.UN_AGENCY, Organisation.Kind.GOVERNMENT)
_SPLIT = re.compile(r"[;,]")


class ImportUploadForm(ImportForm):
    file_label = gettext_lazy("Spreadsheet of asks")
    file_help = gettext_lazy("A CSV file (UTF-8) or an Excel workbook (.xlsx), at most 10 MB.")


SPREADSHEET = SpreadsheetRules(
    max_bytes=MAX_BYTES, max_uncompressed=100 * 1024 * 1024, max_ratio=100, max_members=1000,
    too_big=gettext_lazy("This workbook expands to %(size)s when opened, which is more than a real list of "
                         "asks needs. It was not opened."),
)  # fmt: skip


@dataclass
class Directory:
    """What cell values may name: lower-cased codes and names → ids."""

    sectors: dict[str, int] = field(default_factory=dict)
    addressees: dict[str, int] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_database(cls) -> "Directory":
        directory = cls()
        for pk, slug, name in Sector.objects.values_list("pk", "slug", "name_en"):
            directory.sectors[slug.casefold()] = pk
            directory.sectors.setdefault(name.strip().casefold(), pk)
        orgs = Organisation.objects.filter(kind__in=ADDRESSEE_KINDS).values_list(
            "pk", "slug", "acronym_en", "acronym_km"
        )
        for pk, slug, acronym_en, acronym_km in orgs:
            directory.addressees[slug.casefold()] = pk
            for acronym in (acronym_en, acronym_km):
                if acronym.strip():
                    directory.addressees.setdefault(acronym.strip().casefold(), pk)
        for pk, slug in Theme.objects.values_list("pk", "slug"):
            directory.themes[slug.casefold()] = pk
        return directory


@dataclass
class ParsedRow:
    row: int
    fields: dict[str, Any]
    sector: int | None
    addressees: list[int]
    themes: list[int]


def _choice(value: str, choices: Any, default: str) -> str | None:
    if not value:
        return default
    wanted = value.casefold()
    for choice in choices:
        if wanted in {str(choice.value).casefold(), str(choice.label).casefold()}:
            return str(choice.value)
    return None


def _date(value: Any, text: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError
    return dt.date.fromisoformat(text)


def _codes(value: str) -> list[str]:
    return [part.strip() for part in _SPLIT.split(value) if part.strip()]


class AskParser(RowParser[ParsedRow]):
    """One ask per row. Unknown columns are ignored (with a warning); a header without text_en or text_km
    is refused at upload. `directory` (what codes and names mean) is read once per file."""

    columns = tuple(Column(name) for name in COLUMNS)
    max_rows = MAX_ROWS
    max_cell = MAX_CELL

    def __init__(self, directory: Directory | None = None) -> None:
        self._directory = directory

    @property
    def directory(self) -> Directory:
        if self._directory is None:
            self._directory = Directory.from_database()
        return self._directory

    def refuse_header(self, names: list[str]) -> None:
        if not TEXT_COLUMNS & set(names):
            raise UploadRejected(
                _(
                    "The first row must name the columns, with at least “text_en” or “text_km”. Columns: %(columns)s."
                )
                % {"columns": ", ".join(COLUMNS)}
            )

    def missing_columns(self, names: set[str]) -> list[RowError]:
        if TEXT_COLUMNS & names:
            return []
        return [
            RowError(1, "", _("The first row must name the columns, with at least “text_en” or “text_km”."))
        ]

    def parse(self, row: Row) -> ParsedRow | None:
        directory = self.directory
        text = {c: row.text(c) for c in COLUMNS}
        if not text["text_en"] and not text["text_km"]:
            row.error("text_en", _("The ask has no text: fill in text_en or text_km."))
        sector: int | None = None
        if text["sector"]:
            sector = directory.sectors.get(text["sector"].casefold())
            if sector is None:
                row.error(
                    "sector",
                    _("Unknown sector “%(value)s”: use a sector code or its English name.")
                    % {"value": text["sector"]},
                )
        addressees: list[int] = []
        for code in _codes(text["addressees"]):
            pk = directory.addressees.get(code.casefold())
            if pk is None:
                row.error(
                    "addressees",
                    _(
                        "Unknown addressee “%(value)s”: use the acronym or code of a UN agency or government body."
                    )
                    % {"value": code},
                )
            elif pk not in addressees:
                addressees.append(pk)
        themes: list[int] = []
        for code in _codes(text["themes"]):
            pk = directory.themes.get(code.casefold())
            if pk is None:
                row.error("themes", _("Unknown theme “%(value)s”.") % {"value": code})
            elif pk not in themes:
                themes.append(pk)
        source_kind = _choice(text["source_kind"], Ask.SourceKind, Ask.SourceKind.OTHER)
        if source_kind is None:
            row.error("source_kind", _("Unknown source “%(value)s”.") % {"value": text["source_kind"]})
        level = _choice(text["level"], Ask.Level, Ask.Level.NATIONAL)
        if level is None:
            row.error(
                "level",
                _("Unknown level “%(value)s”: use national or subnational.") % {"value": text["level"]},
            )
        priority = _choice(text["priority"], Ask.Priority, Ask.Priority.MEDIUM)
        if priority is None:
            row.error(
                "priority",
                _("Unknown priority “%(value)s”: use high, medium or low.") % {"value": text["priority"]},
            )
        if level == Ask.Level.SUBNATIONAL and not text["place"]:
            row.error("place", _("A sub-national ask needs a place."))
        for column, limit in (("place", 200), ("source_title", 300)):
            if len(text[column]) > limit:
                row.error(column, _("At most %(n)d characters.") % {"n": limit})
        source_date: dt.date | None = None
        if text["source_date"]:
            try:
                source_date = _date(row.raw("source_date"), text["source_date"])
            except (ValueError, TypeError, OverflowError):
                row.error(
                    "source_date",
                    _("“%(value)s” is not a date written as YYYY-MM-DD.")
                    % {"value": text["source_date"][:40]},
                )
        return ParsedRow(
            row=row.number,
            fields={
                "text_en": text["text_en"], "text_km": text["text_km"], "source_kind": source_kind,
                "source_title": text["source_title"], "source_date": source_date, "level": level,
                "place": text["place"], "priority": priority,
            },
            sector=sector,
            addressees=addressees,
            themes=themes,
        )  # fmt: skip


def parse_rows(
    rows: Iterable[Sequence[Any]], *, directory: Directory | None = None
) -> ValidationReport[ParsedRow]:
    """Validate every row (the first row is the header). Never raises for bad values: each problem is
    a RowError (row number as in the spreadsheet, column, message)."""
    return AskParser(directory).check(rows)


@transaction.atomic
def save_rows(
    rows: Sequence[ParsedRow], *, scope: Any = None, actor: Any, source: str = "",
    progress: Callable[[int], None] | None = None,
) -> Saved:  # fmt: skip
    """Save the rows in one transaction through services.ask_create: all of them, or (if any fails)
    none. Raises RowRejected naming the row that failed."""
    sectors = Sector.objects.in_bulk({r.sector for r in rows if r.sector is not None})
    orgs = Organisation.objects.in_bulk({pk for r in rows for pk in r.addressees})
    themes = Theme.objects.in_bulk({pk for r in rows for pk in r.themes})
    with tallies.recounting():  # one tally update for the whole file, not one per row
        for done, row in enumerate(rows, start=1):
            try:
                services.ask_create(
                    actor=actor,
                    sector=sectors.get(row.sector) if row.sector is not None else None,
                    addressees=[orgs[pk] for pk in row.addressees if pk in orgs],
                    themes=[themes[pk] for pk in row.themes if pk in themes],
                    **row.fields,
                )
            except ValidationError as exc:
                raise RowRejected(row.row, "; ".join(exc.messages)) from exc
            if progress is not None and (done % 50 == 0 or done == len(rows)):
                progress(done)
    return Saved(created=len(rows))


ASKS: Importer[ParsedRow] = register(
    Importer(
        key="recommendations.asks",
        job_model=TrackerJob,
        rules=SPREADSHEET,
        parser=lambda scope: AskParser(),
        save=save_rows,
        permission="recommendations.import_asks",
        pages=Pages(
            upload="recommendations:import-upload",
            status="recommendations:import-status",
            upload_template="recommendations/import_upload.html",
            status_template="recommendations/import_status.html",
            progress_template="recommendations/partials/import_progress.html",
        ),
        form=ImportUploadForm,
        job_fields=lambda scope: {"kind": TrackerJob.Kind.IMPORT},
    )
)
