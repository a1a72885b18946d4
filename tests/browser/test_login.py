"""Log in with two-factor authentication: password, then a TOTP code computed from the demo secret."""

import re
import time

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from civicspace.demo.organisations import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.second_factor import PERIOD, fresh_totp, totp

ADMIN = "admin@demo.civicspace.invalid"


def log_in_with_password(page: Page, base: str) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.locator("input[name=login]").fill(ADMIN)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    # Second step: allauth asks for an authenticator code.
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/authenticate/"))
    expect(page.locator("input[name=code]")).to_be_visible()


def test_totp_unit_matches_rfc_6238() -> None:
    # RFC 6238 appendix B, SHA-1 seed "12345678901234567890", truncated to 6 digits.
    rfc_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp(rfc_secret, at=59) == "287082"
    assert totp(rfc_secret, at=1111111109) == "081804"


def test_login_with_two_factor(demo: str, page: Page) -> None:
    log_in_with_password(page, demo)
    page.locator("input[name=code]").fill(fresh_totp(DEMO_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()

    header = page.locator("header.site-header")
    expect(header.get_by_role("button", name="Log out")).to_be_visible()
    expect(header.get_by_role("link", name="Audit log")).to_be_visible()

    header.get_by_role("link", name="Audit log").click()
    expect(page).to_have_url(re.compile(r"/en/audit/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.title(), "the audit log page has no title"


def test_wrong_code_is_refused(demo: str, page: Page) -> None:
    log_in_with_password(page, demo)
    now = time.time()
    accepted = {totp(DEMO_TOTP_SECRET, now + d * PERIOD) for d in (-1, 0, 1)}
    wrong = next(c for c in ("000000", "123456", "999999", "424242") if c not in accepted)
    page.locator("input[name=code]").fill(wrong)
    page.locator("main form button[type=submit]").first.click()

    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/authenticate/"))
    expect(page.locator("main")).to_contain_text("Incorrect code")
    header = page.locator("header.site-header")
    expect(header.get_by_role("button", name="Log out")).to_have_count(0)
    expect(header.get_by_role("link", name="Log in")).to_be_visible()

    # Still not logged in: the audit log sends back to the login (or the pending code) step.
    page.goto(f"{demo}/en/audit/")
    expect(page).to_have_url(re.compile(r"/en/accounts/(login|2fa/authenticate)/"))


def test_a_new_admin_signs_in_sets_up_totp_and_reaches_the_admin(demo: str, page: Page) -> None:
    """Issue 11, finding 6: an account that must have a second factor and has none can set one up."""
    email, password = "new-admin@example.org", "a-long-enough-password-2"
    user = get_user_model().objects.create_user(
        email=email, password=password, is_staff=True, is_superuser=True
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    page.goto(f"{demo}/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.goto(f"{demo}/en/organisations/")  # any page sends such an account to set up a second factor
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/$"))  # a choice: an app (TOTP) or a security key
    page.locator("main a[href$='/2fa/totp/activate/']").first.click()
    expect(page).to_have_url(re.compile(r"/en/accounts/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in page.url:
        page.locator("input[name=password]").fill(password)
        page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(fresh_totp(secret))
    page.locator("main form button[type=submit]").first.click()
    page.goto(f"{demo}/en/admin/")
    expect(page).to_have_url(re.compile(r"/en/admin/$"))
    expect(page.locator("#site-name, #header")).not_to_have_count(0)
