"""Save a (reviewed) extraction as a meeting with its sessions, participants and asks, in one
transaction: if anything fails, nothing is saved."""

import datetime as dt
import zoneinfo
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from civicspace.core.i18n import contains_khmer
from civicspace.organisations import services as organisation_services
from civicspace.organisations.models import Organisation, Sector

from .. import services
from ..asks import NewAsk, meeting_asks
from ..models import Meeting, Participant, SectorSession
from .extraction import Extraction, FoundOrganisation
from .sector_match import match_sector

PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")


def _organisation(found: FoundOrganisation, actor: Any) -> Organisation:
    if found.match:
        existing = Organisation.objects.filter(slug=found.match.slug).first()
        if existing:
            return existing
    kind = found.kind if found.kind in Organisation.Kind.values else Organisation.Kind.OTHER
    fields: dict[str, Any] = {"kind": kind}
    fields["name_km" if contains_khmer(found.name) else "name_en"] = found.name[:200]
    if found.acronym:
        fields["acronym_km" if contains_khmer(found.acronym) else "acronym_en"] = found.acronym[:32]
    return organisation_services.organisation_create(actor=actor, **fields)


class _Addressees:
    """Turns the addressee labels of asks ("UNICEF", "UN", "Government", a name) into organisations."""

    def __init__(self, organisations: list[tuple[FoundOrganisation, Organisation]]) -> None:
        self.labels: dict[str, Organisation] = {}
        for found, org in organisations:
            for key in (found.acronym, found.name, org.acronym_en, org.acronym_km, org.name_en, org.name_km):
                if key:
                    self.labels.setdefault(key.casefold(), org)
            if org.kind == Organisation.Kind.GOVERNMENT and (
                found.acronym == "RGC" or "royal government" in found.name.lower()
            ):
                self.labels.setdefault("government", org)
            if found.acronym == "UN" and org.kind == Organisation.Kind.UN_AGENCY:
                self.labels.setdefault("un", org)
        self.missing: list[str] = []

    def resolve(self, labels: list[str]) -> list[Organisation]:
        orgs: list[Organisation] = []
        for label in labels:
            label = label.strip()
            if not label:
                continue
            org = self.labels.get(label.casefold())
            if org is None:
                org = Organisation.objects.filter(
                    Q(acronym_en__iexact=label)
                    | Q(name_en__iexact=label)
                    | Q(acronym_km=label)
                    | Q(name_km=label)
                ).first()
                if org is not None:
                    self.labels[label.casefold()] = org
            if org is None:
                if label not in self.missing:
                    self.missing.append(label)
            elif org not in orgs:
                orgs.append(org)
        return orgs


def _by_language(text: str, other: str, limit: int) -> tuple[str, str]:
    """(English, Khmer) from a text and its translation in the other language, if any."""
    text, other = text.strip()[:limit], other.strip()[:limit]
    if contains_khmer(text):
        return ("" if contains_khmer(other) else other), text
    return text, (other if contains_khmer(other) else "")


@transaction.atomic
def save_extraction(extraction: Extraction, *, actor: Any) -> Meeting:
    """Create the meeting, its sessions, participants, new organisations and asks. Warnings (no date,
    addressees not found) are appended to `extraction.warnings`."""
    day = extraction.date
    if day is None:
        day = timezone.localdate()
        extraction.warnings.append(_("The document has no date; the meeting was dated today. Correct it."))
    heading = extraction.title.strip() or _("outcome document")
    place = (extraction.place or "").strip()
    # The title is the document's, as the person reviewed it; that the meeting was imported is
    # recorded in `imported_from` (shown as a badge), never in the title.
    meeting = services.meeting_create(
        actor=actor,
        title_en="" if contains_khmer(heading) else heading[:250],
        title_km=heading[:250] if contains_khmer(heading) else "",
        imported_from=(extraction.source.strip() or _("an outcome document"))[:255],
        starts_at=dt.datetime.combine(day, dt.time(9, 0), tzinfo=PHNOM_PENH),
        ends_at=dt.datetime.combine(day, dt.time(12, 0), tzinfo=PHNOM_PENH),
        venue_en="" if contains_khmer(place) else place[:250],
        venue_km=place[:250] if contains_khmer(place) else "",
        mode=Meeting.Mode.VIRTUAL if extraction.virtual else Meeting.Mode.IN_PERSON,
    )

    saved: list[tuple[FoundOrganisation, Organisation]] = []
    participants: set[int] = set()
    for found in extraction.organisations:
        org = _organisation(found, actor)
        saved.append((found, org))
        if found.participant and org.pk not in participants:
            participants.add(org.pk)
            services.participant_add(
                meeting=meeting, actor=actor, organisation=org, status=Participant.Status.ATTENDED
            )

    taxonomy = list(Sector.objects.all())
    by_slug = {s.slug: s for s in taxonomy}
    sessions: dict[int, SectorSession] = {}
    for order, found_sector in enumerate(extraction.sectors, start=1):
        titles = _by_language(found_sector.title, found_sector.title_other, 250)
        sector = by_slug.get(found_sector.sector or "") or match_sector(
            found_sector.title, taxonomy, found_sector.label
        )
        session = services.session_create(
            meeting=meeting, actor=actor, order=order, title_en=titles[0], title_km=titles[1], sector=sector
        )
        if found_sector.number is not None:
            sessions.setdefault(found_sector.number, session)

    addressees = _Addressees(saved)
    asks = meeting_asks()
    for order, ask in enumerate(extraction.asks, start=1):
        text = " ".join(ask.text.split())
        if not text:
            continue
        in_session = sessions.get(ask.sector) if ask.sector is not None else None
        text_en, text_km = _by_language(text, " ".join(ask.translation.split()), 5000)
        new = NewAsk(meeting=meeting, session=in_session, text_en=text_en, text_km=text_km,
                     addressees=tuple(addressees.resolve(ask.addressees)), order=None if in_session else order)  # fmt: skip
        asks.record(actor=actor, ask=new)
    if addressees.missing:
        extraction.warnings.append(
            _("These addressees are not in the directory and were left out: %(names)s")
            % {"names": ", ".join(addressees.missing)}
        )
    # An outcome document records a meeting that took place: the secretariat can now draft its outcome.
    return services.meeting_set_status(meeting=meeting, status=Meeting.Status.HELD, actor=actor)
