"""Generic audited writes, for services whose create or update is "validate, save, log".

Entity services keep their own rules (who, which state) and call these for the common part, so the
audit row is always written the same way and in the caller's transaction."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .audit import audit_record, diff, snapshot

M = TypeVar("M", bound=models.Model)


def check_fields(fields: dict[str, Any], allowed: Iterable[str], what: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown {what} fields: {sorted(unknown)}")


@transaction.atomic
def model_create(*, instance: M, actor: Any) -> M:
    """Validate and save a new instance, and log it."""
    instance.full_clean()
    instance.save()
    audit_record(actor=actor, action="create", target=instance, changes=diff({}, snapshot(instance)))
    return instance


@transaction.atomic
def model_update(
    *, instance: M, actor: Any, fields: dict[str, Any], relations: dict[str, Iterable[Any]] | None = None
) -> tuple[M, dict[str, list[Any]]]:
    """Set `fields` (and many-to-many `relations`), validate, save and log what changed; nothing is
    logged when nothing changed."""
    before = snapshot(instance)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name, values in (relations or {}).items():
        getattr(instance, name).set(list(values))
    changes = diff(before, snapshot(instance))
    if changes:
        audit_record(actor=actor, action="update", target=instance, changes=changes)
    return instance, changes


@transaction.atomic
def model_delete(*, instance: models.Model, actor: Any) -> None:
    """Delete and log, or refuse (ValidationError, nothing deleted or logged) a record that others still
    refer to through a protected or restricted foreign key."""
    audit_record(actor=actor, action="delete", target=instance, changes=diff(snapshot(instance), {}))
    try:
        with transaction.atomic():
            instance.delete()
    except (models.ProtectedError, models.RestrictedError) as exc:
        raise ValidationError(
            _("%(record)s cannot be deleted: other records still refer to it."), params={"record": instance}
        ) from exc
