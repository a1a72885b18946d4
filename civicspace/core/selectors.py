"""Reads of the audit log, with field and choice labels in the reader's language, and the records a
change points to (a foreign key or a many-to-many list of ids) by name."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

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


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _reference(field: Any) -> tuple[type[models.Model], str] | None:
    """(the model a relation points to, the field its stored value is) for a foreign key, one-to-one
    or many-to-many field (audit.snapshot stores the id, or the sorted list of ids)."""
    if field is None or not field.concrete or not field.is_relation or field.related_model is None:
        return None
    if field.many_to_many:
        return field.related_model, field.related_model._meta.pk.name
    return field.related_model, field.target_field.name


def _ids(value: Any) -> list[Any]:
    return [v for v in (value if isinstance(value, list) else [value]) if v is not None]


def _names(wanted: dict[tuple[type[models.Model], str], set[Any]]) -> dict[tuple[Any, str], dict[str, str]]:
    """str() of each referenced record that still exists, one query per model (with its own foreign
    keys joined, so a name made from a related record costs nothing more)."""
    names: dict[tuple[Any, str], dict[str, str]] = {}
    for (model, key), values in wanted.items():
        target: Any = model._meta.get_field(key)
        valid = set()
        for value in values:
            try:
                valid.add(target.to_python(value))
            except ValidationError:
                continue  # not an id of this model: shown as it was stored
        joins = [f.name for f in model._meta.concrete_fields if f.is_relation]
        rows = model._base_manager.filter(**{f"{key}__in": valid}).select_related(*joins)
        names[(model, key)] = {str(getattr(row, key)): str(row) for row in rows}
    return names


def _named(value: Any, found: dict[str, str]) -> Any:
    """A stored id as the record's name; an id whose record is gone as "12 (deleted)"."""
    ids = _ids(value)
    if not ids:
        return None  # shown as ∅
    labels = [found.get(str(v)) or _("%(id)s (deleted)") % {"id": v} for v in ids]
    return ", ".join(labels)


def audit_changes_for(entries: Sequence[AuditEntry]) -> list[list[FieldChange]]:
    """Each entry's `changes` as (label, old, new): each field's verbose name, choice labels, and the
    records that foreign keys and many-to-many fields point to by name, looked up for all the entries
    at once (one query per model referenced, however many entries)."""
    wanted: dict[tuple[type[models.Model], str], set[Any]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, (old, new) in entry.changes.items():
            if (ref := _reference(_field(model, name))) is not None:
                wanted[ref].update(_ids(old) + _ids(new))
    names = _names(wanted)
    result = []
    for entry in entries:
        model = entry.content_type.model_class()
        rows = []
        for name, (old, new) in entry.changes.items():
            field = _field(model, name)
            if field is None:
                rows.append(FieldChange(label=name, old=old, new=new))
                continue
            label = str(getattr(field, "verbose_name", name))
            if (ref := _reference(field)) is not None:
                found = names.get(ref, {})
                rows.append(FieldChange(label=label, old=_named(old, found), new=_named(new, found)))
                continue
            choices = {k: str(v) for k, v in (getattr(field, "flatchoices", None) or [])}
            rows.append(FieldChange(label=label, old=_choice(choices, old), new=_choice(choices, new)))
        result.append(rows)
    return result


def audit_changes(entry: AuditEntry) -> list[FieldChange]:
    """One entry's changes (audit_changes_for)."""
    return audit_changes_for([entry])[0]
