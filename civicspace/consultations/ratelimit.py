"""Rate limits per client, in Django's cache (Redis in production, so every server process shares
them). A fixed window: at most N submissions per client per consultation every W seconds, where
N/W is the setting CONSULTATION_SUBMISSION_RATE (default "10/600"; "0/600" turns the limit off).
The client is `intake.client_fingerprint(request)`, a keyed hash: no address is stored."""

import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_RATE = "10/600"


def rate() -> tuple[int, int]:
    """(submissions allowed, window in seconds) from CONSULTATION_SUBMISSION_RATE."""
    raw = str(getattr(settings, "CONSULTATION_SUBMISSION_RATE", DEFAULT_RATE) or DEFAULT_RATE)
    count, _sep, window = raw.partition("/")
    return int(count), max(1, int(window or 600))


def hit(scope: str, client: str, *, now: float | None = None) -> bool:
    """Count one attempt by `client` in `scope`; False when it goes over the limit."""
    allowed, window = rate()
    if allowed <= 0:
        return True
    bucket = int((time.time() if now is None else now) // window)
    key = f"ratelimit:{scope}:{client}:{bucket}"
    if cache.add(key, 1, timeout=window + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 5)
        return True
    return count <= allowed


def retry_after(*, now: float | None = None) -> int:
    """Seconds until the current window ends (for the Retry-After header)."""
    _allowed, window = rate()
    current = time.time() if now is None else now
    return max(1, int(window - current % window))
