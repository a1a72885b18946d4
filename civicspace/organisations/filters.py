"""One FilterSet for the HTML directory and the API."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from civicspace.core.search import search_filter

from .models import Organisation, Sector


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("All kinds")
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        field_name="sectors",
        empty_label=_("All sectors"),
    )
    coalition = django_filters.ModelChoiceFilter(
        label=_("Member of"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COALITION).only(
            "id", "slug", "name_en", "name_km", "acronym_en", "acronym_km"
        ),
        to_field_name="slug",
        field_name="coalitions",
        empty_label=_("Any coalition"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "sector", "coalition"]

    def filter_q(self, queryset: QuerySet[Organisation], name: str, value: str) -> QuerySet[Organisation]:
        return search_filter(queryset, value)
