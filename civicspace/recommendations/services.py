"""Writes to the tracker. Each runs in a transaction and writes its audit row there."""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from civicspace.core.audit import audit_record, diff, snapshot
from civicspace.core.i18n import local_digits, search_document
from civicspace.core.services import check_fields, model_create, model_delete, model_update
from civicspace.organisations.models import Organisation

from . import tallies
from .acting import Capacity, check_acts_for
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


PARENT_FOLLOWS_CHILDREN = _lazy(
    "This ask is made of smaller asks: its status and progress are worked out from theirs. "
    "Report progress on each of its parts instead."
)


def check_raisers(
    *, meeting: Any, raised_by: Iterable[Organisation], addressees: Iterable[Organisation]
) -> None:
    """Who raised an ask is not who it is addressed to, and an ask raised in a meeting was raised by
    one of the organisations that took part in it (its participants and conveners)."""
    raisers = {o.pk: o for o in raised_by}
    both = [o for o in addressees if o.pk in raisers]
    if both:
        raise ValidationError(
            {"raised_by": _("%(names)s cannot raise an ask addressed to itself.")
                % {"names": ", ".join(o.acronym or o.name for o in both)}},
            code="raised_by_addressee",
        )  # fmt: skip
    if meeting is None or not raisers:
        return
    present = set(meeting.participants.exclude(organisation=None).values_list("organisation_id", flat=True))
    present |= set(meeting.conveners.values_list("pk", flat=True))
    absent = [o for pk, o in raisers.items() if pk not in present]
    if absent:
        raise ValidationError(
            {"raised_by": _("%(names)s did not take part in this meeting: add it to the participants first.")
                % {"names": ", ".join(o.acronym or o.name for o in absent)}},
            code="raiser_absent",
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
    raised_by, addressees = list(raised_by), list(addressees)
    check_raisers(meeting=ask.meeting, raised_by=raised_by, addressees=addressees)
    with tallies.recounting() as recount:
        ask.save()
        recount.created(ask.pk)
        ask.raised_by.set(raised_by)
        ask.addressees.set(addressees)
        ask.themes.set(list(themes))
    ask_refresh_search(ask)
    audit_record(actor=actor, action="create", target=ask, changes=diff({}, snapshot(ask)))
    _rollup(ask.parent, actor=actor)  # a new part changes its parent's progress and status
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
    relations: dict[str, Iterable[Any]] = {name: list(v) for name, v in given.items() if v is not None}
    if addressees is not None or raised_by is not None or "meeting" in fields:
        check_raisers(
            meeting=fields.get("meeting", ask.meeting),
            raised_by=relations.get("raised_by", ask.raised_by.all()),
            addressees=relations.get("addressees", ask.addressees.all()),
        )
    changes_status = any(
        fields.get(name, getattr(ask, name)) != getattr(ask, name) for name in ("status", "progress")
    )
    if changes_status and ask.children.exists():
        raise ValidationError(PARENT_FOLLOWS_CHILDREN, code="parent_follows_children")
    old_parent = ask.parent
    with tallies.recounting([ask.pk]):
        ask = model_update(instance=ask, actor=actor, fields=fields, relations=relations)[0]
    if {"parent", "weight", "status", "progress"} & set(fields):
        for parent in {old_parent, ask.parent} - {None}:
            _rollup(parent, actor=actor)
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
    check_acts_for(
        actor=actor, ask=ask, organisation=addressee, capacity=Capacity.ADDRESSEE, field="addressee"
    )
    with tallies.recounting([ask.pk]):
        return model_create(
            instance=Response(ask=ask, addressee=addressee, position=position, responded_on=responded_on,
                              explanation_en=explanation_en, explanation_km=explanation_km, recorded_by=actor),
            actor=actor,
        )  # fmt: skip


@transaction.atomic
def commitment_add(
    *, ask: Ask, actor: Any, organisation: Organisation | None = None, **fields: Any
) -> Commitment:
    """An addressee's commitment, in the name of an organisation its author represents."""
    check_acts_for(actor=actor, ask=ask, organisation=organisation, capacity=Capacity.ADDRESSEE)
    return model_create(instance=Commitment(ask=ask, organisation=organisation, **fields), actor=actor)


def rolled_up_status(statuses: list[str]) -> str:
    """A parent's status, from its (not withdrawn) parts': theirs when they all agree; partly implemented
    once one part is implemented or partly so; in progress once one part has started; else not started."""
    if len(set(statuses)) == 1:
        return statuses[0]
    if {Ask.Status.IMPLEMENTED, Ask.Status.PARTIAL} & set(statuses):
        return Ask.Status.PARTIAL
    if Ask.Status.IN_PROGRESS in statuses:
        return Ask.Status.IN_PROGRESS
    return Ask.Status.NOT_STARTED


def _rollup(ask: Ask | None, *, actor: Any) -> None:
    """A parent's progress is the weighted mean of its parts' (withdrawn parts do not count), and its
    status follows theirs (`rolled_up_status`); up to the top of the tree, each change audited."""
    while ask is not None:
        children = list(
            ask.children.exclude(status=Ask.Status.WITHDRAWN).values_list("progress", "weight", "status")
        )
        total = sum(w for _p, w, _s in children)
        if total:
            progress = round(sum(p * w for p, w, _s in children) / total)
            status = rolled_up_status([s for _p, _w, s in children])
            if (progress, status) != (ask.progress, ask.status):
                with tallies.recounting([ask.pk]):
                    ask = model_update(
                        instance=ask, actor=actor, fields={"progress": progress, "status": status}
                    )[0]
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
    reported_on: Any = None,
    note_en: str = "",
    note_km: str = "",
    evidence: Iterable[dict[str, Any]] = (),
) -> ProgressUpdate:
    """Record what happened (the addressee's own report), with its evidence. The ask's status and progress
    are those of its latest report by date (a report on 2022 entered after one on 2023 changes the history,
    not today's status). Evidence files are checked (type, size, content) before anything is saved.
    An ask made of parts takes no report of its own: its status and progress follow theirs."""
    if ask.children.exists():
        raise ValidationError(PARENT_FOLLOWS_CHILDREN, code="parent_follows_children")
    check_acts_for(actor=actor, ask=ask, organisation=organisation, capacity=Capacity.ADDRESSEE)
    if commitment is not None and commitment.ask_id != ask.pk:
        raise ValidationError({"commitment": _("This commitment belongs to another ask.")})
    items = list(evidence)
    for item in items:
        if item.get("file"):
            item["content_type"] = check_evidence_file(item["file"])
            item["size"] = item["file"].size
    value = DEFAULT_PROGRESS[Ask.Status(status)] if progress is None else progress
    update = model_create(
        instance=ProgressUpdate(ask=ask, status=status, progress=value, note_en=note_en, note_km=note_km,
                                organisation=organisation, commitment=commitment, reported_by=actor,
                                reported_on=reported_on or timezone.localdate()),
        actor=actor,
    )  # fmt: skip
    for item in items:
        model_create(instance=Evidence(progress=update, **item), actor=actor)
    latest = ask.progress_updates.order_by("-reported_on", "-created_at", "-id").first()
    assert latest is not None  # the one just saved, at least
    ask_update(ask=ask, actor=actor, status=latest.status, progress=latest.progress)  # and the parents'
    return update


