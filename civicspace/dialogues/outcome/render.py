"""Render an outcome document version (its stored JSON `content`) as HTML, PDF and DOCX.

Three languages: "en", "km", and "bi" (English and Khmer side by side, block by block). Everything
here reads only the content dict and the version's metadata, never the live meeting, so a rendered
version always shows what was signed.

The document is a list of blocks (header, summary, sections, participants, sessions, closing,
colophon). Each block has one column per language; "bi" has two. Templates and the DOCX writer walk
the same blocks, so the formats cannot drift apart.

Khmer has no spaces between words and the PDF engine does not break lines inside a Khmer run, so
the PDF path inserts U+200B at word boundaries (`khmer_breakable`); stored data never changes."""

from __future__ import annotations

import atexit
import difflib
import io
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from civicspace.core.fonts import FONT_FAMILY, FONT_PATH
from civicspace.core.i18n import ZWSP, contains_khmer, khmer_breakable, to_khmer_digits
from civicspace.dialogues.models import CoChair, Meeting, OutcomeVersion, Participant
from civicspace.organisations.models import Organisation

LANGS = ("en", "km", "bi")
TZ = ZoneInfo("Asia/Phnom_Penh")
DOCX_LANG = {"en": "en-GB", "km": "km-KH"}
TEMPLATE = "dialogues/outcome/document.html"
STYLESHEET = "dialogues/outcome/document.css"

# Fixed strings of the document. Evaluated under translation.override(lang) for each column.
LABELS: dict[str, Any] = {
    "document": _("Outcome document"),
    "cycle": _("Dialogue cycle"),
    "dates": _("Dates"),
    "venue": _("Venue"),
    "mode": _("Mode"),
    "summary": _("Summary"),
    "conveners": _("Conveners"),
    "co_chairs": _("Co-chairs"),
    "participants": _("Participants"),
    "attendance": _("Attendance"),
    "by_kind": _("Organisations by kind"),
    "by_gender": _("People by gender"),
    "kind": _("Kind"),
    "gender": _("Gender"),
    "number": _("Number"),
    "total": _("Total"),
    "sessions": _("Sector sessions"),
    "sector": _("Sector"),
    "moderator": _("Moderator"),
    "concerns": _("Concerns"),
    "notes": _("Notes"),
    "asks": _("Asks"),
    "addressed_to": _("Addressed to"),
    "addressed_to_colon": _("Addressed to:"),
    "closing": _("Closing commitments"),
    "version": _("Version"),
    "status": _("Status"),
    "digest": _("Digest (SHA-256)"),
    "adopted_on": _("Adopted on"),
    "permalink": _("Permanent link"),
}


def _column_langs(lang: str) -> tuple[str, ...]:
    if lang not in LANGS:
        raise ValueError(f"unknown outcome language {lang!r}; expected one of {LANGS}")
    return ("en", "km") if lang == "bi" else (lang,)


