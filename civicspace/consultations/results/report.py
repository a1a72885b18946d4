"""The PDF report for the budget authority: the results in English, then in Khmer (WeasyPrint, with
the Noto Sans Khmer font and the Khmer line breaking of core.fonts and core.i18n, as the outcome
documents). The figures are the page's, suppressed the same way.

`report_pdf` is what the page serves: the PDF of the report's HTML, cached under a digest of that HTML, so
it is rendered again only when something in it changed (a tally, a comment published, a response, the
day it is made on) and not on every request (issue 11, finding 3; ADR 0020). A render, when one is
needed, counts against the client's DOCUMENT_RENDER_RATE."""

import hashlib
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from civicspace.core import ratelimit
from civicspace.core.fonts import FONT_FAMILY
from civicspace.core.i18n import khmer_breakable
from civicspace.core.pdf import font_config, font_face, stylesheet, write_pdf

from ..models import Consultation, ItemInput
from ..selectors import published_comments
from .presentation import province_map, results_for, subgroups
from .suppression import MIN_CELL

LANGS = ("en", "km")
TOP_COMMENTS = 15
CACHE_SECONDS = 24 * 3600  # a report's key changes with its data; this only lets unused ones go
STYLESHEET = f"""
@page {{ size: A4; margin: 18mm 15mm 18mm 15mm;
  @bottom-right {{ content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; }} }}
html {{ font-family: "{FONT_FAMILY}", sans-serif; font-size: 9.5pt; line-height: 1.45; color: #111; }}
[lang="km"] {{ line-height: 1.75; }}
h1 {{ font-size: 16pt; margin: 0 0 .3em; }} h2 {{ font-size: 12.5pt; margin: 1em 0 .35em; break-after: avoid; }}
.part {{ break-before: page; }} .part:first-of-type {{ break-before: auto; }}
table {{ border-collapse: collapse; width: 100%; margin: .3em 0 .8em; }}
th, td {{ border-bottom: .4pt solid #bbb; padding: 2pt 4pt 2pt 0; text-align: left; vertical-align: top; }}
thead th {{ font-weight: 700; }} td.num, th.num {{ text-align: right; }}
caption {{ text-align: left; font-weight: 700; padding-bottom: 2pt; }}
svg {{ width: 100%; max-height: 150mm; }}
.meta {{ color: #444; font-size: 8.5pt; }} blockquote {{ margin: 0 0 .5em; padding-left: .6em; border-left: 1.5pt solid #bbb; }}
"""


def _text(value: str, lang: str) -> str:
    return khmer_breakable(value) if lang == "km" else value


def _part(consultation: Consultation, lang: str, comments: list[ItemInput]) -> str:
    with translation.override(lang):
        res = results_for(consultation)
        items = [
            {
                "code": r.item.code,
                "title": _text(r.item.title, lang),
                "f": r.figures,
                "position": r.position,
                "groups": r.groups,
                "response": _text(r.response.text, lang) if r.response else "",
            }
            for r in res.items
        ]
        context: dict[str, Any] = {
            "lang": lang,
            "consultation": consultation,
            "title": _text(consultation.title, lang),
            "authority": _text(consultation.authority.name, lang),
            "res": res,
            "items": items,
            "groups": subgroups(),
            "map": province_map(res, chart_id=f"map-{lang}"),
            "comments": [
                {"code": c.item.code, "date": c.submission.created_at, "text": _text(c.comment, lang)}
                for c in comments
            ],
            "min_cell": MIN_CELL,
            "generated": timezone.now(),
            "show_response": consultation.phase == Consultation.Phase.RESPONSE,
        }
        return render_to_string("consultations/report_part.html", context)


def render_report_html(consultation: Consultation) -> str:
    comments, _next = published_comments(consultation, limit=TOP_COMMENTS)
    parts = mark_safe("".join(_part(consultation, lang, comments) for lang in LANGS))  # noqa: S308 - our templates
    title = escape(f"{consultation.title_en} · {consultation.title_km}".strip(" ·"))
    return f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>{parts}</body></html>'


def _pdf(html: str) -> bytes:
    fonts = font_config()
    css = stylesheet(font_face() + STYLESHEET, fonts)
    return write_pdf(html, stylesheets=[css], font_config=fonts)


def render_report(consultation: Consultation) -> bytes:
    """The report as PDF bytes, rendered now."""
    return _pdf(render_report_html(consultation))


def report_pdf(consultation: Consultation, *, request: HttpRequest) -> bytes:
    """The report as PDF bytes: from the cache while its HTML is the same, else rendered (and counted
    against the client's DOCUMENT_RENDER_RATE: RateLimited over it) and cached."""
    html = render_report_html(consultation)
    key = f"consultations:report:{consultation.pk}:{hashlib.sha256(html.encode()).hexdigest()}"
    body: bytes | None = cache.get(key)
    if body is None:
        ratelimit.throttle(
            request, "render", ratelimit.DOCUMENT_RENDER_SETTING, ratelimit.DOCUMENT_RENDER_DEFAULT
        )
        body = _pdf(html)
        cache.set(key, body, timeout=CACHE_SECONDS)
    return body
