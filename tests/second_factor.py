"""The one way tests give an account a second factor and sign it in as if it had passed it.

`give_second_factor(user)` adds a TOTP authenticator (the shared test secret, `TOTP_SECRET`) if
the account has none. `sign_in_with_second_factor(client, user)` also signs the test client in and
records in the session what allauth records after the TOTP step of a real sign-in (the authentication
records "password" and "mfa"), which is what the token page looks at (ADR 0023)."""

import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from civicspace.accounts.second_factor import second_factor_required

TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTSECRETAAAAAA"
PERIOD = 30  # RFC 6238 defaults, as allauth uses them: 30 s steps, 6 digits, HMAC-SHA-1


def totp(secret: str, at: float | None = None) -> str:
    """The code of `secret` at the time `at` (now by default)."""
    return format_hotp_value(hotp_value(secret, int(time.time() if at is None else at) // PERIOD))


def fresh_totp(secret: str, *, margin: float = 3) -> str:
    """The current code, with at least `margin` seconds of validity left (it waits for the next period
    if need be), so that it cannot expire between typing it and its check."""
    if PERIOD - time.time() % PERIOD < margin:
        time.sleep(PERIOD - time.time() % PERIOD + 0.1)
    return totp(secret)


def give_second_factor(user: Any) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)


def sign_in_with_second_factor(client: Any, user: Any) -> Any:
    give_second_factor(user)
    client.force_login(user)
    session = client.session
    now = time.time()
    session["account_authentication_methods"] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session.save()
    return client


def sign_in(client: Any, user: Any) -> Any:
    """Sign `user` in as a real sign-in would: with the second factor if the account needs one."""
    if second_factor_required(user):
        return sign_in_with_second_factor(client, user)
    client.force_login(user)
    return client


def give_second_factor_if_required(user: Any) -> None:
    if second_factor_required(user):
        give_second_factor(user)
