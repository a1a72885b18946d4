"""The import pipeline of the spreadsheet channel (channels/spreadsheet.py): the upload form, reading a CSV
or XLSX file, checking all of its rows, saving the valid ones, and the template files. jobs.py runs it as
a job (the import pages, views/imports.py) and `manage.py import_submissions` from the command line.

`check_file` reads and validates a whole file without writing: every cell is parsed
(spreadsheet.parse_record), every row goes through intake.validate with the consultation's items and the
places named in the file fetched once (no query per row), and rows already stored are recognised by
their key. `save_rows` stores the valid rows with intake.submissions_bulk_create in one transaction."""

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicspace.core.audit import audit_record
from civicspace.core.uploads import SpreadsheetRules, UploadRejected

from . import intake
from .channels.spreadsheet import (
    KEY_PREFIX,
    WG_COLUMNS,
    Layout,
    RowError,
    column_help,
    intake_errors,
    parse_header,
    parse_record,
    template_columns,
)
from .intake import SubmissionData
from .models import Consultation, Submission

MAX_BYTES = 25 * 1024 * 1024
MAX_ROWS = 200_000
XLSX_MAX_UNCOMPRESSED = 250 * 1024 * 1024
XLSX_MAX_RATIO = 100
XLSX_MAX_MEMBERS = 1000
MAX_ERRORS_KEPT = 500
SAVE_BATCH = 5000


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet of submissions"),
        help_text=gettext_lazy("A CSV file (UTF-8) or an Excel workbook (.xlsx)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    valid_only = forms.BooleanField(
        label=gettext_lazy("If some rows have errors, import the valid rows anyway"),
        help_text=gettext_lazy(
            "Otherwise a file with errors imports nothing, and you can decide after the check."
        ),
        required=False,
    )


# --- the file -------------------------------------------------------------------------------------------


SPREADSHEET = SpreadsheetRules(
    max_bytes=MAX_BYTES, max_uncompressed=XLSX_MAX_UNCOMPRESSED, max_ratio=XLSX_MAX_RATIO,
    max_members=XLSX_MAX_MEMBERS,
    too_big=gettext_lazy("This workbook expands to %(size)s when opened, which is more than a list of "
                         "submissions needs. It was not opened."),
)  # fmt: skip
check_size = SPREADSHEET.check_size
sniff = SPREADSHEET.sniff
check_xlsx_zip = SPREADSHEET.check_xlsx


def estimate_rows(data: bytes, fmt: str) -> int:
    """A cheap upper bound of the data rows, to decide between importing now and a background job."""
    if fmt == "csv":
        return data.count(b"\n")
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
        rows = int(workbook.worksheets[0].max_row or 0)
        workbook.close()
    except Exception:  # a damaged workbook: the check reports it
        return 0
    return max(0, rows - 1)


