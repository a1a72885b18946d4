"""The results as the pages show them: `results_for()` gives the exact, suppressed results of one area
(per item, per group, the area's children and the provinces for the map), and `province_map()` draws
the provinces' participation; the results page and the PDF report both use them. Each figure prints
itself for display (suppression.Figure: grouped digits, Khmer digits in Khmer)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from civicspace.places.maps import province_choropleth
from civicspace.places.models import AdminUnit

from ..models import BudgetItem, Consultation, Group, ItemResponse
from .counts import SUBGROUPS, Counts, area_level
from .reader import read_counts
from .suppression import Figure, Figures, ItemFigures


@dataclass
class ItemResult:
    item: BudgetItem
    figures: ItemFigures  # everyone
    groups: dict[str, ItemFigures]  # women, disability, youth
    position: int | None = None  # by average rank (1 = most important), when the ranking is shown
    response: ItemResponse | None = None


@dataclass
class AreaResult:
    code: str
    name: str
    people: dict[str, Figure]  # by group


@dataclass
class Results:
    consultation: Consultation
    area: str
    unit: AdminUnit | None
    breadcrumb: list[AdminUnit]  # the units above the area, top first
    participants: dict[str, Figure]
    shares: dict[str, Figure]  # percentage of everyone, by group
    items: list[ItemResult]
    children: list[AreaResult]
    provinces: list[AreaResult]
    untallied: int


def area_unit(code: str) -> AdminUnit | None:
    """The province, district or commune with this code (None for everyone); raises
    AdminUnit.DoesNotExist for any other code."""
    if not code:
        return None
    if len(code) not in (2, 4, 6) or not code.isdigit():
        raise AdminUnit.DoesNotExist
    return AdminUnit.objects.get(code=code, level__in=["province", "district", "commune"])


CHILD_LEVEL = {0: "province", 1: "district", 2: "commune"}


def build_results(consultation: Consultation, counts: Counts, *, area: str = "") -> Results:
    """The suppressed results of one area from raw counts (read_counts() or recount())."""
    figs = Figures(counts)
    items = list(BudgetItem.objects.filter(consultation=consultation).select_related("response"))
    show_response = consultation.phase == Consultation.Phase.RESPONSE
    rows = [
        ItemResult(
            item=item,
            figures=figs.item(item.pk, area, "all"),
            groups={g: figs.item(item.pk, area, g) for g in SUBGROUPS},
            response=getattr(item, "response", None) if show_response else None,
        )
        for item in items
    ]
    if consultation.asks_ranking:
        ranked = sorted(
            (r for r in rows if r.figures.rank_avg.value is not None),
            key=lambda r: (r.figures.rank_avg.value or 0, r.item.order, r.item.code),
        )
        for position, row in enumerate(ranked, start=1):
            row.position = position
    unit = area_unit(area)
    provinces = list(AdminUnit.objects.filter(level="province").order_by("code"))
    child_level = CHILD_LEVEL.get(area_level(area))
    if not area:
        children = provinces
    elif child_level:
        children = list(AdminUnit.objects.filter(level=child_level, code__startswith=area).order_by("code"))
    else:
        children = []
    breadcrumb: list[AdminUnit] = []
    if unit is not None:
        codes = [unit.code[:n] for n in range(2, len(unit.code), 2)]
        breadcrumb = list(AdminUnit.objects.filter(code__in=codes).order_by("code")) if codes else []
    return Results(
        consultation=consultation,
        area=area,
        unit=unit,
        breadcrumb=breadcrumb,
        participants=figs.people(area),
        shares=figs.shares(area),
        items=rows,
        children=[AreaResult(u.code, u.name, figs.people(u.code)) for u in children],
        provinces=[AreaResult(u.code, u.name, figs.people(u.code)) for u in provinces],
        untallied=counts.untallied,
    )


def results_for(consultation: Consultation, *, area: str = "") -> Results:
    """The exact, suppressed results of a consultation for everyone ("") or one area."""
    return build_results(consultation, read_counts(consultation.pk, area=area), area=area)


def subgroups() -> list[tuple[str, Any]]:
    """The groups of the inclusion breakdown with their labels (everyone aside), for the tables."""
    return [(g, label) for g, label in Group.choices if g != "all"]


def province_map(res: Results, *, chart_id: str = "province-map") -> SafeString:
    values = {p.code: p.people["all"].value for p in res.provinces if not p.people["all"].hidden}
    hidden = [p.code for p in res.provinces if p.people["all"].hidden]
    return province_choropleth(
        values,
        title=_("People who took part, by province"),
        desc=_(
            "A map of Cambodia's provinces shaded by the number of people who took part; the same "
            "numbers are in the table below."
        ),
        legend_title=_("People who took part"),
        value_label=lambda v: str(Figure(int(v))),
        suppressed=hidden,
        chart_id=chart_id,
    )
