"""The outcome importer reads our own English and Khmer documents (TXT, DOCX, PDF) and the seed
document (from ../shared/seed/ when it is present), and its parser never crashes on any text."""

import io
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from civicspace.core.uploads import UploadRejected
from civicspace.dialogues.importer import (
    extract_path,
    extract_text,
    khmer_text_looks_scrambled,
    parse_outcome,
)
from civicspace.dialogues.importer.text import split_sentences

from .importer_documents import (
    ENGLISH_A,
    ENGLISH_B_HTML,
    KHMER,
    SEED_DIR,
    SEED_FILE,
    assert_json_shape,
    by_acronym,
    check_english_a,
    check_khmer,
    docx_bytes,
    khmer_pdf,
    pdf_bytes,
)

# --- parsing our own documents ---------------------------------------------------------------------


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
    # The observed absence of a way for the public to give input on the budget is an ask (a gap
    # statement), as well as the request to finance civil society.
    assert len(by_sector[4]) == 2
    assert "inputs from the general public on the budget management" in by_sector[4][0]["text"]
    assert by_sector[4][1]["addressees"] == ["UN"] and "finance civil society" in by_sector[4][1]["text"]
    texts = " ".join(a["text"] for a in asks)
    assert "reiterates significant roles" not in texts and "we all are committed" not in texts


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
