"""Background jobs of the tracker: large XLSX exports (django-tasks, ADR 0003). Imports of asks are jobs
of the shared import pipeline (core/imports; the tracker's declaration is in imports.py).

Each job has a TrackerJob row that the status page reads. Progress is written to that row outside any
transaction so it can be seen while the job runs.

An export costs a job and a file, so (issue 11, finding 4; ADR 0020): `export_start` reuses an identical
export (same filters, format and language) that is still waiting or running, or finished less than
EXPORT_FILE_TTL seconds ago with no change to the tracker's data since it started; a client starts at
most EXPORT_JOB_RATE new ones; `export_prune` (`manage.py prune_exports`) deletes expired files and
their jobs."""

import datetime as dt
import logging
import tempfile
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from civicspace.core import ratelimit
from civicspace.core.models import AuditEntry

from . import exports
from .models import TrackerJob

logger = logging.getLogger(__name__)
State = TrackerJob.State

JOB_RATE_SETTING, JOB_RATE_DEFAULT = "EXPORT_JOB_RATE", "5/3600"
DEFAULT_FILE_TTL = 24 * 3600
STALE_AFTER = dt.timedelta(days=1)  # a job still waiting or running after this is dead (a lost worker)
# Writes to these apps can change what an export contains (asks, responses, themes; addressees'
# acronyms and sectors; meetings). Every write there is audited in its transaction.
DATA_APPS = ("recommendations", "organisations", "dialogues")


def file_ttl() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "EXPORT_FILE_TTL", DEFAULT_FILE_TTL)))


def export_expired(job: TrackerJob, *, now: dt.datetime | None = None) -> bool:
    """True when the job's file is older than EXPORT_FILE_TTL: it is no longer served, and pruned."""
    return job.created_at < (now or timezone.now()) - file_ttl()


def _data_changed_since(when: dt.datetime) -> bool:
    return AuditEntry.objects.filter(created_at__gte=when, content_type__app_label__in=DATA_APPS).exists()


def _reusable(*, digest: str, language: str, now: dt.datetime) -> TrackerJob | None:
    """The newest identical export still waiting or running, or done with a fresh file and no change to
    the data since it started (None when there is none)."""
    candidates = TrackerJob.objects.filter(
        Q(state__in=[State.QUEUED, State.RUNNING], created_at__gte=now - STALE_AFTER)
        | Q(state=State.DONE, created_at__gte=now - file_ttl()),
        kind=TrackerJob.Kind.EXPORT, format="xlsx", language=language, filters_digest=digest,
    ).order_by("-created_at")  # fmt: skip
    for job in candidates[:3]:
        if job.state != State.DONE:
            return job
        if job.file and not _data_changed_since(job.created_at):
            return job
    return None


def export_start(*, filters: dict[str, str], actor: Any, language: str, client: str) -> TrackerJob:
    """The job for this export: an identical one to reuse, else a new one, which counts against the
    client's EXPORT_JOB_RATE (`client` is core.ratelimit's key; RateLimited over the limit)."""
    digest = TrackerJob.digest_of(filters)
    existing = _reusable(digest=digest, language=language, now=timezone.now())
    if existing is not None:
        return existing
    ratelimit.throttle_client(client, "export-job", JOB_RATE_SETTING, JOB_RATE_DEFAULT)
    job = TrackerJob.objects.create(
        kind=TrackerJob.Kind.EXPORT, format="xlsx", filters=filters, filters_digest=digest, language=language,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    export_xlsx.enqueue(job_id=str(job.pk))
    return job


def export_prune(*, now: dt.datetime | None = None) -> int:
    """Delete the export jobs whose file expired (finished more than EXPORT_FILE_TTL ago) or that are
    stuck (still waiting or running after a day), with their files; returns how many."""
    now = now or timezone.now()
    expired = TrackerJob.objects.filter(kind=TrackerJob.Kind.EXPORT).filter(
        Q(state__in=TrackerJob.FINISHED, created_at__lt=now - file_ttl())
        | Q(created_at__lt=now - max(file_ttl(), STALE_AFTER))
    )
    count = 0
    for job in expired.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


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
