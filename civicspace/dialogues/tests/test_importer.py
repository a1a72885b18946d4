"""The outcome-document importer: extraction from TXT/DOCX/PDF, parsing, the command and the web flow.

Test documents are written here in our own words and generated as real files (python-docx,
WeasyPrint). The seed document is read from ../shared/seed/ when it is present."""

import io
import json
import random
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from civicspace.core.uploads import UploadRejected
from civicspace.dialogues.asks import AskSummary, meeting_asks
from civicspace.dialogues.importer import (
    extract_path,
    extract_text,
    khmer_text_looks_scrambled,
    parse_outcome,
)
from civicspace.dialogues.importer.text import split_sentences
from civicspace.dialogues.models import Meeting, Participant, SectorSession
from civicspace.organisations.models import Organisation

SEED_DIR = Path(settings.BASE_DIR).parent / "shared" / "seed"
SEED_FILE = SEED_DIR / "summary-result-cso-un-virtual-meeting-2021-06-02.txt"

# --- our own test documents ------------------------------------------------------------------------

ENGLISH_A = """Outcome Note of the Annual Dialogue between Civil Society and UN Agencies
Siem Reap, 14 March 2023

Participants included the Women's Voices Network (WVN), Youth Action for Change Cambodia (YACC),
the Mekong Farmers' Alliance (MFA), UNFPA, WFP and the International Labour Organization (ILO).

Session 1 – Civic space
Speakers described recent restrictions on public gatherings in several districts. The participants
urge OHCHR to publish a yearly review of the registration rules for associations. The Ministry of
Interior should consult associations before changing reporting rules.

Session 2 – Food security and livelihoods
Farmers reported lower harvests after the floods of last year. WFP must expand cash support to
flood-affected households in the north-west.
The participants discussed whether the government should subsidise fertiliser.

Session 3 – Women and gender
Recommendations:
1. The participants recommend that UNFPA fund shelters for survivors of violence in every province.
2. Train local police officers on gender-sensitive case handling.
"""

ENGLISH_B_HTML = """<html lang="en"><head><meta charset="utf-8"></head><body>
<h1>Joint Statement of the Consultation on Health Financing</h1>
<p>Battambang, 2022-11-08</p>
<p>The consultation brought together the Rural Health Partnership (RHP), the Disability Rights
Cambodia Federation (DRCF) and representatives of WHO and UNICEF.</p>
<h2>Theme 1: Primary health care</h2>
<p>Health centres in remote districts lack trained midwives. We call on WHO and the Ministry of Health
to recruit and post midwives to every health centre by 2025. Clinics were visited by the delegation
in the morning.</p>
<h2>Theme 2: Inclusive education</h2>
<p>Children with disabilities are often kept at home. UNICEF should support ramps and accessible
toilets in primary schools, e.g. through the school improvement grants.</p>
</body></html>"""

KHMER = """សេចក្តីសង្ខេបលទ្ធផលកិច្ចប្រជុំរវាងសង្គមស៊ីវិល និងអង្គការសហប្រជាជាតិ
រាជធានីភ្នំពេញ ថ្ងៃទី១៥ ខែកញ្ញា ឆ្នាំ២០២២

កិច្ចប្រជុំនេះមានការចូលរួមពី សម្ព័ន្ធសិទ្ធិកុមារកម្ពុជា (CRC) និង យូនីសេហ្វ។

វិស័យទី១៖ សិទ្ធិកុមារ
កុមារជាច្រើននៅតំបន់ជនបទមិនបានទៅសាលារៀន។ សង្គមស៊ីវិលស្នើសុំឱ្យយូនីសេហ្វ និងរាជរដ្ឋាភិបាលបង្កើនថវិកាសម្រាប់ការអប់រំកុមារ។

វិស័យទី២៖ សុខាភិបាល
រាជរដ្ឋាភិបាលគួរតែពង្រីកសេវាសុខភាពដល់សហគមន៍ដាច់ស្រយាល។
"""


def docx_paragraphs(text: str) -> list[str]:
    """Word paragraphs for a hard-wrapped text: blank lines, headings and list items start a new one."""
    starts = re.compile(r"^(\d+\.\s|Session \d|Recommendations|វិស័យទី)")
    paragraphs: list[str] = []
    joinable = False
    for number, line in enumerate(text.split("\n")):
        if number < 2:  # the title and the date line
            paragraphs.append(line)
            continue
        if not line.strip():
            joinable = False
            continue
        if joinable and not starts.match(line):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        joinable = not (starts.match(line) and not line.startswith(("1.", "2.")))
    return paragraphs


