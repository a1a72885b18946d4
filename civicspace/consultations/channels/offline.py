"""The offline capture channel: what a facilitator captured on the device (the offline page, its service
worker and IndexedDB queue in static/consultations/) arrives one submission per request, with the UUID
made at capture time as its idempotency key (`new_key`), so a retried sync never stores it twice.
`parse` turns it into the intake's `SubmissionData`; storing it is capture.py.

The fields are the spreadsheet's columns (spreadsheet.py): gender, age_band, wg_*, place, consent and
`<code>:comment|rank|points`; the same row parser reads them."""

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from ..intake import SubmissionData
from ..models import Consultation
from . import spreadsheet

_KEY = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def new_key() -> str:
    return str(uuid.uuid4())


def parse(
    consultation: Consultation, *, key: Any, captured_at: Any, fields: Mapping[str, Any], now: dt.datetime,
    items: Mapping[str, Any],
) -> tuple[SubmissionData | None, dict[str, list[str]]]:  # fmt: skip
    """The submission the page captured, or the problems by field name (column names; "" for all)."""
    problems: dict[str, list[str]] = {}
    key = key if isinstance(key, str) else ""
    if not _KEY.match(key):
        problems[""] = [_("This capture has no valid key. Capture it again.")]
        return None, problems
    layout = spreadsheet.Layout.of(consultation, items.values())
    allowed = set(layout.columns()) - {"row_id", "captured_at"}
    values: dict[str, Any] = {
        name: value for name, value in fields.items() if name in allowed and isinstance(value, str | int)
    }
    values["row_id"] = key
    values["captured_at"] = captured_at if isinstance(captured_at, str) else ""
    data, errors = spreadsheet.parse_record(values, layout, row=0, now=now, key_prefix="")
    for error in errors:
        problems.setdefault(error.column, []).append(error.message)
    return data, problems
