"""Reading the counts exactly: the tallies plus the submissions not yet tallied (`read_counts`), and the
same numbers counted straight from the submissions (`recount`, `counts_match`) for tests and
`manage.py tally_submissions --check`."""

# ruff: noqa: S608  (SQL text is built from model table names and constants only; every value is a bound parameter)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection

from ..models import ItemInput, Submission
from .counts import (
    MEASURES,
    YOUTH_BANDS,
    Counts,
    InputRow,
    SubRow,
    area_level,
    contributions,
    parent_area,
    sub_columns,
    tables,
)


def _area_scope(area: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Which areas a page about `area` needs: exact codes, and (level, prefix) ranges."""
    exact = list(dict.fromkeys([area, ""]))
    ranges = [(1, "")]  # the provinces (with everyone, their parent), for the map and the table by province
    parent = parent_area(area)
    if parent is not None:
        exact.append(parent)
        ranges.append((area_level(area), parent))  # the area's siblings
    if len(area) < 6:
        ranges.append((area_level(area) + 1, area))  # its children
    return exact, ranges


def read_counts(consultation_id: int, *, area: str | None = "") -> Counts:
    """Tallies plus the submissions not yet tallied, read in ONE statement (one snapshot). `area` limits
    the tallies to what a page about that area needs (itself, its parent and siblings, its children and
    the provinces); None reads every area (open data)."""
    t = tables()
    item_where = area_where = ""
    item_params: list[Any] = []
    area_params: list[Any] = []
    if area is not None:
        exact, ranges = _area_scope(area)
        item_where = " AND (t.area = %s"
        item_params = [area]
        parent = parent_area(area)
        if parent is not None:  # the item table's parent and siblings, for the differencing rule
            item_where += " OR t.area = %s OR (t.area LIKE %s AND LENGTH(t.area) = %s)"
            item_params += [parent, f"{parent}%", len(area)]
        item_where += ")"
        area_where = f" AND (t.area IN ({', '.join(['%s'] * len(exact))})"
        area_params = list(exact)
        for level, prefix in ranges:
            area_where += " OR (t.level = %s AND t.area LIKE %s)"
            area_params += [level, f"{prefix}%"]
        area_where += ")"
    g = t["group"]
    sql = (
        f"SELECT 'i', t.item_id, t.area, t.{g}, '', t.people, t.comments, t.points_n, t.points_sum, "
        f"t.rank_n, t.rank_sum, t.rank_first FROM {t['item_tally']} t WHERE t.consultation_id = %s{item_where} "
        f"UNION ALL SELECT 'a', 0, t.area, t.{g}, '', t.people, 0, 0, 0, 0, 0, 0 "
        f"FROM {t['area_tally']} t WHERE t.consultation_id = %s{area_where} "
        f"UNION ALL SELECT 's', {sub_columns().replace('s.consultation_id, ', '')}, 0, 0, 0, 0 "
        f"FROM {t['sub']} s WHERE s.consultation_id = %s AND NOT s.tallied "
        f"UNION ALL SELECT 'n', i.submission_id, '', '', '', i.item_id, "
        f"CASE WHEN i.comment <> '' THEN 1 ELSE 0 END, i.rank, i.points, 0, 0, 0 "
        f"FROM {t['inp']} i {_untallied_inputs(t)}"
    )
    params = [consultation_id, *item_params, consultation_id, *area_params]
    params += [consultation_id, consultation_id]
    out = Counts()
    subs: list[SubRow] = []
    inputs: list[InputRow] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, a, b, c, d, *n in cursor.fetchall():
            if kind == "i":
                out.items[(int(a), b, c)] = [int(v) for v in n]
            elif kind == "a":
                out.areas[(b, c)] += int(n[0])
            elif kind == "s":
                subs.append(SubRow(int(a), consultation_id, b or "", c or "", d or "", bool(n[0]), bool(n[1]),
                                   bool(n[2])))  # fmt: skip
            else:
                inputs.append(InputRow(int(a), int(n[0]), bool(n[1]), n[2], n[3]))
    if area is None:
        live = contributions(subs, inputs)
    else:  # only the areas the tallies were limited to
        keep_item, keep_area = _scope_filter(area)
        live = contributions(subs, inputs, item_areas=keep_item, people_areas=keep_area)
    live.untallied = len(subs)
    out.add(live)
    return out.clean()


def _untallied_inputs(t: dict[str, str]) -> str:
    """The inputs of the untallied submissions. PostgreSQL: through an array of their ids, so the plan is
    always an index lookup per submission (a hash join would read every input)."""
    if connection.vendor == "postgresql":
        return (f"WHERE i.submission_id = ANY(ARRAY(SELECT s.id FROM {t['sub']} s "
                f"WHERE s.consultation_id = %s AND NOT s.tallied))")  # fmt: skip
    return f"INNER JOIN {t['sub']} s ON s.id = i.submission_id WHERE s.consultation_id = %s AND NOT s.tallied"


def _scope_filter(area: str) -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """Predicates for the areas read_counts(area=...) keeps: for the item table, the area, its parent
    and its siblings; for the people, everyone, the provinces, the area, its parent, siblings and
    children (as _area_scope)."""
    parent = parent_area(area)
    size = len(area)

    def item(code: str) -> bool:
        if code == area:
            return True
        return parent is not None and (code == parent or (len(code) == size and code.startswith(parent)))

    def people(code: str) -> bool:
        n = len(code)
        if n <= 2 or code in (area, parent):
            return True
        if n == size + 2 and code.startswith(area):
            return True
        return parent is not None and n == size and code.startswith(parent)

    return item, people


def recount(consultation_id: int) -> Counts:
    """Every count straight from the submissions and their inputs, the plain way (for tests and
    `tally_submissions --check`): the group rules here are Submission.has_disability and the age bands,
    independent of the SQL in sub_columns()."""
    subs: dict[int, tuple[list[str], list[str]]] = {}
    out = Counts()
    for sub in (
        Submission.objects.filter(consultation_id=consultation_id).order_by().iterator(chunk_size=5000)
    ):
        areas = [""] + [c for c in (sub.province_code, sub.district_code, sub.commune_code) if c]
        groups = ["all"]
        if sub.gender == Submission.Gender.WOMAN:
            groups.append("women")
        if sub.has_disability:
            groups.append("disability")
        if sub.age_band in YOUTH_BANDS:
            groups.append("youth")
        subs[sub.pk] = (areas, groups)
        for area in areas:
            for group in groups:
                out.areas[(area, group)] += 1
    inputs = ItemInput.objects.filter(submission__consultation_id=consultation_id).order_by()
    for inp in inputs.iterator(chunk_size=5000):
        areas, groups = subs[inp.submission_id]
        for area in areas:
            for group in groups:
                vec = out.items.setdefault((inp.item_id, area, group), [0] * len(MEASURES))
                vec[0] += 1
                vec[1] += bool(inp.comment)
                if inp.points is not None:
                    vec[2] += 1
                    vec[3] += inp.points
                if inp.rank is not None:
                    vec[4] += 1
                    vec[5] += inp.rank
                    vec[6] += inp.rank == 1
    return out.clean()


def counts_match(consultation_id: int) -> bool:
    """Do the tallies plus the untallied submissions equal a recount?"""
    kept, counted = read_counts(consultation_id, area=None), recount(consultation_id)
    return kept.items == counted.items and kept.areas == counted.areas
