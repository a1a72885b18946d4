"""The import of submissions from a spreadsheet (the spreadsheet channel, channels/spreadsheet.py),
declared to the shared import pipeline (core.imports): the upload form and limits, how a file is checked
(`SubmissionParser`), the service that saves the valid rows (`save_rows`), and the template files. The
pipeline does the rest: the upload checks, the row reader, the report, the jobs, their pages
(views/imports.py) and `manage.py import_submissions`.

Checking a file writes nothing: every cell is parsed (spreadsheet.parse_row), every row goes through
intake.validate with the consultation's items and the places named in the file fetched once (no query
per row), and rows already stored are recognised by their key. `save_rows` stores the valid rows with
intake.submissions_bulk_create in one transaction, and audits the import once."""

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicspace.core.audit import audit_record
from civicspace.core.imports.declaration import (
    Importer,
    Pages,
    Saved,
    SaveRefused,
    register,
    started_by_or_superuser,
)
from civicspace.core.imports.forms import ImportForm
from civicspace.core.imports.report import Column, Row, RowError, RowParser, ValidationReport
from civicspace.core.uploads import SpreadsheetRules

from . import intake
from .channels import spreadsheet
from .channels.spreadsheet import FIELD_COLUMNS, KEY_PREFIX, WG_COLUMNS, Layout, column_help, template_columns
from .intake import SubmissionData
from .models import BudgetItem, Consultation, ImportJob, Submission
from .rules import CAPTURE

MAX_BYTES = 25 * 1024 * 1024
MAX_ROWS = 200_000
SAVE_BATCH = 5000


class ImportUploadForm(ImportForm):
    file_label = gettext_lazy("Spreadsheet of submissions")
    file_help = gettext_lazy("A CSV file (UTF-8) or an Excel workbook (.xlsx).")
    offers_valid_only = True


SPREADSHEET = SpreadsheetRules(
    max_bytes=MAX_BYTES, max_uncompressed=250 * 1024 * 1024, max_ratio=100, max_members=1000,
    too_big=gettext_lazy("This workbook expands to %(size)s when opened, which is more than a list of "
                         "submissions needs. It was not opened."),
)  # fmt: skip


class SubmissionParser(RowParser[SubmissionData]):
    """One person's input per row, in the consultation's layout (channels/spreadsheet.py). A constant
    number of queries for the whole file: the items (once), then in `finish` the keys stored before and
    the places the rows name."""

    max_rows = MAX_ROWS
    max_cell = spreadsheet.MAX_CELL
    strict_width = True

    def __init__(self, consultation: Consultation, *, now: dt.datetime | None = None) -> None:
        self.consultation = consultation
        self.now = now or timezone.now()
        self._named: set[str] = set()

    @cached_property
    def items(self) -> dict[str, BudgetItem]:
        return intake.items_by_code(self.consultation)

    @cached_property
    def layout(self) -> Layout:
        return Layout.of(self.consultation, self.items.values())

    @property
    def columns(self) -> Sequence[Column]:  # type: ignore[override]  # the consultation's, read once asked
        return [Column(name) for name in self.layout.columns()]

    def column_name(self, value: Any) -> str:
        return spreadsheet.header_name(value, self.layout)

    def header(self, cells: Sequence[Any], report: ValidationReport[SubmissionData]) -> list[str]:
        self._named = {name for name in map(self.column_name, cells) if name}  # known or not
        return super().header(cells, report)

    def unknown_column(self, name: str) -> str:
        return spreadsheet.unknown_column(name, self.layout)

    def missing_columns(self, names: set[str]) -> list[RowError]:
        return spreadsheet.missing_columns(self._named | names, self.layout)

    def parse(self, row: Row) -> SubmissionData | None:
        return spreadsheet.parse_row(row, self.layout, now=self.now)

    def finish(self, report: ValidationReport[SubmissionData]) -> None:
        """Each row id once in the file; rows stored before (the same answers: skipped; others: an
        error); the rest validated by the intake."""
        first_row_of: dict[str, int] = {}
        parsed: list[tuple[int, SubmissionData]] = []
        for number, data in report.valid:
            earlier = first_row_of.setdefault(data.idempotency_key, number)
            if earlier != number:
                report.add_error(
                    number, "row_id", _("This row id is also used on row %(row)d.") % {"row": earlier}
                )
            else:
                parsed.append((number, data))
        report.valid = []
        places = intake.places_by_code(d.place_code for _n, d in parsed)
        stored = stored_keys(self.consultation)
        for number, data in parsed:
            if data.idempotency_key in stored:
                if stored[data.idempotency_key] == data.content_hash():
                    report.already_stored.append(number)
                else:
                    report.add_error(number, "row_id", _("A row with this id was imported before with different answers."))  # fmt: skip
                continue
            problems = intake.validate(self.consultation, data, items=self.items, places=places,
                                       channel=Submission.Channel.IMPORT, now=self.now)  # fmt: skip
            for name, messages in problems.items():
                for message in messages:
                    report.add_error(number, FIELD_COLUMNS.get(name, name), message)
            if not problems:
                report.valid.append((number, data))


