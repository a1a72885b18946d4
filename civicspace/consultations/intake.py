"""Taking in submissions, whatever the channel: one description of an input (`SubmissionData`), one
validation (`validate`), and two ways to store it — one at a time (`submission_create`: the web form,
the API, the SMS gateway, the offline sync) or in bulk (`submissions_bulk_create`: imports, demo data).

Idempotency: a submission may carry a key chosen by its sender (the web form's token, the offline
capture's UUID, the API's `Idempotency-Key` header, the gateway's message id). The database holds at
most one submission per (consultation, key); a retry returns the stored one, and the same key with
different content is refused (`IdempotencyConflict`), as Stripe's API does.

Privacy: the client is kept only as a keyed hash (`client_fingerprint`), never as an address."""

# ruff: noqa: S608  (the bulk writer's SQL is built from model table and column names only; values are bound)

import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicspace.places.models import AdminUnit
from civicspace.places.selectors import units_by_code

from .models import RECEIPT_ALPHABET, BudgetItem, Consultation, ItemInput, Submission

MAX_COMMENT = 2000
MAX_KEY = 100
WG_DOMAINS = ("seeing", "hearing", "walking", "cognition", "selfcare", "communication")
DUPLICATE_WINDOW = dt.timedelta(minutes=10)
# Input given offline or on paper while the consultation was open may arrive this long after it closed.
LATE_ARRIVAL = dt.timedelta(days=30)
CHANNELS_CAPTURED_EARLIER = {Submission.Channel.IMPORT, Submission.Channel.OFFLINE}
# The choice values, once (TextChoices.values builds a new list at each access; validate() runs per row).
GENDERS = frozenset(Submission.Gender.values)
AGE_BANDS = frozenset(Submission.AgeBand.values)
DIFFICULTIES = frozenset(Submission.Difficulty.values)


@dataclass
class Answer:
    """What is said about one budget item, identified by its code."""

    item_code: str
    comment: str = ""
    rank: int | None = None
    points: int | None = None

    def is_empty(self) -> bool:
        return not self.comment.strip() and self.rank is None and self.points is None


