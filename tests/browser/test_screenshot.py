"""A phone-sized screenshot of the Khmer directory, for a person to look at (var/screenshots/)."""

from playwright.sync_api import Browser, expect

from .conftest import SCREENSHOTS, TIMEOUT_MS


def test_km_directory_phone_screenshot(demo: str, browser: Browser) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(f"{demo}/km/organisations/")
        expect(page.locator("#results .card").first).to_be_visible()
        page.evaluate("() => document.fonts.ready")
        # The web fonts the page uses have loaded (the Khmer face: a local font or the site's own file).
        fonts = page.evaluate("() => [...document.fonts].map(f => [f.family, f.status])")
        statuses = {status for _family, status in fonts}
        assert "loaded" in statuses and "error" not in statuses, fonts
        # Nothing is wider than the phone screen.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / "km-organisations.png"
        path.unlink(missing_ok=True)
        page.screenshot(path=str(path), full_page=False)
    finally:
        context.close()
    assert path.exists() and path.stat().st_size > 0
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
