"""Storing one submission at a time (the web form, the API, the SMS gateway, the offline sync):
`submission_create` validates, recognises a retry by its idempotency key and a double tap by its
content (and client), and stores the submission with its inputs in one transaction."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from civicspace.places.models import AdminUnit

from ..models import BudgetItem, Consultation, ItemInput, Submission
from ..results.tasks import schedule_tally_on_commit
from .data import WG_DOMAINS, DuplicateSubmission, IdempotencyConflict, SubmissionData
from .validation import items_by_code, places_by_code, validate

# The same content from the same client within DUPLICATE_WINDOW is a double tap. On the public channels
# (the web form and the API), whose client is only an address, the same content from *any* client within
# CONTENT_DUPLICATE_WINDOW is one too: a client that changes its headers or its address is still caught
# (ADR 0014, issue 11 finding 2).
DUPLICATE_WINDOW = dt.timedelta(minutes=10)
CONTENT_DUPLICATE_WINDOW = dt.timedelta(minutes=2)
PUBLIC_CHANNELS = frozenset({Submission.Channel.WEB, Submission.Channel.API})


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


def _earlier_duplicate(consultation: Consultation, content: str, *, channel: str, client_hash: str,
                       now: dt.datetime) -> Submission | None:  # fmt: skip
    """The latest submission with this content from this client within DUPLICATE_WINDOW or, on a public
    channel, from anyone within CONTENT_DUPLICATE_WINDOW (None when there is none)."""
    same_client = Q(client_hash=client_hash, created_at__gte=now - DUPLICATE_WINDOW) if client_hash else Q()
    recent = Q(created_at__gte=now - CONTENT_DUPLICATE_WINDOW) if channel in PUBLIC_CHANNELS else Q()
    if not same_client and not recent:
        return None
    window = DUPLICATE_WINDOW if client_hash else CONTENT_DUPLICATE_WINDOW
    return (
        Submission.objects.filter(
            consultation=consultation, content_hash=content, created_at__gte=now - window
        )
        .filter(same_client | recent)
        .order_by("-created_at")
        .first()
    )


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
    DUPLICATE_WINDOW or, on the web form and the API, from anyone within CONTENT_DUPLICATE_WINDOW, keys
    aside). `items` (the consultation's items by code) and `places` (units by code,
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
    earlier = _earlier_duplicate(consultation, content, channel=channel, client_hash=client_hash, now=now)
    if earlier is not None:
        stored = earlier if key and earlier.idempotency_key == key else _stored(consultation, data, content)
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
    schedule_tally_on_commit(consultation.pk)
    return submission, True
