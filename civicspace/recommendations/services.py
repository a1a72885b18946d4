"""Writes to the tracker. Each runs in a transaction and writes its audit row there."""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from civicspace.core.audit import audit_record, diff, snapshot
from civicspace.core.i18n import search_document
from civicspace.core.services import check_fields, model_create, model_delete, model_update
from civicspace.organisations.models import Organisation

from . import tallies
from .models import (
    DEFAULT_PROGRESS,
    Ask,
    Assessment,
    Comment,
    Commitment,
    Evidence,
    ProgressUpdate,
    Response,
    Theme,
)

ASK_FIELDS = (
    "text_en", "text_km", "sector", "source_kind", "meeting", "session", "source_title", "source_date",
    "level", "place", "priority", "status", "previous", "order", "parent", "weight", "progress", "merged_into",
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
    with tallies.recounting() as recount:
        ask.save()
        recount.created(ask.pk)
        ask.raised_by.set(list(raised_by))
        ask.addressees.set(list(addressees))
        ask.themes.set(list(themes))
    ask_refresh_search(ask)
    audit_record(actor=actor, action="create", target=ask, changes=diff({}, snapshot(ask)))
    return ask


@transaction.atomic
def ask_update(
    *,
    ask: Ask,
    actor: Any,
    addressees: Iterable[Organisation] | None = None,
    raised_by: Iterable[Organisation] | None = None,
    themes: Iterable[Theme] | None = None,
    **fields: Any,
) -> Ask:
    """Change an ask's fields and, where given, its addressees, raisers and themes (one audit row)."""
    check_fields(fields, ASK_FIELDS, "ask")
    given = {"addressees": addressees, "raised_by": raised_by, "themes": themes}
    relations = {name: values for name, values in given.items() if values is not None}
    with tallies.recounting([ask.pk]):
        ask = model_update(instance=ask, actor=actor, fields=fields, relations=relations)[0]
    if {"text_en", "text_km", "source_title", "place", "sector"} & set(fields) or addressees is not None:
        ask_refresh_search(ask)
    return ask


@transaction.atomic
def ask_delete(*, ask: Ask, actor: Any) -> None:
    # asks merged into this one lose their `merged_into` (SET NULL) and count again
    with tallies.recounting([ask.pk, *ask.merged.values_list("pk", flat=True)]):
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


# --- the tracker: responses, commitments, progress, evidence, assessments, comments, merge ----------

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Accepted evidence files: extension -> (content type, magic bytes at the start of the file).
EVIDENCE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".txt": ("text/plain", ()),
}


def ask_refresh_search(ask: Ask) -> None:
    sector = ask.sector
    ask.search_document = search_document(
        ask.text_en, ask.text_km, ask.source_title, ask.place,
        sector.name_en if sector else "", sector.name_km if sector else "",
        *[f"{o.acronym_en} {o.name_en} {o.name_km}" for o in ask.addressees.all()],
    )  # fmt: skip
    Ask.objects.filter(pk=ask.pk).update(search_document=ask.search_document)


def check_evidence_file(upload: Any) -> str:
    """The content type of an acceptable evidence file, or a ValidationError saying why not."""
    name = str(getattr(upload, "name", "") or "")
    suffix = Path(name).suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        raise ValidationError(
            _("Evidence files must be PDF, Word (.docx), Excel (.xlsx), PNG, JPEG or plain text.")
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("Evidence files may be at most 10 MB."))
    content_type, magics = EVIDENCE_TYPES[suffix]
    head = upload.read(16)
    upload.seek(0)
    if magics and not any(head.startswith(m) for m in magics):
        raise ValidationError(_("This file is not what its name says it is."))
    if suffix == ".txt" and b"\x00" in upload.read(4096):
        upload.seek(0)
        raise ValidationError(_("This file is not what its name says it is."))
    upload.seek(0)
    return content_type


@transaction.atomic
def response_record(*, ask: Ask, addressee: Organisation, position: str, responded_on: Any, actor: Any,
                    explanation_en: str = "", explanation_km: str = "") -> Response:  # fmt: skip
    if not ask.addressees.filter(pk=addressee.pk).exists():
        raise ValidationError(_("Only an addressee of the ask can respond to it."))
    with tallies.recounting([ask.pk]):
        return model_create(
            instance=Response(ask=ask, addressee=addressee, position=position, responded_on=responded_on,
                              explanation_en=explanation_en, explanation_km=explanation_km, recorded_by=actor),
            actor=actor,
        )  # fmt: skip