# --- Context -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A piece of content text in the language it is really written in; `fallback` when it is the
    other language's text shown because this language's is empty."""

    value: str
    lang: str
    fallback: bool = False

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in re.split(r"\n\s*\n", self.value) if p.strip()]


@dataclass
class Block:
    kind: str
    cols: list[dict[str, Any]] = field(default_factory=list)


class _Lang:
    """Picks and formats content for one column language."""

    def __init__(self, lang: str, breakable: bool) -> None:
        self.lang = lang
        self.other = "en" if lang == "km" else "km"
        self.breakable = breakable

    def clean(self, value: str) -> str:
        value = (value or "").strip()
        return khmer_breakable(value) if self.breakable else value

    def pick(self, obj: dict[str, Any], name: str, *, fallback: bool = True) -> Text:
        value = obj.get(f"{name}_{self.lang}") or ""
        if value.strip():
            return Text(self.clean(value), self.lang)
        other = obj.get(f"{name}_{self.other}") or ""
        if fallback and other.strip():
            return Text(self.clean(other), self.other, fallback=True)
        return Text("", self.lang)

    def digits(self, value: object) -> str:
        return to_khmer_digits(value) if self.lang == "km" else str(value)

    def org(self, org: dict[str, Any]) -> Text:
        name = self.pick(org, "name")
        acronym = self.pick(org, "acronym").value
        if acronym and acronym != name.value:
            return Text(f"{name.value} ({acronym})", name.lang, name.fallback)
        return name

    def date(self, value: datetime) -> str:
        return self.digits(date_format(value.astimezone(TZ), "DATE_FORMAT"))

    def dates(self, starts: datetime, ends: datetime) -> str:
        starts, ends = starts.astimezone(TZ), ends.astimezone(TZ)
        if starts.date() == ends.date():
            text = f"{date_format(starts, 'DATE_FORMAT')}, {starts:%H:%M}–{ends:%H:%M}"
        else:
            text = f"{date_format(starts, 'DATE_FORMAT')} – {date_format(ends, 'DATE_FORMAT')}"
        return self.digits(text)


def _choice_label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _parse_dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _column(content: dict[str, Any], lang: str, meta: dict[str, Any], breakable: bool) -> dict[str, Any]:
    """Everything one language column shows, block by block (lists for repeated blocks)."""
    p = _Lang(lang, breakable)
    with translation.override(lang):
        labels = {key: str(label) for key, label in LABELS.items()}
        base = {"lang": lang, "labels": labels}
        meeting = content.get("meeting", {})
        starts, ends = _parse_dt(meeting.get("starts_at")), _parse_dt(meeting.get("ends_at"))
        co_chairs = [
            {
                "name": c.get("name", ""),
                "organisation": p.org(c.get("organisation", {})),
                "side": _choice_label(CoChair.Side, c.get("side", "")),
            }
            for c in content.get("co_chairs", [])
        ]
        groups: dict[str, list[Text]] = {}
        for org in content.get("participants", []):
            groups.setdefault(_choice_label(Organisation.Kind, org.get("kind", "")), []).append(p.org(org))
        attendance = content.get("attendance", {})
        by_kind = [
            {"label": _choice_label(Organisation.Kind, k), "count": p.digits(n)}
            for k, n in attendance.get("by_kind", {}).items()
        ]
        by_gender = [
            {"label": _choice_label(Participant.Gender, k), "count": p.digits(n)}
            for k, n in attendance.get("by_gender", {}).items()
        ]
        head = {
            **base,
            "title": p.pick(meeting, "title"),
            "cycle": p.pick(meeting, "cycle"),
            "dates": p.dates(starts, ends) if starts and ends else "",
            "venue": p.pick(meeting, "venue"),
            "mode": _choice_label(Meeting.Mode, meeting.get("mode", "")),
            "conveners": [p.org(o) for o in content.get("conveners", [])],
            "co_chairs": co_chairs,
        }
        summary = {**base, "text": p.pick(meeting, "summary")}
        participants = {
            **base,
            "groups": list(groups.items()),
            "by_kind": by_kind,
            "by_kind_total": p.digits(sum(attendance.get("by_kind", {}).values())),
            "by_gender": by_gender,
            "by_gender_total": p.digits(sum(attendance.get("by_gender", {}).values())),
        }
        sessions: list[dict[str, Any]] = []
        for s in content.get("sessions", []):
            number = s.get("order", len(sessions) + 1)
            title = p.pick(s, "title")
            sector = p.pick(s, "sector")
            sessions.append(
                {
                    **base,
                    "number": p.digits(number),
                    "title": title or sector,
                    "sector": sector if title else Text("", lang),
                    "moderator": s.get("moderator", ""),
                    "concerns": p.pick(s, "concerns"),
                    "notes": p.pick(s, "notes"),
                    "asks": [
                        {
                            "number": p.digits(f"{number}.{i}"),
                            "text": p.pick(a, "text"),
                            "addressees": ", ".join(a.get("addressees", [])),
                        }
                        for i, a in enumerate(s.get("asks", []), start=1)
                    ],
                }
            )
        sections: dict[str, list[dict[str, Any]]] = {"intro": [], "closing": []}
        for x in content.get("sections", []):
            heading = p.pick(x, "heading")
            if not heading and x.get("is_closing"):
                heading = Text(labels["closing"], lang)
            sections["closing" if x.get("is_closing") else "intro"].append(
                {**base, "heading": heading, "body": p.pick(x, "body")}
            )
        adopted_at = meta.get("adopted_at")
        colophon = {
            **base,
            "version": p.digits(meta.get("number", content.get("version", ""))),
            "status": _choice_label(OutcomeVersion.Status, meta.get("status", "")),
            "adopted_on": p.date(adopted_at) if adopted_at else "",
            "sha256": meta.get("sha256", ""),
            "permalink": meta.get("permalink", ""),
        }
        sessions_heading = {**base, "text": labels["sessions"]}
    return {
        "head": head,
        "summary": summary,
        "intro": sections["intro"],
        "participants": participants,
        "sessions_heading": sessions_heading,
        "sessions": sessions,
        "closing": sections["closing"],
        "colophon": colophon,
    }


def _blocks(columns: Sequence[dict[str, Any]]) -> list[Block]:
    first = columns[0]
    blocks = [Block("head", [c["head"] for c in columns])]
    if any(c["summary"]["text"] for c in columns):
        blocks.append(Block("summary", [c["summary"] for c in columns]))
    blocks += [Block("section", [c["intro"][i] for c in columns]) for i in range(len(first["intro"]))]
    blocks.append(Block("participants", [c["participants"] for c in columns]))
    if first["sessions"]:
        blocks.append(Block("sessions_heading", [c["sessions_heading"] for c in columns]))
    blocks += [Block("session", [c["sessions"][i] for c in columns]) for i in range(len(first["sessions"]))]
    blocks += [Block("section", [c["closing"][i] for c in columns]) for i in range(len(first["closing"]))]
    blocks.append(Block("colophon", [c["colophon"] for c in columns]))
    return blocks


def outcome_context(
    content: dict[str, Any],
    lang: str,
    *,
    sha256: str,
    number: int,
    status: str,
    adopted_at: datetime | None,
    permalink: str,
    breakable: bool = False,
) -> dict[str, Any]:
    """What the outcome templates need. `breakable` inserts U+200B between Khmer words (PDF only)."""
    langs = _column_langs(lang)
    meta = {"sha256": sha256, "number": number, "status": status, "adopted_at": adopted_at,
            "permalink": permalink}  # fmt: skip
    columns = [_column(content, code, meta, breakable) for code in langs]
    titles = [c["head"]["title"] for c in columns]
    return {
        "lang": lang,
        "html_lang": "km" if lang == "km" else "en",
        "bilingual": lang == "bi",
        "langs": langs,
        "blocks": _blocks(columns),
        "title": " · ".join(dict.fromkeys(t.value.replace(ZWSP, "") for t in titles if t)),
        "meta": meta,
        "version_label": columns[0]["colophon"]["version"],
    }


# --- HTML -------------------------------------------------------------------------------------------


def render_html(content: dict[str, Any], lang: str, **meta: Any) -> str:
    """The standalone, printable HTML document (it includes the `_body.html` fragment)."""
    context = outcome_context(content, lang, **meta)
    return render_to_string(TEMPLATE, {"doc": context, "stylesheet": _stylesheet_text(), "pdf": False})


@lru_cache(maxsize=1)
def _stylesheet_text() -> SafeString:
    # Our own CSS file, trusted; `<` is not used in it, so it cannot close the <style> element.
    return mark_safe(render_to_string(STYLESHEET))  # noqa: S308 - a template file of ours, not user input


# --- PDF --------------------------------------------------------------------------------------------

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
        css = CSS(string=font_face + _stylesheet_text(), font_config=font_config)
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


# --- DOCX -------------------------------------------------------------------------------------------


def _set_run_language(run: Any, lang: str) -> None:
    """Fonts and language of one run: Word shapes Khmer (a complex script) with the `w:cs` font and
    the `w:bidi` language, so both are set for Khmer text; Latin uses ascii/hAnsi."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT_FAMILY)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), DOCX_LANG[lang])
    if lang == "km":
        language.set(qn("w:eastAsia"), DOCX_LANG["km"])
        language.set(qn("w:bidi"), DOCX_LANG["km"])
    if run.font.size is not None:
        size = rpr.find(qn("w:szCs"))
        if size is None:
            size = OxmlElement("w:szCs")
            rpr.append(size)
        size.set(qn("w:val"), str(int(run.font.size.pt * 2)))


