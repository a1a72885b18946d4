"""The outcome document rendered as HTML, PDF and DOCX in English, Khmer and side by side.

The meeting is arranged through the services and frozen with compose_outcome, as a version is."""

import copy
import io
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pypdfium2 as pdfium
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from civicspace.core.i18n import contains_khmer
from civicspace.dialogues import services
from civicspace.dialogues.asks import NewAsk, meeting_asks
from civicspace.dialogues.compose import compose_outcome
from civicspace.dialogues.models import Meeting, Participant
from civicspace.dialogues.outcome import context
from civicspace.dialogues.outcome.compare import outcome_diff
from civicspace.dialogues.outcome.context import LABELS, outcome_context
from civicspace.dialogues.outcome.docx import render_docx
from civicspace.dialogues.outcome.html import render_html
from civicspace.dialogues.outcome.pdf import render_pdf
from civicspace.dialogues.outcome.preview import pdf_to_pngs
from civicspace.dialogues.services import content_digest
from civicspace.organisations.models import Sector

TITLE_EN = "Annual CSO–UN Dialogue 2025"
TITLE_KM = "កិច្ចសន្ទនាប្រចាំឆ្នាំរវាងអង្គការសង្គមស៊ីវិល និងអង្គការសហប្រជាជាតិ ឆ្នាំ២០២៥"
CONCERNS_EN = "Human rights defenders need a safe environment to carry out their work."
CONCERNS_KM = "អ្នកការពារសិទ្ធិមនុស្សត្រូវការបរិយាកាសមានសុវត្ថិភាពដើម្បីបំពេញការងាររបស់ពួកគេ។"
ASK_EN = "Ensure that the Law on Associations and NGOs is implemented transparently."
ASK_KM = "សូមធានាថាច្បាប់ស្តីពីសមាគម និងអង្គការមិនមែនរដ្ឋាភិបាលត្រូវបានអនុវត្តដោយតម្លាភាព។"
ASK2_EN = "Support teacher training in the provinces, with a focus on remote schools."
ASK2_KM = "សូមគាំទ្រការបណ្តុះបណ្តាលគ្រូបង្រៀននៅតាមខេត្ត ដោយផ្តោតលើសាលារៀននៅតំបន់ដាច់ស្រយាល។"
CLOSING_KM = "យើងប្តេជ្ញាតាមដានការអនុវត្តសំណើទាំងនេះ និងរាយការណ៍ជូនគ្នាទៅវិញទៅមកក្នុងរយៈពេលប្រាំមួយខែ។"
# About 700 characters of Khmer without a single space: it only wraps at inserted U+200B.
LONG_KM = (
    "ការពិគ្រោះយោបល់ជាសាធារណៈលើថវិកាថ្នាក់ក្រោមជាតិមិនទាន់ធ្វើឡើងជារៀងរាល់ឆ្នាំនៅឡើយទេ"
    "ដូច្នេះពលរដ្ឋមិនអាចដឹងថាថវិកាឃុំសង្កាត់ត្រូវបានចំណាយលើសាលារៀនផ្លូវថ្នល់និងទឹកស្អាតយ៉ាងដូចម្តេចទេ"
    "ហើយពលរដ្ឋនៅតាមជនបទនៅតែជួបការលំបាកក្នុងការទទួលបានសេវាសុខាភិបាលប្រកបដោយគុណភាព"
) * 3


