"""From an uploaded file's text to the extraction a person reviews (web and command alike), and the
meetings it probably duplicates."""

import datetime as dt
import difflib
import os
import zoneinfo
from dataclasses import dataclass

from civicspace.organisations.models import Sector

from ..models import Meeting
from .directory import OrganisationDirectory
from .extract import ExtractedText
from .extraction import Extraction
from .parse import parse_outcome
from .sector_match import assign_sectors

PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
# Titles at least this similar (difflib ratio, case-insensitive) on the same day: the same meeting.
SIMILAR_TITLE = 0.8
# Participants: at least this share of the smaller of the two lists in common, on the same day.
SHARED_PARTICIPANTS = 0.5


def read_extraction(extracted: ExtractedText, filename: str) -> Extraction:
    """Parse the text against the directory, match the sessions to directory sectors, and keep the
    file's name and the extraction warnings."""
    extraction = parse_outcome(extracted.text, OrganisationDirectory.from_database())
    assign_sectors(extraction, Sector.objects.all())
    extraction.warnings[:0] = extracted.warnings
    extraction.source = os.path.basename(filename or "")[:255]
    return extraction


@dataclass
class ProbableDuplicate:
    meeting: Meeting
    shared_participants: int
    similar_title: bool


def probable_duplicates(extraction: Extraction) -> list[ProbableDuplicate]:
    """Meetings on the same day as the document with the same participants (half of the smaller
    list or more) or a very similar title. Reported at review; the person decides."""
    if extraction.date is None:
        return []
    start = dt.datetime.combine(extraction.date, dt.time.min, tzinfo=PHNOM_PENH)
    meetings = (
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
        .prefetch_related("participants__organisation")
        .order_by("starts_at")
    )
    slugs = {o.match.slug for o in extraction.organisations if o.match and o.participant}
    title = " ".join(extraction.title.split()).casefold()
    found: list[ProbableDuplicate] = []
    for meeting in meetings:
        theirs = {p.organisation.slug for p in meeting.participants.all() if p.organisation is not None}
        shared = len(slugs & theirs)
        enough = bool(slugs and theirs) and shared >= SHARED_PARTICIPANTS * min(len(slugs), len(theirs))
        similar = bool(title) and any(
            difflib.SequenceMatcher(None, title, " ".join(t.split()).casefold()).ratio() >= SIMILAR_TITLE
            for t in (meeting.title_en, meeting.title_km)
            if t
        )
        if enough or similar:
            found.append(
                ProbableDuplicate(meeting=meeting, shared_participants=shared, similar_title=similar)
            )
    return found
