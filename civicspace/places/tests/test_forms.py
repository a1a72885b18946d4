from typing import Any

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from civicspace.places.forms import PlacePickerForm, is_place_step
from civicspace.places.services import ensure_gazetteer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def gazetteer(db: Any) -> None:
    ensure_gazetteer()


def test_choices_narrow_with_the_bound_province_and_district() -> None:
    form = PlacePickerForm(data={"province": "23", "district": "2301"})
    assert len(form.choices("province")) == 26
    assert [c for c, _ in form.choices("district")] == ["", "2301", "2302"]
    assert all(c == "" or c.startswith("2301") for c, _ in form.choices("commune"))
    assert len(PlacePickerForm().choices("district")) == 1  # nothing until a province is chosen


def test_valid_choice_gives_the_most_precise_unit() -> None:
    form = PlacePickerForm(data={"province": "01", "district": "0102", "commune": "010201"})
    assert form.is_valid(), form.errors
    assert form.unit is not None and form.unit.code == "010201"
    form = PlacePickerForm(data={"province": "01"})
    assert form.is_valid() and form.unit is not None and form.unit.code == "01"
    form = PlacePickerForm(data={})
    assert form.is_valid() and form.unit is None


def test_inconsistent_choices_are_refused_with_clear_messages() -> None:
    form = PlacePickerForm(data={"province": "12", "district": "0102"})
    assert not form.is_valid()
    assert form.errors["district"] == [
        "Mongkol Borei is not in Phnom Penh Capital. Choose a district of Phnom Penh Capital."
    ]
    form = PlacePickerForm(data={"province": "01", "district": "0102", "commune": "120101"})
    assert not form.is_valid() and "is not in Mongkol Borei" in form.errors["commune"][0]
    form = PlacePickerForm(data={"province": "01", "commune": "010201"})
    assert not form.is_valid() and form.errors["district"] == ["Choose the district of the commune first."]
    form = PlacePickerForm(data={"province": "01", "district": "9999"})
    assert not form.is_valid() and form.errors["district"] == [
        "Choose a district, municipality or khan from the list."
    ]
    assert form.unit is not None and form.unit.code == "01"


def test_the_step_button_without_javascript(client: Any) -> None:
    data = {"province": "23", "_place_step": "1"}
    assert is_place_step(data)
    form = PlacePickerForm(data=data)
    html = render_to_string("places/_picker.html", {"place_form": form})
    assert '<fieldset class="place-picker">' in html and "<legend>Place</legend>" in html
    assert 'name="_place_step"' in html
    assert '<option value="23" selected>Kep Province</option>' in html
    assert '<option value="2302">Kaeb (Municipality)</option>' in html
    assert 'hx-get="/en/places/options/"' in html
    assert '<label for="id_district">' in html


def test_errors_are_tied_to_their_field() -> None:
    form = PlacePickerForm(data={"where-province": "12", "where-district": "0102"}, prefix="where")
    form.is_valid()
    html = render_to_string("places/_picker.html", {"place_form": form, "legend": "Your <place>"})
    assert 'aria-describedby="id_where-district-error"' in html and 'id="id_where-district-error"' in html
    assert "<legend>Your &lt;place&gt;</legend>" in html


def test_names_in_khmer() -> None:
    with translation.override("km"):
        form = PlacePickerForm(data={"province": "12"})
        labels = dict(form.choices("province"))
        assert labels["12"] == "រាជធានីភ្នំពេញ"
        assert dict(form.choices("district"))["1201"].startswith("ចំការមន")


def test_options_endpoint(client: Any) -> None:
    html = client.get(reverse("places:options"), {"parent": "23"}).content.decode()
    assert '<option value="2301">' in html and '<option value="2302">' in html and "0102" not in html
    html = client.get(reverse("places:options"), {"where-district": "2301", "clear": "x"}).content.decode()
    assert "230101" in html and 'id="x" hx-swap-oob' in html
    html = client.get(reverse("places:options"), {"parent": "<script>", "clear": '"><b>'}).content.decode()
    assert "<script>" not in html and "<b>" not in html and html.count("<option") == 1
    html = client.get(reverse("places:options")).content.decode()
    assert html.count("<option") == 26
    html = client.get("/km/places/options/", {"parent": "12"}).content.decode()
    assert "ចំការមន" in html
