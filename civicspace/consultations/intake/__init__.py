"""Taking in submissions, whatever the channel: one description of an input (`SubmissionData`), one
validation (`validate`), and two ways to store it — one at a time (`submission_create`: the web form,
the API, the SMS gateway, the offline sync) or in bulk (`submissions_bulk_create`: imports, demo data).
The channels (channels/) turn what they receive into `SubmissionData`; every check on it is here, once.

Idempotency: a submission may carry a key chosen by its sender (the web form's token, the offline
capture's UUID, the API's `Idempotency-Key` header, the gateway's message id). The database holds at
most one submission per (consultation, key); a retry returns the stored one, and the same key with
different content is refused (`IdempotencyConflict`), as Stripe's API does. The same content from the
same client within minutes, or on the web form and the API from anyone within two, is a double tap
(`DuplicateSubmission`).

Privacy: the client is kept only as a keyed hash of its address (`client_fingerprint`, core.ratelimit),
never as the address itself.

- data.py: `SubmissionData` and `Answer`, the shared limits, `IdempotencyConflict`, `DuplicateSubmission`
- validation.py: `validate` (pure), `items_by_code`, `places_by_code`
- store.py: `submission_create` (idempotency, duplicates, one transaction)
- bulk.py: `submissions_bulk_create` (COPY / executemany, keys already stored skipped)
- limits.py: `client_fingerprint` and the per-client rate limit of the public channels (`admit`)"""

from .bulk import BulkResult, new_receipts, submissions_bulk_create
from .data import (
    MAX_COMMENT,
    MAX_KEY,
    WG_DOMAINS,
    Answer,
    DuplicateSubmission,
    IdempotencyConflict,
    SubmissionData,
    age_band_of,
)
from .limits import RateLimited, admit, client_fingerprint
from .store import submission_create
from .validation import items_by_code, places_by_code, validate

__all__ = [
    "MAX_COMMENT",
    "MAX_KEY",
    "WG_DOMAINS",
    "Answer",
    "BulkResult",
    "DuplicateSubmission",
    "IdempotencyConflict",
    "RateLimited",
    "SubmissionData",
    "admit",
    "age_band_of",
    "client_fingerprint",
    "items_by_code",
    "new_receipts",
    "places_by_code",
    "submission_create",
    "submissions_bulk_create",
    "validate",
]