def docx_bytes(text: str, *, table: list[list[str]] | None = None, after: int = 1) -> bytes:
    """A .docx of `text` (the first paragraph as a heading), with an optional table after paragraph `after`."""
    import docx

    document = docx.Document()
    paragraphs = docx_paragraphs(text)
    document.add_heading(paragraphs[0], level=1)
    for i, paragraph in enumerate(paragraphs[1:], start=1):
        document.add_paragraph(paragraph)
        if table and i == after:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def noto_khmer_css() -> str:
    import fontpkg_noto_sans_khmer

    font = Path(fontpkg_noto_sans_khmer.__file__).parent / "files" / "NotoSansKhmer[wdth,wght].ttf"
    return f"@font-face {{ font-family: 'Noto Sans Khmer'; src: url('{font.as_uri()}'); }} body {{ font-family: 'Noto Sans Khmer'; }}"


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def khmer_pdf() -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in KHMER.split("\n") if line.strip())
    return pdf_bytes(
        f'<html lang="km"><head><meta charset="utf-8"><style>{noto_khmer_css()}</style></head>'
        f"<body>{paragraphs}</body></html>"
    )


def asks_of(meeting: Meeting) -> list[AskSummary]:
    """The meeting's asks, session by session (through dialogues' port to the tracker)."""
    sessions = list(meeting.sessions.order_by("order"))
    by_session = meeting_asks().by_session(s.pk for s in sessions)
    return [ask for s in sessions for ask in by_session.get(s.pk, [])]


def counts() -> tuple[int, int, int, int, int]:
    return (
        Meeting.objects.count(),
        sum(m.ask_count for m in meeting_asks().with_counts(Meeting.objects.all())),  # type: ignore[attr-defined]  # annotated
        Organisation.objects.count(),
        SectorSession.objects.count(),
        Participant.objects.count(),
    )


