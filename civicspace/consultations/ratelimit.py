"""Rate limits per client, shared by every server process. A fixed window: at most N submissions per
client per consultation every W seconds, where N/W is the setting CONSULTATION_SUBMISSION_RATE (default
"10/600"; "0/600" turns the limit off). The client is `intake.client_fingerprint(request)`, a keyed hash:
no address is stored.

With REDIS_URL (production) a hit is one round trip to Redis, INCR and EXPIRE NX in a pipeline; Django's
cache API would take up to three (ADD, then EXISTS and INCR), on every submission. Without it (the
embedded set-up, one machine) the counters live in Django's cache."""

import functools
import time

import redis
from django.conf import settings
from django.core.cache import cache

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
