"""Reads of the audit log, with field and choice labels in the reader's language."""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet

from .models import AuditEntry


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: Any
    new: Any


def audit_entry_list(*, record_type: str = "") -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.select_related("content_type").order_by("-created_at", "-id")
    return qs.filter(content_type__model=record_type) if record_type else qs


def audit_record_types() -> QuerySet[ContentType]:
    return ContentType.objects.filter(pk__in=AuditEntry.objects.values("content_type")).order_by("model")


def _choice(choices: dict[Any, str], value: Any) -> Any:
    return choices.get(value, value) if isinstance(value, str | int) else value


def audit_changes(entry: AuditEntry) -> list[FieldChange]:
    """`changes` as (label, old, new), using each field's verbose name and choice labels."""
    model = entry.content_type.model_class()
    rows = []
    for name, (old, new) in entry.changes.items():
        label, choices = name, {}
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                pass
            else:
                label = str(getattr(field, "verbose_name", name))
                choices = {k: str(v) for k, v in (getattr(field, "flatchoices", None) or [])}
        rows.append(FieldChange(label=label, old=_choice(choices, old), new=_choice(choices, new)))
    return rows
