"""The results of a consultation: tallies kept by a background job, read exactly, shown with small-cell
suppression (ADR: results tallies).

**Tallies.** `ItemTally` and `AreaTally` (tally_models.py) hold sums over the submissions whose
`tallied` flag is set. `tally_pending()` takes untallied submissions in batches — `SELECT … FOR UPDATE
SKIP LOCKED` on PostgreSQL, so two workers never take the same rows; on SQLite the batch first takes
the write lock — adds what they contribute to the tallies with `INSERT … ON CONFLICT DO UPDATE SET n =
n + excluded.n` in key order, and sets the flag, all in one transaction. Submissions are never slowed
down by a hot tally row: they only insert, and the job is queued after them (tasks.schedule_tally).

**Exactness.** `read_counts()` reads the tallies *and* the submissions not yet tallied (few: the partial
index `submission_untallied_idx`) in ONE SQL statement (UNION ALL), so on every database and isolation
level it sees one snapshot: a batch committed while the page is read is counted either as tallies or as
untallied submissions, never both and never neither. The untallied part goes through the same
`contributions()` as the job. `recount()` counts the same numbers straight from the submissions (tests
and `tally_submissions --check` compare the two).

**Suppression.** No figure may rest on fewer than MIN_CELL people; `hidden_cells()` decides, and every
output (page, CSV, JSON, API, PDF) goes through `results_for()` / `results_data()`, which use it:
1. a count under MIN_CELL (zero included) is hidden, and so is a group's figure whose complement in the
   same area (everyone minus the group) is under MIN_CELL;
2. among the areas of one parent (the provinces, a province's districts, a district's communes), the
   parent's total minus the figures shown must not be 1 to MIN_CELL-1, nor equal the single hidden
   area's own figure: if it would be, the smallest figure shown is hidden too (repeated until stable).
Averages are shown only when the count they rest on is shown."""

# ruff: noqa: S608  (SQL text is built from model table names and constants only; every value is a bound parameter)

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from civicspace.places.models import AdminUnit

from . import results_rules  # noqa: F401  (registers the results permissions)
from .models import BudgetItem, Consultation, ItemInput, ItemResponse, Submission
from .tally_models import AreaTally, Group, ItemTally

MIN_CELL = 5
GROUPS: tuple[str, ...] = tuple(Group.values)  # all, women, disability, youth
SUBGROUPS: tuple[str, ...] = GROUPS[1:]
YOUTH_BANDS = (Submission.AgeBand.UNDER_18.value, Submission.AgeBand.AGE_18_24.value)
DISABLED = (Submission.Difficulty.A_LOT.value, Submission.Difficulty.CANNOT.value)
WG_FIELDS = ("wg_seeing", "wg_hearing", "wg_walking", "wg_cognition", "wg_selfcare", "wg_communication")
# The per-item measures, in the order of a tally vector.
MEASURES = ("people", "comments", "points_n", "points_sum", "rank_n", "rank_sum", "rank_first")
COUNT_MEASURES = ("people", "comments", "points_n", "rank_n", "rank_first")  # counts of people
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

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


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _tables() -> dict[str, str]:
    return {
        "sub": _q(Submission._meta.db_table),
        "inp": _q(ItemInput._meta.db_table),
        "item_tally": _q(ItemTally._meta.db_table),
        "area_tally": _q(AreaTally._meta.db_table),
        "group": _q("group"),
    }


def _sub_columns(alias: str = "s") -> str:
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


def _sub_row(row: Sequence[Any]) -> SubRow:
    return SubRow(int(row[0]), int(row[1]), row[2] or "", row[3] or "", row[4] or "", bool(row[5]),
                  bool(row[6]), bool(row[7]))  # fmt: skip


def _input_row(row: Sequence[Any]) -> InputRow:
    return InputRow(int(row[0]), int(row[1]), bool(row[2]), row[3], row[4])


INPUT_COLUMNS = "i.submission_id, i.item_id, CASE WHEN i.comment <> '' THEN 1 ELSE 0 END, i.rank, i.points"


def _chunks(values: Sequence[Any], size: int = 900) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# --- Keeping the tallies --------------------------------------------------------------------------------


PG_TYPES = {
    "consultation_id": "bigint",
    "item_id": "bigint",
    "area": "varchar",
    "group": "varchar",
    "level": "smallint",
}  # the rest: bigint


