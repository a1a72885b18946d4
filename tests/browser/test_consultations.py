"""Budget consultations in a browser: a citizen gives input in Khmer on a phone-sized screen with
JavaScript switched off, and axe-core on the consultation and results pages in both languages."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from civicspace.demo.consultations import COMMUNE, NATIONAL
from tests.browser.test_accessibility import assert_accessible

PHONE: ViewportSize = {"width": 360, "height": 740}  # a small Android phone
RECEIPT = re.compile(r"^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$")


@pytest.fixture
def first_item(demo: str) -> int:
    """The first budget item of the open demo consultation (looked up before the browser starts)."""
    from civicspace.consultations.models import BudgetItem

    item = BudgetItem.objects.filter(consultation__slug=COMMUNE).order_by("order", "code").first()
    assert item is not None, "the demo commune consultation has no items"
    return item.pk


def test_citizen_gives_input_in_khmer_without_javascript(
    demo: str, browser: Browser, first_item: int
) -> None:
    context = browser.new_context(
        locale="km-KH", viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False
    )
    page: Page = context.new_page()
    page.goto(f"{demo}/km/consultations/{COMMUNE}/")
    expect(page.locator("html")).to_have_attribute("lang", "km")
    page.locator(f"a[href='/km/consultations/{COMMUNE}/give-input/']").first.click()
    expect(page.locator("form.submission-form")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], (
        "the form scrolls sideways"
    )

    # Sending without agreeing is refused, with the message at the top, and what was typed is kept.
    comment = "សូមជួសជុលផ្លូវទៅសាលារៀនមុនរដូវវស្សា។"
    page.locator(f"#id_i{first_item}_comment").fill(comment)
    page.locator("form.submission-form button[type=submit]").last.click()
    expect(page.locator("#errors")).to_be_visible()
    expect(page.locator(f"#id_i{first_item}_comment")).to_have_value(comment)

    # The province → district step works without JavaScript and keeps the comment.
    page.locator("select[name$='province']").select_option("17")
    page.locator("button[name='_place_step']").click()
    expect(page.locator(f"#id_i{first_item}_comment")).to_have_value(comment)
    district = page.locator("select[name$='district'] option[value='1710']")
    expect(district).to_have_count(1)

    page.locator("input[name='consent']").check()
    page.locator("form.submission-form button[type=submit]").last.click()
    receipt = page.locator("p.receipt strong")
    expect(receipt).to_be_visible()
    assert RECEIPT.match(receipt.inner_text().strip()), receipt.inner_text()
    context.close()


URLS = [
    "/en/consultations/",
    "/km/consultations/",
    f"/en/consultations/{COMMUNE}/",
    f"/km/consultations/{COMMUNE}/",
    f"/en/consultations/{COMMUNE}/give-input/",
    f"/km/consultations/{COMMUNE}/give-input/",
    f"/en/consultations/{NATIONAL}/results/",
    f"/km/consultations/{NATIONAL}/results/",
]


def test_consultation_pages_are_accessible(demo: str, axe_page: Page, axe_js: Path) -> None:
    for url in URLS:
        assert_accessible(axe_page, axe_js, demo, url)
