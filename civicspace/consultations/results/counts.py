"""What submissions add to the tallies: the vectors of measures per (item, area, group) and the people per
(area, group) (`Counts`, `contributions`), the group rules, and the SQL both the store (store.py) and
the reader (reader.py) select submissions with."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection

from ..models import AreaTally, Group, ItemInput, ItemTally, Submission

GROUPS: tuple[str, ...] = tuple(Group.values)  # all, women, disability, youth
SUBGROUPS: tuple[str, ...] = GROUPS[1:]
YOUTH_BANDS = (Submission.AgeBand.UNDER_18.value, Submission.AgeBand.AGE_18_24.value)
DISABLED = (Submission.Difficulty.A_LOT.value, Submission.Difficulty.CANNOT.value)
WG_FIELDS = ("wg_seeing", "wg_hearing", "wg_walking", "wg_cognition", "wg_selfcare", "wg_communication")
# The per-item measures, in the order of a tally vector.
MEASURES = ("people", "comments", "points_n", "points_sum", "rank_n", "rank_sum", "rank_first")
COUNT_MEASURES = ("people", "comments", "points_n", "rank_n", "rank_first")  # counts of people

Vector = list[int]
ItemKey = tuple[int, str, str]  # (item id, area, group)
AreaKey = tuple[str, str]  # (area, group)


def area_level(area: str) -> int:
    return {0: 0, 2: 1, 4: 2, 6: 3}[len(area)]


def parent_area(area: str) -> str | None:
    return None if not area else area[: len(area) - 2]


# --- Contributions: what submissions add to the tallies -----------------------------------------------


class SubRow(NamedTuple):
    """A submission as the tallies see it: where, and which groups it belongs to."""

    pk: int
    consultation_id: int
    province: str
    district: str
    commune: str
    woman: bool
    disability: bool
    youth: bool

    def areas(self) -> list[str]:
        return [""] + [code for code in (self.province, self.district, self.commune) if code]

    def groups(self) -> list[str]:
        flags = (self.woman, self.disability, self.youth)
        return ["all"] + [g for g, on in zip(SUBGROUPS, flags, strict=True) if on]


class InputRow(NamedTuple):
    submission_id: int
    item_id: int
    has_comment: bool
    rank: int | None
    points: int | None

    def vector(self) -> Vector:
        return [
            1,
            int(self.has_comment),
            int(self.points is not None),
            self.points or 0,
            int(self.rank is not None),
            self.rank or 0,
            int(self.rank == 1),
        ]


@dataclass
class Counts:
    """Raw sums: per (item, area, group) a vector in MEASURES order, per (area, group) people."""

    items: dict[ItemKey, Vector] = field(default_factory=dict)
    areas: Counter[AreaKey] = field(default_factory=Counter)
    untallied: int = 0

    def add(self, other: Counts) -> None:
        for key, vec in other.items.items():
            mine = self.items.setdefault(key, [0] * len(MEASURES))
            for i, v in enumerate(vec):
                mine[i] += v
        self.areas.update(other.areas)
        self.untallied += other.untallied

    def clean(self) -> Counts:
        """Without rows that are all zero (a tally row may stay at zero after an untally)."""
        return Counts(
            items={k: v for k, v in self.items.items() if any(v)},
            areas=Counter({k: n for k, n in self.areas.items() if n}),
            untallied=self.untallied,
        )


def contributions(
    subs: Iterable[SubRow],
    inputs: Iterable[InputRow],
    *,
    item_areas: Callable[[str], bool] | None = None,
    people_areas: Callable[[str], bool] | None = None,
) -> Counts:
    """What these submissions (with their inputs) add to the tallies; `item_areas` / `people_areas`
    keep only the areas a page needs (all by default)."""
    out = Counts()
    places: dict[tuple[str, str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    by_pk: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    people: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter()
    for sub in subs:
        place = (sub.province, sub.district, sub.commune)
        kept = places.get(place)
        if kept is None:
            areas = sub.areas()
            kept = places[place] = (
                tuple(a for a in areas if item_areas is None or item_areas(a)),
                tuple(a for a in areas if people_areas is None or people_areas(a)),
            )
        groups = tuple(sub.groups())
        by_pk[sub.pk] = (kept[0], groups)
        people[(kept[1], groups)] += 1
    for (areas_t, groups_t), n in people.items():
        for area in areas_t:
            for group in groups_t:
                out.areas[(area, group)] += n
    cells: dict[tuple[int, tuple[str, ...], tuple[str, ...]], Vector] = {}
    for row in inputs:  # sum first per (item, areas, groups): fewer keys than inputs
        areas_t, groups_t = by_pk[row.submission_id]
        if not areas_t:
            continue
        key = (row.item_id, areas_t, groups_t)
        vec = row.vector()
        mine = cells.get(key)
        if mine is None:
            cells[key] = vec
        else:
            for i, v in enumerate(vec):
                mine[i] += v
    items = out.items
    width = len(MEASURES)
    for (item_id, areas_t, groups_t), vec in cells.items():
        for area in areas_t:
            for group in groups_t:
                mine = items.get((item_id, area, group))
                if mine is None:
                    items[(item_id, area, group)] = list(vec)
                else:
                    for i in range(width):
                        mine[i] += vec[i]
    return out


# --- SQL ------------------------------------------------------------------------------------------------


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def tables() -> dict[str, str]:
    return {
        "sub": quote(Submission._meta.db_table),
        "inp": quote(ItemInput._meta.db_table),
        "item_tally": quote(ItemTally._meta.db_table),
        "area_tally": quote(AreaTally._meta.db_table),
        "group": quote("group"),
    }


def sub_columns(alias: str = "s") -> str:
    """The SubRow columns, computed in SQL (the group rules; recount() checks them against
    Submission.has_disability and the age bands)."""
    disabled = ", ".join(f"'{d}'" for d in DISABLED)
    any_wg = " OR ".join(f"{alias}.{f} IN ({disabled})" for f in WG_FIELDS)
    youth = ", ".join(f"'{b}'" for b in YOUTH_BANDS)
    return (
        f"{alias}.id, {alias}.consultation_id, {alias}.province_code, {alias}.district_code, "
        f"{alias}.commune_code, CASE WHEN {alias}.gender = 'woman' THEN 1 ELSE 0 END, "
        f"CASE WHEN {any_wg} THEN 1 ELSE 0 END, "
        f"CASE WHEN {alias}.age_band IN ({youth}) THEN 1 ELSE 0 END"
    )