def _upsert(counts: Counts, consultation_id: int) -> None:
    """Add positive contributions to the tally rows (created when missing), in key order. PostgreSQL
    gets one statement per table with the rows as arrays (unnest): a long VALUES list is slow to send."""
    t = _tables()
    item_rows = sorted(
        (
            (consultation_id, area, item_id, group, *vec)
            for (item_id, area, group), vec in counts.items.items()
        ),
        key=lambda r: r[:4],
    )
    area_rows = sorted(
        (consultation_id, area, group, area_level(area), n) for (area, group), n in counts.areas.items()
    )
    item_names = ["consultation_id", "area", "item_id", "group", *MEASURES]
    area_names = ["consultation_id", "area", "group", "level", "people"]
    with connection.cursor() as cursor:
        for table, names, nkey, rows, sums in (
            (t["item_tally"], item_names, 4, item_rows, MEASURES),
            (t["area_tally"], area_names, 3, area_rows, ("people",)),
        ):
            if not rows:
                continue
            cols = ", ".join(_q(n) for n in names)
            conflict = f"ON CONFLICT ({', '.join(_q(n) for n in names[:nkey])}) DO UPDATE SET " + ", ".join(
                f"{m} = {table}.{m} + excluded.{m}" for m in sums
            )
            if connection.vendor == "postgresql":
                arrays = ", ".join(f"%s::{PG_TYPES.get(n, 'bigint')}[]" for n in names)
                columns = [list(col) for col in zip(*rows, strict=True)]
                cursor.execute(
                    f"INSERT INTO {table} ({cols}) SELECT * FROM unnest({arrays}) {conflict}", columns
                )
                continue
            placeholders = "(" + ", ".join(["%s"] * len(names)) + ")"
            for chunk in _chunks(rows, 400):
                values = ", ".join([placeholders] * len(chunk))
                cursor.execute(f"INSERT INTO {table} ({cols}) VALUES {values} {conflict}",
                               [v for row in chunk for v in row])  # fmt: skip


def _subtract(counts: Counts, consultation_id: int) -> None:
    """Take contributions away from existing tally rows (untally), in key order."""
    t = _tables()
    with connection.cursor() as cursor:
        for (item_id, area, group), vec in sorted(
            counts.items.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2])
        ):
            sets = ", ".join(f"{m} = {m} - %s" for m in MEASURES)
            cursor.execute(
                f"UPDATE {t['item_tally']} SET {sets} WHERE consultation_id = %s AND area = %s AND item_id = %s "
                f"AND {t['group']} = %s",
                [*vec, consultation_id, area, item_id, group],
            )
        for (area, group), n in sorted(counts.areas.items()):
            cursor.execute(
                f"UPDATE {t['area_tally']} SET people = people - %s WHERE consultation_id = %s AND area = %s "
                f"AND {t['group']} = %s",
                [n, consultation_id, area, group],
            )


