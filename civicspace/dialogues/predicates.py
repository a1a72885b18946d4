from typing import Any

import rules

from civicspace.core.predicates import is_platform_admin
from civicspace.organisations.predicates import is_secretariat

from .models import DialogueCycle, Meeting, OutcomeVersion, SectorSession

__all__ = [
    "cycle_is_open", "is_co_chair_of", "is_draft_version", "is_platform_admin", "is_rapporteur_of",
    "is_secretariat", "meeting_is_open", "meeting_was_held",
]  # fmt: skip


def _meeting_of(obj: Any) -> Meeting | None:
    if isinstance(obj, Meeting):
        return obj
    if isinstance(obj, SectorSession | OutcomeVersion):
        return obj.meeting
    return None


@rules.predicate
def meeting_is_open(user: Any, obj: Any) -> bool:
    """The meeting can still change: its outcome is not adopted."""
    meeting = _meeting_of(obj)
    return meeting is not None and meeting.status != Meeting.Status.OUTCOME_ADOPTED


@rules.predicate
def meeting_was_held(user: Any, obj: Any) -> bool:
    """The meeting took place (an outcome can only be drafted for a meeting that was held)."""
    meeting = _meeting_of(obj)
    return meeting is not None and meeting.status != Meeting.Status.PLANNED


@rules.predicate
def is_rapporteur_of(user: Any, obj: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if isinstance(obj, SectorSession):
        return obj.rapporteur_id == user.pk
    meeting = _meeting_of(obj)
    return meeting is not None and meeting.sessions.filter(rapporteur=user).exists()


@rules.predicate
def is_co_chair_of(user: Any, obj: Any) -> bool:
    meeting = _meeting_of(obj)
    return bool(
        getattr(user, "is_authenticated", False) and meeting and meeting.co_chairs.filter(user=user).exists()
    )


@rules.predicate
def is_draft_version(user: Any, obj: Any) -> bool:
    return isinstance(obj, OutcomeVersion) and obj.status == OutcomeVersion.Status.DRAFT


@rules.predicate
def cycle_is_open(user: Any, obj: Any) -> bool:
    """The dialogue cycle is not closed: it can change and accept meetings."""
    return isinstance(obj, DialogueCycle) and obj.is_open
