"""Import of asks from a CSV or XLSX spreadsheet: the file check, the row reader and the validator.

`check_upload` decides the real type from the content (never from the name) and refuses anything
it cannot read safely, before anything is stored; `parse_rows` validates every row and returns a
`ValidationReport` (it never raises for bad cell values); `save_rows` saves the valid rows in one
transaction through services.ask_create. The background job around them is in jobs.py."""

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicspace.core.uploads import SpreadsheetRules, UploadRejected
from civicspace.organisations.models import Organisation, Sector

from . import services, tallies
from .models import Ask, Theme

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
XLSX_MAX_UNCOMPRESSED = 100 * 1024 * 1024
XLSX_MAX_RATIO = 100
XLSX_MAX_MEMBERS = 1000
MAX_ERRORS_KEPT = 500  # errors stored in the job's report; the count is always exact

COLUMNS = (
    "text_en", "text_km", "sector", "addressees", "source_kind", "source_title", "source_date", "themes",
    "level", "place", "priority",
)  # fmt: skip
ADDRESSEE_KINDS = (Organisation.Kind.UN_AGENCY, Organisation.Kind.GOVERNMENT)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPLIT = re.compile(r"[;,]")


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet of asks"),
        help_text=gettext_lazy("A CSV file (UTF-8) or an Excel workbook (.xlsx), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


# --- the file -------------------------------------------------------------------------------------------


SPREADSHEET = SpreadsheetRules(
    max_bytes=MAX_BYTES, max_uncompressed=XLSX_MAX_UNCOMPRESSED, max_ratio=XLSX_MAX_RATIO,
    max_members=XLSX_MAX_MEMBERS,
    too_big=gettext_lazy("This workbook expands to %(size)s when opened, which is more than a real list of "
                         "asks needs. It was not opened."),
)  # fmt: skip
check_size = SPREADSHEET.check_size
sniff = SPREADSHEET.sniff
check_xlsx_zip = SPREADSHEET.check_xlsx


def read_rows(data: bytes, fmt: str) -> Iterator[list[Any]]:
    """The rows of the file (the header first). UploadRejected if the file cannot be read."""
    if fmt == "xlsx":
        yield from _xlsx_rows(data)
        return
    text = data.decode("utf-8-sig")
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as exc:
        raise UploadRejected(_("This CSV file is damaged: %(error)s") % {"error": exc}) from exc


def _xlsx_rows(data: bytes) -> Iterator[list[Any]]:
    check_xlsx_zip(data)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except UploadRejected:
        raise
    except Exception as exc:  # openpyxl and lxml raise many types for a damaged workbook
        raise UploadRejected(
            _("This file is not an Excel (.xlsx) workbook, or the workbook is damaged.")
        ) from exc
    yield from rows


def check_upload(data: bytes) -> str:
    """Everything that can be said about the file before it is stored: its type, that it can be read,
    and that it has a header with the text columns. Returns "csv" or "xlsx"."""
    fmt = sniff(data)
    rows = read_rows(data, fmt)
    header = next(rows, None)
    names = {_header_name(c) for c in (header or [])}
    if not names & {"text_en", "text_km"}:
        raise UploadRejected(
            _(
                "The first row must name the columns, with at least “text_en” or “text_km”. Columns: %(columns)s."
            )
            % {"columns": ", ".join(COLUMNS)}
        )
    return fmt


# --- the rows -------------------------------------------------------------------------------------------


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
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ParsedRow:
    row: int
    fields: dict[str, Any]
    sector: int | None
    addressees: list[int]
    themes: list[int]


@dataclass
class ValidationReport:
    rows: int = 0
    valid: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_with_errors(self) -> int:
        return len({e.row for e in self.errors})

    def to_state(self) -> dict[str, Any]:
        """The report as JSON for the job (at most MAX_ERRORS_KEPT errors are listed)."""
        return {
            "rows": self.rows,
            "valid": len(self.valid),
            "rows_with_errors": self.rows_with_errors,
            "error_count": len(self.errors),
            "errors": [e.__dict__ for e in self.errors[:MAX_ERRORS_KEPT]],
            "warnings": self.warnings,
        }


def _header_name(value: Any) -> str:
    return re.sub(r"[\s\-]+", "_", _text(value).casefold()).strip("_")


def _text(value: Any) -> str:
    """A cell as clean text: None → "", numbers and dates as written, no control characters,
    NFC, and the apostrophe our exports put before formula-like text removed."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", _CONTROL.sub("", str(value)).replace("\ufeff", "")).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


def _choice(value: str, choices: Any, default: str) -> str | None:
    if not value:
        return default
    wanted = value.casefold()
    for choice in choices:
        if wanted in {str(choice.value).casefold(), str(choice.label).casefold()}:
            return str(choice.value)
    return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError
    return dt.date.fromisoformat(text)


def _codes(value: str) -> list[str]:
    return [part.strip() for part in _SPLIT.split(value) if part.strip()]


def parse_rows(rows: Iterable[Sequence[Any]], *, directory: Directory | None = None) -> ValidationReport:
    """Validate every row (the first row is the header). Never raises for bad values: each problem is
    a RowError (row number as in the spreadsheet, column, message)."""
    directory = directory if directory is not None else Directory.from_database()
    report = ValidationReport()
    iterator = iter(rows)
    header_row = next(iterator, None)
    header = [_header_name(c) for c in (header_row or [])]
    if not {"text_en", "text_km"} & set(header):
        report.errors.append(
            RowError(1, "", _("The first row must name the columns, with at least “text_en” or “text_km”."))
        )
        return report
    seen: set[str] = set()
    for name in header:
        if name and name not in COLUMNS:
            report.warnings.append(
                _("The column “%(name)s” is not one the import knows; it was ignored.") % {"name": name}
            )
        if name in seen and name in COLUMNS:
            report.errors.append(RowError(1, name, _("This column appears twice.")))
        seen.add(name)
    if report.errors:
        return report
    for number, cells in enumerate(iterator, start=2):
        values: dict[str, Any] = {}
        for name, cell in zip(header, cells or (), strict=False):
            if name in COLUMNS:
                values[name] = cell
        if not any(_text(v) for v in values.values()):
            continue  # blank line
        report.rows += 1
        if report.rows > MAX_ROWS:
            report.errors.append(
                RowError(number, "", _("At most %(n)d rows can be imported at once.") % {"n": MAX_ROWS})
            )
            report.rows -= 1
            break
        parsed = _parse_row(number, values, directory, report.errors)
        if parsed is not None:
            report.valid.append(parsed)
    return report


def _parse_row(
    number: int, values: dict[str, Any], directory: Directory, errors: list[RowError]
) -> ParsedRow | None:
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    text = {c: _text(values.get(c)) for c in COLUMNS if c != "source_date"}
    if not text["text_en"] and not text["text_km"]:
        error("text_en", _("The ask has no text: fill in text_en or text_km."))
    sector: int | None = None
    if text["sector"]:
        sector = directory.sectors.get(text["sector"].casefold())
        if sector is None:
            error(
                "sector",
                _("Unknown sector “%(value)s”: use a sector code or its English name.")
                % {"value": text["sector"]},
            )
    addressees: list[int] = []
    for code in _codes(text["addressees"]):
        pk = directory.addressees.get(code.casefold())
        if pk is None:
            error(
                "addressees",
                _("Unknown addressee “%(value)s”: use the acronym or code of a UN agency or government body.")
                % {"value": code},
            )
        elif pk not in addressees:
            addressees.append(pk)
    themes: list[int] = []
    for code in _codes(text["themes"]):
        pk = directory.themes.get(code.casefold())
        if pk is None:
            error("themes", _("Unknown theme “%(value)s”.") % {"value": code})
        elif pk not in themes:
            themes.append(pk)
    source_kind = _choice(text["source_kind"], Ask.SourceKind, Ask.SourceKind.OTHER)
    if source_kind is None:
        error("source_kind", _("Unknown source “%(value)s”.") % {"value": text["source_kind"]})
    level = _choice(text["level"], Ask.Level, Ask.Level.NATIONAL)
    if level is None:
        error(
            "level", _("Unknown level “%(value)s”: use national or subnational.") % {"value": text["level"]}
        )
    priority = _choice(text["priority"], Ask.Priority, Ask.Priority.MEDIUM)
    if priority is None:
        error(
            "priority",
            _("Unknown priority “%(value)s”: use high, medium or low.") % {"value": text["priority"]},
        )
    if level == Ask.Level.SUBNATIONAL and not text["place"]:
        error("place", _("A sub-national ask needs a place."))
    for column, limit in (("place", 200), ("source_title", 300)):
        if len(text[column]) > limit:
            error(column, _("At most %(n)d characters.") % {"n": limit})
    source_date: dt.date | None = None
    raw_date = values.get("source_date")
    if _text(raw_date):
        try:
            source_date = _date(raw_date)
        except (ValueError, TypeError, OverflowError):
            error(
                "source_date",
                _("“%(value)s” is not a date written as YYYY-MM-DD.") % {"value": _text(raw_date)[:40]},
            )
    if len(errors) > before:
        return None
    return ParsedRow(
        row=number,
        fields={
            "text_en": text["text_en"], "text_km": text["text_km"], "source_kind": source_kind,
            "source_title": text["source_title"], "source_date": source_date, "level": level,
            "place": text["place"], "priority": priority,
        },
        sector=sector,
        addressees=addressees,
        themes=themes,
    )  # fmt: skip


# --- saving ---------------------------------------------------------------------------------------------


class RowRejected(Exception):
    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message


@transaction.atomic
def save_rows(rows: Sequence[ParsedRow], *, actor: Any, progress: Callable[[int], None] | None = None) -> int:
    """Save the rows in one transaction through services.ask_create: all of them, or (if any fails)
    none. Raises RowRejected naming the row that failed."""
    from django.core.exceptions import ValidationError

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
    return len(rows)
