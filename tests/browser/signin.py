"""Signing a demo account in through the real pages: the password, then (for every role that needs a
second factor, i.e. all demo accounts but the member) a TOTP code from the demo-only secret."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Page, expect

from civicspace.demo.organisations import DEMO_PASSWORD, DEMO_TOTP_SECRET

PERIOD = 30  # RFC 6238 defaults, as allauth uses them: 30 s steps, 6 digits, HMAC-SHA-1


def totp(secret: str, at: float | None = None) -> str:
    counter = int(time.time() if at is None else at) // PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def fresh_totp(secret: str) -> str:
    """A code with a few seconds of validity left, so it cannot expire between typing and checking."""
    if PERIOD - time.time() % PERIOD < 3:
        time.sleep(PERIOD - time.time() % PERIOD + 0.1)
    return totp(secret)


def sign_in(page: Page, base: str, email: str, *, language: str = "en") -> None:
    page.goto(f"{base}/{language}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    if "/accounts/2fa/authenticate/" in page.url:
        page.locator("input[name=code]").fill(fresh_totp(DEMO_TOTP_SECRET))
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|2fa/authenticate)/"))
