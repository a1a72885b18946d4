"""The rate limit of the public channels (the web form and the API), per client and consultation, shared
by every server process. A fixed window: at most N submissions per client per consultation every W
seconds, where N/W is the setting CONSULTATION_SUBMISSION_RATE (default "10/600"; "0/600" turns the limit
off). The client is `client_fingerprint(request)`, a keyed hash: no address is stored. `admit` is the one
check both channels make; a retry of a submission already stored is answered whatever the limit.

With REDIS_URL (production) a hit is one round trip to Redis, INCR and EXPIRE NX in a pipeline; Django's
cache API would take up to three (ADD, then EXISTS and INCR), on every submission. Without it (the
embedded set-up, one machine) the counters live in Django's cache."""

import functools
import hashlib
import hmac
import time
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache

from ..models import Consultation, Submission

DEFAULT_RATE = "10/600"
KEY_PREFIX = "civicspace:ratelimit"


def rate() -> tuple[int, int]:
    """(submissions allowed, window in seconds) from CONSULTATION_SUBMISSION_RATE."""
    raw = str(getattr(settings, "CONSULTATION_SUBMISSION_RATE", DEFAULT_RATE) or DEFAULT_RATE)
    count, _sep, window = raw.partition("/")
    return int(count), max(1, int(window or 600))


@functools.cache
def _redis(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def _count_in_redis(url: str, key: str, ttl: int) -> int:
    with _redis(url).pipeline(transaction=False) as pipe:
        pipe.incr(key)
        pipe.expire(key, ttl, nx=True)
        count, _set = pipe.execute()
    return int(count)


def _count_in_cache(key: str, ttl: int) -> int:
    if cache.add(key, 1, timeout=ttl):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=ttl)
        return 1


def hit(scope: str, client: str, *, now: float | None = None) -> bool:
    """Count one attempt by `client` in `scope`; False when it goes over the limit."""
    allowed, window = rate()
    if allowed <= 0:
        return True
    bucket = int((time.time() if now is None else now) // window)
    key = f"{KEY_PREFIX}:{scope}:{client}:{bucket}"
    url = getattr(settings, "REDIS_URL", "")
    count = _count_in_redis(url, key, window + 5) if url else _count_in_cache(key, window + 5)
    return count <= allowed


def retry_after(*, now: float | None = None) -> int:
    """Seconds until the current window ends (for the Retry-After header)."""
    _allowed, window = rate()
    current = time.time() if now is None else now
    return max(1, int(window - current % window))


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


class RateLimited(Exception):
    """Too many submissions from this client to this consultation: `retry_after` seconds until the window
    ends (for the Retry-After header)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limited for {retry_after} s")
        self.retry_after = retry_after


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
