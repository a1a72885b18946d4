"""Reads of the directory. Visibility (who may see what) is decided here and nowhere else."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from .filters import OrganisationFilter
from .models import Contact, Membership, Organisation, Sector


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