@transaction.atomic
def commitment_add(*, ask: Ask, actor: Any, **fields: Any) -> Commitment:
    return model_create(instance=Commitment(ask=ask, **fields), actor=actor)


def _rollup(ask: Ask | None) -> None:
    """A parent's progress is the weighted mean of its children's (withdrawn children do not count)."""
    while ask is not None:
        children = list(ask.children.exclude(status=Ask.Status.WITHDRAWN).values_list("progress", "weight"))
        total = sum(w for _p, w in children)
        if total:
            ask.progress = round(sum(p * w for p, w in children) / total)
            Ask.objects.filter(pk=ask.pk).update(progress=ask.progress)
        ask = ask.parent


@transaction.atomic
def progress_report(
    *,
    ask: Ask,
    status: str,
    actor: Any,
    progress: int | None = None,
    organisation: Organisation | None = None,
    commitment: Commitment | None = None,
    note_en: str = "",
    note_km: str = "",
    evidence: Iterable[dict[str, Any]] = (),
) -> ProgressUpdate:
    """Record what happened (the addressee's own report), with its evidence, and move the ask's status
    and progress. Evidence files are checked (type, size, content) before anything is saved."""
    items = list(evidence)
    for item in items:
        if item.get("file"):
            item["content_type"] = check_evidence_file(item["file"])
            item["size"] = item["file"].size
    value = DEFAULT_PROGRESS[Ask.Status(status)] if progress is None else progress
    update = model_create(
        instance=ProgressUpdate(ask=ask, status=status, progress=value, note_en=note_en, note_km=note_km,
                                organisation=organisation, commitment=commitment, reported_by=actor),
        actor=actor,
    )  # fmt: skip
    for item in items:
        model_create(instance=Evidence(progress=update, **item), actor=actor)
    ask_update(ask=ask, actor=actor, status=status, progress=value)
    _rollup(ask.parent)
    return update


@transaction.atomic
def assessment_record(*, ask: Ask, organisation: Organisation, status: str, actor: Any,
                      note_en: str = "", note_km: str = "") -> Assessment:  # fmt: skip
    return model_create(
        instance=Assessment(ask=ask, organisation=organisation, status=status, note_en=note_en,
                            note_km=note_km, assessed_by=actor),
        actor=actor,
    )  # fmt: skip


@transaction.atomic
def comment_post(*, ask: Ask, author: Any, body: str) -> Comment:
    return model_create(instance=Comment(ask=ask, author=author, body=body.strip()), actor=author)


@transaction.atomic
def comment_moderate(*, comment: Comment, publish: bool, reason: str, actor: Any) -> Comment:
    if not reason.strip():
        raise ValidationError({"moderation_reason": _("Say why, so the author and other moderators know.")})
    state = Comment.State.PUBLISHED if publish else Comment.State.REJECTED
    return model_update(
        instance=comment,
        actor=actor,
        fields={"state": state, "moderation_reason": reason.strip(), "moderated_by": actor},
    )[0]


@transaction.atomic
def ask_merge(*, duplicate: Ask, into: Ask, actor: Any) -> Ask:
    """Merge a duplicate into another ask: its responses, commitments, progress, assessments and
    comments move over, its addressees and raisers are added, and it stays, marked as merged."""
    if duplicate.pk == into.pk or into.merged_into_id is not None:
        raise ValidationError(_("Choose another ask that is not itself merged."))
    with tallies.recounting([duplicate.pk, into.pk]):
        for related in (duplicate.responses, duplicate.commitments, duplicate.progress_updates,
                        duplicate.assessments, duplicate.comments):  # fmt: skip
            related.update(ask=into)
        into.addressees.add(*duplicate.addressees.all())
        into.raised_by.add(*duplicate.raised_by.all())
        ask_update(ask=duplicate, actor=actor, merged_into=into)
    audit_record(actor=actor, action="update", target=into, changes={"merged": [None, duplicate.pk]})
    ask_refresh_search(into)
    return into