def assert_json_shape(data: Any) -> None:
    assert set(data) == {"date", "place", "organisations", "sectors", "asks"}
    assert data["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["date"])
    assert data["place"] is None or isinstance(data["place"], str)
    for org in data["organisations"]:
        assert set(org) == {"name", "acronym", "kind"}
        assert isinstance(org["name"], str) and org["name"]
        assert org["acronym"] is None or isinstance(org["acronym"], str)
        assert org["kind"] in {"cso", "coalition", "un_agency", "government", "other"}
    for sector in data["sectors"]:
        assert set(sector) == {"number", "title"}
        assert sector["number"] is None or type(sector["number"]) is int
        assert isinstance(sector["title"], str) and sector["title"]
    for ask in data["asks"]:
        assert set(ask) == {"text", "sector", "addressees"}
        assert isinstance(ask["text"], str) and ask["text"]
        assert ask["sector"] is None or type(ask["sector"]) is int
        assert all(isinstance(a, str) for a in ask["addressees"])
    json.dumps(data, ensure_ascii=False)


def by_acronym(data: dict[str, Any]) -> dict[str | None, dict[str, Any]]:
    return {o["acronym"]: o for o in data["organisations"]}


# --- parsing our own documents ---------------------------------------------------------------------


def check_english_a(data: dict[str, Any]) -> None:
    assert data["date"] == "2023-03-14"
    assert data["place"] == "Siem Reap"
    orgs = by_acronym(data)
    assert orgs["WVN"] == {"name": "Women's Voices Network", "acronym": "WVN", "kind": "coalition"}
    assert orgs["YACC"] == {"name": "Youth Action for Change Cambodia", "acronym": "YACC", "kind": "cso"}
    assert orgs["MFA"]["name"] == "Mekong Farmers' Alliance" and orgs["MFA"]["kind"] == "coalition"
    assert orgs["ILO"]["name"] == "International Labour Organization"
    assert {orgs[a]["kind"] for a in ("UNFPA", "WFP", "ILO", "OHCHR")} == {"un_agency"}
    names = {o["name"]: o for o in data["organisations"]}
    assert names["Ministry of Interior"]["kind"] == "government"
    assert data["sectors"] == [
        {"number": 1, "title": "Civic space"},
        {"number": 2, "title": "Food security and livelihoods"},
        {"number": 3, "title": "Women and gender"},
    ]
    asks = [(a["sector"], a["addressees"], a["text"]) for a in data["asks"]]
    assert [(s, to) for s, to, _ in asks] == [
        (1, ["OHCHR"]),
        (1, ["Ministry of Interior"]),
        (2, ["WFP"]),
        (3, ["UNFPA"]),
        (3, ["UNFPA"]),  # names nobody: inherits the previous ask of its sector (the reviewer can correct it)
    ]
    assert asks[0][2].startswith("The participants urge OHCHR to publish")
    assert asks[3][2].startswith("The participants recommend that UNFPA")  # list marker removed
    assert asks[4][2] == "Train local police officers on gender-sensitive case handling."
    texts = " ".join(t for _, _, t in asks)
    assert "discussed whether" not in texts  # a reported discussion is not an ask
    assert "described recent restrictions" not in texts


def test_english_txt() -> None:
    extracted = extract_text(ENGLISH_A.encode("utf-8"), "note.txt")
    assert extracted.format == "txt"
    check_english_a(parse_outcome(extracted.text).as_json())


def test_english_docx_with_a_table() -> None:
    table = [
        ["Women's Voices Network (WVN)", "Youth Action for Change Cambodia (YACC)"],
        ["Chair", "Rapporteur"],
    ]
    extracted = extract_text(docx_bytes(ENGLISH_A, table=table), "note.docx")
    assert extracted.format == "docx"
    text = extracted.text
    # table cells come in document order: after the date line, before the participants paragraph
    assert text.index("Siem Reap") < text.index("Rapporteur") < text.index("Participants included")
    check_english_a(parse_outcome(text).as_json())


def test_english_pdf_other_layout() -> None:
    extracted = extract_text(pdf_bytes(ENGLISH_B_HTML), "statement.pdf")
    assert extracted.format == "pdf"
    data = parse_outcome(extracted.text).as_json()
    assert_json_shape(data)
    assert data["date"] == "2022-11-08"
    assert data["place"] == "Battambang"
    orgs = by_acronym(data)
    assert orgs["RHP"] == {"name": "Rural Health Partnership", "acronym": "RHP", "kind": "coalition"}
    assert orgs["DRCF"]["name"] == "Disability Rights Cambodia Federation"
    assert orgs["WHO"]["kind"] == orgs["UNICEF"]["kind"] == "un_agency"
    assert data["sectors"] == [
        {"number": 1, "title": "Primary health care"},
        {"number": 2, "title": "Inclusive education"},
    ]
    assert [(a["sector"], a["addressees"]) for a in data["asks"]] == [
        (1, ["WHO", "Ministry of Health"]),
        (2, ["UNICEF"]),
    ]
    assert data["asks"][1]["text"].endswith("e.g. through the school improvement grants.")


def check_khmer(data: dict[str, Any]) -> None:
    assert data["date"] == "2022-09-15"
    assert data["place"] == "ភ្នំពេញ"
    orgs = by_acronym(data)
    assert orgs["CRC"] == {"name": "សម្ព័ន្ធសិទ្ធិកុមារកម្ពុជា", "acronym": "CRC", "kind": "coalition"}
    assert orgs["UNICEF"]["kind"] == "un_agency"
    assert orgs["RGC"]["kind"] == "government"
    assert data["sectors"] == [{"number": 1, "title": "សិទ្ធិកុមារ"}, {"number": 2, "title": "សុខាភិបាល"}]
    assert [(a["sector"], a["addressees"]) for a in data["asks"]] == [
        (1, ["UNICEF", "Government"]),
        (2, ["Government"]),
    ]
    assert data["asks"][0]["text"].startswith("សង្គមស៊ីវិលស្នើសុំ")


def test_khmer_txt_and_docx() -> None:
    for data, name in ((KHMER.encode("utf-8-sig"), "km.txt"), (docx_bytes(KHMER), "km.docx")):
        extracted = extract_text(data, name)
        assert not khmer_text_looks_scrambled(extracted.text)
        check_khmer(parse_outcome(extracted.text).as_json())


def test_khmer_pdf_is_refused_because_extraction_scrambles_it() -> None:
    import pypdf

    pdf = khmer_pdf()
    raw = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert raw.strip() and raw != KHMER  # what pypdf returns is not the original
    assert khmer_text_looks_scrambled(raw)
    with pytest.raises(UploadRejected, match="Khmer text in this PDF cannot be read reliably"):
        extract_text(pdf, "km.pdf")


def test_scrambled_detector_rules() -> None:
    assert khmer_text_looks_scrambled("សេ្តីពី ការប្រជុំ ឆ្នា ំ២០២១ ពេី")  # coeng after a vowel, sign after space
    assert not khmer_text_looks_scrambled("សេចក្តីថ្លែងការណ៍ ស្តីពី ការប្រជុំ ឆ្នាំ២០២១ ឱ្យ")
    assert not khmer_text_looks_scrambled("English only. No Khmer here.")
    assert not khmer_text_looks_scrambled("")


def test_dates_and_sentences() -> None:
    for text, expected in [
        ("Report\nJune 02, 2021", "2021-06-02"),
        ("Report\n2nd of June 2021", "2021-06-02"),
        ("Report\nDate: 02/06/2021", "2021-06-02"),  # day first
        ("Report\nHeld on 2021-06-02 online", "2021-06-02"),
        ("របាយការណ៍\nថ្ងៃទី២ ខែមិថុនា ឆ្នាំ២០២១", "2021-06-02"),
        ("Report\n31/02/2021 is not a date", None),
    ]:
        assert parse_outcome(text).as_json()["date"] == expected, text
    assert split_sentences("We ask UN/OHCHR to act, e.g. now. Children etc. Next one. No. 5 is here.") == [
        "We ask UN/OHCHR to act, e.g. now.",
        "Children etc.",
        "Next one.",
        "No. 5 is here.",
    ]
    assert split_sentences("ទីមួយ។ ទីពីរ។") == ["ទីមួយ។", "ទីពីរ។"]


def test_numbered_headings_when_no_keyword_headings() -> None:
    text = "Forum summary\nKampot, 5 May 2024\n\n1. Education\nTeachers should get their salaries on time.\n\n2. Health\nThe government must fund rural clinics."
    data = parse_outcome(text).as_json()
    assert data["sectors"] == [{"number": 1, "title": "Education"}, {"number": 2, "title": "Health"}]
    # the first ask names nobody and its sector has no earlier ask: the document's counterpart is used
    assert [(a["sector"], a["addressees"]) for a in data["asks"]] == [
        (1, ["Government"]),
        (2, ["Government"]),
    ]
    assert data["place"] == "Kampot"


def test_virtual_meeting_without_a_city() -> None:
    data = parse_outcome("Online consultation with CSOs\n3 April 2024\nNothing else.").as_json()
    assert data["place"] == "Online"


# --- the seed document -----------------------------------------------------------------------------


@pytest.mark.skipif(not SEED_FILE.exists(), reason=f"seed document not found at {SEED_DIR} (../shared/seed/)")
def test_seed_document() -> None:
    extracted = extract_path(SEED_FILE)
    data = parse_outcome(extracted.text).as_json()
    assert_json_shape(data)
    assert data["date"] == "2021-06-02"
    assert data["place"] == "Phnom Penh"
    orgs = by_acronym(data)
    networks = {"CCC", "NGO Forum", "HACC", "CDPO", "API", "CHRAC", "TIC", "CRC", "GADC", "CPDD", "NEP"}
    assert networks <= set(orgs)
    assert {orgs[a]["kind"] for a in networks} <= {"cso", "coalition"}
    assert orgs["NGO Forum"]["name"] == "NGO Forum on Cambodia"
    assert orgs["CDPO"]["name"] == "Cambodian Disabled People’s Organization"
    assert orgs["CPDD"]["name"] == "Coalition for Partnership in Democratic Development"
    for agency in ("OHCHR", "UNESCO", "UNICEF", "UNDP"):
        assert orgs[agency]["kind"] == "un_agency"
    assert [(s["number"], s["title"]) for s in data["sectors"]] == [
        (1, "Enabling Environment"),
        (2, "Human Rights"),
        (3, "Health & Social"),
        (4, "Financing CSOs"),
    ]
    asks = data["asks"]
    assert {a["sector"] for a in asks} == {1, 2, 3, 4}
    by_sector: dict[int, list[dict[str, Any]]] = {}
    for ask in asks:
        by_sector.setdefault(ask["sector"], []).append(ask)
    assert by_sector[1][0]["text"].startswith("Civil society calls for official annual dialogue")
    assert by_sector[1][0]["addressees"] == ["UN"]
    assert by_sector[2][0]["addressees"] == ["UN", "OHCHR"]
    assert len(by_sector[3]) == 4
    assert ["UN"] in [a["addressees"] for a in by_sector[3]]
    assert all(a["addressees"] for a in asks)  # every ask has someone to answer it
    assert by_sector[4][0]["addressees"] == ["UN"] and "finance civil society" in by_sector[4][0]["text"]
    texts = " ".join(a["text"] for a in asks)
    assert "reiterates significant roles" not in texts and "we all are committed" not in texts


# --- bad files -------------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _bomb(size: int) -> bytes:
    """A 'docx' whose word/document.xml inflates to `size` bytes, written in streamed chunks."""
    out = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_bytes(ENGLISH_B_HTML)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scanned_pdf() -> bytes:
    return pdf_bytes(
        '<html><body><div style="width:12cm;height:16cm;background:#444"></div>'
        '<svg width="200" height="200"><circle cx="100" cy="100" r="80" fill="#888"/></svg></body></html>'
    )


BAD_FILES: dict[str, tuple[Any, str, str]] = {
    "png renamed .pdf": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(500), "outcome.pdf", "not a document"),
    "exe renamed .docx": (lambda: b"MZ\x90\x00" + bytes(500), "outcome.docx", "not a document"),
    "zip renamed .docx": (lambda: _zip({"photo.jpg": b"x" * 100}), "outcome.docx", "ZIP archive"),
    "binary junk as .txt": (lambda: random.Random(7).randbytes(4000), "outcome.txt", "not a document"),
    "text renamed .pdf": (lambda: b"hello", "outcome.pdf", "not a PDF"),
    "legacy .doc": (lambda: bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600), "outcome.doc", r"\.docx"),
    "truncated pdf": (lambda: (lambda p: p[: len(p) // 2])(pdf_bytes(ENGLISH_B_HTML)), "o.pdf", "damaged"),
    "garbled pdf": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 20, "outcome.pdf", "damaged"),
    "scanned pdf": (_scanned_pdf, "scan.pdf", "no text layer.*OCR"),
    "encrypted pdf": (_encrypted_pdf, "locked.pdf", "password"),
    "docx zip bomb": (lambda: _bomb(200 * 1024 * 1024), "bomb.docx", "expands to"),
    "docx high ratio": (lambda: _bomb(10 * 1024 * 1024), "ratio.docx", "expands to"),
    "empty text": (lambda: b"   \n", "empty.txt", "no text"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_refused_with_a_clear_message(case: str) -> None:
    make, filename, message = BAD_FILES[case]
    data = make()
    start = time.perf_counter()
    with pytest.raises(UploadRejected, match=message) as info:
        extract_text(data, filename)
    assert time.perf_counter() - start < 2
    assert len(info.value.message) > 20


def test_fifty_megabytes_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: nothing is written
    start = time.perf_counter()
    with pytest.raises(UploadRejected, match="too large"):
        extract_path(path)
    assert time.perf_counter() - start < 0.5


@override_settings(OUTCOME_IMPORT_MAX_BYTES=1000)
def test_size_limit_is_a_setting() -> None:
    with pytest.raises(UploadRejected, match="too large"):
        extract_text(b"a" * 1001, "a.txt")


def test_cp1252_text_is_read_with_a_warning() -> None:
    extracted = extract_text("Café meeting\nThe UN should act.".encode("cp1252"), "a.txt")
    assert "Café" in extracted.text and extracted.warnings


# --- property-based --------------------------------------------------------------------------------

_FRAGMENTS = [
    "Sector 1: ", "Session 2 – ", "វិស័យទី៣៖ ", "1. ", "(ABC)", "(NGO Forum)", " calls on UNICEF to ", "should ",
    "ស្នើឱ្យ", "។", ". ", "\n", "\n\n", "June 2, 2021", "ថ្ងៃទី២ ខែមិថុនា ឆ្នាំ២០២១", "31/12/2020", "Phnom Penh",
    "ភ្នំពេញ", "Recommendations:", "Ministry of ", "the government ", "UN/OHCHR", "Coalition ", "e.g. ", "្", "េ",
]  # fmt: skip
_TEXT = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.text(alphabet=st.characters(min_codepoint=0x1780, max_codepoint=0x17FF) | st.sampled_from(" \n\t\x00\x0b\x1f."), max_size=300),
    st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=20), max_size=40).map("".join),
)  # fmt: skip


