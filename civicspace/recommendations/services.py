"""Writes to the tracker. Each runs in a transaction and writes its audit row there."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from civicspace.core.audit import audit_record, diff, snapshot
from civicspace.core.services import check_fields, model_delete, model_update
from civicspace.organisations.models import Organisation

from .models import Ask, Theme

ASK_FIELDS = (
    "text_en", "text_km", "sector", "source_kind", "meeting", "session", "source_title", "source_date",
    "level", "place", "priority", "status", "previous", "order",
)  # fmt: skip


@transaction.atomic
def ask_create(
    *,
    actor: Any,
    raised_by: Iterable[Organisation] = (),
    addressees: Iterable[Organisation] = (),
    themes: Iterable[Theme] = (),
    **fields: Any,
) -> Ask:
    check_fields(fields, ASK_FIELDS, "ask")
    session = fields.get("session")
    if session is not None:
        fields.setdefault("meeting", session.meeting)
        fields.setdefault("sector", session.sector)
        fields.setdefault("order", session.asks.count() + 1)
    meeting = fields.get("meeting")
    if meeting is not None:
        fields.setdefault("source_kind", Ask.SourceKind.DIALOGUE)
        fields.setdefault("source_date", meeting.starts_at.date())
    ask = Ask(**fields)
    ask.full_clean()
    ask.save()
    ask.raised_by.set(list(raised_by))
    ask.addressees.set(list(addressees))
    ask.themes.set(list(themes))
    audit_record(actor=actor, action="create", target=ask, changes=diff({}, snapshot(ask)))
    return ask


@transaction.atomic
def ask_update(
    *, ask: Ask, actor: Any, addressees: Iterable[Organisation] | None = None, **fields: Any
) -> Ask:
    check_fields(fields, ASK_FIELDS, "ask")
    relations = {"addressees": addressees} if addressees is not None else None
    return model_update(instance=ask, actor=actor, fields=fields, relations=relations)[0]


@transaction.atomic
def ask_delete(*, ask: Ask, actor: Any) -> None:
    model_delete(instance=ask, actor=actor)


@transaction.atomic
def ask_raise_again(*, previous: Ask, actor: Any, **fields: Any) -> Ask:
    """The same ask raised in a later meeting: a new ask linked to the earlier one (lineage)."""
    new = ask_create(
        actor=actor,
        text_en=fields.pop("text_en", previous.text_en),
        text_km=fields.pop("text_km", previous.text_km),
        priority=fields.pop("priority", previous.priority),
        sector=fields.pop("sector", previous.sector),
        level=previous.level,
        place=previous.place,
        previous=previous,
        raised_by=previous.raised_by.all(),
        addressees=previous.addressees.all(),
        themes=previous.themes.all(),
        **fields,
    )
    return new
