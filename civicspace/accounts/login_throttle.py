"""Failed sign-ins slow down guessing without letting anybody lock another person out (issue 11,
finding 9b; ADR 0021; the numbers: LOGIN_THROTTLE in config/settings/base.py, docs/settings.md).

Two counters, in Django's cache (Redis in production):

- **per account and address** (the email typed, lowercased, whether or not such an account exists, and the
  client's address): the first `FREE_FAILURES` failures cost nothing; after that the pair must wait
  `BACKOFF_BASE_SECONDS`, doubled at each further failure, at most `BACKOFF_MAX_SECONDS`. Attempts during
  the wait are refused without looking at the password, and do not count. A successful sign-in forgets the
  pair's failures; otherwise they are forgotten `FORGET_AFTER_SECONDS` after the last one. Someone
  guessing from another address never makes the account wait here.
- **per address** (all accounts): over `ADDRESS_FAILURES` failures in `ADDRESS_WINDOW_SECONDS` the address
  is guessing at many accounts, and then each pair at that address waits from its first failure. Nobody
  at that address is refused a first try, so a shared or carrier-NAT address is slowed, not locked.

Keys are hashed, so the cache holds no email address or IP address."""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

PREFIX = "civicspace:login-failures"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    wait_seconds: int = 0


def _limits() -> dict[str, int]:
    return dict(settings.LOGIN_THROTTLE)


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


def _pair_key(email: str, address: str) -> str:
    return f"{PREFIX}:pair:{_hash(email.strip().lower(), address)}"


def _address_key(address: str) -> str:
    return f"{PREFIX}:address:{_hash(address)}"


def check(*, email: str, address: str) -> Verdict:
    """May this address try a password for this account now?"""
    state = cache.get(_pair_key(email, address))
    if not state:
        return Verdict(allowed=True)
    remaining = float(state.get("until", 0)) - time.time()
    if remaining <= 0:
        return Verdict(allowed=True)
    return Verdict(allowed=False, wait_seconds=max(1, math.ceil(remaining)))


def _address_failures(address: str) -> int:
    limits = _limits()
    key = _address_key(address)
    cache.add(key, 0, timeout=limits["ADDRESS_WINDOW_SECONDS"])
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=limits["ADDRESS_WINDOW_SECONDS"])
        return 1


def record_failure(*, email: str, address: str) -> None:
    limits = _limits()
    busy_address = _address_failures(address) >= limits["ADDRESS_FAILURES"]
    free = 1 if busy_address else limits["FREE_FAILURES"]
    key = _pair_key(email, address)
    failures = int((cache.get(key) or {}).get("failures", 0)) + 1
    wait = 0
    if failures >= free:
        exponent = min(failures - free, 32)  # 2**32 × base is far above any maximum
        wait = min(limits["BACKOFF_BASE_SECONDS"] * 2**exponent, limits["BACKOFF_MAX_SECONDS"])
    state = {"failures": failures, "until": time.time() + wait}
    cache.set(key, state, timeout=limits["FORGET_AFTER_SECONDS"])


def record_success(*, email: str, address: str) -> None:
    """The right password: forget this pair's failures (the address's count stays)."""
    cache.delete(_pair_key(email, address))
