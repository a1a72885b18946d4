"""Storing many submissions at once (imports, demo data): `submissions_bulk_create` writes them with
PostgreSQL's COPY or SQLite's executemany, skipping the rows already stored under their key."""

# ruff: noqa: S608  (the bulk writer's SQL is built from model table and column names only; values are bound)

import datetime as dt
import json
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicspace.places.models import AdminUnit

from ..models import RECEIPT_ALPHABET, BudgetItem, Consultation, ItemInput, Submission
from ..results.tasks import schedule_tally_on_commit
from .data import WG_DOMAINS, IdempotencyConflict, SubmissionData
from .validation import items_by_code, places_by_code, validate


@dataclass
class BulkResult:
    created: int = 0
    already_stored: int = 0  # idempotency keys seen before (same content)
    receipts: list[str] = field(default_factory=list)


def submissions_bulk_create(
    *,
    consultation: Consultation,
    rows: Sequence[SubmissionData],
    channel: str,
    entered_by: Any = None,
    now: dt.datetime | None = None,
    batch_size: int = 2000,
    validated: bool = False,
) -> BulkResult:
    """Store many already-validated submissions (validate() each first and report errors: this
    raises ValidationError on the first invalid row and stores nothing then). One transaction;
    rows whose idempotency key is already stored with the same content are skipped, with a different
    content refused (IdempotencyConflict). `validated=True` tells that the caller has just run
    validate() on every row for this consultation and channel (imports.save_rows after the check), so
    it is not run again.

    The rows go in with PostgreSQL's COPY or SQLite's executemany (`_BulkWriter`), ten times faster than
    Model.bulk_create at 100,000 rows; no signals are sent (bulk_create sends none either). A key stored
    by a concurrent transaction meanwhile, or a receipt number already taken (a chance of about one in
    10^14 per row), makes the unique index refuse the rows: IntegrityError, and nothing is stored."""
    now = now or timezone.now()
    items = items_by_code(consultation)
    if validated:  # only the ids of the units are needed, not the units
        places: Mapping[str, AdminUnit] = {}
        units = _unit_ids(r.place_code for r in rows)
    else:
        places = places_by_code(r.place_code for r in rows)
        units = {code: unit.pk for code, unit in places.items()}
    result = BulkResult()
    writer = _BulkWriter(consultation=consultation, channel=channel, entered_by=entered_by, now=now,
                         items=items, units=units)  # fmt: skip
    with transaction.atomic():
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            stored = _stored_contents(
                consultation.pk, [r.idempotency_key for r in batch if r.idempotency_key]
            )
            fresh: list[tuple[SubmissionData, str]] = []
            for row in batch:
                content = row.content_hash()
                key = row.idempotency_key
                if key and key in stored:
                    if stored[key] != content:
                        raise IdempotencyConflict(
                            _("This idempotency key was already used for a different submission."),
                            code="idempotency_conflict",
                        )
                    result.already_stored += 1
                    continue
                if not validated:
                    errors = validate(consultation, row, items=items, places=places, channel=channel, now=now)
                    if errors:
                        raise ValidationError(
                            {name or "__all__": messages for name, messages in errors.items()}
                        )
                if key:
                    stored[key] = content  # the same key twice in one file
                fresh.append((row, content))
            result.receipts += writer.write(fresh)
            result.created += len(fresh)
        if result.created:
            schedule_tally_on_commit(consultation.pk)
    return result


def _stored_contents(consultation_id: int, keys: list[str]) -> dict[str, str]:
    """The content hashes of the submissions stored under these keys, by key: one query, by the unique
    index (the `<> ''` term lets SQLite use it; the keys are one parameter, not one each)."""
    if not keys:
        return {}
    table = connection.ops.quote_name(Submission._meta.db_table)
    postgres = connection.vendor == "postgresql"
    wanted = "= ANY(%s)" if postgres else "IN (SELECT value FROM json_each(%s))"
    param: Any = keys if postgres else json.dumps(keys)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT idempotency_key, content_hash FROM {table} WHERE consultation_id = %s "
            f"AND NOT (idempotency_key = '') AND idempotency_key {wanted}",
            [consultation_id, param],
        )
        return dict(cursor.fetchall())


def _unit_ids(codes: Iterable[str]) -> dict[str, int]:
    """The ids of the units named, by code (the units places_by_code would give)."""
    wanted = {c for c in codes if c}
    if not wanted:
        return {}
    units = AdminUnit.objects.filter(code__in=wanted, level__in=["province", "district", "commune"])
    return dict(units.values_list("code", "pk"))


# --- the bulk writer ------------------------------------------------------------------------------------

# Receipt numbers as models.new_receipt draws them (10 characters, each uniform over RECEIPT_ALPHABET, from
# the system's random source), drawn in bulk: random bytes below 248 (8 x 31) map to a character, the
# others are dropped so that no character is likelier than another. 20 times faster than new_receipt.
_RECEIPT_SIZE = len(RECEIPT_ALPHABET)
_RECEIPT_LIMIT = 256 - 256 % _RECEIPT_SIZE
_RECEIPT_TABLE = bytes(
    ord(RECEIPT_ALPHABET[b % _RECEIPT_SIZE]) if b < _RECEIPT_LIMIT else 0 for b in range(256)
)
_RECEIPT_REJECTED = bytes(range(_RECEIPT_LIMIT, 256))


