"""The tracker in a browser: OHCHR's focal point answers a June 2021 ask and reports progress with a
file; axe-core on the tracker pages in both languages."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.signin import sign_in
from tests.browser.test_accessibility import assert_accessible

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def ohchr_ask(demo: str) -> int:
    """An ask of the demo meeting of June 2021 addressed to OHCHR (looked up before the browser starts)."""
    from civicspace.recommendations.models import Ask

    ask = (
        Ask.objects.filter(meeting__starts_at__year=2021, addressees__slug="ohchr", merged_into__isnull=True)
        .order_by("id")
        .first()
    )
    assert ask is not None, "the demo meeting has no ask addressed to OHCHR"
    return ask.pk


def test_un_focal_point_responds_and_reports_progress(
    ohchr_ask: int, demo: str, browser: Browser, tmp_path: Path
) -> None:
    report = tmp_path / "training-report.pdf"
    report.write_bytes(PDF)
    context = browser.new_context(locale="en-GB")
    page: Page = context.new_page()
    sign_in(page, demo, "un@demo.civicspace.invalid")
    page.goto(f"{demo}/en/recommendations/{ohchr_ask}/")

    page.get_by_role("link", name="Respond", exact=True).click()
    ohchr = page.locator("#id_addressee option", has_text="OHCHR").get_attribute("value")
    page.locator("#id_addressee").select_option(ohchr)
    page.locator("#id_position").select_option("accepted")
    page.locator("#id_explanation_en").fill("We will follow this up with the ministry.")
    page.locator("form.tracker-form button[type=submit]").click()
    expect(page.locator("table")).to_contain_text("Accepted")
    expect(page.locator("ol.timeline")).to_contain_text("OHCHR responded: Accepted.")

    page.get_by_role("link", name="Report progress").click()
    page.locator("#id_status").select_option("in_progress")
    page.locator("#id_note_en").fill("Two trainings for officials were held.")
    page.locator("#id_evidence_1_title").fill("Training report")
    page.locator("#id_evidence_1_file").set_input_files(str(report))
    page.locator("form.tracker-form button[type=submit]").click()
    expect(page.locator("ul.evidence")).to_contain_text("Training report")
    expect(page.locator("#view-addressee + .tracker-status")).to_contain_text("In progress")
    context.close()


AXE_PAGES = ["/en/recommendations/", "/km/recommendations/", "ask:en", "ask:km",
             "/en/recommendations/dashboard/", "/km/recommendations/dashboard/"]  # fmt: skip


@pytest.mark.parametrize("url", AXE_PAGES)
def test_tracker_pages_are_accessible(
    ohchr_ask: int, demo: str, axe_page: Page, axe_js: Path, url: str
) -> None:
    if url.startswith("ask:"):
        url = f"/{url[4:]}/recommendations/{ohchr_ask}/"
    assert_accessible(axe_page, axe_js, demo, url)


def test_a_curator_imports_asks_reads_the_report_and_cancels(
    demo: str, axe_page: Page, axe_js: Path, tmp_path: Path
) -> None:
    """The import pages (core/imports): a file with a bad row waits for a decision, with its report in
    a captioned table; the cancel says nothing was saved. Both pages pass axe-core in both languages."""
    sheet = tmp_path / "asks.csv"
    sheet.write_text(
        "text_en,sector,priority\nFund the clinics.,,high\nPublish budgets.,no-such-sector,urgent\n"
    )
    page = axe_page
    sign_in(page, demo, "secretariat@demo.civicspace.invalid")
    for language in ("en", "km"):
        assert_accessible(page, axe_js, demo, f"/{language}/recommendations/import/")
    page.goto(f"{demo}/en/recommendations/import/")
    page.get_by_label("Spreadsheet of asks").set_input_files(str(sheet))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-progress")).to_contain_text("Waiting for your decision")
    expect(page.locator("table.import-errors caption")).to_contain_text("2 problems found")
    expect(page.locator("table.import-errors")).to_contain_text("no-such-sector")
    status = page.url.removeprefix(demo)
    for url in (status, status.replace("/en/", "/km/", 1)):
        assert_accessible(page, axe_js, demo, url)
    page.goto(demo + status)
    page.get_by_role("button", name="Import only the 1 valid row").wait_for()
    page.get_by_role("button", name="Cancel the import").click()
    expect(page.locator("main")).to_contain_text("The import was cancelled. Nothing was saved.")
    expect(page.locator("#import-progress")).to_contain_text("Cancelled")
