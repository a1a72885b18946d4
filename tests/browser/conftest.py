"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test in this folder carries the `browser` marker, so `make test PYTEST_ARGS='-m "not browser"'`
leaves them out and `make e2e` runs only them. Without Chromium or axe-core they are skipped on a
developer's machine and FAIL in CI (CI set), so a broken CI machine can never pass by skipping.
"""

import importlib
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from civicspace.organisations.models import Sector

load_sectors = importlib.import_module(
    "civicspace.organisations.migrations.0002_load_sector_taxonomy"
).load_sectors

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls
# made from it (SynchronousOnlyOperation). Set before any test touches the database.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "var" / "screenshots"
# The machine's network is closed: without these Chromium keeps trying (and failing) to reach Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects, so `-m browser` / `-m "not browser"` see the marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


def missing(what: str, hint: str) -> None:
    """Fail in CI, skip elsewhere; print the reason either way."""
    message = f"{what}: {hint}"
    print(message)
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"CI is set and the browser tests cannot run — {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM}", "install chromium chromium-driver")
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_js() -> Path:
    if not AXE_JS.exists():
        missing("axe-core not installed", "run npm ci")
    return AXE_JS


@pytest.fixture
def demo(transactional_db: None, live_server: Any) -> str:
    """The demo directory and accounts in the live server's database; returns the server's URL.

    The live server needs a transactional database. Its flush after a test (this one or another
    transactional test) also empties the sector taxonomy that a data migration loads: put it back the
    way that migration does. (Not serialized rollback: its flush skips post_migrate, which leaves the
    content types missing for the next transactional test that does not use it.)"""
    if not Sector.objects.exists():
        load_sectors(django_apps, None)
    cache.clear()  # login rate limits and used TOTP codes live in the (in-process) cache
    call_command("load_demo", stdout=io.StringIO())
    return str(live_server.url)


@pytest.fixture
def browser(chromium: Path, demo: str) -> Iterator[Browser]:
    """Headless Chromium, one Playwright per test, started after `demo` and stopped before it ends.

    Between its calls, Playwright's sync API leaves its event loop marked as running. Django then
    takes the thread for async code (hence DJANGO_ALLOW_ASYNC_UNSAFE) and hands out *other* database
    connection objects (asgiref keeps them per context, not per thread, while a loop runs) than the
    ones pytest-django set up and wraps each test in. So all of Django's database work (set-up,
    `load_demo`, the flush) happens while Playwright is stopped; that costs about a second per test."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_context(browser: Browser, **kwargs: Any) -> BrowserContext:
    context = browser.new_context(locale="en-GB", **kwargs)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = _new_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Console errors and uncaught exceptions of `page` (a CSP refusal of a script or style shows up here)."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.fixture
def axe_page(axe_js: Path, browser: Browser) -> Iterator[Page]:
    """A page whose context ignores the site's Content-Security-Policy (script-src 'self', no inline
    scripts), which would otherwise refuse the injected axe-core script."""
    context = _new_context(browser, bypass_csp=True)
    yield context.new_page()
    context.close()
