"""One FilterSet for the places API (and any list of units)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import AdminUnit


class AdminUnitFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=AdminUnit.Level.choices, label=_("level"))
    parent = django_filters.CharFilter(field_name="parent__code", label=_("parent code"))
    unit_type = django_filters.ChoiceFilter(choices=AdminUnit.UnitType.choices, label=_("type"))

    class Meta:
        model = AdminUnit
        fields = ["level", "parent", "unit_type"]
