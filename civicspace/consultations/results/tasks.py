"""Background jobs of the results: tallying new submissions (django-tasks, ADR 0003).

`schedule_tally(consultation_id)` is called after a submission is stored (on commit). It queues at most
one tally job per consultation: a `TallyRequest` row is inserted with `ON CONFLICT DO NOTHING`, and only
the caller whose insert went in enqueues the job; the job deletes the row when it starts, so input that
arrives while it runs queues the next one. A request older than STALE (no worker took it) is renewed
and queued again. Each process also skips the database for DEBOUNCE after it queued a job or found one
queued. The results stay exact whether or not the job has run (reader.py reads the untallied submissions
too). The intake calls `schedule_tally_on_commit` for each submission it stores."""

# ruff: noqa: S608  (SQL text is built from model table names and constants only; every value is a bound parameter)

import datetime as dt
import time

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from ..models import TallyRequest
from .store import tally_pending

DEBOUNCE = 2.0  # seconds
STALE_MINUTES = 10
_last_queued: dict[int, float] = {}


def _claim(consultation_id: int) -> bool:
    """Record a queued tally for this consultation; True when no (fresh) one was queued already."""
    table = connection.ops.quote_name(TallyRequest._meta.db_table)
    now = timezone.now()
    stale = now - dt.timedelta(minutes=STALE_MINUTES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (consultation_id, requested_at) VALUES (%s, %s) "
            f"ON CONFLICT (consultation_id) DO UPDATE SET requested_at = excluded.requested_at "
            f"WHERE {table}.requested_at < %s",
            [consultation_id, now, stale],
        )
        return bool(cursor.rowcount)


def schedule_tally(consultation_id: int) -> bool:
    """Queue a tally of this consultation's new submissions unless one is queued already. Returns True
    when a job was queued. Call it after the submission commits (transaction.on_commit)."""
    last = _last_queued.get(consultation_id)
    if last is not None and time.monotonic() - last < DEBOUNCE:
        return False
    claimed = _claim(consultation_id)
    # Queued now, or queued by another process and not started (it deletes the row when it starts, so it
    # will see what was committed before the claim): either way nothing to do for DEBOUNCE.
    _last_queued[consultation_id] = time.monotonic()
    if not claimed:
        return False
    tally_consultation.enqueue(consultation_id=consultation_id)
    return True


@task()
def tally_consultation(*, consultation_id: int) -> int:
    """Tally every untallied submission of one consultation; returns how many."""
    TallyRequest.objects.filter(consultation_id=consultation_id).delete()
    _last_queued.pop(consultation_id, None)
    return tally_pending(consultation_id)


def schedule_tally_on_commit(consultation_id: int) -> None:
    """Once the submission is committed, have the results tallies take it in (debounced: one job queued
    at a time per consultation; results are exact meanwhile, reader.py)."""
    transaction.on_commit(lambda: schedule_tally(consultation_id))
