"""Background jobs of the tracker: large XLSX exports (django-tasks, ADR 0003). Imports of asks are jobs
of the shared import pipeline (core/imports; the tracker's declaration is in imports.py).

Each job has a TrackerJob row that the status page reads. Progress is written to that row outside any
transaction so it can be seen while the job runs."""

import logging
import tempfile
from typing import Any

from django.core.files import File
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from . import exports
from .models import TrackerJob

logger = logging.getLogger(__name__)
State = TrackerJob.State


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
