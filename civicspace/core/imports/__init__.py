"""One pipeline for importing rows from a CSV or XLSX file: upload → checks → per-row report → "all, or
only the valid rows" → background job with a live progress bar → done or cancelled.

A module declares its columns (with help text), its upload form and limits, how to parse a row (or the
whole file), its row-saving service, who may start and see a job, and where its pages are; it gets the
upload checks, the row reader, the report, the jobs, the pages' logic and templates, and a CLI.

    reading.py      read_rows (CSV/XLSX, formulas never evaluated), estimate_rows, clean, cell_text
    report.py       Column, RowError, ValidationReport (errors counted exactly, the first 500 kept),
                    Row (one row's cells, with its errors), RowParser (header, rows, whole-file checks)
    declaration.py  Importer (what a module declares), Pages, Saved, SaveRefused, RowRejected, the registry
    forms.py        ImportForm (the file, and "import the valid rows anyway" if offered)
    jobs.py         check_upload, import_start, check, import_confirm, save_valid; the tasks
    services.py     import_cancel (audited), discard_file
    views.py        upload_page, status_page, progress_context, is_htmx
    cli.py          ProgressBar, ImportCommand (a management command base class)
    templates       core/imports/upload.html, status.html, _progress.html (+ core/_import_review.html)

Decisions (for the ADR):
- Job rows stay in each module's concrete model on the abstract core.models.FileJob, which now holds
  every shared field (`state` with one set of states, `file` stored under the model's `files_folder`)
  and the check constraint done <= total (named `<app>_<model>_done_le_total`): a job model declares
  only what ties a job to its module (the tracker's `kind`, a consultation). States: queued → checking
  → review (waits for a decision) → saving → done | failed | cancelled; exports use queued → running.
- Tasks get the key of the module's Importer (JSON task arguments) and find it in a registry filled at
  import time of the declaring module, which its AppConfig.ready() imports (so the worker has it).
- Views: a module keeps its own URLs and thin views; they check what only they know (the scope, such
  as a consultation) and return upload_page/status_page with it. The Importer knows the permission
  needed, `may_see(user, job)`, its URL names (with `url_kwargs(scope)`) and its templates, which extend
  core/imports/*.html.
- What can be said of the file before it is stored (size, type from the content, zip-bomb limits, that it
  opens, `RowParser.refuse_header`) refuses the upload and stores nothing; problems in cells (a formula,
  a NUL byte, too long a cell) and rows are errors in the report, by row and column.
- Rows are saved all or nothing, in one transaction, by the module's service; its progress goes to the
  cache meanwhile. A file of at most `inline_rows` rows is checked during the request. The stored file
  is deleted once the job is done or cancelled. Cancelling writes one audit entry (core.audit).

How a module uses it (`scope` is None here; see Importer for scoped imports):

    class CaseParser(RowParser[CaseData]):
        columns = (Column("case_id", _("The register's number.")), Column("opened", _("YYYY-MM-DD.")))

        def parse(self, row: Row) -> CaseData | None:
            if not row.text("case_id"):
                row.error("case_id", _("Give each case its number."))
            return CaseData(row.number, row.text("case_id"), row.text("opened"))

    def save_cases(rows, *, scope, actor, source, progress) -> Saved:  # one transaction, audited
        for n, data in enumerate(rows, 1):
            services.case_create(actor=actor, data=data)
            progress(n)
        return Saved(created=len(rows))

    CASES = register(Importer(key="cases.cases", job_model=CaseJob, rules=SpreadsheetRules(...),
        parser=lambda scope: CaseParser(), save=save_cases, permission="cases.import_cases",
        pages=Pages("cases:import", "cases:import-status", "cases/import_upload.html", ...)))
    # models.py: class CaseJob(FileJob): files_folder = "case-imports"   (and its migration)
    # views.py: return views.upload_page(request, CASES) / views.status_page(request, CASES, job)
"""

from .declaration import (
    Importer,
    Pages,
    RowRejected,
    Saved,
    SaveRefused,
    get_importer,
    register,
    started_by_or_superuser,
)
from .forms import ImportForm
from .report import MAX_ERRORS_KEPT, Column, Row, RowError, RowParser, ValidationReport

__all__ = [
    "MAX_ERRORS_KEPT",
    "Column",
    "ImportForm",
    "Importer",
    "Pages",
    "Row",
    "RowError",
    "RowParser",
    "RowRejected",
    "SaveRefused",
    "Saved",
    "ValidationReport",
    "get_importer",
    "register",
    "started_by_or_superuser",
]