@pytest.fixture
def meeting(world: Any) -> Meeting:
    actor = world.users["secretariat"]
    human_rights = Sector.objects.get(slug="human-rights")
    education = Sector.objects.get(slug="education")
    meeting = services.meeting_create(
        actor=actor,
        conveners=[world.coalition, world.un_agency],
        title_en=TITLE_EN,
        title_km=TITLE_KM,
        starts_at=datetime(2025, 6, 15, 1, 30, tzinfo=UTC),  # 08:30 in Phnom Penh
        ends_at=datetime(2025, 6, 15, 10, 0, tzinfo=UTC),
        mode=Meeting.Mode.HYBRID,
        venue_en="Phnom Penh",
        venue_km="ភ្នំពេញ",
        summary_en="Civil society and UN agencies reviewed last year's asks and agreed on new ones.",
        summary_km="អង្គការសង្គមស៊ីវិល និងទីភ្នាក់ងារអង្គការសហប្រជាជាតិបានពិនិត្យឡើងវិញនូវសំណើឆ្នាំមុន និងបានឯកភាពលើសំណើថ្មី។",
    )
    for org in (world.own, world.other, world.un_agency):
        services.participant_add(
            meeting=meeting, actor=actor, organisation=org, status=Participant.Status.ATTENDED
        )
    services.participant_add(meeting=meeting, actor=actor, name="Sokunthea Chan", gender=Participant.Gender.WOMAN,
                             status=Participant.Status.ATTENDED)  # fmt: skip
    services.co_chair_add(meeting=meeting, actor=actor, user=world.users["focal_point"], organisation=world.own,
                          side="cso")  # fmt: skip
    services.co_chair_add(meeting=meeting, actor=actor, user=world.users["un_focal_point"],
                          organisation=world.un_agency, side="un")  # fmt: skip
    hr = services.session_create(
        meeting=meeting, actor=actor, sector=human_rights, title_en="Civic space", title_km="លំហរពលរដ្ឋ",
        moderator="Dara Sok", concerns_en=CONCERNS_EN, concerns_km=CONCERNS_KM,
    )  # fmt: skip
    edu = services.session_create(
        meeting=meeting, actor=actor, sector=education, concerns_en="Schools are far."
    )
    asks = meeting_asks()
    asks.record(actor=actor, ask=NewAsk(meeting=meeting, session=hr, text_en=ASK_EN, text_km=ASK_KM,
                                        addressees=(world.un_agency,)))  # fmt: skip
    asks.record(actor=actor, ask=NewAsk(meeting=meeting, session=edu, text_en=ASK2_EN, text_km=ASK2_KM,
                                        addressees=(world.un_agency, world.own)))  # fmt: skip
    services.outcome_section_save(meeting=meeting, actor=actor, order=1, heading_en="Introduction",
                                  heading_km="សេចក្តីផ្តើម", body_en="The dialogue met for the fifth time.",
                                  body_km="កិច្ចសន្ទនានេះបានជួបគ្នាជាលើកទីប្រាំ។")  # fmt: skip
    services.outcome_section_save(meeting=meeting, actor=actor, order=2, is_closing=True,
                                  body_en="We commit to report to each other within six months.",
                                  body_km=CLOSING_KM)  # fmt: skip
    return meeting


@pytest.fixture
def content(meeting: Meeting) -> dict[str, Any]:
    return compose_outcome(meeting, version=1)


def _meta(content: dict[str, Any]) -> dict[str, Any]:
    return {"sha256": content_digest(content), "number": 1, "status": "adopted",
            "adopted_at": datetime(2025, 7, 1, 3, 0, tzinfo=UTC), "permalink": "https://example.org/o/1"}  # fmt: skip


def _km(msgid: str) -> str:
    with translation.override("km"):
        return str(LABELS[msgid])


# --- HTML


def test_html_english(content: dict[str, Any]) -> None:
    html = render_html(content, "en", **_meta(content))
    assert '<html lang="en">' in html
    assert TITLE_EN in html and ASK_EN in html and CONCERNS_EN in html
    assert TITLE_KM not in html and ASK_KM not in html
    assert "15 June 2025, 08:30–17:00" in html  # Phnom Penh time
    assert "Sector sessions" in html and "Addressed to" in html and "Closing commitments" in html
    assert content_digest(content) in html