def stored_keys(consultation: Consultation) -> dict[str, str]:
    """The keys of the submissions imported before into this consultation, with their content hashes."""
    pairs = Submission.objects.filter(
        consultation=consultation, idempotency_key__startswith=KEY_PREFIX
    ).values_list("idempotency_key", "content_hash")
    return dict(pairs.iterator(chunk_size=5000))


@transaction.atomic
def save_rows(
    rows: Sequence[SubmissionData], *, scope: Consultation, actor: Any, source: str = "",
    progress: Callable[[int], None] | None = None,
) -> Saved:  # fmt: skip
    """Store checked rows into the consultation (`scope`) in one transaction (all or none), in batches,
    and audit the import once. SaveRefused if a row's id was stored meanwhile with other answers."""
    created = skipped = 0
    now = timezone.now()
    try:
        for start in range(0, len(rows), SAVE_BATCH):
            part = intake.submissions_bulk_create(
                consultation=scope,
                rows=rows[start : start + SAVE_BATCH],
                channel=Submission.Channel.IMPORT,
                entered_by=actor if getattr(actor, "is_authenticated", False) else None,
                now=now,
                batch_size=SAVE_BATCH,
                validated=True,  # SubmissionParser ran intake.validate on each, just before
            )
            created, skipped = created + part.created, skipped + part.already_stored
            if progress is not None:
                progress(min(len(rows), start + SAVE_BATCH))
    except intake.IdempotencyConflict as exc:
        raise SaveRefused(_("Some rows were stored meanwhile with different answers. Nothing was saved; check the file again.")) from exc  # fmt: skip
    audit_record(
        actor=actor,
        action="update",  # the consultation received imported submissions
        target=scope,
        changes={"submissions_imported": [None, created], "already_stored": [None, skipped],
                 "import_file": [None, source[:200]]},
    )  # fmt: skip
    return Saved(created=created, report={"skipped_meanwhile": skipped})


SUBMISSIONS: Importer[SubmissionData] = register(
    Importer(
        key="consultations.submissions",
        job_model=ImportJob,
        rules=SPREADSHEET,
        parser=SubmissionParser,
        save=save_rows,
        permission=CAPTURE,
        pages=Pages(  # the upload and status pages' URL names, and their templates
            "consultations:import-upload",
            "consultations:import-status",
            "consultations/import_upload.html",
            "consultations/import_status.html",
            "consultations/import_progress.html",
            url_kwargs=lambda consultation: {"slug": consultation.slug},
        ),
        form=ImportUploadForm,
        inline_rows=500,
        job_fields=lambda consultation: {"consultation": consultation},
        scope_of=lambda job: job.consultation,
        may_see=started_by_or_superuser,
    )
)


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
