"""The province map: an accessible choropleth drawn on the server as inline SVG (no JavaScript).

The shapes come from `data/provinces.json`, built once by `manage.py build_province_map` from the
geoBoundaries ADM1 polygons (ODbL; see data/SOURCE.md). The caller puts a table of the same numbers
next to the map: the map is a picture of the table, not the only way to read it."""

import json
import re
from collections.abc import Callable, Collection, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .gazetteer import PROVINCES
from .models import AdminUnit

MAP_FILE = Path(__file__).resolve().parent / "data" / "provinces.json"
# Five sequential classes (light to dark blue); each is outlined in the border colour that contrasts
# with it at least 3:1 (WCAG 1.4.11), computed below and checked by the tests.
CLASS_FILLS = ("#deebf7", "#9ecae1", "#4292c6", "#2166ac", "#08306b")
DARK, LIGHT = "#1f1f1f", "#ffffff"
NO_DATA_FILL = "#ffffff"  # white with a dark outline and no texture: unlike every class and the hatch
SUPPRESSED_FILL = "#e6e6e6"  # light grey with dark diagonal hatching
SUPPRESSED_INK = "#333333"
CHART_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,60}$")
LEGEND_ROW = 26
FONT = 15


@lru_cache(maxsize=1)
def province_shapes() -> dict[str, Any]:
    """The committed map file: `viewBox`, `attribution` and `provinces` (code -> SVG path data)."""
    data: dict[str, Any] = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return data


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def border_for(fill: str) -> str:
    """The outline colour (near-black or white) that contrasts most with a fill."""
    return DARK if contrast(fill, DARK) >= contrast(fill, LIGHT) else LIGHT


def province_names() -> dict[str, str]:
    """Province code -> name in the active language (from the gazetteer, else the built-in table)."""
    names = {u.code: u.name for u in AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE)}
    khmer = (get_language() or "").startswith("km")
    for code, (_type, name_km, name_en) in PROVINCES.items():
        names.setdefault(code, name_km if khmer else name_en)
    return names


def class_breaks(values: Collection[float]) -> list[float]:
    """Six break points cutting [min, max] into five equal intervals (one point when all are equal)."""
    if not values:
        return []
    low, high = min(values), max(values)
    if low == high:
        return [low]
    return [low + (high - low) * i / 5 for i in range(6)]


def class_of(value: float, breaks: list[float]) -> int:
    if len(breaks) < 2:
        return 2  # every value the same: the middle class
    for i in range(5):
        if value <= breaks[i + 1]:
            return i
    return 4


def province_choropleth(
    values: Mapping[str, float | None],
    *,
    title: str,
    desc: str,
    legend_title: str,
    value_label: Callable[[float], str] = str,
    suppressed: Collection[str] = (),
    chart_id: str = "province-map",
) -> SafeString:
    """An inline SVG map of the 25 provinces shaded by `values` (keys: two-digit NCDD province codes).

    Provinces in `suppressed` are hatched and say "fewer than 5 people" (their value is not shown);
    provinces without a value are white and say "no data". Every province has a <title> with its
    name in the active language and its value; the legend lists the five classes, then "fewer than 5
    people" and "no data". Every text is escaped."""
    if not CHART_ID.match(chart_id):
        raise ValueError(f"chart_id {chart_id!r} must be a simple identifier (letters, digits, - and _)")
    shapes = province_shapes()
    unknown = (set(values) | set(suppressed)) - set(shapes["provinces"])
    if unknown:
        raise ValueError(f"not province codes: {', '.join(sorted(map(str, unknown)))}")
    hidden = set(suppressed)
    shown = {code: float(v) for code, v in values.items() if v is not None and code not in hidden}
    breaks = class_breaks(list(shown.values()))
    names = province_names()
    no_data, fewer = _("no data"), _("fewer than 5 people")

    hatch = f"{chart_id}-suppressed"
    parts: list[str] = []
    for code, d in sorted(shapes["provinces"].items()):
        name = names.get(code, code)
        if code in hidden:
            fill, stroke, label = f"url(#{hatch})", DARK, fewer
        elif code in shown:
            fill = CLASS_FILLS[class_of(shown[code], breaks)]
            stroke, label = border_for(fill), value_label(shown[code])
        else:
            fill, stroke, label = NO_DATA_FILL, DARK, no_data
        parts.append(
            f'<path d="{d}" fill="{fill}" stroke="{stroke}" data-code="{code}">'
            f"<title>{escape(name)}: {escape(label)}</title></path>"
        )

    _x, _y, width, map_h = (float(n) for n in shapes["viewBox"].split())
    legend: list[tuple[str, str, str]] = []  # (fill, stroke, text)
    if len(breaks) == 1:
        legend.append((CLASS_FILLS[2], border_for(CLASS_FILLS[2]), value_label(breaks[0])))
    elif breaks:
        for i in range(5):
            legend.append(
                (
                    CLASS_FILLS[i],
                    border_for(CLASS_FILLS[i]),
                    f"{value_label(breaks[i])} – {value_label(breaks[i + 1])}",
                )
            )
    legend.append((f"url(#{hatch})", DARK, fewer))
    legend.append((NO_DATA_FILL, DARK, no_data))
    top = map_h + 16
    rows = [
        f'<text x="0" y="{top + FONT:.0f}" font-size="{FONT + 1}" font-weight="bold">{escape(legend_title)}</text>'
    ]
    for i, (fill, stroke, text) in enumerate(legend):
        y = top + 24 + i * LEGEND_ROW
        rows.append(
            f'<rect x="0" y="{y:.0f}" width="28" height="18" fill="{fill}" stroke="{stroke}"/>'
            f'<text x="38" y="{y + 14:.0f}" font-size="{FONT}">{escape(text)}</text>'
        )
    credit_y = top + 24 + len(legend) * LEGEND_ROW + 14
    credit = _("Boundaries: geoBoundaries.org, © OpenStreetMap contributors (ODbL).")
    rows.append(f'<text x="0" y="{credit_y:.0f}" font-size="12">{escape(credit)}</text>')
    height = credit_y + 8

    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    attribution = shapes["attribution"]
    svg = (
        f'<svg class="chart province-map" id="{chart_id}" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" xmlns="http://www.w3.org/2000/svg" font-family="inherit">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(desc)} {escape(attribution)}</desc>'
        f'<defs><pattern id="{hatch}" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="{SUPPRESSED_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{SUPPRESSED_INK}" stroke-width="3"/></pattern></defs>'
        f'<g fill-rule="evenodd" stroke-width="1" stroke-linejoin="round">{"".join(parts)}</g>'
        f"<g>{''.join(rows)}</g></svg>"
    )
    return mark_safe(svg)  # noqa: S308  # every text in it went through escape(); the rest is ours