def new_receipts(n: int) -> list[str]:
    """n distinct receipt numbers in the form of models.new_receipt ("XXXXX-XXXXX")."""
    while True:
        need = 10 * n
        text = ""
        while len(text) < need:
            chunk = secrets.token_bytes(need - len(text) + 16)
            text += chunk.translate(_RECEIPT_TABLE, _RECEIPT_REJECTED).decode("ascii")
        receipts = [f"{text[i : i + 5]}-{text[i + 5 : i + 10]}" for i in range(0, need, 10)]
        if len(set(receipts)) == n:  # else draw again (odds of about n^2 / 10^15)
            return receipts


# The columns the writer fills row by row; any other column of the tables (a field added later) gets its
# field's default, as Model() would give it.
_SUBMISSION_COLUMNS = (
    "id", "consultation_id", "receipt", "idempotency_key", "channel", "created_at", "captured_at", "gender",
    "age_band", *(f"wg_{d}" for d in WG_DOMAINS), "place_id", "province_code", "district_code",
    "commune_code", "consent", "client_hash", "content_hash", "entered_by_id", "tallied",
)  # fmt: skip
_INPUT_COLUMNS = ("submission_id", "item_id", "comment", "rank", "points", "comment_state")


def _other_columns(model: type[models.Model], known: Sequence[str]) -> tuple[list[str], list[Any]]:
    names: list[str] = []
    values: list[Any] = []
    for f in model._meta.concrete_fields:
        if f.column in known or f.primary_key:
            continue
        names.append(str(f.column))
        values.append(f.get_db_prep_save(f.get_default(), connection))
    return names, values


class _BulkWriter:
    """Writes submissions and their item inputs with one statement per table and batch: COPY on
    PostgreSQL (ids drawn from the table's sequence first), executemany on SQLite (ids from the
    largest given so far; SQLite lets one transaction write at a time, and a transaction that read
    before another one wrote cannot write: "database is locked", nothing stored)."""

    def __init__(self, *, consultation: Consultation, channel: str, entered_by: Any, now: dt.datetime,
                 items: Mapping[str, BudgetItem], units: Mapping[str, int]) -> None:  # fmt: skip
        if connection.vendor not in {"postgresql", "sqlite"}:
            raise NotImplementedError(
                f"submissions_bulk_create supports PostgreSQL and SQLite, not {connection.vendor}"
            )
        self.consultation_id = consultation.pk
        self.channel = channel
        self.entered_by_id = entered_by.pk if entered_by is not None else None
        self.created_at = connection.ops.adapt_datetimefield_value(now)
        self.item_ids = {code: item.pk for code, item in items.items()}
        self.units = units
        self.submission_table = Submission._meta.db_table
        self.input_table = ItemInput._meta.db_table
        extra, self.submission_extra = _other_columns(Submission, _SUBMISSION_COLUMNS)
        self.submission_columns = [*_SUBMISSION_COLUMNS, *extra]
        extra, self.input_extra = _other_columns(ItemInput, _INPUT_COLUMNS)
        self.input_columns = [*_INPUT_COLUMNS, *extra]

    def write(self, fresh: Sequence[tuple[SubmissionData, str]]) -> list[str]:
        """Store the rows (each with its content hash); their receipts."""
        if not fresh:
            return []
        receipts = new_receipts(len(fresh))
        ids = self._ids(len(fresh))
        adapt = connection.ops.adapt_datetimefield_value
        dates: dict[dt.datetime | None, Any] = {None: None}  # captured_at adapted once per value
        submissions: list[tuple[Any, ...]] = []
        inputs: list[tuple[Any, ...]] = []
        pending, none = ItemInput.State.PENDING.value, ItemInput.State.NONE.value
        submission_extra, input_extra = tuple(self.submission_extra), tuple(self.input_extra)
        for (row, content), pk, receipt in zip(fresh, ids, receipts, strict=True):
            code = row.place_code
            place_id = self.units.get(code) if code else None
            if place_id is None:
                code = ""
            captured = row.captured_at
            if captured not in dates:
                dates[captured] = adapt(captured)
            wg = row.disability
            submissions.append((
                pk, self.consultation_id, receipt, row.idempotency_key, self.channel, self.created_at,
                dates[captured], row.gender, row.age_band,
                wg.get("seeing", ""), wg.get("hearing", ""), wg.get("walking", ""), wg.get("cognition", ""),
                wg.get("selfcare", ""), wg.get("communication", ""), place_id, code[:2],
                code[:4] if len(code) >= 4 else "", code[:6] if len(code) >= 6 else "", row.consent, "", content,
                self.entered_by_id, False, *submission_extra,
            ))  # fmt: skip
            for answer in row.answers:
                if answer.is_empty():
                    continue
                comment = answer.comment.strip()
                inputs.append((pk, self.item_ids[answer.item_code.strip()], comment, answer.rank, answer.points,
                               pending if comment else none, *input_extra))  # fmt: skip
        self._insert(self.submission_table, self.submission_columns, submissions)
        self._insert(self.input_table, self.input_columns, inputs)
        return receipts

    def _ids(self, n: int) -> list[int]:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [self.submission_table, n],
                )
                return [pk for (pk,) in cursor.fetchall()]
            table = connection.ops.quote_name(self.submission_table)
            # AUTOINCREMENT: never reuse the id of a deleted submission (sqlite_sequence keeps the largest).
            cursor.execute(
                f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0), "
                "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
                [self.submission_table],
            )
            (largest,) = cursor.fetchone()
            return list(range(largest + 1, largest + 1 + n))

    def _insert(self, table: str, columns: Sequence[str], values: list[tuple[Any, ...]]) -> None:
        if not values:
            return
        quote = connection.ops.quote_name
        names = ", ".join(quote(c) for c in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Django's cursor wraps psycopg's; COPY runs in the same connection and transaction.
                with (
                    connection.wrap_database_errors,
                    cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
                ):
                    for value in values:
                        copy.write_row(value)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", values)
