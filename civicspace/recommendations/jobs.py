"""Background jobs of the tracker: large XLSX exports and imports of asks (django-tasks, ADR 0003).

Each job has a TrackerJob row that the status pages read. Progress is written to that row outside any
transaction so it can be seen while the job runs. The one exception is saving an import, which happens
in a single transaction: its progress goes to the cache (shared between processes when REDIS_URL is
set; without it the status page shows the rows saved only at the end)."""

import logging
import tempfile
from typing import Any

from django.core.cache import cache
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from civicspace.core.uploads import UploadRejected

from . import exports, imports
from .models import TrackerJob

logger = logging.getLogger(__name__)
State = TrackerJob.State


# --- exports -------------------------------------------------------------------------------------------


def export_start(*, filters: dict[str, str], actor: Any, language: str) -> TrackerJob:
    job = TrackerJob.objects.create(
        kind=TrackerJob.Kind.EXPORT, format="xlsx", filters=filters, language=language,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    export_xlsx.enqueue(job_id=str(job.pk))
    return job


@task()
def export_xlsx(*, job_id: str) -> str:
    job = TrackerJob.objects.get(pk=job_id)
    if job.state != State.QUEUED:
        return job.state
    try:
        job.update(state=State.RUNNING, total=exports.export_queryset(job.filters).count(), done=0)
        with tempfile.TemporaryFile() as tmp:
            rows = exports.write_xlsx(job.filters, tmp, progress=lambda n: job.update(done=min(n, job.total)))
            tmp.seek(0)
            job.file.save("asks.xlsx", File(tmp), save=False)
        job.update(file=job.file.name, state=State.DONE, total=max(job.total, rows), done=rows)
    except Exception:
        logger.exception("Export job %s failed", job_id)
        with translation.override(job.language):
            job.update(state=State.FAILED, error=_("The export failed. Try again, or filter for fewer asks."))
        raise
    return job.state


# --- imports -------------------------------------------------------------------------------------------


def import_start(*, data: bytes, fmt: str, name: str, actor: Any, language: str) -> TrackerJob:
    """Store the checked upload and queue its validation. Nothing is saved to the tracker here."""
    job = TrackerJob(kind=TrackerJob.Kind.IMPORT, format=fmt, original_name=name[:200], language=language,
                     created_by=actor)  # fmt: skip
    job.file.save(f"import.{fmt}", ContentFile(data), save=False)
    job.save()
    import_validate.enqueue(job_id=str(job.pk))
    return job


def _read(job: TrackerJob) -> imports.ValidationReport:
    with job.file.open("rb") as fh:
        data = fh.read()
    return imports.parse_rows(imports.read_rows(data, job.format))


@task()
def import_validate(*, job_id: str) -> str:
    """Validate every row. A clean file is saved straight away; a file with errors waits for the
    person to choose (on the status page) to import only the valid rows."""
    job = TrackerJob.objects.get(pk=job_id)
    if job.state != State.QUEUED:
        return job.state
    with translation.override(job.language):
        job.update(state=State.RUNNING)
        try:
            report = _read(job)
        except UploadRejected as exc:
            job.update(state=State.FAILED, error=exc.message)
            return job.state
        except Exception:
            logger.exception("Import job %s failed while validating", job_id)
            job.update(state=State.FAILED, error=_("The file could not be read."))
            raise
        job.update(report=report.to_state(), total=report.rows, done=report.rows)
        if report.errors or not report.valid:
            job.update(state=State.REVIEW)
            return job.state
        return _save(job, report)


def import_confirm(*, job: TrackerJob) -> bool:
    """The person chose to import only the valid rows. False if the job is not waiting for that."""
    updated = TrackerJob.objects.filter(pk=job.pk, state=State.REVIEW, report__valid__gt=0).update(
        state=State.SAVING, done=0
    )
    if updated:
        import_save_valid.enqueue(job_id=str(job.pk))
    return bool(updated)


@task()
def import_save_valid(*, job_id: str) -> str:
    job = TrackerJob.objects.get(pk=job_id)
    if job.state != State.SAVING:
        return job.state
    with translation.override(job.language):
        try:
            report = _read(job)
        except UploadRejected as exc:
            job.update(state=State.FAILED, error=exc.message)
            return job.state
        return _save(job, report)


def _save(job: TrackerJob, report: imports.ValidationReport) -> str:
    key = job.progress_key
    job.update(state=State.SAVING, total=len(report.valid), done=0)
    try:
        saved = imports.save_rows(
            report.valid, actor=job.created_by, progress=lambda n: cache.set(key, n, timeout=3600)
        )
    except imports.RowRejected as exc:
        job.update(state=State.FAILED, error=_("Row %(row)d could not be saved: %(message)s. Nothing was saved.")
             % {"row": exc.row, "message": exc.message})  # fmt: skip
        return job.state
    except Exception:
        logger.exception("Import job %s failed while saving", job.pk)
        job.update(state=State.FAILED, error=_("The import failed. Nothing was saved."))
        raise
    finally:
        cache.delete(key)
    job.update(state=State.DONE, done=saved)
    return job.state
