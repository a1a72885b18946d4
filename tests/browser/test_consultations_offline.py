"""The offline capture page in Chromium: a facilitator opens it, loses the connection, captures a
submission (kept in IndexedDB and counted as waiting), comes back online, and the queue syncs: exactly
one submission is stored, and replaying the same sync stores nothing more. No CSP violation on the way.

Django's database work happens before Playwright starts and after it stops (see conftest.py)."""

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from civicspace.consultations import services as consultation_services
from civicspace.consultations.models import Submission
from civicspace.organisations import services as org_services
from tests.browser.conftest import CHROMIUM_ARGS, TIMEOUT_MS
from tests.second_factor import sign_in_with_second_factor

REPLAY = """async (item) => {
  const session = await fetch(item.syncUrl, {credentials: "same-origin"}).then((r) => r.json());
  const response = await fetch(item.syncUrl, {
    method: "POST", credentials: "same-origin",
    headers: {"Content-Type": "application/json", "X-CSRFToken": session.csrf_token},
    body: JSON.stringify({idempotency_key: item.key, captured_at: item.capturedAt, fields: item.fields}),
  });
  return {status: response.status, body: await response.json()};
}"""


def _arrange(live_url: str) -> tuple[str, str]:
    """A facilitator (member of a CSO) with a session, and an open consultation; returns the page URL
    and the session cookie."""
    cso = org_services.organisation_create(actor=None, slug="field-cso", kind="cso", name_en="Field CSO")
    authority = org_services.organisation_create(actor=None, slug="commune-council", kind="government",
                                                 name_en="Commune council")  # fmt: skip
    user = get_user_model().objects.create_user(
        email="facilitator@example.org", password="a-long-test-password"
    )
    org_services.membership_set(organisation=cso, user=user, role="member", actor=None)
    now = timezone.now()
    consultation = consultation_services.consultation_create(
        actor=None, slug="commune-2030", authority=authority, organisers=[cso], title_en="Commune budget 2030",
        title_km="ថវិកាឃុំ ២០៣០", fiscal_year=2030, level="national", asks_comments=True, asks_ranking=True,
        asks_points=False, opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=10),
        consent_en="I agree.", consent_km="ខ្ញុំយល់ព្រម។",
        items=[{"code": "R1", "title_en": "Roads", "title_km": "ផ្លូវ", "amount_khr": 1000},
               {"code": "W2", "title_en": "Water", "title_km": "ទឹក", "amount_khr": 2000}],
    )  # fmt: skip
    consultation_services.consultation_transition(consultation=consultation, to="published", actor=None)
    client = Client()
    sign_in_with_second_factor(client, user)  # a member of an organiser: needs a second factor
    return f"{live_url}/en/consultations/commune-2030/offline/", client.cookies["sessionid"].value


def test_offline_capture_queues_then_syncs_once(
    chromium: Path, transactional_db: None, live_server: Any
) -> None:
    page_url, session = _arrange(str(live_server.url))
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
        context.set_default_timeout(TIMEOUT_MS)
        host = live_server.url.split("//")[1].split(":")[0]
        context.add_cookies([{"name": "sessionid", "value": session, "domain": host, "path": "/"}])
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_url)
        expect(page.locator("#offline-queue")).to_be_visible()  # the script runs: the queue panel shows
        # The page says so once it is kept on the device. (Waiting on a promise-returning predicate
        # instead passed at once: Playwright's polling treats the pending promise as truthy.)
        expect(page.locator("#offline-ready")).to_be_visible()
        # A function, not a bare expression: Playwright runs a bare one with eval(), which the page's
        # Content-Security-Policy refuses whenever the first check fails.
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")

        context.set_offline(True)
        page.reload()  # the shell comes from the service worker's cache
        expect(page.locator("h1")).to_have_text("Offline capture")
        page.locator("#f-R1-comment").fill("Repair the road to the school before the rains.")
        page.locator("#f-R1-rank").fill("1")
        page.locator("#f-W2-rank").fill("2")
        page.locator("#f-gender").select_option("woman")
        page.locator("#f-consent").check()
        page.get_by_role("button", name="Keep this capture").click()
        expect(page.locator("#offline-count")).to_have_text("1")
        expect(page.locator("#offline-status")).to_contain_text("Waiting to be sent: 1")
        queued = page.evaluate("CivicOffline.all()")
        assert len(queued) == 1 and len(queued[0]["key"]) == 36

        context.set_offline(False)
        # Back online: the page's "online" handler (or Background Sync in the worker) sends the queue.
        expect(page.locator("#offline-count")).to_have_text("0")
        expect(page.locator("#offline-status")).to_contain_text("Sent")
        replay = page.evaluate(REPLAY, queued[0])  # the same sync again (a retry after a lost answer)
        assert replay["status"] == 200 and replay["body"]["created"] is False
        context.close()
        browser.close()

    stored = Submission.objects.filter(consultation__slug="commune-2030")
    assert stored.count() == 1
    submission = stored.get()
    assert submission.idempotency_key == queued[0]["key"] and submission.channel == "offline"
    assert submission.receipt == replay["body"]["receipt"] and submission.gender == "woman"
    assert {i.item.code: i.rank for i in submission.inputs.all()} == {"R1": 1, "W2": 2}
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
