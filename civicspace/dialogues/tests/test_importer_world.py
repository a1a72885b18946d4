"""The importer knows the world: the UN, the Royal Government and ministries are matched in the
directory under their many names; session titles map to directory sectors; a gap statement is an ask;
a document of another shape than ours is read by the same structural rules; the import is marked by a
field, not a title prefix; and a probable duplicate meeting is reported before saving."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civicspace.dialogues.importer import extract_path, parse_outcome
from civicspace.dialogues.importer.asks import ask_trigger
from civicspace.dialogues.importer.directory import OrganisationDirectory
from civicspace.dialogues.importer.review import probable_duplicates, read_extraction
from civicspace.dialogues.importer.save import save_extraction
from civicspace.dialogues.importer.sector_match import match_sector
from civicspace.dialogues.models import Meeting
from civicspace.organisations import services as org_services
from civicspace.organisations.models import Organisation, Sector

from .importer_documents import ENGLISH_A, SEED_DIR, SEED_FILE, asks_of, docx_bytes
from .test_importer_save import _post_data

ADDRESSEES = [
    ("united-nations", "un_agency", "United Nations", "អង្គការសហប្រជាជាតិ", "UN"),
    ("rgc", "government", "Royal Government of Cambodia", "រាជរដ្ឋាភិបាលកម្ពុជា", "RGC"),
    ("moh", "government", "Ministry of Health", "ក្រសួងសុខាភិបាល", "MoH"),
    ("moi", "government", "Ministry of Interior", "ក្រសួងមហាផ្ទៃ", "MoI"),
    ("mef", "government", "Ministry of Economy and Finance", "ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ", "MEF"),
]


@pytest.fixture
def addressees(db: Any) -> dict[str, Organisation]:
    return {
        slug: org_services.organisation_create(
            actor=None, slug=slug, kind=kind, name_en=name_en, name_km=name_km, acronym_en=acronym
        )
        for slug, kind, name_en, name_km, acronym in ADDRESSEES
    }


def _matches(text: str) -> dict[str, str | None]:
    extraction = parse_outcome(text, OrganisationDirectory.from_database())
    return {o.name: (o.match.slug if o.match else None) for o in extraction.organisations}


# --- the directory ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Participants call on the United Nations to support the review of the law.",
        "Participants call on the UN to support the review of the law.",
        "Participants urge UN agencies to support the review of the law.",
        "Participants urge the United Nations agencies to support the review of the law.",
        "Participants ask the UN country team to support the review of the law.",
        "សង្គមស៊ីវិលស្នើឱ្យអង្គការសហប្រជាជាតិគាំទ្រការពិនិត្យច្បាប់ឡើងវិញ។",
    ],
)
def test_the_un_by_any_name_matches_the_directory(addressees: Any, text: str) -> None:
    assert "united-nations" in _matches(text).values()
    assert None not in _matches(text).values()


@pytest.mark.parametrize(
    "text",
    [
        "We call on the Royal Government of Cambodia to publish the draft law.",
        "We call on the RGC to publish the draft law.",
        "The Government should publish the draft law before adoption.",
        "The Cambodian government should publish the draft law before adoption.",
        "សង្គមស៊ីវិលស្នើឱ្យរាជរដ្ឋាភិបាលផ្សព្វផ្សាយសេចក្តីព្រាងច្បាប់។",
    ],
)
def test_the_royal_government_by_any_name_matches_the_directory(addressees: Any, text: str) -> None:
    assert set(_matches(text).values()) == {"rgc"}


def test_ministries_in_english_and_khmer_match_the_directory(addressees: Any) -> None:
    found = _matches(
        "We request the Ministry of Health to post midwives. The Ministry of Interior should register "
        "associations within thirty days. ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុគួរតែផ្សព្វផ្សាយថវិកាសម្រាប់ពលរដ្ឋ។"
    )
    assert {"moh", "moi", "mef"} <= set(found.values())
    assert None not in found.values()  # no half-name ("ក្រសួងសេដ្ឋកិច្ច") proposed as a new body


# --- sectors ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Enabling Environment", "civic-space"),
        ("Human Rights", "human-rights"),
        ("Health & Social", "health"),
        ("Financing CSOs", "public-finance"),
        ("Governance and Human Rights", "transparency-governance"),
        ("Land and natural resources", "environment-land"),
        ("Gender-based violence", "women-gender"),
        ("អភិបាលកិច្ច និងសិទ្ធិមនុស្ស", "transparency-governance"),
        ("បរិយាកាសអំណោយផល", "civic-space"),
        ("ហិរញ្ញប្បទានសម្រាប់សង្គមស៊ីវិល", "public-finance"),
        ("Food security", None),
    ],
)
def test_session_titles_map_to_directory_sectors(title: str, slug: str | None) -> None:
    found = match_sector(title, Sector.objects.all())
    assert (found.slug if found else None) == slug


# --- asks ------------------------------------------------------------------------------------------


def test_a_gap_statement_is_an_ask_and_a_plain_fact_is_not() -> None:
    assert ask_trigger("We observe the absence of a mechanism that lets residents comment on plans.")
    assert ask_trigger("There is no formal channel for workers to report abuse.")
    assert ask_trigger("Communities point to the lack of consultation before land concessions.")
    assert ask_trigger("សហគមន៍គ្មានយន្តការផ្តល់យោបល់លើផែនការ។")
    assert ask_trigger("There is no doubt that the meeting was useful.") is None
    assert ask_trigger("Thirty people were arrested during the measures.") is None


# A document in a shape of its own (not ours, not the seed's): Roman-free numbered "Area" headings,
# lettered recommendations under a "Key recommendations" heading, addressees named in the sentence.
OTHER_SHAPE = """Joint Statement of the Provincial Consultation on Public Services
Battambang, 5 March 2024

