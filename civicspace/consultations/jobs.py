"""Imports of submissions as jobs (django-tasks, ADR 0003), like the tracker's (recommendations/jobs.py).

A file of at most INLINE_ROWS rows is checked (and, when clean, saved) during the request; a larger one
runs in the background while the status page shows a progress bar. The check writes its progress to
the ImportJob row (outside any transaction, so it can be seen meanwhile); saving happens in one
transaction, so its progress goes to the cache (shared between processes when REDIS_URL is set)."""

import logging
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from civicspace.core.uploads import UploadRejected

from . import imports
from .models import Consultation, ImportJob

logger = logging.getLogger(__name__)
State = ImportJob.State
INLINE_ROWS = 500


def import_start(
    *, consultation: Consultation, data: bytes, fmt: str, name: str, actor: Any, language: str,
    valid_only: bool = False,
) -> ImportJob:  # fmt: skip
    """Store the checked upload and check it: now for a small file, in the background for a large one.
    `valid_only`: if some rows have errors, save the valid ones without asking."""
    job = ImportJob(consultation=consultation, format=fmt, original_name=name[:200], language=language,
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                    report={"valid_only": valid_only})  # fmt: skip
    job.total = min(imports.estimate_rows(data, fmt), imports.MAX_ROWS)
    job.file.save(f"import.{fmt}", ContentFile(data), save=False)
    job.save()
    if job.total > INLINE_ROWS:
        import_check.enqueue(job_id=str(job.pk))
    else:
        _check(job)
    return job


def _read(job: ImportJob, progress: Any = None) -> imports.ValidationReport:
    with job.file.open("rb") as fh:
        data = fh.read()
    return imports.check_file(data, job.format, job.consultation, progress=progress)


@task()
def import_check(*, job_id: str) -> str:
    job = ImportJob.objects.select_related("consultation", "created_by").get(pk=job_id)
    if job.state != State.QUEUED:
        return job.state
    return _check(job)


def _check(job: ImportJob) -> str:
    valid_only = bool(job.report.get("valid_only"))
    with translation.override(job.language):
        job.update(state=State.CHECKING, done=0)
        try:
            report = _read(
                job, progress=lambda n: job.update(done=min(n, job.total), total=max(job.total, n))
            )
        except UploadRejected as exc:
            job.update(state=State.FAILED, error=exc.message)
            return job.state
        except Exception:
            logger.exception("Import job %s failed while checking", job.pk)
            job.update(state=State.FAILED, error=_("The file could not be read."))
            raise
        job.update(
            report={**report.to_state(), "valid_only": valid_only}, total=report.rows, done=report.rows
        )
        if report.errors and not (valid_only and report.valid):
            job.update(state=State.REVIEW)
            return job.state
        return _save(job, report)


def import_confirm(*, job: ImportJob) -> bool:
    """The person chose to import only the valid rows. False if the job is not waiting for that."""
    updated = ImportJob.objects.filter(pk=job.pk, state=State.REVIEW, report__valid__gt=0).update(
        state=State.SAVING, done=0
    )
    if not updated:
        return False
    job.refresh_from_db()
    if job.total > INLINE_ROWS:
        import_save_valid.enqueue(job_id=str(job.pk))
    else:
        _save_valid(job)
    return True


def import_cancel(*, job: ImportJob) -> bool:
    updated = ImportJob.objects.filter(pk=job.pk, state=State.REVIEW).update(state=State.CANCELLED)
    if updated:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")
    return bool(updated)


@task()
def import_save_valid(*, job_id: str) -> str:
    job = ImportJob.objects.select_related("consultation", "created_by").get(pk=job_id)
    if job.state != State.SAVING:
        return job.state
    return _save_valid(job)


def _save_valid(job: ImportJob) -> str:
    with translation.override(job.language):
        try:
            report = _read(job)
        except UploadRejected as exc:
            job.update(state=State.FAILED, error=exc.message)
            return job.state
        job.update(report={**job.report, **report.to_state()})
        return _save(job, report)


def _save(job: ImportJob, report: imports.ValidationReport) -> str:
    key = job.progress_key
    rows = [data for _number, data in report.valid]
    job.update(state=State.SAVING, total=len(rows), done=0)
    try:
        result = imports.save_rows(
            job.consultation, rows, actor=job.created_by, source=job.original_name,
            progress=lambda n: cache.set(key, n, timeout=3600),
        )  # fmt: skip
    except imports.intake.IdempotencyConflict:
        job.update(state=State.FAILED, error=_("Some rows were stored meanwhile with different answers. Nothing was saved; check the file again."))  # fmt: skip
        return job.state
    except Exception:
        logger.exception("Import job %s failed while saving", job.pk)
        job.update(state=State.FAILED, error=_("The import failed. Nothing was saved."))
        raise
    finally:
        cache.delete(key)
    job.update(state=State.DONE, done=result.created, total=max(result.created, len(rows)),
         report={**job.report, "created": result.created, "skipped_meanwhile": result.already_stored})  # fmt: skip
    job.file.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).update(file="")
    return job.state
