"""The "local" cache (settings CACHES["local"]): each process's short-lived copies of what a hot public
path reads on every request, such as an open consultation and gazetteer units (ADR 0016). A write clears
the copies of the process that made it; other processes keep theirs until the entry's seconds run out."""

from typing import Any

from django.core.cache import caches
from django.db import models, transaction
from django.db.models import signals


def forget(*_args: Any, **_kwargs: Any) -> None:
    """Drop this process's copies, now and again when the transaction commits (a request served in
    between would copy the old rows back)."""
    local = caches["local"]
    local.clear()
    transaction.on_commit(local.clear)


def forget_on_change(*senders: type[models.Model]) -> None:
    """Connect `forget` to the saves and deletes of these models (bulk writes send no signal: the code
    that makes them calls `forget` itself)."""
    for model in senders:
        label = model._meta.label
        signals.post_save.connect(forget, sender=model, dispatch_uid=f"localcache-save-{label}")
        signals.post_delete.connect(forget, sender=model, dispatch_uid=f"localcache-delete-{label}")
