"""Storing one submission captured offline by a facilitator: the capture page without JavaScript
(views/offline.py) and the sync endpoint its service worker posts to (api/channels.py) both call
`offline_submit`. The channel's fields are read by channels/offline.py; the intake stores the input."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from . import intake
from .channels import offline
from .channels.spreadsheet import FIELD_COLUMNS
from .models import Consultation, Submission


def offline_submit(
    *, consultation: Consultation, key: Any, captured_at: Any, fields: Mapping[str, Any], actor: Any,
    now: dt.datetime | None = None,
) -> tuple[Submission, bool]:  # fmt: skip
    """Store one submission captured offline (channel "offline", entered by `actor`). Returns
    (submission, created); created is False for a retry. Raises ValidationError (messages by field
    name), intake.IdempotencyConflict (the key was used for other content)."""
    now = now or timezone.now()
    items = intake.items_by_code(consultation)
    data, problems = offline.parse(
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
                    FIELD_COLUMNS.get(name, name) or "__all__": [str(m) for m in messages]
                    for name, messages in exc.message_dict.items()
                }
            ) from exc
        raise
