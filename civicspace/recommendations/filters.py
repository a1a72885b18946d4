"""One FilterSet for the public tracker, its exports and the API."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from civicspace.core.search import search_filter
from civicspace.dialogues.models import Meeting
from civicspace.organisations.models import Organisation, Sector

from .models import Ask, Theme


class AskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="slug", empty_label=_("All sectors")
    )
    addressee = django_filters.ModelChoiceFilter(
        label=_("Addressed to"),
        queryset=Organisation.objects.filter(
            kind__in=[Organisation.Kind.UN_AGENCY, Organisation.Kind.GOVERNMENT]
        ).only("id", "slug", "name_en", "name_km", "acronym_en", "acronym_km"),
        to_field_name="slug",
        field_name="addressees",
        empty_label=_("Any addressee"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Ask.Status.choices, empty_label=_("Any status")
    )
    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting"), queryset=Meeting.objects.only("id", "slug", "title_en", "title_km"),
        to_field_name="slug", empty_label=_("Any meeting"),
    )  # fmt: skip
    year = django_filters.NumberFilter(
        label=_("Year raised"), field_name="source_date", lookup_expr="year",
        min_value=1, max_value=9999, decimal_places=0,  # anything else is refused, not a server error
    )  # fmt: skip
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug", field_name="themes",
        empty_label=_("Any theme"),
    )  # fmt: skip
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Ask.Level.choices, empty_label=_("Any level")
    )

    class Meta:
        model = Ask
        fields = ["q", "sector", "addressee", "status", "meeting", "year", "theme", "level"]

    def filter_q(self, queryset: QuerySet[Ask], name: str, value: str) -> QuerySet[Ask]:
        return search_filter(queryset, value)
