import re
from typing import Any

import pytest
from django.utils import translation

from civicspace.places.maps import (
    CLASS_FILLS,
    DARK,
    NO_DATA_FILL,
    SUPPRESSED_FILL,
    border_for,
    contrast,
    province_choropleth,
    province_shapes,
)
from civicspace.places.services import ensure_gazetteer

pytestmark = pytest.mark.django_db


def titles(svg: str) -> dict[str, str]:
    return dict(re.findall(r'data-code="(\d\d)"><title>([^<]*)</title>', svg))


def test_map_file_is_small_and_has_the_25_provinces() -> None:
    from civicspace.places.maps import MAP_FILE

    assert MAP_FILE.stat().st_size < 40_000
    assert sorted(province_shapes()["provinces"]) == [f"{n:02d}" for n in range(1, 26)]
    assert "geoBoundaries" in province_shapes()["attribution"]


def test_values_classes_suppressed_and_no_data(db: Any) -> None:
    ensure_gazetteer()
    values = {f"{n:02d}": float(n) for n in range(1, 21)} | {"21": None}
    svg = str(
        province_choropleth(
            values,
            title="Submissions",
            desc="Per province",
            legend_title="People",
            value_label=lambda v: f"{v:.0f} people",
            suppressed={"05"},
        )
    )
    assert svg.startswith(
        '<svg class="chart province-map" id="province-map" role="img" '
        'aria-labelledby="province-map-title province-map-desc"'
    )
    t = titles(svg)
    assert len(t) == 25
    assert t["12"] == "Phnom Penh Capital: 12 people"
    assert t["05"] == "Kampong Speu Province: fewer than 5 people"
    assert t["21"] == "Takeo Province: no data" and t["25"] == "Tboung Khmum Province: no data"
    assert 'fill="url(#province-map-suppressed)" stroke="#1f1f1f" data-code="05"' in svg
    assert f'fill="{NO_DATA_FILL}" stroke="{DARK}" data-code="21"' in svg
    assert f'fill="{CLASS_FILLS[0]}"' in svg and f'fill="{CLASS_FILLS[4]}"' in svg
    assert re.search(rf'fill="{CLASS_FILLS[4]}" stroke="[^"]+" data-code="20"', svg)  # the maximum
    assert "1 people – 5 people" in svg  # the legend
    assert "© OpenStreetMap contributors" in svg and "geoBoundaries.org" in svg


def test_text_is_escaped() -> None:
    svg = str(
        province_choropleth(
            {"01": 3.0},
            title="<script>alert(1)</script>",
            desc='"quoted" & <b>',
            legend_title="<i>",
            value_label=lambda v: "<img src=x>",
            chart_id="map-2",
        )
    )
    assert "<script>" not in svg and "<img" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg and "&amp;" in svg and "&lt;img src=x&gt;" in svg
    assert 'id="map-2-title"' in svg and "url(#map-2-suppressed)" in svg
    with pytest.raises(ValueError, match="chart_id"):
        province_choropleth({}, title="t", desc="d", legend_title="l", chart_id='x" onload="')
    with pytest.raises(ValueError, match="not province codes: 1"):
        province_choropleth({"1": 2.0}, title="t", desc="d", legend_title="l")


def test_khmer_names_and_labels(db: Any) -> None:
    ensure_gazetteer()
    with translation.override("km"):
        svg = str(province_choropleth({"12": 7.0}, title="ផែនទី", desc="d", legend_title="l"))
    assert titles(svg)["12"].startswith("រាជធានីភ្នំពេញ: 7.0")


def test_names_without_a_loaded_gazetteer() -> None:
    svg = str(province_choropleth({}, title="t", desc="d", legend_title="l"))
    assert titles(svg)["25"] == "Tboung Khmum Province: no data"


def test_colours_contrast_with_their_borders() -> None:
    for fill in CLASS_FILLS:
        assert contrast(fill, border_for(fill)) >= 3, fill
    assert contrast(NO_DATA_FILL, DARK) >= 3 and contrast(SUPPRESSED_FILL, DARK) >= 3
    # the no-data fill and the hatch differ from every class
    assert NO_DATA_FILL not in CLASS_FILLS and SUPPRESSED_FILL not in CLASS_FILLS
