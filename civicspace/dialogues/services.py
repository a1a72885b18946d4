"""Writes to dialogues. Each runs in a transaction and writes its audit row there.

The outcome workflow: the secretariat composes a draft version (a frozen JSON picture of the
structured meeting plus the free-text sections); every co-chair signs it off; once all have signed,
with at least one on each side, the version is adopted and can never change again."""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

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
    RESERVED_SLUGS,
    CoChair,
    DialogueCycle,
    Meeting,
    OutcomeRendition,
    OutcomeSection,
    OutcomeVersion,
    Participant,
    SectorSession,
    SignOff,
)

PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")
MEETING_FIELDS = (
    "cycle", "previous", "title_en", "title_km", "starts_at", "ends_at", "mode", "venue_en", "venue_km",
    "link", "response_days", "summary_en", "summary_km", "imported_from",
)  # fmt: skip
CYCLE_FIELDS = ("title_en", "title_km", "description_en", "description_km")
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


def _unique_slug(model: type[Meeting] | type[DialogueCycle], root: str, max_length: int) -> str:
    root = root[: max_length - 4].strip("-")
    slug, n = root, 2
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        slug, n = f"{root}-{n}", n + 1
    return slug


def meeting_slug(*, title_en: str, starts_at: dt.datetime | None, cycle: DialogueCycle | None) -> str:
    """A new meeting's short name in addresses: its English title, slugified; for a title without Latin
    letters (Khmer only), its cycle's short name and year (`cso-un-dialogue-2021`), or `meeting-` and its
    date without a cycle (`meeting-2021-06-02`); a number is added when the name is taken.

    Addresses stay ASCII on purpose, rather than keeping the Khmer title (slugify(allow_unicode=True)):
    that would drop every dependent vowel and subscript sign (Unicode categories Mn/Mc are not word
    characters to `re`), so កិច្ចប្រជុំ would become the unreadable កចចបរជ; Django's `slug` path converter
    and SlugField accept ASCII only; and a Khmer address is percent-encoded to nine characters a letter
    (a 37-letter title became a 325-character link), which breaks when pasted into messages and
    documents. The date is in Phnom Penh time, the meeting's own."""
    root = slugify(title_en)
    if not root and starts_at is not None:
        day = timezone.localtime(starts_at, PHNOM_PENH).date()
        root = f"{cycle.slug}-{day.year}" if cycle is not None else f"meeting-{day.isoformat()}"
    return _unique_slug(Meeting, root or "meeting", Meeting._meta.get_field("slug").max_length or 100)


def _ensure_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.OUTCOME_ADOPTED:
        raise ValidationError(_("The outcome of this meeting is adopted; the meeting can no longer change."))


def _ensure_cycle_accepts(cycle: DialogueCycle | None, *, leaving: DialogueCycle | None = None) -> None:
    """A meeting may join (or leave) only an open cycle: a closed cycle's meetings are final. The cycles are
    locked until the transaction ends, so a cycle closed at the same moment cannot gain a meeting."""
    for each, message in (
        (cycle, _("The dialogue cycle “%(cycle)s” is closed: it accepts no new meetings.")),
        (leaving, _("The dialogue cycle “%(cycle)s” is closed: its meetings cannot move to another cycle.")),
    ):
        if each is not None and not DialogueCycle.objects.select_for_update().get(pk=each.pk).is_open:
            raise ValidationError({"cycle": message % {"cycle": each}})


def cycle_slug(*, title_en: str) -> str:
    """A new cycle's short name: its English title, slugified (ASCII, as for meetings: see meeting_slug);
    for a title without Latin letters, `dialogue-cycle-` and this year."""
    root = slugify(title_en) or f"dialogue-cycle-{timezone.localdate(timezone=PHNOM_PENH).year}"
    return _unique_slug(DialogueCycle, root, DialogueCycle._meta.get_field("slug").max_length or 80)


@transaction.atomic
def cycle_create(*, actor: Any, slug: str = "", **fields: Any) -> DialogueCycle:
    """A new, open cycle. `slug` may be chosen; by default it is made from the English title. It never
    changes afterwards: links to the cycle keep working."""
    check_fields(fields, CYCLE_FIELDS, "cycle")
    cycle = DialogueCycle(**fields)
    cycle.slug = slug or cycle_slug(title_en=cycle.title_en)
    return model_create(instance=cycle, actor=actor)


@transaction.atomic
def cycle_update(*, cycle: DialogueCycle, actor: Any, **fields: Any) -> DialogueCycle:
    check_fields(fields, CYCLE_FIELDS, "cycle")
    cycle = DialogueCycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.is_open:
        raise ValidationError(_("This dialogue cycle is closed; it can no longer change."))
    return model_update(instance=cycle, actor=actor, fields=fields)[0]


@transaction.atomic
def cycle_close(*, cycle: DialogueCycle, actor: Any) -> DialogueCycle:
    """Close the cycle: from now on it accepts no new meetings, and it can no longer be edited."""
    cycle = DialogueCycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.is_open:
        raise ValidationError(_("This dialogue cycle is already closed."))
    return model_update(instance=cycle, actor=actor, fields={"closed_at": timezone.now()})[0]


@transaction.atomic
def meeting_create(
    *, actor: Any, conveners: Iterable[Organisation] = (), slug: str | None = None, **fields: Any
) -> Meeting:
    check_fields(fields, MEETING_FIELDS, "meeting")
    _ensure_cycle_accepts(fields.get("cycle"))
    meeting = Meeting(**fields)
    meeting.slug = slug or meeting_slug(
        title_en=meeting.title_en, starts_at=meeting.starts_at, cycle=meeting.cycle
    )
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
    if "cycle" in fields and fields["cycle"] != meeting.cycle:
        _ensure_cycle_accepts(fields["cycle"], leaving=meeting.cycle)
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
    (shown with their current status on the meeting page; they can be raised again from there). It joins
    the previous meeting's cycle (as saved now) unless given another one."""
    previous = Meeting.objects.select_related("cycle").get(pk=previous.pk)
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
