"""What a channel hands to the intake: one person's input (`SubmissionData`, its `Answer`s), the limits
every channel shares, and the intake's refusals that are not plain validation errors."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Submission

MAX_COMMENT = 2000
MAX_KEY = 100
WG_DOMAINS = ("seeing", "hearing", "walking", "cognition", "selfcare", "communication")


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
        this runs once per row of a 100,000-row import); test_intake_bulk checks both give one hash."""
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


def age_band_of(age: int) -> str:
    """The age band of an age in years (the SMS and spreadsheet channels take ages)."""
    for limit, band in ((18, "under_18"), (25, "18_24"), (35, "25_34"), (45, "35_44"), (60, "45_59")):
        if age < limit:
            return band
    return "60_up"
