import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from civicspace.core.imports.reading import cell_text, is_formula
from civicspace.core.models import AuditEntry
from civicspace.core.tests.import_helpers import corrupt_xlsx, csv_bytes, plain_zip, xlsx_bytes, zip_bomb
from civicspace.organisations import services as org_services
from civicspace.recommendations import imports
from civicspace.recommendations.imports import Directory, parse_rows
from civicspace.recommendations.models import Ask, TrackerJob
from conftest import World

URL = "/en/recommendations/import/"
HEADER = ["text_en", "text_km", "sector", "addressees", "source_kind", "source_title", "source_date", "themes",
          "level", "place", "priority"]  # fmt: skip
GOOD = [
    HEADER,
    [
        "Fund clinics.",
        "",
        "health",
        "UNA; mop",
        "",
        "Letter to the ministry",
        "2024-03-01",
        "upr",
        "",
        "",
        "high",
    ],
    ["", "ផ្តល់មូលនិធិ", "Education", "una", "upr", "", "", "", "subnational", "Siem Reap", ""],
]
BAD_ROW = [
    "Publish budgets.",
    "",
    "no-such-sector",
    "WHO?",
    "",
    "",
    "01/03/2024",
    "",
    "subnational",
    "",
    "urgent",
]


def _csv(rows: list[list[Any]], *, bom: bool = True) -> bytes:
    return csv_bytes(rows, bom=bom)


@pytest.fixture
def ministry(world: World) -> Any:
    return org_services.organisation_create(actor=None, slug="mop", kind="government", name_en="Ministry of Planning",
                                            acronym_en="MOP")  # fmt: skip


def _upload(client: Any, data: bytes, name: str = "asks.csv") -> Any:
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


# --- permission ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_permission(client_for: Any) -> None:
    response = client_for("anonymous").get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for("member").get(URL).status_code == 403
    assert (
        client_for("member").post(URL, {"file": SimpleUploadedFile("a.csv", _csv(GOOD))}).status_code == 403
    )
    assert client_for("secretariat").get(URL).status_code == 200
    job = TrackerJob.objects.create(kind="import", format="csv", state="review")
    assert client_for("member").get(f"{URL}{job.pk}/").status_code == 403
    assert client_for("member").post(f"{URL}{job.pk}/", {"action": "import_valid"}).status_code == 403
    assert Ask.objects.count() == 0


# --- good files ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["csv", "csv-no-bom", "xlsx"])
def test_good_file_is_imported(client_for: Any, world: World, ministry: Any, kind: str) -> None:
    data = xlsx_bytes(GOOD) if kind == "xlsx" else _csv(GOOD, bom=kind == "csv")
    client = client_for("secretariat")
    fmt = kind.split("-")[0]
    response = _upload(client, data, f"asks.{fmt}")
    job = TrackerJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{job.pk}/"
    assert (job.state, job.format, job.total, job.done) == ("done", fmt, 2, 2)
    first, second = Ask.objects.order_by("id")
    assert first.sector is not None and second.sector is not None
    assert first.text_en == "Fund clinics." and first.sector.slug == "health" and first.priority == "high"
    assert {o.slug for o in first.addressees.all()} == {"agency", "mop"}
    assert first.source_kind == "other" and first.source_date == dt.date(2024, 3, 1)
    assert [t.slug for t in first.themes.all()] == ["upr"]
    assert second.sector.slug == "education" and second.level == "subnational" and second.place == "Siem Reap"
    html = client.get(response["Location"]).content.decode()
    assert "2 asks were imported." in html and "http-equiv" not in html


# --- rows with errors ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_errors_save_nothing_until_valid_rows_are_chosen(
    client_for: Any, world: World, ministry: Any
) -> None:
    client = client_for("secretariat")
    response = _upload(client, _csv([*GOOD, BAD_ROW]))
    job = TrackerJob.objects.get()
    assert job.state == "review" and Ask.objects.count() == 0
    report = job.report
    assert (report["rows"], report["valid"], report["rows_with_errors"]) == (3, 2, 1)
    columns = {e["column"] for e in report["errors"]}
    assert columns == {"sector", "addressees", "source_date", "place", "priority"}
    assert {e["row"] for e in report["errors"]} == {4}
    html = client.get(response["Location"]).content.decode()
    assert "no-such-sector" in html and 'value="import_valid"' in html and "<caption>" in html
    response = client.post(response["Location"], {"action": "import_valid"})
    job.refresh_from_db()
    assert job.state == "done" and job.done == 2 and Ask.objects.count() == 2
    # the decision cannot be taken twice
    client.post(f"{URL}{job.pk}/", {"action": "import_valid"})
    assert Ask.objects.count() == 2


