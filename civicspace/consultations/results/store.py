"""The tally store: `tally_pending()` / `tally_batch()` add what untallied submissions contribute to the
tally rows and set their `tallied` flag, in one transaction per batch; `untally()` takes submissions
out again before they change; `rebuild()` starts a consultation's tallies over. The job that runs
`tally_pending` after each submission is tasks.py."""

# ruff: noqa: S608  (SQL text is built from model table names and constants only; every value is a bound parameter)

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction

from ..models import AreaTally, ItemTally, Submission
from .counts import MEASURES, Counts, InputRow, SubRow, area_level, contributions, quote, sub_columns, tables


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
    t = tables()
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
            cols = ", ".join(quote(n) for n in names)
            conflict = (
                f"ON CONFLICT ({', '.join(quote(n) for n in names[:nkey])}) DO UPDATE SET "
                + ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in sums)
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
    t = tables()
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
            cursor.execute(f"UPDATE {tables()['sub']} SET tallied = tallied WHERE id = -1")


def _id_chunks(column: str, ids: Sequence[int]) -> Iterator[tuple[str, list[Any]]]:
    """`column IN (...)` conditions with their parameters: one `= ANY(array)` on PostgreSQL, chunks of
    bound values on SQLite."""
    if connection.vendor == "postgresql":
        yield f"{column} = ANY(%s)", [list(ids)]
        return
    for chunk in _chunks(ids):
        yield f"{column} IN ({', '.join(['%s'] * len(chunk))})", list(chunk)


def _inputs_of(ids: Sequence[int]) -> list[InputRow]:
    t = tables()
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
    t = tables()
    lock = " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    with transaction.atomic():
        _take_write_lock()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {sub_columns()} FROM {t['sub']} s WHERE s.consultation_id = %s AND NOT s.tallied "
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
    t = tables()
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
    t = tables()
    subs: list[SubRow] = []
    with transaction.atomic():
        _take_write_lock()
        with connection.cursor() as cursor:
            lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
            for chunk in _chunks(ids):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT {sub_columns()} FROM {t['sub']} s WHERE s.id IN ({marks}) AND s.tallied "
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
