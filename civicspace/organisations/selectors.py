"""Reads of the directory. Visibility (who may see what) and who may speak for which organisation
(`organisations_user_speaks_for`) are decided here and nowhere else."""

from collections.abc import Callable, Collection
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from .filters import OrganisationFilter
from .models import Contact, Membership, Organisation, Sector

FOCAL_POINTS = (Membership.Role.FOCAL_POINT,)
CSO_KINDS = (Organisation.Kind.CSO, Organisation.Kind.COALITION)


def roles_of(user: Any) -> list[tuple[int, str, str]]:
    """(organisation id, organisation kind, role) for each membership, fetched once per user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_civicspace_roles", None)
    if cached is None:
        cached = list(user.memberships.values_list("organisation_id", "organisation__kind", "role"))
        user._civicspace_roles = cached
    return cached


def organisation_ids_user_speaks_for(
    *, user: Any, roles: Collection[str] | None = None, kinds: Collection[str] | None = None
) -> frozenset[int]:
    """Who may speak for which organisation, the one answer: the ids of the organisations of `kinds`
    (any kind when None) in which the user holds one of `roles` (any membership when None). None for
    an anonymous user; a platform admin holds no role by being one (see `organisations_user_speaks_for`).
    Read from the memberships fetched once per user object (`roles_of`), so predicates ask at no cost."""
    return frozenset(
        org
        for org, kind, role in roles_of(user)
        if (roles is None or role in roles) and (kinds is None or kind in kinds)
    )


def organisations_user_speaks_for(
    *,
    user: Any,
    roles: Collection[str] | None = None,
    kinds: Collection[str] | None = None,
    among: QuerySet[Organisation] | None = None,
    all_for: Callable[[Any], bool] | None = None,
) -> QuerySet[Organisation]:
    """The same answer as organisations, by English name, taken from `among` (every organisation when
    None): those of `kinds` the user holds one of `roles` in. A user `all_for` holds for (a predicate
    such as `is_platform_admin`) speaks for every one of `kinds` in `among`."""
    qs = Organisation.objects.all() if among is None else among
    if kinds is not None:
        qs = qs.filter(kind__in=kinds)
    if all_for is None or not all_for(user):
        qs = qs.filter(pk__in=organisation_ids_user_speaks_for(user=user, roles=roles, kinds=kinds))
    return qs.order_by("name_en")


def organisation_list(*, filters: dict[str, Any] | None = None) -> QuerySet[Organisation]:
    qs = (
        Organisation.objects.all()
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("order")))
        .annotate(member_count=Count("member_links", distinct=True))
        .order_by("name_en")
    )
    return OrganisationFilter(filters or {}, queryset=qs).qs


def organisation_get(*, slug: str) -> Organisation:
    return Organisation.objects.prefetch_related(
        "sectors",
        Prefetch("members", queryset=Organisation.objects.order_by("name_en")),
        Prefetch("coalitions", queryset=Organisation.objects.order_by("name_en")),
    ).get(slug=slug)


def contact_list(*, viewer: Any, organisation: Organisation) -> QuerySet[Contact]:
    qs = organisation.contacts.all()
    if not viewer.has_perm("organisations.view_private_contacts", organisation):
        qs = qs.filter(is_public=True)
    return qs


def membership_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("role", "user__email")


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.order_by("order", "slug")


def organisation_counts_by_kind() -> dict[str, int]:
    """How many organisations the directory holds of each kind (kinds without any are left out)."""
    rows = Organisation.objects.values("kind").order_by().annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}
