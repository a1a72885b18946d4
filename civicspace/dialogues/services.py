"""Writes to dialogues. Each runs in a transaction and writes its audit row there.

The outcome workflow: the secretariat composes a draft version (a frozen JSON picture of the
structured meeting plus the free-text sections); every co-chair signs it off; once all have signed,
with at least one on each side, the version is adopted and can never change again."""

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civicspace.core.audit import audit_record, diff, snapshot
from civicspace.core.services import check_fields, model_create, model_delete, model_update
from civicspace.organisations.models import Organisation

from .compose import compose_outcome
from .models import (
    CoChair,
    Meeting,
    OutcomeRendition,
    OutcomeSection,
    OutcomeVersion,
    Participant,
    SectorSession,
    SignOff,
)

MEETING_FIELDS = (
    "cycle", "previous", "title_en", "title_km", "starts_at", "ends_at", "mode", "venue_en", "venue_km",
    "link", "response_days", "summary_en", "summary_km", "imported_from",
)  # fmt: skip
SESSION_FIELDS = (
    "sector", "order", "title_en", "title_km", "moderator", "rapporteur", "concerns_en", "concerns_km",
    "notes_en", "notes_km", "is_review",
)  # fmt: skip
ALLOWED_STATUS_CHANGES = {
    Meeting.Status.PLANNED: {Meeting.Status.HELD},
    Meeting.Status.HELD: {Meeting.Status.PLANNED, Meeting.Status.OUTCOME_DRAFTED},
    Meeting.Status.OUTCOME_DRAFTED: {Meeting.Status.OUTCOME_ADOPTED},
    Meeting.Status.OUTCOME_ADOPTED: set(),
}


def _unique_slug(base: str) -> str:
    root = slugify(base)[:90] or "meeting"
    slug, n = root, 2
    while Meeting.objects.filter(slug=slug).exists():
        slug, n = f"{root}-{n}", n + 1
    return slug


def _ensure_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.OUTCOME_ADOPTED:
        raise ValidationError(_("The outcome of this meeting is adopted; the meeting can no longer change."))


@transaction.atomic
def meeting_create(
    *, actor: Any, conveners: Iterable[Organisation] = (), slug: str | None = None, **fields: Any
) -> Meeting:
    check_fields(fields, MEETING_FIELDS, "meeting")
    meeting = Meeting(**fields)
    meeting.slug = slug or _unique_slug(f"{fields.get('title_en') or 'meeting'}")
    meeting.full_clean()
    meeting.save()
    meeting.conveners.set(list(conveners))
    audit_record(actor=actor, action="create", target=meeting, changes=diff({}, snapshot(meeting)))
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, actor: Any, conveners: Iterable[Organisation] | None = None, **fields: Any
) -> Meeting:
    check_fields(fields, MEETING_FIELDS, "meeting")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _ensure_open(meeting)
    relations = {"conveners": conveners} if conveners is not None else None
    return model_update(instance=meeting, actor=actor, fields=fields, relations=relations)[0]


@transaction.atomic
def meeting_set_status(*, meeting: Meeting, status: str, actor: Any) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if status not in ALLOWED_STATUS_CHANGES[Meeting.Status(meeting.status)]:
        raise ValidationError(
            _("A meeting cannot go from “%(old)s” to “%(new)s”.")
            % {"old": meeting.get_status_display(), "new": Meeting.Status(status).label}
        )
    old = meeting.status
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="update", target=meeting, changes={"status": [old, status]})
    return meeting


@transaction.atomic
def meeting_create_next(
    *, previous: Meeting, actor: Any, conveners: Iterable[Organisation] | None = None, **fields: Any
) -> Meeting:
    """The next meeting of a cycle, opening with a session that reviews the previous meeting's asks
    (shown with their current status on the meeting page; they can be raised again from there)."""
    fields.setdefault("cycle", previous.cycle)
    conveners = previous.conveners.all() if conveners is None else conveners
    meeting = meeting_create(actor=actor, previous=previous, conveners=conveners, **fields)
    session_create(
        meeting=meeting,
        actor=actor,
        order=1,
        is_review=True,
        title_en="Review of last year's asks",
        title_km="ការពិនិត្យឡើងវិញនូវសំណើឆ្នាំមុន",
    )
    return meeting


