"""Who a user is, as django-rules predicates. Composed into permissions in rules.py."""

from typing import Any

import rules

from civicspace.core.predicates import is_platform_admin

from .models import Membership, Organisation

__all__ = ["is_focal_point_of", "is_member_of", "is_platform_admin", "is_secretariat", "is_un_focal_point"]


def roles_of(user: Any) -> list[tuple[int, str, str]]:
    """(organisation id, organisation kind, role) for each membership, fetched once per user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_civicspace_roles", None)
    if cached is None:
        cached = list(user.memberships.values_list("organisation_id", "organisation__kind", "role"))
        user._civicspace_roles = cached
    return cached


@rules.predicate
def is_secretariat(user: Any) -> bool:
    return any(role == Membership.Role.SECRETARIAT for _org, _kind, role in roles_of(user))


@rules.predicate
def is_un_focal_point(user: Any) -> bool:
    return any(
        kind == Organisation.Kind.UN_AGENCY and role == Membership.Role.FOCAL_POINT
        for _org, kind, role in roles_of(user)
    )


@rules.predicate
def is_focal_point_of(user: Any, organisation: Organisation | None) -> bool:
    if organisation is None:
        return False
    return any(
        org == organisation.pk and role == Membership.Role.FOCAL_POINT for org, _kind, role in roles_of(user)
    )


@rules.predicate
def is_member_of(user: Any, organisation: Organisation | None) -> bool:
    if organisation is None:
        return False
    return any(org == organisation.pk for org, _kind, _role in roles_of(user))
