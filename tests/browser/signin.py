"""Signing a demo account in through the real pages: the password, then (for every role that needs a
second factor, i.e. all demo accounts but the member) a TOTP code from the demo-only secret."""

import re

from playwright.sync_api import Page, expect

from civicspace.demo.organisations import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.second_factor import fresh_totp


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