@transaction.atomic
def assessment_record(*, ask: Ask, organisation: Organisation, status: str, actor: Any,
                      note_en: str = "", note_km: str = "", assessed_on: Any = None) -> Assessment:  # fmt: skip
    check_acts_for(actor=actor, ask=ask, organisation=organisation, capacity=Capacity.CIVIL_SOCIETY)
    return model_create(
        instance=Assessment(ask=ask, organisation=organisation, status=status, note_en=note_en,
                            note_km=note_km, assessed_by=actor, assessed_on=assessed_on or timezone.localdate()),
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
    comments move over, its addressees and raisers are added, and it stays, marked as merged (with the
    time, so both asks' histories show the merge)."""
    if duplicate.pk == into.pk:
        raise ValidationError({"into": _("An ask cannot be merged into itself: give the number of the other ask.")},
                              code="merge_into_itself")  # fmt: skip
    if duplicate.merged_into_id is not None:
        raise ValidationError(_("This ask was already merged."), code="already_merged")
    if into.merged_into_id is not None:
        raise ValidationError(
            {"into": _("Ask %(n)s was itself merged into ask %(m)s: merge into that one.")
                % {"n": local_digits(into.pk), "m": local_digits(into.merged_into_id)}},
            code="merge_into_merged",
        )  # fmt: skip
    with tallies.recounting([duplicate.pk, into.pk]):
        for related in (duplicate.responses, duplicate.commitments, duplicate.progress_updates,
                        duplicate.assessments, duplicate.comments):  # fmt: skip
            related.update(ask=into)
        into.addressees.add(*duplicate.addressees.all())
        into.raised_by.add(*duplicate.raised_by.all().exclude(pk__in=into.addressees.all()))
        ask_update(ask=duplicate, actor=actor, merged_into=into)
        Ask.objects.filter(pk=duplicate.pk).update(merged_at=timezone.now())
    audit_record(actor=actor, action="update", target=into, changes={"merged": [None, duplicate.pk]})
    ask_refresh_search(into)
    return into