@transaction.atomic
def session_create(*, meeting: Meeting, actor: Any, **fields: Any) -> SectorSession:
    check_fields(fields, SESSION_FIELDS, "session")
    _ensure_open(meeting)
    fields.setdefault(
        "order", (meeting.sessions.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    )
    return model_create(instance=SectorSession(meeting=meeting, **fields), actor=actor)


@transaction.atomic
def session_update(*, session: SectorSession, actor: Any, **fields: Any) -> SectorSession:
    check_fields(fields, SESSION_FIELDS, "session")
    _ensure_open(session.meeting)
    return model_update(instance=session, actor=actor, fields=fields)[0]


@transaction.atomic
def participant_add(*, meeting: Meeting, actor: Any, **fields: Any) -> Participant:
    _ensure_open(meeting)
    return model_create(instance=Participant(meeting=meeting, **fields), actor=actor)


@transaction.atomic
def participant_remove(*, participant: Participant, actor: Any) -> None:
    _ensure_open(participant.meeting)
    model_delete(instance=participant, actor=actor)


@transaction.atomic
def co_chair_add(
    *, meeting: Meeting, user: Any, organisation: Organisation, side: str, actor: Any
) -> CoChair:
    _ensure_open(meeting)
    return model_create(
        instance=CoChair(meeting=meeting, user=user, organisation=organisation, side=side), actor=actor
    )


@transaction.atomic
def outcome_section_save(
    *, meeting: Meeting, actor: Any, section: OutcomeSection | None = None, **fields: Any
) -> OutcomeSection:
    _ensure_open(meeting)
    if section is None:
        return model_create(instance=OutcomeSection(meeting=meeting, **fields), actor=actor)
    return model_update(instance=section, actor=actor, fields=fields)[0]


def content_digest(content: dict[str, Any]) -> str:
    """SHA-256 of the content's canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@transaction.atomic
def outcome_version_create(*, meeting: Meeting, actor: Any) -> OutcomeVersion:
    """Freeze the meeting as it is now into a new draft version, to be signed off by the co-chairs."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _ensure_open(meeting)
    if meeting.status == Meeting.Status.PLANNED:
        raise ValidationError(_("Mark the meeting as held before drafting its outcome."))
    last = meeting.outcome_versions.order_by("-number").first()
    number = (last.number if last else 0) + 1
    content = compose_outcome(meeting, version=number)
    meeting.outcome_versions.filter(status=OutcomeVersion.Status.DRAFT).update(
        status=OutcomeVersion.Status.SUPERSEDED
    )
    version = OutcomeVersion.objects.create(
        meeting=meeting, number=number, content=content, sha256=content_digest(content), created_by=actor
    )
    if meeting.status == Meeting.Status.HELD:
        meeting.status = Meeting.Status.OUTCOME_DRAFTED
        meeting.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="create", target=version, changes={"sha256": [None, version.sha256]})
    return version


FROZEN = frozenset({OutcomeVersion.Status.ADOPTED, OutcomeVersion.Status.SUPERSEDED})


def outcome_rendition_store(*, version: OutcomeVersion, lang: str, fmt: str, body: bytes) -> None:
    """Keep the document rendered for a frozen (adopted or superseded) version, so that it is never rendered
    again (ADR 0020). Derived from the audited version, like a tally, so it writes no audit row; a
    concurrent request that stored it first wins."""
    if version.status not in FROZEN:
        raise ValueError("only an adopted or superseded version's document is stored")
    try:
        with transaction.atomic():
            OutcomeRendition.objects.create(
                version=version, status=version.status, lang=lang, format=fmt, body=body
            )
    except IntegrityError:
        pass  # stored by a concurrent request


def _adoptable(version: OutcomeVersion) -> bool:
    co_chairs = list(version.meeting.co_chairs.all())
    signed = set(version.sign_offs.values_list("co_chair_id", flat=True))
    sides = {c.side for c in co_chairs}
    return (
        bool(co_chairs)
        and sides >= {CoChair.Side.CSO, CoChair.Side.UN}
        and all(c.pk in signed for c in co_chairs)
    )


@transaction.atomic
def outcome_sign(*, version: OutcomeVersion, user: Any) -> SignOff:
    """A co-chair signs the draft. When every co-chair has signed (both sides present), it is adopted."""
    version = OutcomeVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != OutcomeVersion.Status.DRAFT:
        raise ValidationError(_("Only the current draft can be signed."))
    co_chair = version.meeting.co_chairs.filter(user=user).first()
    if co_chair is None:
        raise ValidationError(_("Only the meeting's co-chairs sign its outcome document."))
    if version.sign_offs.filter(co_chair=co_chair).exists():
        raise ValidationError(_("You have already signed this version."))
    sign_off = SignOff.objects.create(version=version, co_chair=co_chair)
    audit_record(actor=user, action="create", target=sign_off, changes={"version": [None, version.number]})
    if _adoptable(version):
        version.status = OutcomeVersion.Status.ADOPTED
        version.adopted_at = timezone.now()
        version.save(update_fields=["status", "adopted_at"])
        meeting = version.meeting
        meeting.status = Meeting.Status.OUTCOME_ADOPTED
        meeting.save(update_fields=["status", "updated_at"])
        audit_record(actor=user, action="update", target=version, changes={"status": ["draft", "adopted"]})
    return sign_off