The consultation brought together the Battambang Youth Network (BYN), the Women for Prosperity
Association (WPA), representatives of the UN country team and of the provincial administration.

Area 1: Governance and Human Rights
Commune officials explained the new complaint procedure. Several communes still lack a mechanism for
residents to follow up their complaints.
Key recommendations
a) We urge the Ministry of Interior to publish commune complaint statistics every quarter.
b) The UN should fund training for commune councillors on handling complaints.

Area 2: Health
Health centres are far from the villages along the border. There is no ambulance service at night.
We also call on UNICEF to equip the border health centres with solar power.
Key recommendations
a) We request the Ministry of Health (MoH) to post a midwife in every health centre.
b) The Royal Government must raise the share of the national budget spent on health.

Area 3: Youth employment
Young people asked how vocational training could lead to jobs.
"""


def test_a_differently_worded_document(addressees: Any) -> None:
    extraction = parse_outcome(OTHER_SHAPE, OrganisationDirectory.from_database())
    assert extraction.date == dt.date(2024, 3, 5) and extraction.place == "Battambang"
    assert [(s.number, s.title) for s in extraction.sectors] == [
        (1, "Governance and Human Rights"),
        (2, "Health"),
        (3, "Youth employment"),
    ]
    asks = [(a.sector, a.addressees, a.text) for a in extraction.asks]
    assert [(s, to) for s, to, _ in asks] == [
        (1, ["MoI"]),  # by the acronym the directory knows it by
        (1, ["UN"]),
        (2, ["UNICEF"]),  # a call on a named body in the prose of a session that lists its asks
        (2, ["MoH"]),
        (2, ["Government"]),
    ]
    assert asks[0][2].startswith("We urge the Ministry of Interior to publish")
    texts = " ".join(t for _, _, t in asks)
    assert "lack a mechanism" not in texts  # prose of a session that lists its asks is context
    assert "asked how" not in texts  # a reported question is not an ask
    by_name = {o.name: o for o in extraction.organisations}
    assert by_name["United Nations"].match and by_name["United Nations"].match.slug == "united-nations"
    assert by_name["Ministry of Health"].match and by_name["Ministry of Health"].match.slug == "moh"
    assert by_name["Battambang Youth Network"].match is None  # new: proposed for the directory

    saved = save_extraction(extraction, actor=None)
    assert [s.sector.slug if s.sector else None for s in saved.sessions.order_by("order")] == [
        "transparency-governance", "health", "youth",
    ]  # fmt: skip
    to = [{o.slug for o in ask.addressees} for ask in asks_of(saved)]
    assert to == [{"moi"}, {"united-nations"}, {"unicef"}, {"moh"}, {"rgc"}]


# --- the seed document, with a directory that knows the world --------------------------------------


@pytest.mark.skipif(not SEED_FILE.exists(), reason=f"seed document not found at {SEED_DIR} (../shared/seed/)")
def test_seed_document_matches_the_world_and_every_session_gets_a_sector(addressees: Any) -> None:
    extraction = read_extraction(extract_path(SEED_FILE), str(SEED_FILE))
    by_acronym = {o.acronym: o for o in extraction.organisations}
    assert by_acronym["UN"].match and by_acronym["UN"].match.slug == "united-nations"
    assert by_acronym["RGC"].match and by_acronym["RGC"].match.slug == "rgc"
    assert [s.sector for s in extraction.sectors] == [
        "civic-space",
        "human-rights",
        "health",
        "public-finance",
    ]
    assert any("general public on the budget management" in a.text for a in extraction.asks)

    before = set(Organisation.objects.values_list("pk", flat=True))
    meeting = save_extraction(extraction, actor=None)
    new = Organisation.objects.exclude(pk__in=before)
    assert not new.filter(name_en__in=["United Nations", "Royal Government of Cambodia"]).exists()
    assert not new.filter(acronym_en__in=["UN", "RGC"]).exists()
    assert all(s.sector_id for s in meeting.sessions.all())  # none counted under "No sector"
    assert (
        meeting.title_en == "Draft Summary Result of the Virtual Meeting Between CSOs and the United Nations"
    )
    assert meeting.imported_from == SEED_FILE.name


# --- the web: the mark of an import, and duplicates ------------------------------------------------


def _upload(client: Any, data: bytes, name: str = "note.docx") -> str:
    response = client.post(reverse("dialogues:import-upload"), {"document": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    return str(response["Location"])


def test_an_edited_title_is_kept_as_written_and_the_import_is_a_badge(client_for: Any) -> None:
    client = client_for("secretariat")
    review = _upload(client, docx_bytes(ENGLISH_A))
    response = client.get(review)
    data = _post_data(response.context)
    data["meeting-title"] = "Imported: Annual dialogue, Siem Reap 2023"  # what a tester typed
    response = client.post(review, data)
    assert response.status_code == 302
    meeting = Meeting.objects.latest("created_at")
    assert meeting.title_en == "Imported: Annual dialogue, Siem Reap 2023"  # never "Imported: Imported: …"
    assert meeting.imported_from == "note.docx"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Imported from note.docx" in page and 'class="imported-badge"' in page


def test_a_probable_duplicate_is_reported_at_review_and_not_blocked(client_for: Any) -> None:
    client = client_for("secretariat")
    first = _upload(client, docx_bytes(ENGLISH_A))
    response = client.get(first)
    assert "may already be recorded" not in response.content.decode()
    assert client.post(first, _post_data(response.context)).status_code == 302
    meeting = Meeting.objects.latest("created_at")

    second = _upload(client, docx_bytes(ENGLISH_A), name="note-again.docx")
    response = client.get(second)
    page = response.content.decode()
    assert "This meeting may already be recorded" in page
    assert meeting.get_absolute_url() in page
    # same day, participants in common (the title may differ): still a probable duplicate
    extraction = response.context["extraction"]
    extraction.title = "Something else entirely"
    assert [d.meeting for d in probable_duplicates(extraction)] == [meeting]
    extraction.date = dt.date(2023, 3, 15)  # another day: not the same meeting
    assert probable_duplicates(extraction) == []
    # the person decides: saving is still possible
    assert client.post(second, _post_data(response.context)).status_code == 302
    assert Meeting.objects.filter(imported_from__in=["note.docx", "note-again.docx"]).count() == 2
