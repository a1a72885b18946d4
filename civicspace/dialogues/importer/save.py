"""Save a (reviewed) extraction as a meeting with its sessions, participants and asks, in one
transaction: if anything fails, nothing is saved."""

import datetime as dt
import re
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

PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
_STOP_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "with"}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP_WORDS and len(w) > 2}


def match_sector(title: str, sectors: list[Sector]) -> Sector | None:
    """The taxonomy sector a session title is about: at least half of the sector's name words (by
    their first five letters) appear in the title; for Khmer, the sector's Khmer name appears in it."""
    if contains_khmer(title):
        for sector in sorted(sectors, key=lambda s: -len(s.name_km)):
            if sector.name_km and sector.name_km in title:
                return sector
    words = _stems(title)
    best: Sector | None = None
    best_score = (0, 0.0)
    for sector in sectors:
        name = _stems(sector.name_en)
        common = len(words & name)
        if not name or not common:
            continue
        score = (common, common / len(name))
        if score[1] >= 0.5 and score > best_score:
            best, best_score = sector, score
    return best


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
    meeting = services.meeting_create(
        actor=actor,
        title_en=f"Imported: {heading}"[:250],
        title_km=heading[:250] if contains_khmer(heading) else "",
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
    sessions: dict[int, SectorSession] = {}
    for order, found_sector in enumerate(extraction.sectors, start=1):
        title = found_sector.title.strip()[:250]
        session = services.session_create(
            meeting=meeting,
            actor=actor,
            order=order,
            title_en="" if contains_khmer(title) else title,
            title_km=title if contains_khmer(title) else "",
            sector=match_sector(title, taxonomy),
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
        khmer = contains_khmer(text)
        new = NewAsk(meeting=meeting, session=in_session, text_en="" if khmer else text, text_km=text if khmer else "",
                     addressees=tuple(addressees.resolve(ask.addressees)), order=None if in_session else order)  # fmt: skip
        asks.record(actor=actor, ask=new)
    if addressees.missing:
        extraction.warnings.append(
            _("These addressees are not in the directory and were left out: %(names)s")
            % {"names": ", ".join(addressees.missing)}
        )
    # An outcome document records a meeting that took place: the secretariat can now draft its outcome.
    return services.meeting_set_status(meeting=meeting, status=Meeting.Status.HELD, actor=actor)
