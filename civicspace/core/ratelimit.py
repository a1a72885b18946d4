"""Who a client is, and how often it may do a costly thing: the one place for both (ADR 0020).

- `client_address(request)`: the address `TRUSTED_PROXY_COUNT` proxies away (the entry that many from the
  right of X-Forwarded-For), else REMOTE_ADDR. An IPv6 address stands for its /64, as one subscriber
  gets a whole /64 and can rotate addresses inside it at will. Nothing the client chooses (User-Agent,
  cookies, the left of X-Forwarded-For) changes it.
- `client_key(request)`: a keyed hash of that address, so no address is stored.
- `hit(scope, client, rate)`: a fixed-window counter shared by every server process: at most `count`
  attempts per `window` seconds. With REDIS_URL a hit is one round trip (INCR and EXPIRE NX in a
  pipeline, ADR 0016); without it the counters live in Django's default cache.
- `throttle(request, scope, setting)`: count one attempt by this request's client against a rate setting
  ("<count>/<seconds>", "0/…" turns it off); raises `RateLimited` over it. `RateLimitMiddleware` turns an
  uncaught `RateLimited` into the 429 page (templates/429.html) with Retry-After."""

import functools
import hashlib
import hmac
import ipaddress
import time
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

KEY_PREFIX = "civicspace:ratelimit"
IPV6_PREFIX = 64
# Documents rendered on request (a draft outcome document, a report whose data changed): per client.
DOCUMENT_RENDER_SETTING = "DOCUMENT_RENDER_RATE"
DOCUMENT_RENDER_DEFAULT = "10/600"


class RateLimited(Exception):
    """Over a rate limit: `retry_after` seconds until the window ends (for the Retry-After header)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limited for {retry_after} s")
        self.retry_after = retry_after


def client_address(request: Any) -> str:
    """The client's address as TRUSTED_PROXY_COUNT resolves it; an IPv6 address as its /64 network."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, IPV6_PREFIX), strict=False))
    return str(ip)


def client_key(request: Any) -> str:
    """A keyed hash of `client_address(request)`: the same client, the same key; no address kept."""
    key = hashlib.sha256(f"client-key:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()


def parse_rate(raw: str | None, default: str) -> tuple[int, int]:
    """(attempts allowed, window in seconds) from "<count>/<seconds>"."""
    count, _sep, window = str(raw or default).partition("/")
    return int(count), max(1, int(window or 600))


def rate_of(setting: str, default: str) -> tuple[int, int]:
    return parse_rate(getattr(settings, setting, default), default)


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


def hit(scope: str, client: str, rate: tuple[int, int], *, now: float | None = None) -> bool:
    """Count one attempt by `client` in `scope`; False when it goes over `rate` (count, window)."""
    allowed, window = rate
    if allowed <= 0:
        return True
    bucket = int((time.time() if now is None else now) // window)
    key = f"{KEY_PREFIX}:{scope}:{client}:{bucket}"
    url = getattr(settings, "REDIS_URL", "")
    count = _count_in_redis(url, key, window + 5) if url else _count_in_cache(key, window + 5)
    return count <= allowed


def retry_after(window: int, *, now: float | None = None) -> int:
    """Seconds until the current window ends (for the Retry-After header)."""
    current = time.time() if now is None else now
    return max(1, int(window - current % window))


def throttle(request: Any, scope: str, setting: str, default: str) -> None:
    """Count one attempt by this request's client in `scope` against the rate `setting`; RateLimited over it."""
    throttle_client(client_key(request), scope, setting, default)


def throttle_client(client: str, scope: str, setting: str, default: str) -> None:
    """Count one attempt by `client` (a `client_key`) in `scope` against the rate `setting`; RateLimited over it."""
    rate = rate_of(setting, default)
    if not hit(scope, client, rate):
        raise RateLimited(retry_after(rate[1]))


def too_many_requests(request: HttpRequest, retry_after_seconds: int) -> HttpResponse:
    """The 429 page, in the request's language, with Retry-After."""
    response = render(request, "429.html", {"retry_after": retry_after_seconds}, status=429)
    response["Retry-After"] = str(retry_after_seconds)
    return response


class RateLimitMiddleware:
    """Answers a RateLimited raised by a view with the 429 page."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RateLimited):
            return too_many_requests(request, exception.retry_after)
        return None
