"""Test documents for the outcome importer, written in our own words and generated as real files
(python-docx, WeasyPrint), and the helpers the importer's tests share."""

import io
import json
import random
import re
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings

from civicspace.dialogues.asks import AskSummary, meeting_asks
from civicspace.dialogues.models import Meeting, Participant, SectorSession
from civicspace.organisations.models import Organisation

from .importer_documents import *  # noqa: F403

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


def zip_bytes(members: dict[str, bytes]) -> bytes:
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


BAD_FILES: dict[str, tuple[Any, str, str]] = {
    "png renamed .pdf": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(500), "outcome.pdf", "not a document"),
    "exe renamed .docx": (lambda: b"MZ\x90\x00" + bytes(500), "outcome.docx", "not a document"),
    "zip renamed .docx": (lambda: zip_bytes({"photo.jpg": b"x" * 100}), "outcome.docx", "ZIP archive"),
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
