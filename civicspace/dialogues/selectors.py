"""Reads of dialogues."""

from dataclasses import dataclass

from django.db.models import Count, F, Max, Min, Prefetch, QuerySet

from .asks import AskSummary, CarriedAsk, meeting_asks
from .models import DialogueCycle, Meeting, OutcomeRendition, OutcomeVersion, Participant, SectorSession


def meeting_list() -> QuerySet[Meeting]:
    """Every meeting, newest first, with its `session_count` and `ask_count`."""
    meetings = Meeting.objects.select_related("cycle").annotate(
        session_count=Count("sessions", distinct=True)
    )
    return meeting_asks().with_counts(meetings).order_by("-starts_at")


def meeting_get(*, slug: str) -> Meeting:
    return (
        Meeting.objects.select_related("cycle", "previous")
        .prefetch_related(
            "conveners",
            "co_chairs__user",
            "co_chairs__organisation",
            Prefetch("participants", queryset=Participant.objects.select_related("organisation")),
            Prefetch(
                "sessions",
                queryset=SectorSession.objects.select_related("sector", "rapporteur"),
            ),
            "outcome_sections",
            Prefetch("outcome_versions", queryset=OutcomeVersion.objects.order_by("-number")),
        )
        .get(slug=slug)
    )


def session_asks(*, meeting: Meeting) -> dict[int, list[AskSummary]]:
    """The asks of each of the meeting's sessions (by session id), in order."""
    return meeting_asks().by_session(s.pk for s in meeting.sessions.all())


def review_asks(*, meeting: Meeting) -> list[AskSummary]:
    """The previous meeting's asks with their current status, for the review session."""
    return meeting_asks().to_review(meeting)


def attendance_counts(*, meeting: Meeting) -> dict[str, list[tuple[str, int]]]:
    """Attendance with labels in the reader's language: organisations by kind, people by gender."""
    from civicspace.organisations.models import Organisation

    from .compose import attendance

    counts = attendance(meeting)
    return {
        "by_kind": [(str(Organisation.Kind(k).label), n) for k, n in counts["by_kind"].items()],
        "by_gender": [(str(Participant.Gender(g).label), n) for g, n in counts["by_gender"].items()],
    }


def outcome_version_get(*, meeting: Meeting, number: int) -> OutcomeVersion:
    return (
        OutcomeVersion.objects.select_related("meeting")
        .prefetch_related("sign_offs__co_chair__user", "sign_offs__co_chair__organisation")
        .get(meeting=meeting, number=number)
    )


def outcome_rendition_get(*, version: OutcomeVersion, lang: str, fmt: str) -> bytes | None:
    """The stored document of a frozen version in this language and format (None: not rendered yet)."""
    body = (
        OutcomeRendition.objects.filter(version=version, status=version.status, lang=lang, format=fmt)
        .values_list("body", flat=True)
        .first()
    )
    return None if body is None else bytes(body)


def cycle_list() -> QuerySet[DialogueCycle]:
    """Every cycle, open ones first (then the last closed first), with `meeting_count` and the
    `first_meeting` and `last_meeting` starts."""
    return DialogueCycle.objects.annotate(
        meeting_count=Count("meetings"),
        first_meeting=Min("meetings__starts_at"),
        last_meeting=Max("meetings__starts_at"),
    ).order_by(F("closed_at").desc(nulls_first=True), "title_en", "title_km")


def cycle_get(*, slug: str) -> DialogueCycle:
    return DialogueCycle.objects.get(slug=slug)


def cycle_meetings(*, cycle: DialogueCycle) -> QuerySet[Meeting]:
    """The cycle's meetings, oldest first (year after year), with `session_count` and `ask_count`."""
    return meeting_list().filter(cycle=cycle).order_by("starts_at")


@dataclass(frozen=True)
class CarriedStep:
    """The asks of `earlier` (a meeting, or None: raised elsewhere) raised again in `meeting`."""

    meeting: Meeting
    earlier: Meeting | None
    asks: list[CarriedAsk]


def cycle_carried_asks(*, cycle: DialogueCycle) -> list[CarriedStep]:
    """The asks carried from one meeting to the next in the cycle, step by step, oldest first."""
    carried = meeting_asks().carried_in_cycle(cycle)
    ids = {c.meeting_id for c in carried} | {c.earlier_meeting_id for c in carried if c.earlier_meeting_id}
    meetings = Meeting.objects.in_bulk(ids)
    steps: dict[tuple[int, int | None], CarriedStep] = {}
    for item in carried:  # in the order of the cycle's meetings
        key = (item.meeting_id, item.earlier_meeting_id)
        if key not in steps:
            earlier = meetings.get(item.earlier_meeting_id) if item.earlier_meeting_id else None
            steps[key] = CarriedStep(meeting=meetings[item.meeting_id], earlier=earlier, asks=[])
        steps[key].asks.append(item)
    return list(steps.values())
