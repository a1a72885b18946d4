"""Khmer text must be drawn with a Khmer font, also on a machine without one (like CI's): the site
serves Noto Sans Khmer itself (the Khmer @font-face in civicspace/static/css/site.css).

Chromium reports, per text node, which fonts actually drew its glyphs (DevTools CSS.getPlatformFontsForNode);
a Khmer-only text drawn with, say, DejaVu Sans shows as empty boxes ("tofu"). This caught a font stack
with system-ui before the Khmer face: Chromium on Linux then drew some Khmer words with DejaVu Sans."""

import re
from typing import Any

import pytest
from playwright.sync_api import Page

KHMER = re.compile(r"[\u1780-\u17FF\u19E0-\u19FF]")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
KHMER_FONT = re.compile(r"khmer|hanuman|battambang|moul|siemreap|kantumruy|daunpenh|kh ", re.IGNORECASE)
SKIP_PARENTS = {"SCRIPT", "STYLE", "TITLE", "HEAD", "OPTION", "TEMPLATE", "NOSCRIPT"}


def khmer_text_nodes(node: dict[str, Any], parent: str = "") -> list[dict[str, Any]]:
    """Text nodes with Khmer and no Latin letter or digit (whose own fonts may legitimately differ)."""
    found = []
    if node.get("nodeType") == 3 and parent not in SKIP_PARENTS:
        text = node.get("nodeValue", "")
        if KHMER.search(text) and not LATIN_OR_DIGIT.search(text):
            found.append({"nodeId": node["nodeId"], "text": text, "parent": parent})
    for child in node.get("children", []):
        found += khmer_text_nodes(child, node.get("nodeName", ""))
    return found


@pytest.mark.parametrize("url", ["/km/", "/km/organisations/", "/km/organisations/ccc/"])
def test_khmer_text_is_drawn_with_a_khmer_font(demo: str, page: Page, url: str) -> None:
    page.goto(demo + url)
    page.evaluate("() => document.fonts.ready")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": False})["root"]
    nodes = khmer_text_nodes(root)
    assert nodes, f"{url}: no Khmer-only text found; is the page translated?"
    wrong = []
    for node in nodes:
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
        # Spaces and punctuation may come from any font; Khmer letters may not.
        others = {f["familyName"]: f["glyphCount"] for f in fonts if not KHMER_FONT.search(f["familyName"])}
        not_khmer = len([c for c in node["text"] if not KHMER.match(c)])
        if sum(others.values()) > not_khmer:
            wrong.append(
                f"<{node['parent'].lower()}> {node['text']!r}: {others} glyphs for {not_khmer} non-Khmer characters"
            )
    assert not wrong, f"{url}: Khmer text drawn without a Khmer font:\n" + "\n".join(wrong)