def test_html_khmer(content: dict[str, Any]) -> None:
    html = render_html(content, "km", **_meta(content))
    assert '<html lang="km">' in html
    assert TITLE_KM in html and ASK_KM in html and CONCERNS_KM in html and CLOSING_KM in html
    assert ASK_EN not in html
    assert "១៥ ខែ មិថុនា ឆ្នាំ ២០២៥" in html  # Khmer month name and digits
    assert "១ ខែ កក្កដា ឆ្នាំ ២០២៥" in html  # adopted on
    # Headings come from the catalogue: the ones translated already are Khmer …
    assert ">វិស័យ<" in html  # "Sector"
    assert "អង្គការសង្គមស៊ីវិល" in html  # the organisation kind "Civil society organisation"
    # … and every heading is whatever the Khmer catalogue says (Khmer once `make messages` is done).
    for key in ("participants", "sessions", "concerns", "asks", "addressed_to", "co_chairs", "version"):
        assert _km(key) in html
    # Text missing in Khmer falls back to English, marked with its real language.
    assert '<span class="fallback" lang="en">A UN Agency (UNA)</span>' in html
    assert '<span class="fallback" lang="en">Other Organisation (OTH)</span>' in html


def test_html_bilingual_side_by_side(content: dict[str, Any]) -> None:
    html = render_html(content, "bi", **_meta(content))
    assert html.count('class="bilingual"') >= 5
    assert html.count('<div class="col-en" lang="en">') == html.count('<div class="col-km" lang="km">') >= 5
    assert TITLE_EN in html and TITLE_KM in html and ASK_EN in html and ASK_KM in html


@pytest.mark.parametrize("lang", ["en", "km", "bi"])
def test_fragment_has_no_inline_styles(content: dict[str, Any], lang: str) -> None:
    doc = outcome_context(content, lang, **_meta(content))
    fragment = render_to_string("dialogues/outcome/_body.html", {"doc": doc})
    assert fragment.lstrip().startswith("<article")
    assert "style=" not in fragment and "<style" not in fragment