@pytest.mark.django_db
def test_cancel(client_for: Any, world: World, django_capture_on_commit_callbacks: Any) -> None:
    client = client_for("secretariat")
    _upload(client, _csv([HEADER, BAD_ROW]))
    job = TrackerJob.objects.get()
    stored, storage = str(job.file.name), job.file.storage
    assert (
        job.state == "review" and 'value="import_valid"' not in client.get(f"{URL}{job.pk}/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}{job.pk}/", {"action": "cancel"}, follow=True)
    assert "The import was cancelled. Nothing was saved." in response.content.decode()
    job.refresh_from_db()
    assert (
        job.state == "cancelled" and not job.file and not storage.exists(stored) and Ask.objects.count() == 0
    )
    entry = AuditEntry.objects.get(object_id=str(job.pk))  # the cancel is audited: who, and the state
    assert entry.actor == world.users["secretariat"] and entry.changes == {"state": ["review", "cancelled"]}
    # a second cancel (or one of a job that is not waiting) changes and logs nothing
    client.post(f"{URL}{job.pk}/", {"action": "cancel"})
    assert AuditEntry.objects.filter(object_id=str(job.pk)).count() == 1


@pytest.mark.django_db
def test_formulas_are_errors_and_never_imported(client_for: Any, world: World, ministry: Any) -> None:
    formula = ['=HYPERLINK("http://x.example","Fund clinics")', "", "health", "", "", "", "", "", "", "", ""]
    _upload(client_for("secretariat"), xlsx_bytes([*GOOD, formula]), "asks.xlsx")
    job = TrackerJob.objects.get()
    assert job.state == "review" and Ask.objects.count() == 0
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(4, "text_en"), (4, "text_en")]
    assert "holds a formula" in job.report["errors"][0]["message"]


@pytest.mark.django_db
def test_old_running_imports_become_checking() -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "civicspace.recommendations.migrations.0010_trackerjob_import_running_to_checking"
    )
    imported = TrackerJob.objects.create(kind="import", format="csv", state="running")
    exported = TrackerJob.objects.create(kind="export", format="xlsx", state="running")
    migration.running_to_checking(apps, None)
    assert TrackerJob.objects.get(pk=imported.pk).state == "checking"
    assert TrackerJob.objects.get(pk=exported.pk).state == "running"
    migration.checking_to_running(apps, None)
    assert TrackerJob.objects.get(pk=imported.pk).state == "running"


@pytest.mark.django_db
def test_a_failing_row_rolls_back_everything(
    client_for: Any, world: World, ministry: Any, monkeypatch: Any
) -> None:
    from django.core.exceptions import ValidationError

    from civicspace.recommendations import services

    real = services.ask_create
    calls = []

    def flaky(**kwargs: Any) -> Ask:
        calls.append(1)
        if len(calls) == 2:
            raise ValidationError("boom")
        return real(**kwargs)

    monkeypatch.setattr(services, "ask_create", flaky)
    _upload(client_for("secretariat"), _csv(GOOD))
    job = TrackerJob.objects.get()
    assert job.state == "failed" and "Row 3" in job.error and Ask.objects.count() == 0


