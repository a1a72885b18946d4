"""The outcome document as a standalone, printable HTML page (templates in dialogues/outcome/)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .context import outcome_context

TEMPLATE = "dialogues/outcome/document.html"
STYLESHEET = "dialogues/outcome/document.css"


def render_html(content: dict[str, Any], lang: str, **meta: Any) -> str:
    """The standalone, printable HTML document (it includes the `_body.html` fragment)."""
    context = outcome_context(content, lang, **meta)
    return render_to_string(TEMPLATE, {"doc": context, "stylesheet": stylesheet_text(), "pdf": False})


@lru_cache(maxsize=1)
def stylesheet_text() -> SafeString:
    # Our own CSS file, trusted; `<` is not used in it, so it cannot close the <style> element.
    return mark_safe(render_to_string(STYLESHEET))  # noqa: S308 - a template file of ours, not user input
