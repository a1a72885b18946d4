"""Reads of the directory. Visibility (who may see what) is decided here and nowhere else."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from civicspace.core.search import search_filter

from .models import Contact, Membership, Organisation, Sector


def organisation_search(qs: QuerySet[Organisation], query: str) -> QuerySet[Organisation]:
    return search_filter(qs, query)


def organisation_list(*, filters: dict[str, Any] | None = None) -> QuerySet[Organisation]:
    from .filters import OrganisationFilter

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
