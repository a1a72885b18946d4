"""axe-core (from npm, node_modules/axe-core) on the main pages in both languages: no serious or
critical WCAG 2.2 AA violation."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

URLS = [
    "/en/",
    "/km/",
    "/en/organisations/",
    "/km/organisations/",
    "/en/organisations/ccc/",
    "/km/organisations/ccc/",
    "/en/dialogues/",
    "/km/dialogues/",
    "/en/dialogues/cso-un-virtual-meeting-2021/",
    "/km/dialogues/cso-un-virtual-meeting-2021/",
    "/en/dialogues/cso-un-virtual-meeting-2021/outcome/v1/?lang=bi",
    "/km/dialogues/cso-un-virtual-meeting-2021/outcome/v1/",
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def axe_run(page: Page, axe_js: Path) -> dict:
    page.add_script_tag(path=str(axe_js))
    return page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            lines.append(
                f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}"
            )
            lines.append(f"      html: {node['html'][:200]}")
    return "\n".join(lines)


def assert_accessible(axe_page: Page, axe_js: Path, base: str, url: str) -> None:
    """Open `url` and fail on any serious or critical WCAG 2.2 AA violation axe-core finds there."""
    response = axe_page.goto(base + url)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    axe_page.evaluate("() => document.fonts.ready")
    results = axe_run(axe_page, axe_js)
    assert results["passes"], f"{url}: axe-core checked nothing"
    minor = [v for v in results["violations"] if v["impact"] not in BLOCKING]
    if minor:
        print(f"{url}: minor axe findings (not failing):\n{describe(minor)}")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe-core found serious/critical violations on {url}:\n{describe(blocking)}"


@pytest.mark.parametrize("url", URLS)
def test_no_serious_accessibility_violation(demo: str, axe_page: Page, axe_js: Path, url: str) -> None:
    assert_accessible(axe_page, axe_js, demo, url)


def test_axe_catches_a_known_violation(demo: str, axe_page: Page, axe_js: Path) -> None:
    """The harness itself: an image without a text alternative is a critical violation (image-alt)."""
    axe_page.goto(f"{demo}/en/")
    axe_page.evaluate(
        "() => { const img = document.createElement('img'); img.src = '/static/img/favicon.svg';"
        " img.id = 'no-alt'; document.querySelector('main').append(img); }"
    )
    results = axe_run(axe_page, axe_js)
    found = {v["id"]: v for v in results["violations"]}
    assert "image-alt" in found, describe(results["violations"])
    assert found["image-alt"]["impact"] == "critical"
    assert ["#no-alt"] in [node["target"] for node in found["image-alt"]["nodes"]]