def test_unknown_language(content: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown outcome language"):
        render_html(content, "fr", **_meta(content))


# --- PDF


def _fonts(pdf: bytes) -> set[str]:
    """Embedded fonts, by base name without the subset tag and punctuation: "notosanskhmer"."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in cast(Any, page["/Resources"]).get_object().get("/Font", {}).values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            if "/FontFile2" in descriptor or "/FontFile3" in descriptor:  # embedded, not just named
                base = str(font["/BaseFont"]).split("+", 1)[-1]
                names.add(re.sub(r"[^a-z]", "", base.lower()))
    return names


def test_pdf_english(content: dict[str, Any]) -> None:
    pdf = render_pdf(content, "en", **_meta(content))
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages)
    assert TITLE_EN in text and "Civic space" in text
    assert "Page 1 of" in text  # footer
    assert content_digest(content) in text  # footer and colophon
    assert reader.metadata is not None and reader.metadata.title == TITLE_EN


@pytest.mark.parametrize("lang", ["km", "bi"])
def test_pdf_khmer_embeds_noto_sans_khmer(content: dict[str, Any], lang: str) -> None:
    pdf = render_pdf(content, lang, **_meta(content))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    assert "notosanskhmer" in _fonts(pdf), _fonts(pdf)


def _overflow(pdf: bytes) -> tuple[int, float]:
    """Pages and the largest distance (points) by which a character sticks out past the right margin
    of the page's box (A4 minus the 16 mm margins)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        worst = 0.0
        right_margin = 16 / 25.4 * 72
        for index in range(len(doc)):
            page = doc[index]
            limit = page.get_width() - right_margin
            text = page.get_textpage()
            for i in range(text.count_chars()):
                _left, _bottom, right, _top = text.get_charbox(i)
                worst = max(worst, right - limit)
        return len(doc), worst
    finally:
        doc.close()


def test_pdf_wraps_long_khmer_paragraph(content: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Method: a ~700-character Khmer paragraph without spaces. With U+200B between words every
    character box stays inside the text area (checked with pypdfium2's character boxes); the same
    document with word-breaking switched off overflows the page, which shows the check can fail."""
    assert " " not in LONG_KM and len(LONG_KM) > 600
    content["meeting"]["summary_km"] = LONG_KM
    pdf = render_pdf(content, "km", **_meta(content))
    _pages, overflow = _overflow(pdf)
    assert overflow <= 1.0

    monkeypatch.setattr(context, "khmer_breakable", lambda text: text)
    _pages, overflow = _overflow(render_pdf(content, "km", **_meta(content)))
    assert overflow > 100  # the unbroken run runs off the page


def test_pdf_preview_pngs(content: dict[str, Any]) -> None:
    """Writes var/outcome-preview/{km,bi}-N.png to look at (Khmer shaping, line breaks)."""
    outdir = Path(settings.VAR_DIR) / "outcome-preview"
    content["sessions"][0]["notes_km"] = LONG_KM
    for lang in ("km", "bi"):
        for old in outdir.glob(f"{lang}-*.png"):
            old.unlink()
        paths = pdf_to_pngs(render_pdf(content, lang, **_meta(content)), outdir, prefix=lang)
        assert paths and all(p.exists() and p.stat().st_size > 10_000 for p in paths)
        assert paths[0].read_bytes().startswith(b"\x89PNG")


# --- DOCX


def _docx(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def _all_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
                for inner in cell.tables:
                    parts += [c.text for r in inner.rows for c in r.cells]
    return "\n".join(parts)


def test_docx_english(content: dict[str, Any]) -> None:
    document = _docx(render_docx(content, "en", **_meta(content)))
    text = _all_text(document)
    assert TITLE_EN in text and ASK_EN in text and "Addressed to" in text and "UNA" in text
    assert content_digest(content) in text
    assert document.core_properties.title == TITLE_EN
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.identifier == content_digest(content)
    assert any(len(t.columns) == 2 for t in document.tables)  # attendance


def test_docx_khmer_runs_have_complex_script_font_and_language(content: dict[str, Any]) -> None:
    document = _docx(render_docx(content, "km", **_meta(content)))
    assert ASK_KM in _all_text(document)
    khmer_runs = [r for p in document.paragraphs for r in p.runs if contains_khmer(r.text)]
    assert khmer_runs
    for run in khmer_runs:
        rpr = run._r.rPr
        assert rpr.find(qn("w:rFonts")).get(qn("w:cs")) == "Noto Sans Khmer"
        assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "km-KH"
    assert document.core_properties.language == "km-KH"


def test_docx_bilingual_two_columns(content: dict[str, Any]) -> None:
    document = _docx(render_docx(content, "bi", **_meta(content)))
    table = document.tables[0]
    assert len(table.columns) == 2
    assert len(table.rows) >= 6
    assert [c.text for c in table.rows[0].cells] == ["English", "ខ្មែរ"]
    text = _all_text(document)
    assert ASK_EN in text and ASK_KM in text and TITLE_KM in text
    session_row = next(row for row in table.rows if CONCERNS_EN in row.cells[0].text)
    assert CONCERNS_KM in session_row.cells[1].text  # side by side in the same row


# --- Comparison


def test_outcome_diff_marks_added_and_removed_asks(meeting: Meeting) -> None:
    old = compose_outcome(meeting, version=1)
    new = copy.deepcopy(old) | {"version": 2}  # the first session's ask replaced by another
    new["sessions"][0]["asks"] = [{"text_en": "Publish the draft law for comment.", "addressees": ["UNA"],
                                   "text_km": "សូមផ្សព្វផ្សាយសេចក្តីព្រាងច្បាប់ដើម្បីទទួលយោបល់។"}]  # fmt: skip

    html = outcome_diff(old, new, "en")
    assert html.startswith('<ol class="outcome-diff">')
    assert re.search(r"<del>1\.1 Ensure that the Law on Associations[^<]*</del>", html)
    assert re.search(r"<ins>1\.1 Publish the draft law for comment\. → UNA</ins>", html)
    assert ASK2_EN not in html.split("<ins>", 1)[1].split("</ins>")[0]  # unchanged ask not marked
    assert "style=" not in html

    html_km = outcome_diff(old, new, "km")
    assert '<li class="diff-add diff-ask" lang="km"><ins>១.១ សូមផ្សព្វផ្សាយសេចក្តីព្រាងច្បាប់' in html_km
    assert outcome_diff(old, old, "bi").startswith('<p class="outcome-diff-none">')