def _style_fonts(document: Any) -> None:
    """Noto Sans Khmer (which has Latin too) for the styles we use, replacing theme fonts."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        style = document.styles[name]
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT_FAMILY)
    document.styles["Normal"].font.size = Pt(10)


class _DocxWriter:
    """Writes blocks into a container: the document, or a table cell for side-by-side columns."""

    def __init__(self, container: Any, lang: str) -> None:
        self.container = container
        self.lang = lang
        self.fresh = hasattr(container, "_tc")  # a new cell holds one empty paragraph to reuse

    def paragraph(self, style: str | None = None) -> Any:
        if self.fresh:
            self.fresh = False
            par = self.container.paragraphs[0]
            if style:
                par.style = style
            return par
        return self.container.add_paragraph(style=style)

    def run(self, par: Any, text: Text | str, *, bold: bool = False) -> Any:
        lang = text.lang if isinstance(text, Text) else ("km" if contains_khmer(text) else self.lang)
        run = par.add_run(str(text))
        run.bold = bold or None
        _set_run_language(run, lang)
        return run

    def heading(self, text: Text | str, level: int) -> None:
        if str(text):
            self.run(self.paragraph("Title" if level == 0 else f"Heading {level}"), text)

    def field(self, label: str, value: Text | str) -> None:
        if str(value):
            par = self.paragraph()
            self.run(par, f"{label}: ", bold=True)
            self.run(par, value)

    def text(self, text: Text) -> None:
        for paragraph in text.paragraphs:
            self.run(self.paragraph(), Text(paragraph, text.lang, text.fallback))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        table = self.container.add_table(rows=0, cols=len(header))
        table.style = "Table Grid"
        for i, row in enumerate([header, *rows]):
            cells = table.add_row().cells
            for j, value in enumerate(row):
                par = cells[j].paragraphs[0]
                if j:
                    par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self.run(par, value, bold=i == 0 or i == len(rows))
        self.fresh = False

    def block(self, kind: str, col: dict[str, Any]) -> None:
        labels = col["labels"]
        if kind == "head":
            self.heading(col["title"], 0)
            self.field(labels["cycle"], col["cycle"])
            self.field(labels["dates"], col["dates"])
            self.field(labels["venue"], col["venue"])
            self.field(labels["mode"], col["mode"])
            if col["co_chairs"]:
                self.heading(labels["co_chairs"], 2)
                for c in col["co_chairs"]:
                    par = self.paragraph("List Bullet")
                    self.run(par, f"{c['name']}, ")
                    self.run(par, c["organisation"])
                    self.run(par, f" ({c['side']})")
            if col["conveners"]:
                self.heading(labels["conveners"], 2)
                for org in col["conveners"]:
                    self.run(self.paragraph("List Bullet"), org)
        elif kind == "summary":
            self.heading(labels["summary"], 1)
            self.text(col["text"])
        elif kind == "section":
            self.heading(col["heading"], 1)
            self.text(col["body"])
        elif kind == "participants":
            self.heading(labels["participants"], 1)
            for group, orgs in col["groups"]:
                self.heading(group, 3)
                for org in orgs:
                    self.run(self.paragraph("List Bullet"), org)
            self.heading(labels["attendance"], 2)
            for key, total in (("by_kind", "by_kind_total"), ("by_gender", "by_gender_total")):
                if col[key]:
                    rows = [[r["label"], r["count"]] for r in col[key]] + [[labels["total"], col[total]]]
                    self.table([labels[key], labels["number"]], rows)
        elif kind == "sessions_heading":
            self.heading(col["text"], 1)
        elif kind == "session":
            par = self.paragraph("Heading 2")
            self.run(par, f"{col['number']}. ")
            self.run(par, col["title"])
            self.field(labels["sector"], col["sector"])
            self.field(labels["moderator"], col["moderator"])
            if col["concerns"]:
                self.heading(labels["concerns"], 3)
                self.text(col["concerns"])
            if col["notes"]:
                self.heading(labels["notes"], 3)
                self.text(col["notes"])
            if col["asks"]:
                self.heading(labels["asks"], 3)
                for ask in col["asks"]:
                    par = self.paragraph("List Paragraph")
                    self.run(par, f"{ask['number']}  ", bold=True)
                    self.run(par, ask["text"])
                    if ask["addressees"]:
                        self.run(par, f" — {labels['addressed_to_colon']} ", bold=True)
                        self.run(par, ask["addressees"])
        elif kind == "colophon":
            self.field(labels["version"], col["version"])
            self.field(labels["status"], col["status"])
            self.field(labels["adopted_on"], col["adopted_on"])
            self.field(labels["digest"], col["sha256"])
            self.field(labels["permalink"], col["permalink"])


def render_docx(content: dict[str, Any], lang: str, **meta: Any) -> bytes:
    """A Word document; in "bi" each block is a two-column table row (English | Khmer)."""
    from docx import Document
    from docx.shared import Mm

    context = outcome_context(content, lang, **meta)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    _style_fonts(document)
    if context["bilingual"]:
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        header = table.add_row().cells
        for cell, code in zip(header, context["langs"], strict=True):  # each language in its own script
            _DocxWriter(cell, code).run(
                cell.paragraphs[0], settings.LANGUAGE_LABELS.get(code, code), bold=True
            )
        for block in context["blocks"]:
            cells = table.add_row().cells
            for cell, col in zip(cells, block.cols, strict=True):
                _DocxWriter(cell, col["lang"]).block(block.kind, col)
    else:
        writer = _DocxWriter(document, lang)
        for block in context["blocks"]:
            writer.block(block.kind, block.cols[0])
    props = document.core_properties
    props.title = context["title"][:255]
    props.language = ", ".join(DOCX_LANG[code] for code in context["langs"])
    props.subject = str(LABELS["document"])
    props.identifier = meta.get("sha256", "")
    props.version = str(meta.get("number", ""))
    props.comments = meta.get("permalink", "")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Comparison -------------------------------------------------------------------------------------


def _lines(block: Block) -> Iterator[tuple[str, str, str, str]]:
    """(class, lang, key, text) lines of one block, for comparing versions. The key leaves out
    numbers that shift when an ask or a session is added or removed before them."""
    for col in block.cols:
        lang = col["lang"]

        def line(
            kind: str, text: Text | str, prefix: str = "", lang: str = lang
        ) -> Iterator[tuple[str, str, str, str]]:
            if isinstance(text, Text):
                for paragraph in text.paragraphs or ([text.value] if text.value else []):
                    key = " ".join(paragraph.split())
                    yield kind, text.lang, key, f"{prefix}{key}"
            elif text:
                yield kind, lang, text, f"{prefix}{text}"

        labels = col["labels"]
        if block.kind == "head":
            yield from line("heading", col["title"])
            yield from line("meta", col["dates"])
            yield from line("meta", col["venue"])
            for c in col["co_chairs"]:
                yield from line("meta", f"{labels['co_chairs']}: {c['name']}, {c['organisation']}")
        elif block.kind == "summary":
            yield from line("heading", labels["summary"])
            yield from line("text", col["text"])
        elif block.kind == "section":
            yield from line("heading", col["heading"])
            yield from line("text", col["body"])
        elif block.kind == "participants":
            yield from line("heading", labels["participants"])
            for _group, orgs in col["groups"]:
                for org in orgs:
                    yield from line("item", org)
        elif block.kind == "session":
            yield from line("heading", col["title"], f"{col['number']}. ")
            yield from line("text", col["concerns"])
            yield from line("text", col["notes"])
            for ask in col["asks"]:
                to = f" → {ask['addressees']}" if ask["addressees"] else ""
                yield from line("ask", f"{ask['text']}{to}", f"{ask['number']} ", ask["text"].lang)


def outcome_diff(
    old_content: dict[str, Any], new_content: dict[str, Any], lang: str, *, context: int = 2
) -> str:
    """An HTML list comparing two versions line by line: added lines in <ins>, removed in <del>,
    unchanged stretches longer than `context` lines on each side folded into one line."""
    meta: dict[str, Any] = {"sha256": "", "number": 0, "status": "", "adopted_at": None, "permalink": ""}
    old = [x for b in outcome_context(old_content, lang, **meta)["blocks"] for x in _lines(b)]
    new = [x for b in outcome_context(new_content, lang, **meta)["blocks"] for x in _lines(b)]
    items: list[SafeString] = []

    def item(state: str, line: tuple[str, str, str, str]) -> SafeString:
        kind, code, _key, text = line
        if state == "same":
            return format_html('<li class="diff-same diff-{}" lang="{}">{}</li>', kind, code, text)
        tag = mark_safe("ins" if state == "add" else "del")  # noqa: S308 - a constant tag name
        return format_html(
            '<li class="diff-{} diff-{}" lang="{}"><{}>{}</{}></li>', state, kind, code, tag, text, tag
        )

    matcher = difflib.SequenceMatcher(a=[x[2] for x in old], b=[x[2] for x in new], autojunk=False)
    opcodes = matcher.get_opcodes()
    if all(op == "equal" for op, *_rest in opcodes):
        return format_html(
            '<p class="outcome-diff-none">{}</p>', gettext("The two versions have the same text.")
        )
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            same = new[j1:j2]  # equal keys; show the new numbering
            head = same[:context] if i1 else []
            tail = same[-context:] if i2 < len(old) else []
            hidden = len(same) - len(head) - len(tail)
            if hidden > 1:
                items += [item("same", x) for x in head]
                items.append(
                    format_html(
                        '<li class="diff-skip">{}</li>',
                        ngettext("… %(n)s unchanged line …", "… %(n)s unchanged lines …", hidden)
                        % {"n": hidden},
                    )
                )
                items += [item("same", x) for x in tail]
            else:
                items += [item("same", x) for x in same]
        else:
            items += [item("del", x) for x in old[i1:i2]]
            items += [item("add", x) for x in new[j1:j2]]
    return format_html('<ol class="outcome-diff">{}</ol>', format_html_join("", "{}", ((x,) for x in items)))
