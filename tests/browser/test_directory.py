"""Directory search with a Khmer query: the plain form (full page) and the HTMX live search."""

import re

import pytest
from playwright.sync_api import Page, expect

HUMAN_RIGHTS = "សិទ្ធិ"  # "rights": in the Khmer names of CHRAC, CRC and OHCHR, not in UNDP's
CHRAC_KM = "គណៈកម្មាធិការសកម្មភាពសិទ្ធិមនុស្សកម្ពុជា"
CRC_KM = "សម្ព័ន្ធសិទ្ធិកុមារកម្ពុជា"
OHCHR_KM = "ការិយាល័យឧត្តមស្នងការអង្គការសហប្រជាជាតិទទួលបន្ទុកសិទ្ធិមនុស្ស"
UNDP_KM = "កម្មវិធីអភិវឌ្ឍន៍សហប្រជាជាតិ"
CHILD = "កុមារ"  # "child": in the Khmer names of CRC and UNICEF, not in UNDP's
UNICEF_KM = "មូលនិធិសង្គ្រោះកុមារនៃអង្គការសហប្រជាជាតិ"


@pytest.fixture
def org_count(demo: str) -> int:
    """How many organisations the demo has: the 15 of June 2021 and the demo consultations' budget
    authorities (counted before the browser starts)."""
    from civicspace.organisations.models import Organisation

    return Organisation.objects.count()


def card_titles(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("#results .card h2 a").all_inner_texts()]


def test_khmer_search_by_submitting_the_form(demo: str, org_count: int, page: Page) -> None:
    page.goto(f"{demo}/km/organisations/")
    expect(page.locator("#results .card")).to_have_count(org_count)
    assert UNDP_KM in card_titles(page)

    page.locator("#id_q").fill(HUMAN_RIGHTS)
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()

    assert "q=" in page.url
    expect(page.locator("html")).to_have_attribute("lang", "km")
    expect(page.locator("#id_q")).to_have_value(HUMAN_RIGHTS)
    titles = card_titles(page)
    for name in (CHRAC_KM, CRC_KM, OHCHR_KM):
        assert name in titles, f"{name} missing from {titles}"
    assert UNDP_KM not in titles
    expect(page.locator("#results")).not_to_contain_text("UNDP")


def test_htmx_live_search_updates_results_without_reload(demo: str, org_count: int, page: Page) -> None:
    page.goto(f"{demo}/km/organisations/")
    expect(page.locator("#results .card")).to_have_count(org_count)
    page.wait_for_function("() => typeof window.htmx === 'object'")
    # A full page load would drop this mark; an HTMX swap of #results keeps it.
    page.evaluate("() => { window.__noReload = true; }")

    with page.expect_response(
        lambda r: "q=" in r.url and r.request.headers.get("hx-request") == "true"
    ) as info:
        page.locator("#id_q").press_sequentially(CHILD, delay=30)
    assert info.value.ok

    page.wait_for_function(  # swapped
        "(n) => document.querySelectorAll('#results .card').length < n", arg=org_count
    )
    titles = card_titles(page)
    assert len(titles) >= 2, titles
    assert CRC_KM in titles and UNICEF_KM in titles, titles
    expect(page.locator("#results")).not_to_contain_text("UNDP")
    assert page.evaluate("() => window.__noReload === true"), "the page was reloaded instead of swapped"
    expect(page).to_have_url(re.compile(r"/km/organisations/\?q="))  # hx-push-url keeps the address shareable

    # Clearing the box brings the whole directory back, still without a reload.
    page.locator("#id_q").fill("")
    expect(page.locator("#results .card")).to_have_count(org_count)
    assert page.evaluate("() => window.__noReload === true")
