"""The rate limit of the public channels (the web form and the API), per client and consultation, shared
by every server process. A fixed window: at most N submissions per client per consultation every W
seconds, where N/W is the setting CONSULTATION_SUBMISSION_RATE (default "20/600"; "0/600" turns the limit
off). The client is `client_fingerprint(request)`, core.ratelimit's keyed hash of the client's address
(IPv6 by /64), whatever its headers: no address is stored. `admit` is the one check both channels make;
a retry of a submission already stored is answered whatever the limit. The counters are core.ratelimit's
(one Redis round trip with REDIS_URL, Django's cache without)."""

from typing import Any

from civicspace.core import ratelimit
from civicspace.core.ratelimit import KEY_PREFIX, RateLimited

from ..models import Consultation, Submission

__all__ = [
    "DEFAULT_RATE",
    "KEY_PREFIX",
    "RateLimited",
    "admit",
    "client_fingerprint",
    "hit",
    "rate",
    "retry_after",
]

DEFAULT_RATE = "20/600"
SETTING = "CONSULTATION_SUBMISSION_RATE"


def rate() -> tuple[int, int]:
    """(submissions allowed, window in seconds) from CONSULTATION_SUBMISSION_RATE."""
    return ratelimit.rate_of(SETTING, DEFAULT_RATE)


def hit(scope: str, client: str, *, now: float | None = None) -> bool:
    """Count one attempt by `client` in `scope`; False when it goes over the limit."""
    return ratelimit.hit(scope, client, rate(), now=now)


def retry_after(*, now: float | None = None) -> int:
    """Seconds until the current window ends (for the Retry-After header)."""
    return ratelimit.retry_after(rate()[1], now=now)


def client_fingerprint(request: Any) -> str:
    """Who sent a submission, for the rate limit and duplicate detection: `core.ratelimit.client_key`."""
    return ratelimit.client_key(request)


def admit(consultation: Consultation, client_hash: str, *, key: str = "") -> None:
    """Count one attempt by this client to submit to this consultation (only well-formed attempts come
    here, and the web form's honeypot hits, so a person correcting errors is not locked out). Raises
    RateLimited over the limit, unless `key` is the idempotency key of a submission already stored: the
    retry of a stored submission is answered whatever the limit."""
    if hit(f"submit:{consultation.pk}", client_hash):
        return
    if key and Submission.objects.filter(consultation=consultation, idempotency_key=key).exists():
        return
    raise RateLimited(retry_after())
