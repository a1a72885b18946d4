"""Reads of dialogues."""

from django.db.models import Count, Prefetch, Q, QuerySet

from civicspace.recommendations.models import Ask

from .models import Meeting, OutcomeVersion, Participant, SectorSession


def meeting_list() -> QuerySet[Meeting]:
    return (
        Meeting.objects.select_related("cycle")
        .annotate(
            session_count=Count("sessions", distinct=True),
            ask_count=Count("asks", distinct=True),
        )
        .order_by("-starts_at")
    )


def meeting_get(*, slug: str) -> Meeting:
    asks = Ask.objects.prefetch_related("addressees").order_by("order", "id")
    return (
        Meeting.objects.select_related("cycle", "previous")
        .prefetch_related(
            "conveners",
            "co_chairs__user",
            "co_chairs__organisation",
            Prefetch("participants", queryset=Participant.objects.select_related("organisation")),
            Prefetch(
                "sessions",
                queryset=SectorSession.objects.select_related("sector", "rapporteur").prefetch_related(
                    Prefetch("asks", queryset=asks)
                ),
            ),
            "outcome_sections",
            Prefetch("outcome_versions", queryset=OutcomeVersion.objects.order_by("-number")),
        )
        .get(slug=slug)
    )


def review_asks(*, meeting: Meeting) -> QuerySet[Ask]:
    """The previous meeting's asks with their current status, for the review session."""
    if meeting.previous_id is None:
        return Ask.objects.none()
    return (
        Ask.objects.filter(meeting_id=meeting.previous_id, merged_into__isnull=True)
        .select_related("sector")
        .prefetch_related("addressees")
        .annotate(times_raised_again=Count("raised_again", filter=Q(raised_again__meeting=meeting)))
        .order_by("session__order", "order", "id")
    )


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