@hsettings(max_examples=300, deadline=None)
@given(
    _TEXT,
    st.lists(
        st.sampled_from(
            ["សេចក្តី", "សេដ្ឋកិច្ច", "ខែ", "ថ្ងៃ", "ពេល", "វេទិកា", "ថ្លែងការណ៍", "ចែករំលែក", "កែលម្អ", "គេហទំព័រ"]
        ),
        min_size=2,
        max_size=30,
    ),
)
def test_parser_never_crashes_and_keeps_the_shape(text: str, words: list[str]) -> None:
    """The parser takes any text; the scrambled-Khmer check on the same inputs: text without Khmer
    letters is never scrambled, Khmer words in logical order are not, and the same words in glyph
    order (each pre-base vowel moved in front of its consonant, as PDF extraction returns them) are."""
    assert_json_shape(parse_outcome(text).as_json())
    if not re.search("[\u1780-\u17b3]", text):
        assert not khmer_text_looks_scrambled(text)
    assert not khmer_text_looks_scrambled(" ".join(words))
    glyph_order = [
        re.sub("^([\u1780-\u17a2](?:\u17d2[\u1780-\u17a2])*)([\u17c1-\u17c3])", r"\2\1", w) for w in words
    ]
    assert all(g != w for g, w in zip(glyph_order, words, strict=True))
    assert khmer_text_looks_scrambled(" ".join(glyph_order))


