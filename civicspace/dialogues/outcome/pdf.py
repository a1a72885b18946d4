"""The outcome document as an A4 PDF (WeasyPrint), from the same template as the HTML page.

Khmer text is rendered `breakable` (U+200B between words, see `context`) so that long Khmer lines
wrap; Noto Sans Khmer (`core.fonts`) is embedded."""

from __future__ import annotations

import atexit
import re
import threading
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from civicspace.core.fonts import FONT_FAMILY, FONT_PATH

from .context import outcome_context
from .html import TEMPLATE, stylesheet_text

_local = threading.local()  # WeasyPrint objects are not shared between threads
# Drop them before interpreter shutdown: FontConfiguration.__del__ fails once modules are torn down.
atexit.register(_local.__dict__.clear)


def _pdf_resources() -> tuple[Any, Any]:
    """A FontConfiguration with Noto Sans Khmer loaded and the parsed stylesheet, once per thread."""
    cached = getattr(_local, "resources", None)
    if cached is None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        # One variable font file for every weight (WeasyPrint 70 rejects ranges in @font-face
        # descriptors, and Pango picks the bold instance from the file's weight axis by itself).
        font_face = f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{FONT_PATH.as_uri()}"); }}\n'
        css = CSS(string=font_face + stylesheet_text(), font_config=font_config)
        cached = _local.resources = (font_config, css)
    return cached


def _css_string(text: str) -> str:
    """A CSS string literal (for `content:`); safe for any text."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ")
    return f'"{escaped}"'


def _page_counter(lang: str) -> str:
    """`Page 1 of 3` as a CSS content value, from the catalogue; Khmer digits in Khmer."""
    style = "khmer" if lang == "km" else "decimal"
    with translation.override(lang):
        pattern = gettext("Page %(n)s of %(total)s") % {"n": "\x01", "total": "\x02"}
    parts = []
    for piece in re.split(r"([\x01\x02])", pattern):
        if piece == "\x01":
            parts.append(f"counter(page, {style})")
        elif piece == "\x02":
            parts.append(f"counter(pages, {style})")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def _page_css(context: dict[str, Any]) -> str:
    meta = context["meta"]
    counters = f" {_css_string('  ·  ')} ".join(_page_counter(code) for code in context["langs"])
    labels = context["blocks"][-1].cols[0]["labels"]
    footer = f"{labels['version']} {context['version_label']} · SHA-256 {meta['sha256']}"
    return (
        f"@page {{ @top-center {{ content: {_css_string(context['title'])}; }}\n"
        f"  @bottom-left {{ content: {_css_string(footer)}; }}\n"
        f"  @bottom-right {{ content: {counters}; }} }}\n"
    )


def render_pdf(content: dict[str, Any], lang: str, **meta: Any) -> bytes:
    """An A4 PDF with the meeting title in the header, page numbers, version and digest in the footer."""
    from weasyprint import CSS, HTML

    context = outcome_context(content, lang, breakable=True, **meta)
    html = render_to_string(TEMPLATE, {"doc": context, "pdf": True})
    font_config, stylesheet = _pdf_resources()
    page_css = CSS(string=_page_css(context), font_config=font_config)
    document = HTML(string=html, base_url=str(FONT_PATH.parent))
    pdf = document.write_pdf(stylesheets=[stylesheet, page_css], font_config=font_config)
    assert pdf is not None  # write_pdf without a target returns the bytes
    return pdf
