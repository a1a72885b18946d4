"""Who a user is, as django-rules predicates. Composed into permissions in rules.py."""

from typing import Any

import rules

from civicspace.core.predicates import is_platform_admin

from .models import Membership, Organisation
from .selectors import FOCAL_POINTS, organisation_ids_user_speaks_for

__all__ = [
    "is_a_focal_point",
    "is_focal_point_of",
    "is_member_of",
    "is_platform_admin",
    "is_secretariat",
    "is_un_focal_point",
]


@rules.predicate
def is_secretariat(user: Any) -> bool:
    return bool(organisation_ids_user_speaks_for(user=user, roles=[Membership.Role.SECRETARIAT]))


@rules.predicate
def is_a_focal_point(user: Any) -> bool:
    """The user is the focal point of some organisation (of any kind, a UN agency too)."""
    return bool(organisation_ids_user_speaks_for(user=user, roles=FOCAL_POINTS))


@rules.predicate
def is_un_focal_point(user: Any) -> bool:
    return bool(
        organisation_ids_user_speaks_for(user=user, roles=FOCAL_POINTS, kinds=[Organisation.Kind.UN_AGENCY])
    )


@rules.predicate
def is_focal_point_of(user: Any, organisation: Organisation | None) -> bool:
    if organisation is None:
        return False
    return organisation.pk in organisation_ids_user_speaks_for(user=user, roles=FOCAL_POINTS)


@rules.predicate
def is_member_of(user: Any, organisation: Organisation | None) -> bool:
    if organisation is None:
        return False
    return organisation.pk in organisation_ids_user_speaks_for(user=user)
