"""Offline capture by facilitators: the input captured on the device (the offline page, its service
worker and IndexedDB queue in static/consultations/) arrives here, one submission per request, with the
UUID made at capture time as its idempotency key, so a retried sync never stores it twice.

The fields are the import's columns (imports.py): gender, age_band, wg_*, place, consent and
`<code>:comment|rank|points`; the same row parser reads them."""

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import imports, intake
from .models import Consultation, Submission

_KEY = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def new_key() -> str:
    return str(uuid.uuid4())


def parse(
    consultation: Consultation, *, key: Any, captured_at: Any, fields: Mapping[str, Any], now: dt.datetime,
    items: Mapping[str, Any],
) -> tuple[intake.SubmissionData | None, dict[str, list[str]]]:  # fmt: skip
    """The submission the page captured, or the problems by field name (column names; "" for all)."""
    problems: dict[str, list[str]] = {}
    key = key if isinstance(key, str) else ""
    if not _KEY.match(key):
        problems[""] = [_("This capture has no valid key. Capture it again.")]
        return None, problems
    layout = imports.Layout.of(consultation, items.values())
    allowed = set(layout.columns()) - {"row_id", "captured_at"}
    values: dict[str, Any] = {
        name: value for name, value in fields.items() if name in allowed and isinstance(value, str | int)
    }
    values["row_id"] = key
    values["captured_at"] = captured_at if isinstance(captured_at, str) else ""
    data, errors = imports.parse_record(values, layout, row=0, now=now, key_prefix="")
    for error in errors:
        problems.setdefault(error.column, []).append(error.message)
    return data, problems


def offline_submit(
    *, consultation: Consultation, key: Any, captured_at: Any, fields: Mapping[str, Any], actor: Any,
    now: dt.datetime | None = None,
) -> tuple[Submission, bool]:  # fmt: skip
    """Store one submission captured offline (channel "offline", entered by `actor`). Returns
    (submission, created); created is False for a retry. Raises ValidationError (messages by field
    name), intake.IdempotencyConflict (the key was used for other content)."""
    now = now or timezone.now()
    items = intake.items_by_code(consultation)
    data, problems = parse(
        consultation, key=key, captured_at=captured_at, fields=fields, now=now, items=items
    )
    if data is None:
        raise ValidationError({name or "__all__": messages for name, messages in problems.items()})
    try:
        return intake.submission_create(
            consultation=consultation, data=data, channel=Submission.Channel.OFFLINE, entered_by=actor, now=now,
            items=items,
        )  # fmt: skip
    except intake.IdempotencyConflict:
        raise
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise ValidationError(
                {
                    imports.FIELD_COLUMNS.get(name, name) or "__all__": [str(m) for m in messages]
                    for name, messages in exc.message_dict.items()
                }
            ) from exc
        raise
