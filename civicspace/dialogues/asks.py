"""The asks raised in a meeting's sessions, as dialogues sees them: a port that the tracker provides.

An ask is the tracker's record (`civicspace.recommendations`, the layer above dialogues; ADR 0011 and
ADR 0017): its model, its services and their audit rows live there, and an ask points to its meeting
and session. Dialogues shows a session's asks on the meeting page, freezes them into the outcome
document, serves them in its API, lets the rapporteur record them and creates them when it imports an
outcome document. It does all of that through the `MeetingAsks` protocol below and the plain
`AskSummary` values it returns, never through the tracker's models. The tracker registers its
implementation (`recommendations/meeting_asks.py`) in `RecommendationsConfig.ready()`, so dialogues
imports nothing above it, and a test can register another implementation."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from civicspace.core.models import Bilingual
from civicspace.organisations.models import Organisation

from .models import DialogueCycle, Meeting, SectorSession


@dataclass(frozen=True)
class AskSummary:
    """What a dialogue page, document or API shows of one ask."""

    pk: int
    session_id: int | None
    text_en: str
    text_km: str
    priority: str
    status: str
    status_label: str  # in the language that was active when the summary was made
    addressees: tuple[Organisation, ...]
    raised_again_here: bool = False  # in `to_review`: already raised again in the meeting under review

    text = Bilingual()


@dataclass(frozen=True)
class CarriedAsk:
    """An ask raised again in a meeting of a cycle, and the earlier ask it carries forward (its `previous`
    in the tracker), each with its status today."""

    ask: AskSummary
    meeting_id: int  # the meeting of the cycle where it was raised again
    earlier: AskSummary
    earlier_meeting_id: int | None  # where the earlier ask was raised (None: not at a meeting)
    url: str  # the tracker's page of the ask, with its whole history


@dataclass(frozen=True)
class NewAsk:
    """An ask raised in `meeting` (in `session`, if given), as dialogues records it."""

    meeting: Meeting
    session: SectorSession | None = None
    text_en: str = ""
    text_km: str = ""
    priority: str | None = None  # None: the default priority
    addressees: tuple[Organisation, ...] = ()
    raised_by: tuple[Organisation, ...] = ()
    order: int | None = None  # None: after the session's last ask


class MeetingAsks(Protocol):
    """Everything dialogues reads or writes of the asks of its meetings."""

    def priority_choices(self) -> list[tuple[str, str]]: ...

    def default_priority(self) -> str: ...

    def status_choices(self) -> list[tuple[str, str]]: ...

    def with_counts(self, meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
        """`meetings`, each annotated with `ask_count`."""
        ...

    def by_session(self, session_ids: Iterable[int]) -> dict[int, list[AskSummary]]:
        """The asks of these sessions, in their order, by session id (sessions without asks are left out)."""
        ...

    def to_review(self, meeting: Meeting) -> list[AskSummary]:
        """The previous meeting's asks (merged ones left out) with their status today, for the review session
        of `meeting`, each saying whether it was raised again in `meeting`."""
        ...

    def carried_in_cycle(self, cycle: DialogueCycle) -> list[CarriedAsk]:
        """The asks raised again in the meetings of `cycle` (merged ones left out), each with the ask it
        carries forward, in the order of the meetings (oldest first) and of their sessions."""
        ...

    def record(self, *, actor: Any, ask: NewAsk) -> int:
        """Record the ask and return its id. Raises ValidationError when it is not valid."""
        ...

    def raise_again(self, *, actor: Any, ask_id: int, meeting: Meeting, session: SectorSession | None) -> int:
        """Raise one of the previous meeting's asks again in `meeting` (lineage kept) and return the new
        ask's id. Raises LookupError when `ask_id` is not an ask of the previous meeting."""
        ...


_registered: list[MeetingAsks] = []


def register(implementation: MeetingAsks) -> None:
    """Called once by the app that keeps the asks (the tracker), from its AppConfig.ready()."""
    _registered[:] = [implementation]


def meeting_asks() -> MeetingAsks:
    if not _registered:
        raise ImproperlyConfigured(
            "No app provides the asks of dialogue meetings: install civicspace.recommendations."
        )
    return _registered[0]
