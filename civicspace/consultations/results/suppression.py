"""Small-cell suppression (docs/decisions/0018-small-cell-suppression.md): no published figure may rest on
fewer than MIN_CELL people. `hidden_cells()` decides which cells of a table of counts are hidden, and
`Figures` applies it to a `Counts`: the one place a figure is shown or hidden, for the page, the CSV
and JSON downloads, the API and the PDF report alike.

1. a count under MIN_CELL (zero included) is hidden, and so is a group's figure whose complement in the
   same area (everyone minus the group) is under MIN_CELL;
2. among the areas of one parent (the provinces, a province's districts, a district's communes), the
   parent's total minus the figures shown must not be 1 to MIN_CELL-1, nor equal the single hidden
   area's own figure: if it would be, the smallest figure shown is hidden too (repeated until stable).
Averages are shown only when the count they rest on is shown."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .counts import COUNT_MEASURES, GROUPS, MEASURES, Counts, parent_area

MIN_CELL = 5

Cell = tuple[str, str]  # (area, group)


def hidden_cells(table: Mapping[str, Mapping[str, int]]) -> set[Cell]:
    """The cells (area, group) of a table of counts of people that must not be shown (see the module
    docstring): under MIN_CELL, a group whose complement in its area is under MIN_CELL, and the cells
    hidden so that the areas of one parent cannot be subtracted from the parent's figure to find fewer
    than MIN_CELL people, or a single hidden area's figure. Each set of areas of one parent is decided
    from its own figures only, so every page and download that shows it hides the same cells."""
    hidden: set[Cell] = set()
    for area, row in table.items():
        everyone = row.get("all", 0)
        for group in GROUPS:
            value = row.get(group, 0)
            if value < MIN_CELL or (group != "all" and everyone - value < MIN_CELL):
                hidden.add((area, group))
    children: dict[str, list[str]] = defaultdict(list)
    for area in table:
        parent = parent_area(area)
        if parent is not None and parent in table:
            children[parent].append(area)
    for parent, kids in children.items():
        for group in GROUPS:
            total = table[parent].get(group, 0)
            while True:
                shown = [(table[k].get(group, 0), k) for k in kids if (k, group) not in hidden]
                concealed = [k for k in kids if (k, group) in hidden and table[k].get(group, 0) > 0]
                rest = total - sum(v for v, _k in shown)
                exposed = 0 < rest < MIN_CELL or (
                    len(concealed) == 1 and rest == table[concealed[0]].get(group, 0)
                )
                candidates = sorted((v, k) for v, k in shown if v > 0)
                if not exposed or not candidates:
                    break
                hidden.add((candidates[0][1], group))
    return hidden


FEWER_THAN = _("fewer than 5")


@dataclass(frozen=True)
class Figure:
    """One number as published: `value` is None when it is hidden (`hidden`)."""

    value: int | float | None
    hidden: bool = False
    decimals: int = 0

    def __str__(self) -> str:
        from django.utils.formats import number_format

        from civicspace.core.i18n import local_digits

        if self.hidden or self.value is None:
            return str(FEWER_THAN)
        text = number_format(self.value, self.decimals, use_l10n=True, force_grouping=True)
        return local_digits(text)

    @property
    def data(self) -> int | float | None:
        """The value for open data and the API: None when hidden."""
        if self.hidden or self.value is None:
            return None
        return round(self.value, 2) if isinstance(self.value, float) else self.value


HIDDEN = Figure(None, hidden=True)


@dataclass
class ItemFigures:
    people: Figure
    comments: Figure
    points_avg: Figure
    rank_avg: Figure
    first_choice: Figure


Table = dict[str, dict[str, int]]


def _tables_of(counts: Counts) -> tuple[Table, dict[tuple[int, str], Table]]:
    areas: Table = defaultdict(dict)
    for (area, group), n in counts.areas.items():
        areas[area][group] = n
    items: dict[tuple[int, str], Table] = defaultdict(lambda: defaultdict(dict))
    for (item_id, area, group), vec in counts.items.items():
        for i, measure in enumerate(MEASURES):
            if measure in COUNT_MEASURES:
                items[(item_id, measure)][area][group] = vec[i]
    return areas, items


class Figures:
    """The published figures of a Counts: every table's hidden cells (hidden_cells) worked out once;
    this is the one place a figure is shown or hidden, for every output."""

    def __init__(self, counts: Counts) -> None:
        self.counts = counts
        self.area_table, self.item_tables = _tables_of(counts)
        self.area_hidden = hidden_cells(self.area_table)
        self.item_hidden = {key: hidden_cells(table) for key, table in self.item_tables.items()}

    @staticmethod
    def _shown(table: Table, hidden: set[Cell], cell: Cell) -> bool:
        area, group = cell
        return area in table and cell not in hidden and table[area].get(group, 0) >= MIN_CELL

    def people(self, area: str) -> dict[str, Figure]:
        row = self.area_table.get(area, {})
        return {
            g: Figure(row[g]) if self._shown(self.area_table, self.area_hidden, (area, g)) else HIDDEN
            for g in GROUPS
        }

    def shares(self, area: str) -> dict[str, Figure]:
        row = self.area_table.get(area, {})
        people = self.people(area)
        return {
            g: Figure(100 * row[g] / row["all"], decimals=1)
            if not people[g].hidden and not people["all"].hidden
            else HIDDEN
            for g in GROUPS
        }

    def item(self, item_id: int, area: str, group: str) -> ItemFigures:
        vec = self.counts.items.get((item_id, area, group), [0] * len(MEASURES))
        cell = (area, group)

        def shown(measure: str) -> bool:
            table = self.item_tables.get((item_id, measure))
            return table is not None and self._shown(table, self.item_hidden[(item_id, measure)], cell)

        def count(i: int, measure: str) -> Figure:
            return Figure(vec[i]) if shown(measure) else HIDDEN

        def average(total: int, n: int, measure: str) -> Figure:
            return Figure(total / n, decimals=1) if n and shown(measure) else HIDDEN

        return ItemFigures(
            people=count(0, "people"),
            comments=count(1, "comments"),
            points_avg=average(vec[3], vec[2], "points_n"),
            rank_avg=average(vec[5], vec[4], "rank_n"),
            first_choice=count(6, "rank_first"),
        )
