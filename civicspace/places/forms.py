"""A place picker (province → district → commune) that other forms embed, usable without JavaScript.

Without JavaScript, the person chooses a province and presses the button named `_place_step`: the
consuming view sees `is_place_step(request.POST)`, saves nothing and renders the form again, now with
the province's districts (and then the district's communes). With HTMX, changing a select refreshes
the next one from `places:options`. The districts offered are those of the bound province and the
communes those of the bound district; `clean()` still checks that the three agree."""

import functools
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AdminUnit
from .selectors import units_by_code

PLACE_STEP = "_place_step"
Level = AdminUnit.Level


def is_place_step(data: Mapping[str, Any]) -> bool:
    """True when the form was submitted with the picker's "show the next list" button."""
    return PLACE_STEP in data


def unit_label(unit: AdminUnit) -> str:
    """A unit's name in the active language; districts and communes also say their type (a srok and a
    krong can share a name)."""
    if unit.level == Level.PROVINCE:
        return unit.name
    return f"{unit.name} ({unit.get_unit_type_display()})"


def unit_choices(*, level: str, parent_code: str | None = None) -> list[tuple[str, str]]:
    """(code, label) for the active units of a level, under one parent (none without a parent, below
    provinces), sorted by code. The first choice is the empty one."""
    empty = [("", gettext("— choose —"))]
    if level != Level.PROVINCE and not parent_code:
        return empty
    qs = AdminUnit.objects.filter(level=level, is_active=True).order_by("code")
    if parent_code:
        qs = qs.filter(parent__code=parent_code)
    return empty + [
        (u.code, unit_label(u)) for u in qs.only("code", "level", "unit_type", "name_en", "name_km")
    ]


class UnitCodeField(forms.ChoiceField):
    """A choice of unit by NCDD code. The choices shown are narrowed by the form; any active unit of the
    level is accepted here, and the form checks that the levels agree (with a clearer message)."""

    def __init__(self, *, level: str, **kwargs: Any) -> None:
        self.level = level
        super().__init__(required=False, **kwargs)

    def valid_value(self, value: Any) -> bool:
        return True  # checked against the gazetteer in to_unit()

    def to_unit(self, code: str, known: Mapping[str, AdminUnit]) -> AdminUnit | None:
        """The unit of this level with this code among `known` (the active units the form names, by code,
        fetched once for the three levels)."""
        if not code:
            return None
        unit = known.get(code)
        if unit is None or unit.level != self.level:
            raise forms.ValidationError(
                gettext("Choose a %(level)s from the list.") % {"level": Level(self.level).label.lower()},
                code="invalid_choice",
            )
        return unit


class PlacePickerForm(forms.Form):
    province = UnitCodeField(level=Level.PROVINCE, label=_("Province or capital"))
    district = UnitCodeField(level=Level.DISTRICT, label=_("District, municipality or khan"))
    commune = UnitCodeField(level=Level.COMMUNE, label=_("Commune or sangkat"))

    step_name = PLACE_STEP

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province = self._raw("province")
        district = self._raw("district")
        if district and province and not district.startswith(province):
            district = ""  # a district of another province: offer no communes until it is fixed
        # Callables: queried only when the form is drawn, not when a POST is validated (valid_value).
        self._field("province").choices = functools.partial(unit_choices, level=Level.PROVINCE)
        self._field("district").choices = functools.partial(
            unit_choices, level=Level.DISTRICT, parent_code=province or None
        )
        self._field("commune").choices = functools.partial(
            unit_choices, level=Level.COMMUNE, parent_code=district or None
        )
        self._units: dict[str, AdminUnit | None] = {}
        self._known: dict[str, AdminUnit] | None = None

    def _field(self, name: str) -> UnitCodeField:
        field = self.fields[name]
        assert isinstance(field, UnitCodeField)
        return field

    def choices(self, name: str) -> list[tuple[str, str]]:
        """The (code, label) choices offered for `province`, `district` or `commune`."""
        return list(self._field(name).choices)  # type: ignore[arg-type]  # set from unit_choices()

    def _raw(self, name: str) -> str:
        if self.is_bound:
            value = self.data.get(self.add_prefix(name), "")
        else:
            value = self.initial.get(name, "") or ""
            value = getattr(value, "code", value)
        return str(value).strip()[:8]

    def clean_province(self) -> str:
        return self._clean_unit("province")

    def clean_district(self) -> str:
        return self._clean_unit("district")

    def clean_commune(self) -> str:
        return self._clean_unit("commune")

    def _clean_unit(self, name: str) -> str:
        code = self.cleaned_data.get(name, "")
        self._units[name] = self._field(name).to_unit(code, self._active_units())
        return code

    def _active_units(self) -> dict[str, AdminUnit]:
        """The active units the bound data names, by code (one query for the three levels, or none)."""
        if self._known is None:
            units = units_by_code(self._raw(name) for name in ("province", "district", "commune"))
            self._known = {code: unit for code, unit in units.items() if unit.is_active}
        return self._known

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        province, district, commune = (self._units.get(n) for n in ("province", "district", "commune"))
        if district is not None and province is not None and district.parent_id != province.pk:
            self.add_error(
                "district",
                gettext("%(district)s is not in %(province)s. Choose a district of %(province)s.")
                % {"district": district.name, "province": province.name},
            )
            self._units["district"] = None
            district = None
        if commune is not None and district is not None and commune.parent_id != district.pk:
            self.add_error(
                "commune",
                gettext("%(commune)s is not in %(district)s. Choose a commune of %(district)s.")
                % {"commune": commune.name, "district": district.name},
            )
            self._units["commune"] = None
        elif commune is not None and district is None and "district" not in self.errors:
            self.add_error("district", gettext("Choose the district of the commune first."))
            self._units["commune"] = None
        if (
            district is not None
            and province is None
            and "province" not in self.errors
            and "district" not in self.errors
        ):
            self.add_error("province", gettext("Choose the province of the district first."))
            self._units["district"] = None
        return cleaned

    @property
    def unit(self) -> AdminUnit | None:
        """The most precise unit chosen (commune, else district, else province), or None. Only after
        is_valid()."""
        if not hasattr(self, "cleaned_data"):
            return None
        for name in ("commune", "district", "province"):
            if self._units.get(name) is not None and name not in self.errors:
                return self._units[name]
        return None