def read_rows(data: bytes, fmt: str) -> Iterator[list[Any]]:
    """The rows of the file (the header first), as read: strings for CSV, typed values for XLSX
    (formulas as their text, never evaluated). UploadRejected if the file cannot be read."""
    if fmt == "xlsx":
        yield from _xlsx_rows(data)
        return
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from reader
    except csv.Error as exc:
        raise UploadRejected(
            _("This CSV file is damaged near line %(line)d: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc


def _xlsx_rows(data: bytes) -> Iterator[list[Any]]:
    check_xlsx_zip(data)
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell reads as its formula text, so nothing computed is imported.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
        workbook.close()
    except UploadRejected:
        raise
    except Exception as exc:  # openpyxl and lxml raise many types for a damaged workbook
        raise UploadRejected(
            _("This file is not an Excel (.xlsx) workbook, or the workbook is damaged.")
        ) from exc


# --- the whole file -------------------------------------------------------------------------------------


@dataclass
class ValidationReport:
    rows: int = 0
    valid: list[tuple[int, SubmissionData]] = field(default_factory=list)
    already_stored: list[int] = field(default_factory=list)  # row numbers
    errors: list[RowError] = field(default_factory=list)

    @property
    def rows_with_errors(self) -> int:
        return len({e.row for e in self.errors})

    def to_state(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "valid": len(self.valid),
            "already_stored": len(self.already_stored),
            "already_stored_rows": self.already_stored[:MAX_ERRORS_KEPT],
            "rows_with_errors": self.rows_with_errors,
            "error_count": len(self.errors),
            "errors": [e.__dict__ for e in self.errors[:MAX_ERRORS_KEPT]],
        }


def check_rows(
    rows: Iterable[Sequence[Any]],
    consultation: Consultation,
    *,
    now: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> ValidationReport:
    """Validate every row (the first is the header) without writing. A constant number of queries."""
    now = now or timezone.now()
    items = intake.items_by_code(consultation)
    layout = Layout.of(consultation, items.values())
    report = ValidationReport()
    iterator = iter(rows)
    header, header_errors = parse_header(next(iterator, ()), layout)
    if header_errors:
        report.errors.extend(header_errors)
        return report
    width = len(header)
    parsed: list[tuple[int, SubmissionData]] = []
    first_row_of: dict[str, int] = {}
    for number, cells in enumerate(iterator, start=2):
        if not any(c is not None and c != "" for c in cells):
            continue  # a blank line
        report.rows += 1
        if report.rows > MAX_ROWS:
            report.rows -= 1
            report.errors.append(
                RowError(number, "", _("At most %(n)d rows can be imported at once.") % {"n": MAX_ROWS})
            )
            break
        if len(cells) > width and any(c not in (None, "") for c in cells[width:]):
            report.errors.append(
                RowError(number, "", _("This row has more cells than the header has columns."))
            )
            continue
        values = {name: cell for name, cell in zip(header, cells, strict=False) if name}
        data, errors = parse_record(values, layout, row=number, now=now)
        if data is None:
            report.errors.extend(errors)
        else:
            earlier = first_row_of.setdefault(data.idempotency_key, number)
            if earlier != number:
                report.errors.append(
                    RowError(
                        number, "row_id", _("This row id is also used on row %(row)d.") % {"row": earlier}
                    )
                )
            else:
                parsed.append((number, data))
        if progress is not None and report.rows % 2000 == 0:
            progress(report.rows)
    places = intake.places_by_code(d.place_code for _n, d in parsed)
    stored = stored_keys(consultation)
    for number, data in parsed:
        if data.idempotency_key in stored:
            if stored[data.idempotency_key] == data.content_hash():
                report.already_stored.append(number)
            else:
                report.errors.append(RowError(number, "row_id", _("A row with this id was imported before with different answers.")))  # fmt: skip
            continue
        problems = intake.validate(consultation, data, items=items, places=places, channel=Submission.Channel.IMPORT, now=now)  # fmt: skip
        if problems:
            report.errors.extend(intake_errors(number, problems))
        else:
            report.valid.append((number, data))
    report.errors.sort(key=lambda e: e.row)
    if progress is not None:
        progress(report.rows)
    return report


def stored_keys(consultation: Consultation) -> dict[str, str]:
    """The keys of the submissions imported before into this consultation, with their content hashes."""
    pairs = Submission.objects.filter(
        consultation=consultation, idempotency_key__startswith=KEY_PREFIX
    ).values_list("idempotency_key", "content_hash")
    return dict(pairs.iterator(chunk_size=5000))


def check_file(
    data: bytes, fmt: str, consultation: Consultation, *, progress: Callable[[int], None] | None = None
) -> ValidationReport:
    return check_rows(read_rows(data, fmt), consultation, progress=progress)


@transaction.atomic
def save_rows(
    consultation: Consultation,
    rows: Sequence[SubmissionData],
    *,
    actor: Any,
    source: str = "",
    progress: Callable[[int], None] | None = None,
) -> intake.BulkResult:
    """Store validated rows in one transaction (all or none), in batches, and audit the import once."""
    total = intake.BulkResult()
    now = timezone.now()
    for start in range(0, len(rows), SAVE_BATCH):
        part = intake.submissions_bulk_create(
            consultation=consultation,
            rows=rows[start : start + SAVE_BATCH],
            channel=Submission.Channel.IMPORT,
            entered_by=actor if getattr(actor, "is_authenticated", False) else None,
            now=now,
            batch_size=SAVE_BATCH,
            validated=True,  # check_rows ran intake.validate on each, just before
        )
        total.created += part.created
        total.already_stored += part.already_stored
        if progress is not None:
            progress(min(len(rows), start + SAVE_BATCH))
    audit_record(
        actor=actor,
        action="update",  # the consultation received imported submissions
        target=consultation,
        changes={"submissions_imported": [None, total.created], "already_stored": [None, total.already_stored],
                 "import_file": [None, source[:200]]},
    )  # fmt: skip
    return total


# --- the template ---------------------------------------------------------------------------------------


def template_csv(consultation: Consultation) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(template_columns(consultation))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read it as UTF-8


def template_xlsx(consultation: Consultation) -> bytes:
    """A workbook: the "submissions" sheet with the columns (and drop-down lists for the choices), and a
    "help" sheet describing each column and the budget items."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = template_columns(consultation)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "submissions"
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    lists = {"gender": "woman,man,other", "age_band": ",".join(Submission.AgeBand.values), "consent": "yes,no",
             **dict.fromkeys(WG_COLUMNS, ",".join(Submission.Difficulty.values))}  # fmt: skip
    for index, name in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, len(name) + 2)
        if name in lists:
            validation = DataValidation(type="list", formula1=f'"{lists[name]}"', allow_blank=True)
            validation.add(f"{letter}2:{letter}{MAX_ROWS}")
            sheet.add_data_validation(validation)
    help_sheet = workbook.create_sheet("help")
    help_sheet.append([_("column"), _("what to write")])
    for name, text in column_help(consultation):
        help_sheet.append([name, text])
    help_sheet.column_dimensions["A"].width = 28
    help_sheet.column_dimensions["B"].width = 100
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