def _take_write_lock() -> None:
    """SQLite: start the transaction as a writer, so two workers queue instead of both reading the same
    untallied rows and one failing to upgrade its lock (PostgreSQL uses row locks instead)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {_tables()['sub']} SET tallied = tallied WHERE id = -1")


def _id_chunks(column: str, ids: Sequence[int]) -> Iterator[tuple[str, list[Any]]]:
    """`column IN (...)` conditions with their parameters: one `= ANY(array)` on PostgreSQL, chunks of
    bound values on SQLite."""
    if connection.vendor == "postgresql":
        yield f"{column} = ANY(%s)", [list(ids)]
        return
    for chunk in _chunks(ids):
        yield f"{column} IN ({', '.join(['%s'] * len(chunk))})", list(chunk)


def _inputs_of(ids: Sequence[int]) -> list[InputRow]:
    t = _tables()
    rows: list[InputRow] = []
    with connection.cursor() as cursor:
        for cond, params in _id_chunks("i.submission_id", ids):
            cursor.execute(f"SELECT {INPUT_COLUMNS} FROM {t['inp']} i WHERE {cond}", params)
            rows += [_input_row(r) for r in cursor.fetchall()]
    return rows


def _by_consultation(subs: Iterable[SubRow]) -> dict[int, list[SubRow]]:
    grouped: dict[int, list[SubRow]] = defaultdict(list)
    for sub in subs:
        grouped[sub.consultation_id].append(sub)
    return grouped


def tally_batch(*, consultation_id: int, batch: int = 5000) -> int:
    """Tally up to `batch` untallied submissions of a consultation in one transaction; returns how many.
    The rows come from the partial index of untallied submissions (`NOT tallied`, written as in the
    index so SQLite uses it too), unordered: SKIP LOCKED, not the order, keeps two workers apart."""
    t = _tables()
    lock = " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    with transaction.atomic():
        _take_write_lock()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {_sub_columns()} FROM {t['sub']} s WHERE s.consultation_id = %s AND NOT s.tallied "
                f"LIMIT %s{lock}",
                [consultation_id, batch],
            )
            subs = [_sub_row(r) for r in cursor.fetchall()]
        if not subs:
            return 0
        ids = sorted(s.pk for s in subs)
        by_sub: dict[int, list[InputRow]] = defaultdict(list)
        for row in _inputs_of(ids):
            by_sub[row.submission_id].append(row)
        _upsert(contributions(subs, (r for s in subs for r in by_sub[s.pk])), consultation_id)
        with connection.cursor() as cursor:
            for cond, params in _id_chunks("id", ids):
                cursor.execute(f"UPDATE {t['sub']} SET tallied = %s WHERE {cond}", [True, *params])
    return len(subs)


def consultations_with_untallied() -> list[int]:
    t = _tables()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT s.consultation_id FROM {t['sub']} s WHERE NOT s.tallied")
        return sorted(int(r[0]) for r in cursor.fetchall())


def tally_pending(consultation_id: int | None = None, batch: int = 5000) -> int:
    """Tally every submission not yet tallied (of one consultation, or all), one transaction per batch.
    Safe to run in several workers at once. Returns the number of submissions tallied."""
    ids = [consultation_id] if consultation_id is not None else consultations_with_untallied()
    total = 0
    for cid in ids:
        while True:
            done = tally_batch(consultation_id=cid, batch=batch)
            total += done
            if done < batch:
                break
    return total


def untally(submission_ids: Iterable[int]) -> int:
    """Take tallied submissions out of the tallies and mark them untallied, before changing or deleting
    them (call it inside the transaction that changes them). Returns how many were tallied."""
    ids = sorted(set(submission_ids))
    if not ids:
        return 0
    t = _tables()
    subs: list[SubRow] = []
    with transaction.atomic():
        _take_write_lock()
        with connection.cursor() as cursor:
            lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
            for chunk in _chunks(ids):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT {_sub_columns()} FROM {t['sub']} s WHERE s.id IN ({marks}) AND s.tallied "
                    f"ORDER BY s.id{lock}",
                    list(chunk),
                )
                subs += [_sub_row(r) for r in cursor.fetchall()]
        if not subs:
            return 0
        inputs = _inputs_of([s.pk for s in subs])
        for cid, group in sorted(_by_consultation(subs).items()):
            pks = {s.pk for s in group}
            _subtract(contributions(group, (r for r in inputs if r.submission_id in pks)), cid)
        Submission.objects.filter(pk__in=[s.pk for s in subs]).update(tallied=False)
    return len(subs)


def rebuild(consultation_id: int) -> int:
    """Drop a consultation's tallies and tally all its submissions again (after SQL changes that
    bypassed untally()). Returns the number of submissions tallied."""
    with transaction.atomic():
        ItemTally.objects.filter(consultation_id=consultation_id).delete()
        AreaTally.objects.filter(consultation_id=consultation_id).delete()
        Submission.objects.filter(consultation_id=consultation_id, tallied=True).update(tallied=False)
    return tally_pending(consultation_id)


# --- Reading the counts exactly ---------------------------------------------------------------------------


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
    t = _tables()
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
        f"UNION ALL SELECT 's', {_sub_columns().replace('s.consultation_id, ', '')}, 0, 0, 0, 0 "
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
    independent of the SQL in _sub_columns()."""
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


# --- Suppression -------------------------------------------------------------------------------------------

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
        from django.utils.translation import get_language

        from civicspace.core.i18n import to_khmer_digits

        if self.hidden or self.value is None:
            return str(FEWER_THAN)
        text = number_format(self.value, self.decimals, use_l10n=True, force_grouping=True)
        return to_khmer_digits(text) if (get_language() or "").startswith("km") else text

    @property
    def data(self) -> int | float | None:
        """The value for open data and the API: None when hidden."""
        if self.hidden or self.value is None:
            return None
        return round(self.value, 2) if isinstance(self.value, float) else self.value


HIDDEN = Figure(None, hidden=True)


# --- Results ----------------------------------------------------------------------------------------------


@dataclass
class ItemFigures:
    people: Figure
    comments: Figure
    points_avg: Figure
    rank_avg: Figure
    first_choice: Figure


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


# --- Published comments -------------------------------------------------------------------------------


def published_comments(
    consultation: Consultation, *, before: int | None = None, limit: int = 20
) -> tuple[list[ItemInput], int | None]:
    """Published comments, newest first, `limit` at a time: (comments, the `before` of the next page or
    None). Keyset paging (no count over every comment)."""
    qs = ItemInput.objects.filter(
        item__consultation=consultation, comment_state=ItemInput.State.PUBLISHED
    ).select_related("item", "submission")
    if before is not None:
        qs = qs.filter(pk__lt=before)
    page = list(qs.order_by("-pk")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return page, (page[-1].pk if more and page else None)


def all_published_comments(consultation: Consultation) -> Iterator[tuple[str, str, str]]:
    """(date received, item code, text) of every published comment, newest first, for open data: no
    demographics or place, so a comment cannot be tied to a person."""
    rows = (
        ItemInput.objects.filter(item__consultation=consultation, comment_state=ItemInput.State.PUBLISHED)
        .order_by("-pk")
        .values_list("submission__created_at", "item__code", "comment")
    )
    for created, code, text in rows.iterator(chunk_size=2000):
        yield created.date().isoformat(), code, text


# --- Open data ----------------------------------------------------------------------------------------------


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
