"""Issue 11, finding 10: security keys (WebAuthn) work on allauth's pages under our Content-Security-Policy.
Chromium's virtual authenticator (DevTools protocol) stands in for a key."""

import re
from typing import Any

from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from civicspace.demo.organisations import DEMO_PASSWORD
from tests.browser.signin import sign_in

SECRETARIAT = "secretariat@demo.civicspace.invalid"


def test_the_secretariat_adds_a_security_key(
    demo: str, page: Page, console_errors: list[str], settings: Any
) -> None:
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server is plain http://localhost
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    demo = demo.replace("127.0.0.1", "localhost")  # WebAuthn needs a domain name as its relying party
    sign_in(page, demo, SECRETARIAT)
    page.goto(f"{demo}/en/accounts/2fa/")
    page.locator("main a[href$='/2fa/webauthn/add/']").first.click()
    if "/reauthenticate/" in page.url and page.locator("input[name=password]").count():
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/webauthn/add/"))
    page.locator("input[name=name]").fill("Office key")
    page.locator("#mfa_webauthn_add").click()
    expect(page).not_to_have_url(re.compile(r"/webauthn/add/"))
    assert (
        Authenticator.objects.filter(user__email=SECRETARIAT, type=Authenticator.Type.WEBAUTHN).count() == 1
    )
    assert not console_errors, console_errors  # a script refused by the CSP would show here