@hsettings(max_examples=150, deadline=None)
@given(_TEXT)
def test_text_files_either_import_or_are_rejected(text: str) -> None:
    try:
        extracted = extract_text(text.encode("utf-8", "surrogatepass"), "doc.txt")
    except UploadRejected:
        return
    assert_json_shape(parse_outcome(extracted.text).as_json())


_BYTES = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n" + b),
    st.binary(max_size=2000).map(lambda b: b"PK\x03\x04" + b),
    st.dictionaries(
        st.sampled_from(["word/document.xml", "[Content_Types].xml", "_rels/.rels", "x"]),
        st.binary(max_size=300),
    ).map(_zip),
)


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BYTES, st.sampled_from(["a.txt", "a.pdf", "a.docx", "a", "a.doc"]))
def test_arbitrary_bytes_never_crash(data: bytes, filename: str) -> None:
    try:
        extracted = extract_text(data, filename)
    except UploadRejected as exc:
        message = exc.message
    else:
        message = ""
        assert isinstance(extracted.text, str)
    assert message or extracted


# --- the command -----------------------------------------------------------------------------------


@pytest.fixture
def english_file(tmp_path: Path) -> Path:
    path = tmp_path / "note.docx"
    path.write_bytes(docx_bytes(ENGLISH_A))
    return path