@dataclass
class SubmissionData:
    """One person's input as a channel received it, before validation. Demographics are optional:
    empty strings mean "not given". `disability` maps Washington Group domains (WG_DOMAINS) to
    Submission.Difficulty values."""

    answers: list[Answer]
    gender: str = ""
    age_band: str = ""
    disability: dict[str, str] = field(default_factory=dict)
    place_code: str = ""
    consent: bool = False
    captured_at: dt.datetime | None = None
    idempotency_key: str = ""

    def content_hash(self) -> str:
        """The same input gives the same hash, whatever the channel or the key (duplicate detection).

        The body is what `dataclasses.asdict` gives without the key and the date, answers sorted by
        item code and comments with their spaces collapsed, built by hand (asdict deep-copies, and
        this runs once per row of a 100,000-row import); test_bulk_fast checks both give one hash."""
        body = {
            "answers": [
                {"item_code": a.item_code, "comment": " ".join(a.comment.split()), "rank": a.rank,
                 "points": a.points}
                for a in sorted(self.answers, key=_item_code)
            ],
            "gender": self.gender,
            "age_band": self.age_band,
            "disability": self.disability,
            "place_code": self.place_code,
            "consent": self.consent,
        }  # fmt: skip
        raw = _dumps(body, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(raw).hexdigest()


def _item_code(answer: Answer) -> str:
    return answer.item_code


_dumps = json.dumps


class IdempotencyConflict(ValidationError):
    """The key was used before for different content."""


class DuplicateSubmission(ValidationError):
    """The same content from the same client a moment ago (a double tap, a resent form)."""

    def __init__(self, existing: Submission) -> None:
        super().__init__(
            _("You already sent this input a moment ago; its receipt number is %(receipt)s.")
            % {"receipt": existing.receipt},
            code="duplicate",
        )
        self.existing = existing


def client_fingerprint(request: Any) -> str:
    """A keyed hash of the client's address and browser, for rate limits and duplicate detection.
    The address is the one `TRUSTED_PROXY_COUNT` proxies away (X-Forwarded-For), else REMOTE_ADDR."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if hops and len(forwarded) >= hops:
        address = forwarded[-hops]
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    key = hashlib.sha256(f"client-fingerprint:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{address}|{agent}".encode(), hashlib.sha256).hexdigest()


def items_by_code(consultation: Consultation) -> dict[str, BudgetItem]:
    return {item.code: item for item in consultation.items.all()}


def places_by_code(codes: Iterable[str]) -> dict[str, AdminUnit]:
    levels = {AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT, AdminUnit.Level.COMMUNE}
    return {code: unit for code, unit in units_by_code(codes).items() if unit.level in levels}


def validate(
    consultation: Consultation,
    data: SubmissionData,
    *,
    items: Mapping[str, BudgetItem],
    places: Mapping[str, AdminUnit],
    channel: str,
    now: dt.datetime,
) -> dict[str, list[str]]:
    """Every problem with this input, by field ("" for the whole submission); empty when it is valid.
    Pure: no queries (the caller passes the consultation's items and the places named)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    # When: open now, or (paper, offline) given while open and arriving soon after.
    when = now
    if channel in CHANNELS_CAPTURED_EARLIER and data.captured_at is not None:
        if data.captured_at > now + dt.timedelta(minutes=5):
            add("captured_at", _("The date it was given is in the future."))
        when = data.captured_at
        if now > consultation.closes_at + LATE_ARRIVAL:
            add("", _("This consultation closed too long ago to accept input given on paper or offline."))
    if consultation.phase_at(when) != Consultation.Phase.OPEN:
        add("", _("This consultation is not open for input."))

    # What: known items, each once, within the questions this consultation asks.
    seen: set[str] = set()
    answers = [a for a in data.answers if not a.is_empty()]
    if not answers:
        add("", _("Say something about at least one budget item."))
    ranks: list[int] = []
    points = 0
    for answer in answers:
        code = answer.item_code.strip()
        if code not in items:
            add("answers", _("There is no budget item with the code %(code)s.") % {"code": code[:40]})
            continue
        if code in seen:
            add("answers", _("Budget item %(code)s is answered twice.") % {"code": code})
        seen.add(code)
        if answer.comment.strip():
            if not consultation.asks_comments:
                add("answers", _("This consultation does not ask for comments."))
            elif len(answer.comment) > MAX_COMMENT:
                add("answers", _("A comment may be at most %(n)d characters.") % {"n": MAX_COMMENT})
            elif "\x00" in answer.comment:
                add("answers", _("A comment contains characters that are not text."))
        if answer.rank is not None:
            if not consultation.asks_ranking:
                add("answers", _("This consultation does not ask for a ranking."))
            elif not 1 <= answer.rank <= len(items):
                add("answers", _("Ranks go from 1 to %(n)d.") % {"n": len(items)})
            else:
                ranks.append(answer.rank)
        if answer.points is not None:
            if not consultation.asks_points:
                add("answers", _("This consultation does not ask for points."))
            elif answer.points < 0:
                add("answers", _("Points cannot be negative."))
            else:
                points += answer.points
    if len(ranks) != len(set(ranks)):
        add("answers", _("Each rank may be given to one item only."))
    if points > consultation.points_total:
        add("answers", _("You shared %(given)d points; there are %(total)d to share.")
            % {"given": points, "total": consultation.points_total})  # fmt: skip

    # Who (optional), where (optional), consent.
    if data.gender and data.gender not in GENDERS:
        add("gender", _("Choose a gender from the list, or leave it empty."))
    if data.age_band and data.age_band not in AGE_BANDS:
        add("age_band", _("Choose an age group from the list, or leave it empty."))
    for domain, value in data.disability.items():
        if domain not in WG_DOMAINS or (value and value not in DIFFICULTIES):
            add(
                "disability",
                _("Answer the questions about difficulties from the lists, or leave them empty."),
            )
            break
    if data.place_code:
        unit = places.get(data.place_code)
        if unit is None or not unit.is_active:  # people from outside the budget's area may answer too
            add("place", _("There is no province, district or commune with the code %(code)s.")
                % {"code": data.place_code[:10]})  # fmt: skip
    if (consultation.consent_en or consultation.consent_km) and not data.consent:
        add("consent", _("Please read the consent text and agree to it to send your input."))
    if len(data.idempotency_key) > MAX_KEY or any(ord(c) < 33 or ord(c) > 126 for c in data.idempotency_key):
        add("idempotency_key", _("The idempotency key must be at most 100 printable ASCII characters."))
    return errors


def _submission(consultation: Consultation, data: SubmissionData, *, places: Mapping[str, AdminUnit],
                channel: str, client_hash: str, entered_by: Any, now: dt.datetime,
                content: str | None = None) -> Submission:  # fmt: skip
    unit = places.get(data.place_code) if data.place_code else None
    codes = {"province_code": "", "district_code": "", "commune_code": ""}
    if unit is not None:
        codes["province_code"] = unit.code[:2]
        codes["district_code"] = unit.code[:4] if len(unit.code) >= 4 else ""
        codes["commune_code"] = unit.code[:6] if len(unit.code) >= 6 else ""
    wg = {f"wg_{domain}": data.disability.get(domain, "") for domain in WG_DOMAINS}
    return Submission(
        consultation=consultation, idempotency_key=data.idempotency_key, channel=channel, created_at=now,
        captured_at=data.captured_at, gender=data.gender, age_band=data.age_band, place=unit, consent=data.consent,
        client_hash=client_hash, content_hash=content or data.content_hash(), entered_by=entered_by, **wg, **codes,
    )  # fmt: skip


def _inputs(submission: Submission, data: SubmissionData, items: Mapping[str, BudgetItem]) -> list[ItemInput]:
    return [
        ItemInput(
            submission=submission,
            item=items[a.item_code.strip()],
            comment=a.comment.strip(),
            rank=a.rank,
            points=a.points,
            comment_state=ItemInput.State.PENDING if a.comment.strip() else ItemInput.State.NONE,
        )
        for a in data.answers
        if not a.is_empty()
    ]


def _existing(consultation: Consultation, data: SubmissionData, content: str | None = None) -> Submission:
    # NOT (key = '') as in the partial unique index, so that SQLite uses it
    existing = Submission.objects.exclude(idempotency_key="").get(
        consultation=consultation, idempotency_key=data.idempotency_key
    )
    if existing.content_hash != (content or data.content_hash()):
        raise IdempotencyConflict(
            _("This idempotency key was already used for a different submission."),
            code="idempotency_conflict",
        )
    return existing


def _stored(consultation: Consultation, data: SubmissionData, content: str) -> Submission | None:
    """The submission already stored under this input's key (None without a key or when there is none);
    IdempotencyConflict when the key was used for other content."""
    if not data.idempotency_key:
        return None
    try:
        return _existing(consultation, data, content)
    except Submission.DoesNotExist:
        return None


# The items of consultations that are open, in the process's "local" cache (ADR 0016): they cannot
# change once the consultation is published (services._check_draft), any save or delete of a
# consultation or an item empties it (apps.py), and entries expire after ITEMS_CACHE_SECONDS.
ITEMS_CACHE_SECONDS = 60


def _items_of(consultation: Consultation) -> Mapping[str, BudgetItem]:
    if consultation.state == Consultation.State.DRAFT:
        return items_by_code(consultation)
    local = caches["local"]
    key = f"items:{consultation.pk}:{consultation.updated_at.isoformat()}"
    items: Mapping[str, BudgetItem] | None = local.get(key)
    if items is None:
        items = items_by_code(consultation)
        local.set(key, items, timeout=ITEMS_CACHE_SECONDS)
    return items


def submission_create(
    *,
    consultation: Consultation,
    data: SubmissionData,
    channel: str,
    client_hash: str = "",
    entered_by: Any = None,
    now: dt.datetime | None = None,
    items: Mapping[str, BudgetItem] | None = None,
    places: Mapping[str, AdminUnit] | None = None,
) -> tuple[Submission, bool]:
    """Validate and store one submission with its inputs, in one transaction. Returns (submission,
    created): created is False when the idempotency key was seen before with the same content (the
    stored submission is returned). Raises ValidationError (with a dict of messages by field),
    IdempotencyConflict, or DuplicateSubmission (the same content from the same client within
    DUPLICATE_WINDOW, keys aside). `items` (the consultation's items by code) and `places` (units by code,
    including the input's place) may be passed by a caller that has them already, to save the queries.

    Insert first: a new key (the usual case) costs no lookup before the INSERT; the unique index on
    (consultation, key) catches a retry, which then returns the stored submission. A retry whose input
    would now be refused (the consultation closed since, say) or looks like a duplicate is still
    answered with the stored submission, as the key is checked on those paths."""
    now = now or timezone.now()
    key = data.idempotency_key
    content = data.content_hash()
    items = items if items is not None else _items_of(consultation)
    if places is None or (data.place_code and data.place_code not in places):
        places = places_by_code([data.place_code])
    errors = validate(consultation, data, items=items, places=places, channel=channel, now=now)
    if errors:
        stored = _stored(consultation, data, content)
        if stored is not None:
            return stored, False
        raise ValidationError({name or "__all__": messages for name, messages in errors.items()})
    if client_hash:
        earlier = (
            Submission.objects.filter(
                consultation=consultation,
                content_hash=content,
                client_hash=client_hash,
                created_at__gte=now - DUPLICATE_WINDOW,
            )
            .order_by("-created_at")
            .first()
        )
        if earlier is not None:
            stored = (
                earlier if key and earlier.idempotency_key == key else _stored(consultation, data, content)
            )
            if stored is not None:
                return stored, False
            raise DuplicateSubmission(earlier)
    submission = _submission(consultation, data, places=places, channel=channel, client_hash=client_hash,
                             entered_by=entered_by, now=now, content=content)  # fmt: skip
    try:
        with transaction.atomic():
            submission.save(force_insert=True)
            ItemInput.objects.bulk_create(_inputs(submission, data, items))
    except IntegrityError:
        stored = _stored(consultation, data, content)
        if stored is not None:
            return stored, False  # a retry, or a concurrent one that stored it first
        raise
    _schedule_tally(consultation.pk)
    return submission, True


def _schedule_tally(consultation_id: int) -> None:
    """Once the submission is committed, have the results tallies take it in (debounced: one job queued
    at a time per consultation; results are exact meanwhile, results.py)."""
    from .tasks import schedule_tally

    transaction.on_commit(lambda: schedule_tally(consultation_id))


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
            _schedule_tally(consultation.pk)
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
