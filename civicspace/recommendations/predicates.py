"""Who may do what with an ask: django-rules predicates over memberships (organisations app)."""

from typing import Any

import rules

from civicspace.core.predicates import is_platform_admin
from civicspace.organisations.predicates import is_secretariat
from civicspace.organisations.selectors import (
    CSO_KINDS,
    FOCAL_POINTS,
    organisation_ids_user_speaks_for,
    organisations_user_speaks_for,
)

from .models import Ask

__all__ = [
    "is_addressee_focal_point",
    "is_cso_member",
    "is_platform_admin",
    "is_raiser_member",
    "is_secretariat",
]


@rules.predicate
def is_addressee_focal_point(user: Any, ask: Ask | None) -> bool:
    """The user is a focal point of one of the organisations the ask is addressed to."""
    return (
        ask is not None
        and organisations_user_speaks_for(user=user, among=ask.addressees.all(), roles=FOCAL_POINTS).exists()
    )


@rules.predicate
def is_addressee_member(user: Any, ask: Ask | None) -> bool:
    """The user belongs (any role) to one of the organisations the ask is addressed to."""
    return ask is not None and organisations_user_speaks_for(user=user, among=ask.addressees.all()).exists()


@rules.predicate
def is_raiser_member(user: Any, ask: Ask | None) -> bool:
    """The user belongs to an organisation that raised the ask."""
    return ask is not None and organisations_user_speaks_for(user=user, among=ask.raised_by.all()).exists()


@rules.predicate
def is_cso_member(user: Any) -> bool:
    """The user belongs to a civil society organisation or coalition."""
    return bool(organisation_ids_user_speaks_for(user=user, kinds=CSO_KINDS))
