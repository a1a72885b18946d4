"""Compose the outcome document of a meeting as plain JSON: the structured meeting (participants,
sector sessions, asks, closing commitments) plus the free-text sections, in both languages.

A version stores this JSON, so rendering (HTML, PDF, DOCX) never reads the live meeting again."""

from collections import Counter
from typing import Any

from .asks import meeting_asks
from .models import Meeting, Participant


def _org(org: Any) -> dict[str, str]:
    return {
        "slug": org.slug, "kind": org.kind, "name_en": org.name_en, "name_km": org.name_km,
        "acronym_en": org.acronym_en, "acronym_km": org.acronym_km,
    }  # fmt: skip


def attendance(meeting: Meeting) -> dict[str, dict[str, int]]:
    """Who attended, counted by organisation kind (organisations) and by gender (people)."""
    attended = [p for p in meeting.participants.all() if p.status == Participant.Status.ATTENDED]
    organisations = {p.organisation for p in attended if p.organisation is not None}
    by_kind = Counter(org.kind for org in organisations)  # each organisation once, however many came
    by_gender = Counter(p.gender for p in attended if p.name)  # people named individually
    return {"by_kind": dict(sorted(by_kind.items())), "by_gender": dict(sorted(by_gender.items()))}


def compose_outcome(meeting: Meeting, *, version: int) -> dict[str, Any]:
    meeting = (
        Meeting.objects.select_related("cycle")
        .prefetch_related(
            "conveners",
            "co_chairs__user",
            "co_chairs__organisation",
            "participants__organisation",
            "outcome_sections",
            "sessions__sector",
        )
        .get(pk=meeting.pk)
    )
    organisations = {
        p.organisation.pk: p.organisation for p in meeting.participants.all() if p.organisation is not None
    }
    asks = meeting_asks().by_session(s.pk for s in meeting.sessions.all())
    return {
        "schema": "civicspace.outcome/1",
        "version": version,
        "meeting": {
            "slug": meeting.slug,
            "title_en": meeting.title_en,
            "title_km": meeting.title_km,
            "cycle_en": meeting.cycle.title_en if meeting.cycle else "",
            "cycle_km": meeting.cycle.title_km if meeting.cycle else "",
            "starts_at": meeting.starts_at.isoformat(),
            "ends_at": meeting.ends_at.isoformat(),
            "mode": meeting.mode,
            "venue_en": meeting.venue_en,
            "venue_km": meeting.venue_km,
            "summary_en": meeting.summary_en,
            "summary_km": meeting.summary_km,
        },
        "conveners": [_org(o) for o in meeting.conveners.all()],
        "co_chairs": [
            {"name": c.user.get_full_name(), "organisation": _org(c.organisation), "side": c.side}
            for c in meeting.co_chairs.all()
        ],
        "participants": [_org(o) for o in sorted(organisations.values(), key=lambda o: (o.kind, o.name_en))],
        "attendance": attendance(meeting),
        "sessions": [
            {
                "order": s.order,
                "sector": s.sector.slug if s.sector else None,
                "sector_en": s.sector.name_en if s.sector else "",
                "sector_km": s.sector.name_km if s.sector else "",
                "title_en": s.title_en,
                "title_km": s.title_km,
                "moderator": s.moderator,
                "concerns_en": s.concerns_en,
                "concerns_km": s.concerns_km,
                "notes_en": s.notes_en,
                "notes_km": s.notes_km,
                "asks": [
                    {
                        "text_en": a.text_en,
                        "text_km": a.text_km,
                        "addressees": [o.acronym_en or o.name_en for o in a.addressees],
                    }
                    for a in asks.get(s.pk, [])
                ],
            }
            for s in meeting.sessions.all()
        ],
        "sections": [
            {
                "heading_en": x.heading_en,
                "heading_km": x.heading_km,
                "body_en": x.body_en,
                "body_km": x.body_km,
                "is_closing": x.is_closing,
            }
            for x in meeting.outcome_sections.all()
        ],
    }
