"""The tracker's side of `civicspace.dialogues.asks`: the asks of dialogue meetings, read with the tracker's
models and written through its services (each write audited there). Registered in
`RecommendationsConfig.ready()` (ADR 0017)."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from civicspace.dialogues.asks import AskSummary, CarriedAsk, NewAsk
from civicspace.dialogues.models import DialogueCycle, Meeting, SectorSession

from . import services
from .models import Ask


def _summary(ask: Ask, *, raised_again_here: bool = False) -> AskSummary:
    return AskSummary(
        pk=ask.pk, session_id=ask.session_id, text_en=ask.text_en, text_km=ask.text_km, priority=ask.priority,
        status=ask.status, status_label=str(ask.get_status_display()), addressees=tuple(ask.addressees.all()),
        raised_again_here=raised_again_here,
    )  # fmt: skip


class TrackerMeetingAsks:
    """`dialogues.asks.MeetingAsks`, kept by the tracker."""

    def priority_choices(self) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in Ask.Priority.choices]

    def default_priority(self) -> str:
        return str(Ask.Priority.MEDIUM)

    def status_choices(self) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in Ask.Status.choices]

    def with_counts(self, meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
        return meetings.annotate(ask_count=Count("asks", distinct=True))

    def by_session(self, session_ids: Iterable[int]) -> dict[int, list[AskSummary]]:
        asks = (
            Ask.objects.filter(session_id__in=list(session_ids))
            .prefetch_related("addressees")
            .order_by("order", "id")
        )
        found: dict[int, list[AskSummary]] = {}
        for ask in asks:
            assert ask.session_id is not None  # filtered on it
            found.setdefault(ask.session_id, []).append(_summary(ask))
        return found

    def to_review(self, meeting: Meeting) -> list[AskSummary]:
        if meeting.previous_id is None:
            return []
        asks = (
            Ask.objects.filter(meeting_id=meeting.previous_id, merged_into__isnull=True)
            .prefetch_related("addressees")
            .annotate(times_raised_again=Count("raised_again", filter=Q(raised_again__meeting=meeting)))
            .order_by("session__order", "order", "id")
        )
        return [_summary(a, raised_again_here=bool(getattr(a, "times_raised_again", 0))) for a in asks]

    def carried_in_cycle(self, cycle: DialogueCycle) -> list[CarriedAsk]:
        asks = (
            Ask.objects.filter(meeting__cycle=cycle, previous__isnull=False, merged_into__isnull=True)
            .select_related("previous")
            .prefetch_related("addressees", "previous__addressees")
            .order_by("meeting__starts_at", "meeting_id", "session__order", "order", "id")
        )
        carried = []
        for ask in asks:
            assert ask.meeting_id is not None and ask.previous is not None  # filtered on both
            carried.append(
                CarriedAsk(
                    ask=_summary(ask),
                    meeting_id=ask.meeting_id,
                    earlier=_summary(ask.previous),
                    earlier_meeting_id=ask.previous.meeting_id,
                    url=ask.get_absolute_url(),
                )
            )
        return carried

    def record(self, *, actor: Any, ask: NewAsk) -> int:
        fields: dict[str, Any] = (
            {"session": ask.session} if ask.session is not None else {"meeting": ask.meeting}
        )
        if ask.priority is not None:
            fields["priority"] = ask.priority
        if ask.order is not None:
            fields["order"] = ask.order
        return services.ask_create(
            actor=actor, text_en=ask.text_en, text_km=ask.text_km, addressees=ask.addressees,
            raised_by=ask.raised_by, **fields,
        ).pk  # fmt: skip

    def raise_again(self, *, actor: Any, ask_id: int, meeting: Meeting, session: SectorSession | None) -> int:
        previous = (
            Ask.objects.filter(pk=ask_id, meeting_id=meeting.previous_id).first()
            if meeting.previous_id
            else None
        )
        if previous is None:
            raise LookupError(f"ask {ask_id} was not raised in the meeting before {meeting.slug}")
        return services.ask_raise_again(previous=previous, actor=actor, meeting=meeting, session=session).pk
