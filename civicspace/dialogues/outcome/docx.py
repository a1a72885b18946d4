"""The outcome document as a Word file (python-docx): the blocks of `context`, one after the other,
or in "bi" one two-column table row per block (English | Khmer). Khmer runs get the complex-script
font and language that Word needs to shape them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.conf import settings

from civicspace.core.fonts import FONT_FAMILY
from civicspace.core.i18n import contains_khmer

from .context import LABELS, Text, outcome_context

DOCX_LANG = {"en": "en-GB", "km": "km-KH"}


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
