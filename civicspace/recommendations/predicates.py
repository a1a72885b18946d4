"""Who may do what with an ask: django-rules predicates over memberships (organisations app)."""

from typing import Any

import rules

from civicspace.core.predicates import is_platform_admin
from civicspace.organisations.models import Organisation
from civicspace.organisations.predicates import is_secretariat, roles_of

from .models import Ask

__all__ = [
    "is_addressee_focal_point",
    "is_cso_member",
    "is_platform_admin",
    "is_raiser_member",
    "is_secretariat",
]

CSO_KINDS = {Organisation.Kind.CSO, Organisation.Kind.COALITION}


def _org_ids(user: Any, *, focal_only: bool = False) -> set[int]:
    return {org for org, _kind, role in roles_of(user) if not focal_only or role == "focal_point"}


@rules.predicate
def is_addressee_focal_point(user: Any, ask: Ask | None) -> bool:
    """The user is a focal point of one of the organisations the ask is addressed to."""
    if ask is None:
        return False
    mine = _org_ids(user, focal_only=True)
    return bool(mine) and ask.addressees.filter(pk__in=mine).exists()


@rules.predicate
def is_addressee_member(user: Any, ask: Ask | None) -> bool:
    if ask is None:
        return False
    mine = _org_ids(user)
    return bool(mine) and ask.addressees.filter(pk__in=mine).exists()


@rules.predicate
def is_raiser_member(user: Any, ask: Ask | None) -> bool:
    """The user belongs to an organisation that raised the ask."""
    if ask is None:
        return False
    mine = _org_ids(user)
    return bool(mine) and ask.raised_by.filter(pk__in=mine).exists()


@rules.predicate
def is_cso_member(user: Any) -> bool:
    """The user belongs to a civil society organisation or coalition."""
    return any(kind in CSO_KINDS for _org, kind, _role in roles_of(user))
