"""Validators shared by every app's models (they run in `full_clean`, so in every service and, through
model serializers, in the API)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# A date entered in Phnom Penh may be "tomorrow" somewhere else, and the other way round: a day's grace.
FUTURE_TOLERANCE = dt.timedelta(days=1)


def latest_event_date() -> dt.date:
    """The latest date an event that has already happened may carry: today, plus the tolerance."""
    return timezone.localdate() + FUTURE_TOLERANCE


def not_in_future(value: Any) -> None:
    """An event date (a response, a report, the day an ask was raised…) cannot lie in the future: the
    record would say that something happened that has not happened yet."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if day is not None and day > latest_event_date():
        raise ValidationError(
            _("%(date)s is in the future: give the date it happened."),
            code="future_date",
            params={"date": date_format(day, "DATE_FORMAT")},
        )
