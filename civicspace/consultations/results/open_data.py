"""Open data: the suppressed results of every area as long-format rows (`open_data_rows`), one area's as
plain data for the API (`results_data`), and the CSV and JSON streams of the downloads (figures and
published comments), under the CC BY 4.0 licence."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

from civicspace.core.exports import csv_lines

from ..models import BudgetItem, Consultation
from ..selectors import all_published_comments
from .counts import GROUPS, area_level
from .presentation import Results
from .reader import read_counts
from .suppression import MIN_CELL, Figures, ItemFigures

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def _figures_data(f: ItemFigures) -> dict[str, Any]:
    return {
        "people": f.people.data,
        "comments": f.comments.data,
        "average_points": f.points_avg.data,
        "average_rank": f.rank_avg.data,
        "first_choice": f.first_choice.data,
    }


def results_data(results: Results) -> dict[str, Any]:
    """The suppressed results of one area as plain data (the API)."""
    c = results.consultation
    return {
        "consultation": c.slug,
        "area": results.area,
        "area_name": results.unit.name if results.unit else "",
        "suppression": f"Figures resting on fewer than {MIN_CELL} people are null.",
        "licence": LICENCE,
        "participants": {g: f.data for g, f in results.participants.items()},
        "shares_percent": {g: f.data for g, f in results.shares.items() if g != "all"},
        "items": [
            {
                "code": r.item.code,
                "title_en": r.item.title_en,
                "title_km": r.item.title_km,
                "position": r.position,
                **_figures_data(r.figures),
                "groups": {g: _figures_data(f) for g, f in r.groups.items()},
                "response_en": r.response.text_en if r.response else None,
                "response_km": r.response.text_km if r.response else None,
            }
            for r in results.items
        ],
        "areas": [
            {"code": a.code, "name": a.name, "participants": {g: f.data for g, f in a.people.items()}}
            for a in results.children
        ],
        "untallied": results.untallied,
    }


OPEN_DATA_COLUMNS = ("area", "level", "item", "group", "measure", "value")


def open_data_rows(consultation: Consultation) -> Iterator[tuple[Any, ...]]:
    """Every suppressed figure of every area with input, as long-format rows (OPEN_DATA_COLUMNS); hidden
    figures have the value None; participants have item "". One snapshot, one suppression decision."""
    counts = read_counts(consultation.pk, area=None)
    figs = Figures(counts)
    items = list(BudgetItem.objects.filter(consultation=consultation).values_list("pk", "code"))
    with_input = {(item_id, area) for item_id, area, _g in counts.items}
    for area in sorted(set(figs.area_table) | {""}, key=lambda a: (len(a), a)):
        level = area_level(area)
        for group, f in figs.people(area).items():
            yield area, level, "", group, "participants", f.data
        for item_id, code in items:
            if area and (item_id, area) not in with_input:
                continue
            for group in GROUPS:
                for measure, value in _figures_data(figs.item(item_id, area, group)).items():
                    yield area, level, code, group, measure, value


# --- Downloads --------------------------------------------------------------------------------------------


def _csv_lines(header: tuple[str, ...], rows: Iterator[tuple[Any, ...]], notes: list[str]) -> Iterator[str]:
    """The notes (as comment lines), the header and the rows, through the one CSV writer of every export
    (core.exports: formula-like text, such as a citizen's comment starting with "=", is escaped)."""
    return csv_lines(itertools.chain(([f"# {note}"] for note in notes), [header], rows))


def _notes(consultation: Consultation, what: str) -> list[str]:
    return [
        f"{what}: {consultation.title_en or consultation.title_km} ({consultation.slug})",
        f"Licence: {LICENCE} ({LICENCE_URL}); attribute the consultation's organisers.",
        f"Figures resting on fewer than {MIN_CELL} people are left empty (suppressed).",
    ]


def _json_stream(head: dict[str, Any], key: str, rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield json.dumps(head, ensure_ascii=False)[:-1] + f', "{key}": ['
    first = True
    for row in rows:
        yield ("" if first else ", ") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "]}"


def results_stream(consultation: Consultation, fmt: str) -> Iterator[str]:
    """The aggregated, suppressed results of every area (not individual submissions), as "csv" or "json"."""
    rows = open_data_rows(consultation)
    if fmt == "csv":
        return _csv_lines(OPEN_DATA_COLUMNS, rows, _notes(consultation, "Results"))
    head = {
        "consultation": consultation.slug,
        "title_en": consultation.title_en,
        "title_km": consultation.title_km,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "suppression": f"Figures resting on fewer than {MIN_CELL} people are null.",
        "groups": {
            "women": "gender: woman",
            "disability": "Washington Group: a lot of difficulty or cannot do in any domain",
            "youth": "age under 25",
        },
        "areas": "NCDD codes: '' everyone, 2 digits a province, 4 a district, 6 a commune",
    }
    return _json_stream(head, "rows", (dict(zip(OPEN_DATA_COLUMNS, r, strict=True)) for r in rows))


def comments_stream(consultation: Consultation, fmt: str) -> Iterator[str]:
    """The published comments as "csv" or "json": date received, item code and text, with nothing about
    the person."""
    rows = all_published_comments(consultation)
    columns = ("date", "item", "comment")
    if fmt == "csv":
        return _csv_lines(columns, rows, _notes(consultation, "Published comments"))
    head = {"consultation": consultation.slug, "licence": LICENCE, "licence_url": LICENCE_URL}
    return _json_stream(head, "comments", (dict(zip(columns, r, strict=True)) for r in rows))
