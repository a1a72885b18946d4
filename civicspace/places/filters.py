"""One FilterSet for the places API (and any list of units)."""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import BooleanFilter
from django_filters.widgets import BooleanWidget

from .models import AdminUnit

TRUE_FALSE = {"true": True, "1": True, "false": False, "0": False}


class _TrueFalseWidget(BooleanWidget):
    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        value = data.get(name)
        return TRUE_FALSE.get(value.lower(), value) if isinstance(value, str) else value


class _TrueFalseField(forms.Field):
    """true/false (or 1/0); anything else is refused (a 400), not read as "no filter"."""

    def to_python(self, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        if value in (None, ""):
            return None
        raise forms.ValidationError(_("Use true or false."), code="invalid")


class TrueFalseFilter(BooleanFilter):
    field_class = _TrueFalseField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _TrueFalseWidget)
        super().__init__(*args, **kwargs)


class AdminUnitFilter(django_filters.FilterSet):
    """Without `is_active` or `include_retired`, only the units of the current gazetteer."""

    level = django_filters.ChoiceFilter(choices=AdminUnit.Level.choices, label=_("level"))
    parent = django_filters.CharFilter(field_name="parent__code", label=_("parent code"))
    unit_type = django_filters.ChoiceFilter(choices=AdminUnit.UnitType.choices, label=_("type"))
    is_active = TrueFalseFilter(
        label=_("in the current gazetteer (true) or retired (false); without it, current units only")
    )
    include_retired = TrueFalseFilter(method="filter_include_retired", label=_("also list retired units"))

    class Meta:
        model = AdminUnit
        fields = ["level", "parent", "unit_type", "is_active", "include_retired"]

    def filter_include_retired(
        self, queryset: QuerySet[AdminUnit], name: str, value: bool
    ) -> QuerySet[AdminUnit]:
        return queryset  # read by filter_queryset: it only lifts the "current units only" default

    def filter_queryset(self, queryset: QuerySet[AdminUnit]) -> QuerySet[AdminUnit]:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("is_active") is None and not data.get("include_retired"):
            queryset = queryset.filter(is_active=True)
        return queryset
