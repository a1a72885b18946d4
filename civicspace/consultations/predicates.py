"""Who may do what with a budget consultation: django-rules predicates over memberships."""

from typing import Any

import rules

from civicspace.core.predicates import is_platform_admin
from civicspace.organisations.predicates import is_secretariat
from civicspace.organisations.selectors import CSO_KINDS, FOCAL_POINTS, organisation_ids_user_speaks_for

from .models import BudgetItem, Consultation

__all__ = [
    "consultation_of",
    "is_authority_focal_point",
    "is_cso_member",
    "is_draft",
    "is_open_for_input",
    "is_organiser_member",
    "is_platform_admin",
    "is_secretariat",
    "organises_a_consultation",
    "results_published",
]

PUBLIC_RESULTS_STATES = {Consultation.State.RESULTS, Consultation.State.RESPONSE}


def consultation_of(target: Any) -> Consultation | None:
    """Permissions take a consultation, or one of its budget items (the authority's response)."""
    if isinstance(target, BudgetItem):
        return target.consultation
    return target if isinstance(target, Consultation) else None


@rules.predicate
def is_organiser_member(user: Any, target: Any) -> bool:
    """The user belongs (any role) to one of the organisations that organise the consultation."""
    consultation = consultation_of(target)
    if consultation is None or consultation.pk is None:
        return False
    mine = organisation_ids_user_speaks_for(user=user)
    return bool(mine) and consultation.organisers.filter(pk__in=mine).exists()


@rules.predicate
def organises_a_consultation(user: Any) -> bool:
    """The user belongs (any role) to an organisation that organises some consultation: they manage it
    and moderate its comments (`manages` in rules.py). Needs a second factor (apps.py)."""
    mine = organisation_ids_user_speaks_for(user=user)
    return bool(mine) and Consultation.organisers.through.objects.filter(organisation_id__in=mine).exists()


@rules.predicate
def is_authority_focal_point(user: Any, target: Any) -> bool:
    """The user is a focal point of the budget authority that publishes the consultation."""
    consultation = consultation_of(target)
    if consultation is None:
        return False
    return consultation.authority_id in organisation_ids_user_speaks_for(user=user, roles=FOCAL_POINTS)


@rules.predicate
def is_cso_member(user: Any) -> bool:
    """The user belongs to a civil society organisation or a coalition (any role)."""
    return bool(organisation_ids_user_speaks_for(user=user, kinds=CSO_KINDS))


@rules.predicate
def is_draft(user: Any, target: Any) -> bool:
    consultation = consultation_of(target)
    return consultation is not None and consultation.state == Consultation.State.DRAFT


@rules.predicate
def is_open_for_input(user: Any, target: Any) -> bool:
    consultation = consultation_of(target)
    return consultation is not None and consultation.is_open


@rules.predicate
def results_published(user: Any, target: Any) -> bool:
    """The results are public: the consultation is in its results or response phase."""
    consultation = consultation_of(target)
    return consultation is not None and consultation.state in PUBLIC_RESULTS_STATES
