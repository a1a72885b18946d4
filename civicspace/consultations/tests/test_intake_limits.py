"""limits.hit on both of its stores: Django's cache (the embedded set-up) and Redis (REDIS_URL, one
pipelined round trip), which must count alike. The Redis test needs a Redis server on REDIS_URL or
127.0.0.1:6379 and is skipped without one."""

import os
import secrets
from typing import Any

import pytest
import redis

from civicspace.consultations.intake import limits

REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def attempts(n: int, *, scope: str, client: str, now: float) -> list[bool]:
    return [limits.hit(scope, client, now=now) for _ in range(n)]


@pytest.fixture(params=["cache", "redis"])
def store(request: Any, settings: Any) -> str:
    settings.CONSULTATION_SUBMISSION_RATE = "3/600"
    if request.param == "redis":
        if not redis_answers():
            pytest.skip(f"no Redis server answers on {REDIS}")
        settings.REDIS_URL = REDIS
    else:
        settings.REDIS_URL = ""
    return str(request.param)


def test_the_limit_counts_per_client_and_window(store: str) -> None:
    scope = f"test:{secrets.token_hex(4)}"
    now = 600.0 * 3_000_000  # the start of a window
    assert attempts(4, scope=scope, client="a", now=now) == [True, True, True, False]
    assert attempts(1, scope=scope, client="b", now=now) == [True]  # another client
    assert attempts(1, scope=scope, client="a", now=now + 600) == [True]  # the next window


def test_the_redis_counter_expires_with_its_window(store: str) -> None:
    if store != "redis":
        pytest.skip("Redis only")
    scope = f"test:{secrets.token_hex(4)}"
    limits.hit(scope, "a", now=0.0)
    limits.hit(scope, "a", now=0.0)  # a second hit keeps the first expiry (EXPIRE NX)
    ttl = redis.Redis.from_url(REDIS).ttl(f"{limits.KEY_PREFIX}:{scope}:a:0")
    assert 600 < ttl <= 605


def test_no_limit_when_the_rate_is_zero(settings: Any) -> None:
    settings.CONSULTATION_SUBMISSION_RATE = "0/600"
    assert attempts(50, scope="test:off", client="a", now=0.0) == [True] * 50