# --- bad files ----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "asks.csv", "not a spreadsheet"),
        (b"%PDF-1.7 text_en", "asks.csv", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "asks.xls", "old Excel"),
        (xlsx_bytes(GOOD)[:2000], "asks.xlsx", "damaged"),
        (corrupt_xlsx(), "asks.xlsx", "damaged"),
        (plain_zip(), "asks.xlsx", "ZIP archive"),
        (zip_bomb(60), "asks.xlsx", "expands to"),
        ("text_en\nCafé crème\n".encode("cp1252"), "asks.csv", "not in UTF-8"),
        ("text_en\nសុខភាព\n".encode("utf-16"), "asks.csv", "in UTF-16"),
        (b"name,colour\nx,y\n", "asks.csv", "first row must name the columns"),
        (b"", "asks.csv", "empty"),
    ],
)
def test_bad_files_are_refused(client_for: Any, world: World, data: bytes, name: str, message: str) -> None:
    response = _upload(client_for("secretariat"), data, name)
    assert response.status_code in {200, 400}
    html = response.content.decode()
    assert 'role="alert"' in html and (message in html or message in html.replace("&#x27;", "'"))
    assert TrackerJob.objects.count() == 0 and Ask.objects.count() == 0


@pytest.mark.django_db
def test_file_too_large(client_for: Any, world: World) -> None:
    data = _csv(GOOD) + b"x" * (11 * 1024 * 1024)
    response = _upload(client_for("secretariat"), data)
    assert "too large" in response.content.decode()
    assert TrackerJob.objects.count() == 0 and Ask.objects.count() == 0


# --- the parser ---------------------------------------------------------------------------------------

DIRECTORY = Directory(
    sectors={"health": 1, "education": 2, "health care": 1},
    addressees={"una": 10, "agency": 10, "mop": 11},
    themes={"upr": 20, "sdg-16-7": 21},
)

cells = st.one_of(
    st.none(), st.text(max_size=40), st.integers(), st.floats(), st.booleans(), st.datetimes(), st.dates(),
    st.sampled_from(["health", "UNA;mop", "2024-02-30", "subnational", "'=1+1", "\ufeff", "\x00"]),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cells, max_size=14), max_size=8))
def test_parser_never_raises_on_anything(rows: list[list[Any]]) -> None:
    report = parse_rows(rows, directory=DIRECTORY)
    assert len(report.valid) + report.rows_with_errors <= max(report.rows, 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cells, min_size=len(HEADER), max_size=len(HEADER) + 2), max_size=8))
def test_parser_reports_every_row(rows: list[list[Any]]) -> None:
    report = parse_rows([HEADER, *rows], directory=DIRECTORY)
    assert len(report.valid) + report.rows_with_errors == report.rows
    for error in report.errors:
        assert error.row >= 2 and error.column in HEADER and error.message


texts = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=60).filter(
    lambda t: bool(t.strip()) and not is_formula(t)
)
valid_rows = st.fixed_dictionaries(
    {
        "text_en": texts,
        "text_km": st.sampled_from(["", "ផ្តល់មូលនិធិ"]),
        "sector": st.sampled_from(["", "health", "Education", "Health Care"]),
        "addressees": st.lists(st.sampled_from(["UNA", "una", "MOP", "agency"]), max_size=3).map("; ".join),
        "source_kind": st.sampled_from(["", "upr", "Letter", "other"]),
        "source_title": st.text(max_size=50).filter(lambda t: not is_formula(t) and "\x00" not in t),
        "source_date": st.one_of(st.just(""), st.dates(min_value=dt.date(1990, 1, 1)).map(str), st.dates()),
        "themes": st.lists(st.sampled_from(["upr", "SDG-16-7"]), max_size=2).map(",".join),
        "level_place": st.sampled_from(
            [("", ""), ("national", ""), ("subnational", "Kampot"), ("Sub-national", "Kep")]
        ),
        "priority": st.sampled_from(["", "high", "Low", "medium"]),
    }
)


@settings(max_examples=200, deadline=None)
@given(st.lists(valid_rows, min_size=1, max_size=6))
def test_valid_rows_are_accepted(rows: list[dict[str, Any]]) -> None:
    table = [HEADER]
    for row in rows:
        level, place = row.pop("level_place")
        table.append([*(row[c] for c in HEADER[:8]), level, place, row["priority"]])
    report = parse_rows(table, directory=DIRECTORY)
    assert report.errors == [] and len(report.valid) == len(rows)
    for (number, parsed), row in zip(report.valid, rows, strict=True):
        assert (
            number == parsed.row
            and parsed.fields["text_en"] == cell_text(row["text_en"], imports.MAX_CELL)[0]
        )
        assert parsed.fields["source_kind"] in {"upr", "letter", "other"}
