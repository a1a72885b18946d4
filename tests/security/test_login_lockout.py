"""Issue 11, finding 9b: "The login lockout of 5 per IP locks out every user behind a shared or carrier-NAT
address. Limit per account and per address separately, with a back-off, so that nobody can lock out another
person."

Failed sign-ins are counted per account *and* address (after a few, that pair waits, each time twice as
long) and per address over all accounts (a much higher number, after which every account at that address
waits from its first failure on). A correct password from an address that has not failed for the account is
never refused (accounts/login_throttle.py, ADR 0021)."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

LOGIN = "/en/accounts/login/"
PASSWORD = "a-long-test-password"
X, Y = "198.51.100.7", "203.0.113.9"


@pytest.fixture(autouse=True)
def _fresh_counters() -> Any:
    cache.clear()
    yield
    cache.clear()


def _account(django_user_model: Any, name: str) -> Any:
    user = django_user_model.objects.create_user(email=f"{name}@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def _sign_in(email: str, password: str, address: str) -> bool:
    client = Client(REMOTE_ADDR=address)
    client.post(LOGIN, {"login": email, "password": password})
    return "_auth_user_id" in client.session


def test_failures_for_one_account_do_not_stop_another_account_at_the_same_address(
    django_user_model: Any,
) -> None:
    _account(django_user_model, "a")
    _account(django_user_model, "b")
    for _ in range(6):
        assert not _sign_in("a@example.org", "wrong-password-guess", X)
    assert _sign_in("b@example.org", PASSWORD, X)


def test_failures_from_one_address_do_not_stop_the_account_at_another_address(django_user_model: Any) -> None:
    _account(django_user_model, "a")
    for _ in range(8):
        assert not _sign_in("a@example.org", "wrong-password-guess", Y)
    assert _sign_in("a@example.org", PASSWORD, X)
    assert not _sign_in("a@example.org", PASSWORD, Y)  # the guessing address waits


def test_repeated_failures_wait_longer_each_time(django_user_model: Any) -> None:
    _account(django_user_model, "a")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(5):  # the first five cost nothing
            assert not _sign_in("a@example.org", "wrong-password-guess", X)
        assert not _sign_in("a@example.org", PASSWORD, X)  # now it waits, even with the right password
        clock.shift(dt.timedelta(seconds=31))
        assert not _sign_in("a@example.org", "wrong-password-guess", X)  # a sixth failure: 60 seconds
        clock.shift(dt.timedelta(seconds=31))
        assert not _sign_in("a@example.org", PASSWORD, X)
        clock.shift(dt.timedelta(seconds=30))
        assert not _sign_in("a@example.org", "wrong-password-guess", X)  # a seventh: 120 seconds
        clock.shift(dt.timedelta(seconds=61))
        assert not _sign_in("a@example.org", PASSWORD, X)
        clock.shift(dt.timedelta(seconds=60))
        assert _sign_in("a@example.org", PASSWORD, X)  # waited long enough: the right password works
        # ... and a success forgets the failures.
        for _ in range(5):
            assert not _sign_in("a@example.org", "wrong-password-guess", X)
        clock.shift(dt.timedelta(seconds=1))
        assert not _sign_in("a@example.org", PASSWORD, X)


def test_the_wait_is_capped_and_never_permanent(django_user_model: Any, settings: Any) -> None:
    _account(django_user_model, "a")
    start = timezone.now()
    maximum = settings.LOGIN_THROTTLE["BACKOFF_MAX_SECONDS"]
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(25):
            _sign_in("a@example.org", "wrong-password-guess", X)
            clock.shift(dt.timedelta(seconds=maximum + 1))
        assert _sign_in("a@example.org", PASSWORD, X)


def test_mass_guessing_from_one_address_is_slowed_without_locking_out_its_other_people(
    django_user_model: Any, settings: Any
) -> None:
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "ADDRESS_FAILURES": 10}
    victim = _account(django_user_model, "victim")
    _account(django_user_model, "neighbour")
    for n in range(10):  # one guess at each of ten accounts: the address's threshold
        _sign_in(f"someone-{n}@example.org", "wrong-password-guess", X)
    assert not _sign_in(victim.email, "wrong-password-guess", X)  # one more guess at an account...
    assert not _sign_in(victim.email, PASSWORD, X)  # ... and that account waits from this address
    assert _sign_in(victim.email, PASSWORD, Y)  # but not from anywhere else
    assert _sign_in("neighbour@example.org", PASSWORD, X)  # and a neighbour's first try is never refused


def test_rotating_ipv6_addresses_within_one_64_is_one_address(django_user_model: Any) -> None:
    """The address is what core.ratelimit says a client is (an IPv6 address counts as its /64), so a
    guesser cannot start afresh with each of the addresses its network gives it."""
    _account(django_user_model, "a")
    for i in range(6):
        assert not _sign_in("a@example.org", "wrong-password-guess", f"2001:db8:1:2::{i + 1:x}")
    assert not _sign_in("a@example.org", PASSWORD, "2001:db8:1:2::ff")  # the same /64 waits
    assert _sign_in("a@example.org", PASSWORD, "2001:db8:1:3::1")  # another network does not