@pytest.mark.django_db
def test_command_json_prints_the_shape_and_saves_nothing(english_file: Path) -> None:
    before = counts()
    out = io.StringIO()
    call_command("import_outcome", str(english_file), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert_json_shape(data)
    check_english_a(data)
    assert counts() == before


def test_command_save_creates_the_meeting(world: Any, english_file: Path) -> None:
    before = counts()
    out = io.StringIO()
    call_command("import_outcome", str(english_file), "--save", stdout=out, stderr=io.StringIO())
    meeting = Meeting.objects.get(title_en__startswith="Imported: Outcome Note of the Annual Dialogue")
    assert meeting.get_absolute_url() in out.getvalue()
    assert meeting.venue_en == "Siem Reap"
    assert meeting.starts_at.isoformat() == "2023-03-14T02:00:00+00:00"  # 09:00 in Phnom Penh
    assert [s.title for s in meeting.sessions.order_by("order")] == [
        "Civic space",
        "Food security and livelihoods",
        "Women and gender",
    ]
    sectors = [s.sector.slug if s.sector else None for s in meeting.sessions.order_by("order")]
    assert sectors == ["civic-space", None, "women-gender"]
    asks = asks_of(meeting)
    assert len(asks) == 5
    assert [o.acronym_en for o in asks[0].addressees] == ["OHCHR"]
    assert asks[3].session_id == meeting.sessions.get(order=3).pk
    assert [o.acronym_en for o in asks[3].addressees] == ["UNFPA"]
    assert meeting.participants.filter(organisation__acronym_en="WVN").exists()
    after = counts()
    assert after[0] == before[0] + 1 and after[1] == before[1] + 5 and after[3] == before[3] + 3


def test_command_save_rolls_back_on_failure(world: Any, english_file: Path, monkeypatch: Any) -> None:

    calls = {"n": 0}
    asks = meeting_asks()
    real = asks.record

    def failing(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("database went away")
        return real(**kwargs)

    monkeypatch.setattr(asks, "record", failing)
    before = counts()
    with pytest.raises(RuntimeError):
        call_command("import_outcome", str(english_file), "--save", stdout=io.StringIO())
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["png renamed .pdf", "encrypted pdf", "scanned pdf"])
def test_command_refuses_bad_files(tmp_path: Path, case: str) -> None:
    make, filename, message = BAD_FILES[case]
    path = tmp_path / filename
    path.write_bytes(make())
    before = counts()
    with pytest.raises(CommandError, match=message):
        call_command("import_outcome", str(path), "--save", stdout=io.StringIO())
    assert counts() == before


# --- the web flow ----------------------------------------------------------------------------------


def _post_data(context: Any) -> dict[str, Any]:
    """What the browser would send back for the review page as rendered (nothing changed)."""
    data: dict[str, Any] = {}
    forms = [context["meeting_form"]]
    for name in ("organisations", "sectors", "asks"):
        formset = context[name]
        mgmt = formset.management_form
        for field in mgmt:
            data[field.html_name] = field.value()
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if field.widget_type == "checkbox":
                if value:
                    data[field.html_name] = "on"
            elif value is not None:
                data[field.html_name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_web_upload_review_and_save(client_for: Any) -> None:
    client = client_for("secretariat")
    response = client.get(reverse("dialogues:import-upload"))
    assert response.status_code == 200
    assert 'accept=".txt,.docx,.pdf' in response.content.decode()
    before = counts()
    upload = SimpleUploadedFile("note.docx", docx_bytes(ENGLISH_A))
    response = client.post(reverse("dialogues:import-upload"), {"document": upload})
    assert response.status_code == 302
    assert counts() == before  # nothing saved before the review
    review_url = response["Location"]
    response = client.get(review_url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Women&#x27;s Voices Network" in page and "The participants urge OHCHR" in page
    assert "New: will be added to the directory" in page

    data = _post_data(response.context)
    data["meeting-place"] = "Siem Reap Province Hall"
    data["ask-0-text"] = "The participants urge OHCHR to publish a yearly review of association rules."
    data.pop("ask-4-keep")  # drop the last ask
    org_index = next(
        i for i, f in enumerate(response.context["organisations"]) if f.initial.get("acronym") == "MFA"
    )
    data.pop(f"org-{org_index}-keep")  # and one organisation
    response = client.post(review_url, data)
    assert response.status_code == 302, response.context and [f.errors for f in response.context["asks"]]
    meeting = Meeting.objects.latest("created_at")
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.venue_en == "Siem Reap Province Hall"
    texts = [a.text_en for a in asks_of(meeting)]
    assert len(texts) == 4
    assert "The participants urge OHCHR to publish a yearly review of association rules." in texts
    assert not Organisation.objects.filter(acronym_en="MFA").exists()
    assert Organisation.objects.filter(acronym_en="WVN", kind="coalition").exists()
    assert client.get(review_url).status_code == 302  # used up


def test_web_bad_upload_shows_the_error(client_for: Any) -> None:
    client = client_for("secretariat")
    before = counts()
    upload = SimpleUploadedFile("outcome.pdf", b"\x89PNG\r\n\x1a\n" + bytes(300))
    response = client.post(reverse("dialogues:import-upload"), {"document": upload})
    assert response.status_code == 200
    assert "This file is not a document that can be imported" in response.content.decode()
    assert counts() == before


@override_settings(OUTCOME_IMPORT_MAX_BYTES=1000)
def test_web_oversized_upload_is_refused(client_for: Any) -> None:
    client = client_for("secretariat")
    upload = SimpleUploadedFile("big.txt", b"The UN should act. " * 200)
    response = client.post(reverse("dialogues:import-upload"), {"document": upload})
    assert response.status_code == 200
    assert "too large" in response.content.decode()


def test_web_permissions(client_for: Any) -> None:
    url = reverse("dialogues:import-upload")
    response = client_for("anonymous").get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client_for("member").get(url).status_code == 403
    assert (
        client_for("member").get(reverse("dialogues:import-review", kwargs={"key": "x"})).status_code == 403
    )
    assert client_for("admin").get(url).status_code == 200
