"""An import as a job (django-tasks, ADR 0003): the upload is checked and stored, its rows are checked
(now for a small file, in the background for a large one), and the valid rows are saved in one
transaction, at once for a clean file (or when the person chose "the valid rows anyway" at upload),
otherwise after the person's decision on the status page.

Progress is written to the job's row outside any transaction, so the status page sees it meanwhile;
saving happens in one transaction, so its progress goes to the cache (shared between processes when
REDIS_URL is set; without it the page shows the rows saved only at the end)."""

import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from civicspace.core.models import FileJob
from civicspace.core.uploads import UploadRejected

from .declaration import Importer, RowRejected, SaveRefused, get_importer
from .reading import estimate_rows, read_rows
from .report import ValidationReport
from .services import discard_file

logger = logging.getLogger(__name__)
State = FileJob.State


def check_upload(importer: Importer[Any], *, scope: Any, data: bytes) -> str:
    """Everything that can be said about an upload before it is stored: its type (from its content, never
    its name), that it opens, and that its header can be this module's. Returns "csv" or "xlsx"."""
    fmt = importer.rules.sniff(data)
    rows = read_rows(data, fmt, importer.rules)
    try:
        header = next(rows, None) or []
    finally:
        rows.close()
    parser = importer.parser(scope)
    parser.refuse_header([parser.column_name(c) for c in header])
    return fmt


def import_start(
    importer: Importer[Any], *, scope: Any, data: bytes, fmt: str, name: str, actor: Any, language: str,
    valid_only: bool = False,
) -> FileJob:  # fmt: skip
    """Store a checked upload as a job and check its rows: now for a small file, in the background for a
    large one. Nothing is saved to the module here (unless the file is small and can be saved at once).
    `valid_only`: if some rows have errors, save the valid ones without asking."""
    job = importer.job_model(
        **importer.job_fields(scope), format=fmt, original_name=name[:200], language=language,
        created_by=actor if getattr(actor, "is_authenticated", False) else None, report={"valid_only": valid_only},
        total=min(estimate_rows(data, fmt), importer.parser(scope).max_rows),
    )  # fmt: skip
    job.file.save(f"import.{fmt}", ContentFile(data), save=False)
    job.save()
    _run(importer, job, check, check_import)
    return job


def _run(
    importer: Importer[Any], job: FileJob, step: Callable[[Importer[Any], FileJob], str], later: Any
) -> None:
    """Run a step of the job now for a small file (at most `inline_rows` rows), else as a task."""
    if importer.inline_rows > 0 and job.total <= importer.inline_rows:
        step(importer, job)
    else:
        later.enqueue(importer=importer.key, job_id=str(job.pk))


def _checked(importer: Importer[Any], job: FileJob, progress: Any = None) -> ValidationReport[Any] | None:
    """The report of the job's file, or None when the file cannot be read (the job has failed)."""
    try:
        with job.file.open("rb") as fh:
            data = fh.read()
        parser = importer.parser(importer.scope_of(job))
        return parser.check(read_rows(data, job.format, importer.rules), progress=progress)
    except UploadRejected as exc:
        job.update(state=State.FAILED, error=exc.message)
        return None
    except Exception:
        logger.exception("Import job %s failed while checking", job.pk)
        job.update(state=State.FAILED, error=_("The file could not be read."))
        raise


def check(importer: Importer[Any], job: FileJob) -> str:
    """Check every row. A clean file (or one whose valid rows were to be saved anyway) is saved at once;
    otherwise the job waits for the person to choose to import only the valid rows."""
    valid_only = bool(job.report.get("valid_only"))
    with translation.override(job.language):
        job.update(state=State.CHECKING, done=0)
        report = _checked(
            importer, job, lambda n: job.update(done=min(n, job.total), total=max(job.total, n))
        )
        if report is None:
            return job.state
        job.update(
            report={**report.to_state(), "valid_only": valid_only}, total=report.rows, done=report.rows
        )
        nothing_to_save = not (report.valid or report.already_stored)
        if nothing_to_save or (report.error_count and not (valid_only and report.valid)):
            job.update(state=State.REVIEW)
            return job.state
        return _save(importer, job, report)


def import_confirm(importer: Importer[Any], *, job: FileJob) -> bool:
    """The person chose to import only the valid rows. False if the job is not waiting for that."""
    updated = (
        type(job)
        ._default_manager.filter(pk=job.pk, state=State.REVIEW, report__valid__gt=0)
        .update(state=State.SAVING, done=0)
    )
    if not updated:
        return False
    job.refresh_from_db()
    _run(importer, job, save_valid, save_import)
    return True


def save_valid(importer: Importer[Any], job: FileJob) -> str:
    """Check the file again (the data may have changed since) and save its valid rows."""
    with translation.override(job.language):
        report = _checked(importer, job)
        if report is None:
            return job.state
        job.update(report={**job.report, **report.to_state()})
        return _save(importer, job, report)


def _save(importer: Importer[Any], job: FileJob, report: ValidationReport[Any]) -> str:
    key = job.progress_key
    rows = [data for _number, data in report.valid]
    job.update(state=State.SAVING, total=len(rows), done=0)
    try:
        with transaction.atomic():
            saved = importer.save(
                rows, scope=importer.scope_of(job), actor=job.created_by, source=job.original_name,
                progress=lambda n: cache.set(key, n, timeout=3600),
            )  # fmt: skip
    except RowRejected as exc:
        job.update(state=State.FAILED, error=_("Row %(row)d could not be saved: %(message)s. Nothing was saved.")
                   % {"row": exc.row, "message": exc.message})  # fmt: skip
        return job.state
    except SaveRefused as exc:
        job.update(state=State.FAILED, error=exc.message)
        return job.state
    except Exception:
        logger.exception("Import job %s failed while saving", job.pk)
        job.update(state=State.FAILED, error=_("The import failed. Nothing was saved."))
        raise
    finally:
        cache.delete(key)
    job.update(state=State.DONE, done=saved.created, total=max(saved.created, len(rows)),
               report={**job.report, "created": saved.created, **saved.report})  # fmt: skip
    discard_file(job)
    return job.state


def _job(importer: Importer[Any], job_id: str) -> FileJob:
    job: FileJob = importer.job_model._default_manager.select_related("created_by").get(pk=job_id)
    return job


@task()
def check_import(*, importer: str, job_id: str) -> str:
    spec = get_importer(importer)
    job = _job(spec, job_id)
    return check(spec, job) if job.state == State.QUEUED else job.state


@task()
def save_import(*, importer: str, job_id: str) -> str:
    spec = get_importer(importer)
    job = _job(spec, job_id)
    return save_valid(spec, job) if job.state == State.SAVING else job.state
