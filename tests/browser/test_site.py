"""The page frame: static files (CSS, htmx) load under the strict CSP, and the language switcher."""

import re

from playwright.sync_api import Page, expect

BRAND = "rgb(11, 93, 122)"  # --brand in civicspace/static/css/site.css


def test_css_and_htmx_load_without_csp_errors(demo: str, page: Page, console_errors: list[str]) -> None:
    response = page.goto(f"{demo}/en/organisations/")
    assert response is not None and response.ok
    header = page.locator("header.site-header")
    expect(header).to_be_visible()
    # site.css is served from /static/ and applied: the header has the brand colour.
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == BRAND
    # htmx loaded (a same-origin script, allowed by script-src 'self').
    page.wait_for_function("() => typeof window.htmx === 'object'")
    assert console_errors == [], f"console errors (CSP refusals?): {console_errors}"


def test_language_switch(demo: str, page: Page) -> None:
    page.goto(f"{demo}/en/organisations/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("link", name="ខ្មែរ", exact=True).click()
    expect(page).to_have_url(re.compile(r"/km/organisations/$"))
    expect(page.locator("html")).to_have_attribute("lang", "km")
    expect(page.get_by_role("link", name="ខ្មែរ", exact=True)).to_have_attribute("aria-current", "page")

    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/organisations/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Directory of organisations")
