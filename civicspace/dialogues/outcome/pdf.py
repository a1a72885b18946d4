"""The outcome document as an A4 PDF (WeasyPrint), from the same template as the HTML page.

Khmer text is rendered `breakable` (U+200B between words, see `context`) so that long Khmer lines
wrap; Noto Sans Khmer (`core.fonts`) is embedded. `core.pdf` renders it: it fetches nothing but the
font, and every value put into the page CSS goes through `core.pdf.css_string`."""

from __future__ import annotations

import atexit
import re
import threading
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from civicspace.core.pdf import css_string, font_config, font_face, stylesheet, write_pdf

from .context import outcome_context
from .html import TEMPLATE, stylesheet_text

_local = threading.local()  # WeasyPrint objects are not shared between threads
# Drop them before interpreter shutdown: FontConfiguration.__del__ fails once modules are torn down.
atexit.register(_local.__dict__.clear)


def _pdf_resources() -> tuple[Any, Any]:
    """A FontConfiguration with Noto Sans Khmer loaded and the parsed stylesheet, once per thread."""
    cached = getattr(_local, "resources", None)
    if cached is None:
        fonts = font_config()
        cached = _local.resources = (fonts, stylesheet(font_face() + stylesheet_text(), fonts))
    return cached


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
            parts.append(css_string(piece))
    return " ".join(parts)


def _page_css(context: dict[str, Any]) -> str:
    meta = context["meta"]
    counters = f" {css_string('  ·  ')} ".join(_page_counter(code) for code in context["langs"])
    labels = context["blocks"][-1].cols[0]["labels"]
    footer = f"{labels['version']} {context['version_label']} · SHA-256 {meta['sha256']}"
    return (
        f"@page {{ @top-center {{ content: {css_string(context['title'])}; }}\n"
        f"  @bottom-left {{ content: {css_string(footer)}; }}\n"
        f"  @bottom-right {{ content: {counters}; }} }}\n"
    )


def render_pdf(content: dict[str, Any], lang: str, **meta: Any) -> bytes:
    """An A4 PDF with the meeting title in the header, page numbers, version and digest in the footer."""
    context = outcome_context(content, lang, breakable=True, **meta)
    html = render_to_string(TEMPLATE, {"doc": context, "pdf": True})
    fonts, document_css = _pdf_resources()
    page_css = stylesheet(_page_css(context), fonts)
    return write_pdf(html, stylesheets=[document_css, page_css], font_config=fonts)
