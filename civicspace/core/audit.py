"""The audit log. Services call `audit_record` inside their transaction; nothing else writes it."""

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of an instance's concrete fields (many-to-many as sorted id lists).
    Timestamps the database keeps itself (auto_now, auto_now_add) and derived, non-editable columns
    (search text) are left out: the entry has its own time, and the derived data follows the rest."""
    data: dict[str, Any] = {}
    opts = instance._meta
    wanted = set(fields) if fields is not None else None
    for field in opts.concrete_fields:
        if wanted is not None and field.name not in wanted:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) or not field.editable:
            continue  # timestamps and derived columns (search text) are not what a person changed
        value = field.value_from_object(instance)
        data[field.name] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
    if instance.pk:
        for m2m in opts.many_to_many:
            if wanted is not None and m2m.name not in wanted:
                continue
            data[m2m.name] = sorted(getattr(instance, m2m.name).values_list("pk", flat=True))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """`{field: [old, new]}` for every field whose value changed."""
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if authenticated else None,
        actor_label=str(getattr(actor, "email", "")) if authenticated else "",  # "" = the system
        action=action,
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        object_id=str(target.pk),
        object_repr=str(target)[:255],
        changes=changes or {},
    )
