"""The writes a person makes to an import job: cancelling it (audited). The job's own progress is kept by
jobs.py as it goes, outside any transaction, and is not audited."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from civicspace.core.audit import audit_record
from civicspace.core.models import FileJob

State = FileJob.State


def discard_file(job: FileJob) -> None:
    """Forget the job's stored file, and delete it once the transaction (if any) commits."""
    name = job.file.name
    if not name:
        return
    storage = job.file.storage
    type(job)._default_manager.filter(pk=job.pk).update(file="")
    job.file.name = ""
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def import_cancel(*, job: FileJob, actor: Any) -> bool:
    """Cancel an import that waits for a decision: nothing is saved, its file is deleted, and the audit
    log says who cancelled it. False (and nothing written) if it is not waiting for a decision."""
    cancelled = (
        type(job)
        ._default_manager.filter(pk=job.pk, state=State.REVIEW)
        .update(state=State.CANCELLED, updated_at=timezone.now())
    )
    if not cancelled:
        return False
    job.state = State.CANCELLED
    discard_file(job)
    audit_record(
        actor=actor,
        action="update",
        target=job,
        changes={"state": [State.REVIEW.value, State.CANCELLED.value]},
    )
    return True
