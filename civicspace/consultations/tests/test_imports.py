"""Imports of paper, phone and SMS submissions (declared to core.imports in consultations/imports.py): the
row parser (Hypothesis), the whole-file check, hostile files, the pages (small files at once, large ones
as a job with a progress page), the template and the command. Idempotent: importing the same file twice
stores nothing twice."""

import csv
import datetime as dt
import functools
import io
import unicodedata
from typing import Any

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula

from civicspace.consultations import imports
from civicspace.consultations.channels import spreadsheet
from civicspace.consultations.intake import SubmissionData
from civicspace.consultations.models import Consultation, ImportJob, Submission
from civicspace.core.audit import AuditEntry
from civicspace.core.imports import SaveRefused, ValidationReport
from civicspace.core.imports.reading import is_formula, read_rows
from civicspace.core.tests import import_helpers as helpers
from civicspace.core.uploads import UploadRejected

from .fixtures import *  # noqa: F403

LAYOUT = spreadsheet.Layout(("01", "02", "03"), True, True, True)
NOW = dt.datetime(2030, 6, 10, 9, tzinfo=dt.UTC)
HEADER = ["row_id", "captured_at", "gender", "age_band", "wg_seeing", "wg_hearing", "wg_walking", "wg_cognition",
          "wg_selfcare", "wg_communication", "place", "consent", "01:comment", "01:rank", "02:rank", "03:points"]  # fmt: skip


def row(n: int, **over: Any) -> list[Any]:
    today = timezone.localdate().isoformat()
    values = {"row_id": f"P-{n}", "captured_at": today, "gender": "woman", "age_band": "25_34", "wg_seeing": "none",
              "wg_hearing": "", "wg_walking": "a_lot", "wg_cognition": "", "wg_selfcare": "", "wg_communication": "",
              "place": "171001", "consent": "yes", "01:comment": "More teachers", "01:rank": "1", "02:rank": "2",
              "03:points": "40", **over}  # fmt: skip
    return [values[h] for h in HEADER]


def csv_bytes(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    return helpers.csv_bytes([header, *rows])


def check_file(data: bytes, fmt: str, consultation: Consultation) -> ValidationReport[SubmissionData]:
    """The check the import's jobs make of a stored file."""
    return imports.SubmissionParser(consultation).check(read_rows(data, fmt, imports.SPREADSHEET))


def xlsx_bytes(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    return helpers.xlsx_bytes([header, *rows])


# --- the row parser -------------------------------------------------------------------------------------

cells = st.one_of(st.none(), st.text(max_size=60), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                  st.dates(), st.datetimes(), st.booleans())  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from([*LAYOUT.columns(), "x:rank"]), cells, max_size=20))
def test_the_row_parser_never_crashes_and_bad_input_becomes_row_errors(values: dict[str, Any]) -> None:
    data, errors = spreadsheet.parse_record(values, LAYOUT, row=7, now=NOW)
    assert (data is None) == bool(errors)
    assert all(e.row == 7 and e.message for e in errors)
    if data is not None:
        assert data.idempotency_key.startswith(spreadsheet.KEY_PREFIX)


choices = st.fixed_dictionaries(
    {
        "row_id": st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True),
        "gender": st.sampled_from(["", "woman", "man", "other"]),
        "age_band": st.sampled_from(["", *Submission.AgeBand.values]),
        "wg_seeing": st.sampled_from(["", *Submission.Difficulty.values]),
        "wg_communication": st.sampled_from(["", *Submission.Difficulty.values]),
        "place": st.sampled_from(["", "17", "1710", "171001"]),
        "consent": st.booleans(),
        "01:comment": st.text(
            st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=50
        )
        .map(str.strip)
        .filter(lambda s: not is_formula(s) and not (s[:1] == "'" and s[1:2] in "=+-@")),
        "01:rank": st.one_of(st.none(), st.integers(1, 3)),
        "03:points": st.one_of(st.none(), st.integers(0, 10**6)),
    }
)


@settings(max_examples=200)
@given(choices)
@example(  # a byte-order mark after the text, which the import removes
    {"row_id": "a", "gender": "", "age_band": "", "wg_seeing": "", "wg_communication": "", "place": "",
     "consent": False, "01:comment": "0\ufeff", "01:rank": None, "03:points": None}
)  # fmt: skip
@example(  # nothing but a byte-order mark: no answer
    {"row_id": "a", "gender": "", "age_band": "", "wg_seeing": "", "wg_communication": "", "place": "",
     "consent": False, "01:comment": "\ufeff", "01:rank": None, "03:points": None}
)  # fmt: skip
@example(  # a CJK compatibility ideograph, which NFC turns into another code point (U+4E3D)
    {"row_id": "a", "gender": "", "age_band": "", "wg_seeing": "", "wg_communication": "", "place": "",
     "consent": False, "01:comment": "\U0002f800", "01:rank": None, "03:points": None}
)  # fmt: skip
def test_good_rows_round_trip(values: dict[str, Any]) -> None:
    cells = {
        k: ("yes" if v else "no") if k == "consent" else ("" if v is None else str(v))
        for k, v in values.items()
    }
    data, errors = spreadsheet.parse_record(cells, LAYOUT, row=2, now=NOW)
    assert not errors and data is not None
    assert data.idempotency_key == "import-" + values["row_id"]
    assert (data.gender, data.age_band, data.place_code, data.consent) == (
        values["gender"], values["age_band"], values["place"], values["consent"])  # fmt: skip
    answers = {a.item_code: a for a in data.answers}
    # the import stores NFC text without a byte-order mark (a stray U+FEFF from a spreadsheet)
    comment = unicodedata.normalize("NFC", values["01:comment"].replace("\ufeff", "")).strip()
    if comment or values["01:rank"] is not None:
        assert answers["01"].comment in (" ".join(comment.split()), comment)
        assert answers["01"].rank == values["01:rank"]
    if values["03:points"] is not None:
        assert answers["03"].points == values["03:points"]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("01:rank", "first", "not a whole number"),
        ("01:rank", "9", "Ranks go from 1 to 3"),
        ("03:points", "=SUM(A1:A9)", "formula"),
        ("01:comment", '=HYPERLINK("http://x")', "formula"),
        ("01:comment", "@SUM(1,2)", "formula"),
        ("01:comment", "x" * 5000, "too long"),
        ("gender", "hen", "woman, man or other"),
        ("age_band", "200", "at most 120"),
        ("wg_seeing", "badly", "none, some, a_lot or cannot"),
        ("place", "123", "2, 4 or 6 digits"),
        ("consent", "perhaps", "yes or no"),
        ("captured_at", "10/06/2030", "YYYY-MM-DD"),
        ("row_id", "", "Give each row an id"),
        ("row_id", "has space", "without spaces"),
    ],
)
def test_bad_cells_are_errors_in_their_column(column: str, value: str, message: str) -> None:
    values = dict(zip(HEADER, row(1), strict=True))
    values[column] = value
    data, errors = spreadsheet.parse_record(values, LAYOUT, row=5, now=NOW)
    assert data is None
    assert [(e.row, e.column) for e in errors] == [(5, column)]
    assert message in errors[0].message


def test_cells_in_other_words_and_khmer_digits() -> None:
    values = dict(zip(HEADER, row(1), strict=True))
    values.update({"gender": "ស្រី", "age_band": "២៣", "wg_walking": "3", "place": "១៧", "consent": "បាទ",
                   "01:rank": "១", "03:points": 40.0, "captured_at": dt.datetime(2030, 6, 1, 8, 30)})  # fmt: skip
    data, errors = spreadsheet.parse_record(values, LAYOUT, row=2, now=NOW)
    assert not errors and data is not None
    assert (data.gender, data.age_band, data.place_code, data.consent) == ("woman", "18_24", "17", True)
    assert data.disability == {"seeing": "none", "walking": "a_lot"}
    assert data.captured_at == dt.datetime(2030, 6, 1, 8, 30, tzinfo=spreadsheet.PP)
    assert {a.item_code: (a.rank, a.points) for a in data.answers}["01"] == (1, None)


def test_an_apostrophe_keeps_formula_like_text_as_text() -> None:
    values = dict(zip(HEADER, row(1), strict=True))
    values["01:comment"] = "'=more schools"
    data, _errors = spreadsheet.parse_record(values, LAYOUT, row=2, now=NOW)
    assert data is not None and data.answers[0].comment == "=more schools"


# --- the whole file -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_clean_file_is_checked_with_a_constant_number_of_queries(open_consultation: Consultation) -> None:
    small, large = csv_bytes([row(i) for i in range(3)]), csv_bytes([row(i) for i in range(300)])
    with CaptureQueriesContext(connection) as few:
        report = check_file(small, "csv", open_consultation)
    assert report.rows == 3 and len(report.valid) == 3 and not report.errors
    caches["local"].clear()  # the places are read again, as on a cold process
    with CaptureQueriesContext(connection) as many:
        report = check_file(large, "csv", open_consultation)
    assert len(report.valid) == 300
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_header_is_checked(open_consultation: Consultation) -> None:
    header = [*HEADER[:-1], "99:rank", "02:points", "surname", "gender"]
    report = check_file(csv_bytes([], header), "csv", open_consultation)
    messages = {(e.row, e.column): e.message for e in report.errors}
    assert "no budget item with the code 99" in messages[(1, "99:rank")]
    assert "not one the import knows" in messages[(1, "surname")]
    assert "appears twice" in messages[(1, "gender")]
    assert (1, "02:points") not in messages  # the consultation asks for points
    open_consultation.asks_points = False
    open_consultation.save()
    report = check_file(csv_bytes([], ["row_id", "03:points"]), "csv", open_consultation)
    assert "does not ask for this" in report.errors[0].message


@pytest.mark.django_db
def test_rows_are_validated_with_intake(open_consultation: Consultation) -> None:
    rows = [
        row(1),
        row(2, **{"01:rank": "1", "02:rank": "1"}),  # the same rank twice
        row(3, **{"03:points": "500"}),  # more than 100 points
        row(4, place="99"),  # no such place
        row(5, consent="no"),
        row(6, captured_at="2001-01-01"),  # before the consultation opened
        row(1, gender="man"),  # the same row id again
        row(8, **{"01:comment": "", "01:rank": "", "02:rank": "", "03:points": ""}),  # says nothing
        ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],  # a blank line is skipped
        [*row(9), "extra"],
    ]
    report = check_file(csv_bytes(rows), "csv", open_consultation)
    by_row: dict[int, list[str]] = {}
    for e in report.errors:
        by_row.setdefault(e.row, []).append(f"{e.column}|{e.message}")
    assert [n for n, _d in report.valid] == [2]
    assert any("Each rank" in m for m in by_row[3])
    assert any("points" in m for m in by_row[4])
    assert any(m.startswith("place|") for m in by_row[5])
    assert any(m.startswith("consent|") for m in by_row[6])
    assert any("not open" in m for m in by_row[7])
    assert any("also used on row 2" in m for m in by_row[8])
    assert any("at least one budget item" in m for m in by_row[9])
    assert 10 not in by_row and any("more cells" in m for m in by_row[11])
    assert report.rows == 9


@pytest.mark.django_db
def test_saving_and_importing_the_same_file_twice(open_consultation: Consultation, world: Any) -> None:
    data = csv_bytes([row(i) for i in range(5)])
    report = check_file(data, "csv", open_consultation)
    result = imports.save_rows(
        [d for _n, d in report.valid], scope=open_consultation, actor=world.users["member"], source="a.csv"
    )
    assert result.created == 5 and result.report == {"skipped_meanwhile": 0}
    stored = Submission.objects.filter(consultation=open_consultation)
    assert stored.count() == 5 and set(stored.values_list("channel", flat=True)) == {"import"}
    first = stored.get(idempotency_key="import-P-0")
    assert (
        first.entered_by == world.users["member"]
        and first.province_code == "17"
        and first.commune_code == "171001"
    )
    assert first.wg_walking == "a_lot" and first.inputs.count() == 3
    audit = AuditEntry.objects.filter(action="update", object_id=str(open_consultation.pk)).latest(
        "created_at"
    )
    assert audit.changes["submissions_imported"] == [None, 5] and audit.actor == world.users["member"]
    again = check_file(data, "csv", open_consultation)
    assert not again.valid and len(again.already_stored) == 5 and not again.errors
    changed = check_file(csv_bytes([row(0, gender="man")]), "csv", open_consultation)
    assert "imported before with different answers" in changed.errors[0].message


@pytest.mark.django_db
def test_rows_stored_meanwhile(open_consultation: Consultation) -> None:
    """Between the check and the save: the same answers are skipped (and counted), other answers under
    the same row id refuse the whole file."""
    checked = [d for _n, d in check_file(csv_bytes([row(1), row(2)]), "csv", open_consultation).valid]
    imports.save_rows(checked[:1], scope=open_consultation, actor=None)
    assert imports.save_rows(checked, scope=open_consultation, actor=None).report == {"skipped_meanwhile": 1}
    other = [d for _n, d in check_file(csv_bytes([row(3), row(4)]), "csv", open_consultation).valid]
    changed = [d for _n, d in check_file(csv_bytes([row(4, gender="man")]), "csv", open_consultation).valid]
    imports.save_rows(changed, scope=open_consultation, actor=None)
    with pytest.raises(SaveRefused, match="stored meanwhile with different answers"):
        imports.save_rows(other, scope=open_consultation, actor=None)
    assert Submission.objects.filter(idempotency_key="import-P-3").count() == 0


# --- hostile files --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def zip_bomb() -> bytes:
    """20 MB of zeros in a few kilobytes: a ratio no real workbook has."""
    return helpers.zip_bomb(20)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.4 not a spreadsheet", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", ".xls"),
        ("row_id,gender\n1,ស្រី\n".encode("utf-16"), "UTF-16"),
        ("row_id,gender\r\n1,é\r\n".encode("latin-1"), "not in UTF-8"),
        (b"row_id\x00,gender\n", "not a spreadsheet"),
        (b"PK\x03\x04 not really a zip", "damaged"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(UploadRejected) as refused:
        imports.SPREADSHEET.sniff(data)
    assert message in refused.value.message


def test_a_zip_bomb_is_refused_before_it_is_opened() -> None:
    bomb = zip_bomb()
    assert len(bomb) < 1024 * 1024
    with pytest.raises(UploadRejected) as refused:
        imports.SPREADSHEET.sniff(bomb)
    assert "expands to" in refused.value.message


def test_too_large_a_file_is_refused() -> None:
    with pytest.raises(UploadRejected):
        imports.SPREADSHEET.check_size(imports.MAX_BYTES + 1)


@pytest.mark.django_db
def test_nul_bytes_and_huge_cells_in_a_csv(open_consultation: Consultation) -> None:
    data = csv_bytes([row(1, **{"01:comment": "a\x00b"}), row(2)]).replace(b"P-2", b"P-2" + b"x" * 10)
    padded = (
        b"row_id," + b" " * 5000 + b"\n" + data
    )  # a NUL far from the start is not taken for a binary file
    assert imports.SPREADSHEET.sniff(padded) == "csv"
    report = check_file(data, "csv", open_consultation)
    assert any(e.row == 2 and e.column == "01:comment" for e in report.errors)
    huge = csv_bytes([row(1, **{"01:comment": "x" * 200_000})])
    with pytest.raises(UploadRejected) as refused:
        check_file(huge, "csv", open_consultation)
    assert "damaged near line" in refused.value.message


@pytest.mark.django_db
def test_xlsx_formulas_are_never_evaluated(open_consultation: Consultation) -> None:
    rows = [row(1, **{"03:points": "=10*4"}), row(2)]
    data = xlsx_bytes(rows)
    assert imports.SPREADSHEET.sniff(data) == "xlsx"
    report = check_file(data, "xlsx", open_consultation)
    assert [(e.row, e.column) for e in report.errors] == [(2, "03:points")]
    assert [n for n, _d in report.valid] == [3]


@pytest.mark.django_db
def test_xlsx_with_typed_cells(open_consultation: Consultation) -> None:
    rows = [row(1, captured_at=timezone.localdate(), **{"01:rank": 1, "02:rank": 2.0, "03:points": 40})]
    report = check_file(xlsx_bytes(rows), "xlsx", open_consultation)
    assert not report.errors and report.valid[0][1].answers[1].rank == 2


# --- the pages ------------------------------------------------------------------------------------------


def upload(client: Any, slug: str, data: bytes, name: str = "paper.csv", **extra: Any) -> Any:
    return client.post(f"/en/consultations/{slug}/import/", {"file": SimpleUploadedFile(name, data), **extra})


@pytest.mark.django_db
def test_a_small_clean_file_is_imported_at_once(client_for: Any, open_consultation: Consultation) -> None:
    client = client_for("member")
    page = client.get("/en/consultations/open/import/")
    assert page.status_code == 200 and b"01:comment" in page.content
    response = upload(client, "open", csv_bytes([row(i) for i in range(4)]))
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.state == "done" and job.report["created"] == 4 and not job.file
    status = client.get(response["Location"])
    assert b"4 submissions were imported" in status.content
    assert Submission.objects.filter(channel="import").count() == 4


@pytest.mark.django_db
def test_a_file_with_errors_imports_nothing_until_the_facilitator_chooses(
    client_for: Any, open_consultation: Consultation
) -> None:
    client = client_for("secretariat")
    response = upload(client, "open", csv_bytes([row(1), row(2, gender="hen"), row(3)]))
    job = ImportJob.objects.get()
    assert job.state == "review" and Submission.objects.count() == 0
    page = client.get(response["Location"])
    assert b"Import only the 2 valid rows" in page.content and b"woman, man or other" in page.content
    assert client.post(response["Location"], {"action": "import_valid"}).status_code == 302
    job.refresh_from_db()
    assert job.state == "done" and Submission.objects.count() == 2
    assert client.post(response["Location"], {"action": "import_valid"}).status_code == 302  # nothing more
    assert Submission.objects.count() == 2


@pytest.mark.django_db
def test_valid_only_chosen_at_upload_and_cancel(client_for: Any, open_consultation: Consultation) -> None:
    client = client_for("member")
    upload(client, "open", csv_bytes([row(1), row(2, gender="hen")]), valid_only="on")
    assert Submission.objects.count() == 1
    response = upload(client, "open", csv_bytes([row(5, gender="hen"), row(6)]))
    assert client.post(response["Location"], {"action": "cancel"}).status_code == 302
    assert ImportJob.objects.get(pk=response["Location"].split("/")[-2]).state == "cancelled"
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_a_large_file_runs_as_a_job_with_a_progress_page(
    client_for: Any, open_consultation: Consultation, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for("member")
    rows = [row(i) for i in range(imports.SUBMISSIONS.inline_rows + 20)]
    response = upload(client, "open", xlsx_bytes(rows), name="big.xlsx")
    job = ImportJob.objects.get()
    assert job.state == "done" and job.report["created"] == len(rows)  # the test backend runs jobs at once
    assert Submission.objects.count() == len(rows)
    # While it runs, the page polls itself with HTMX, and without JavaScript refreshes itself.
    ImportJob.objects.filter(pk=job.pk).update(state="checking", done=100, total=520)
    page = client.get(response["Location"])
    assert b'hx-trigger="every 2s"' in page.content and b'http-equiv="refresh"' in page.content
    partial = client.get(response["Location"], headers={"HX-Request": "true"})
    assert (
        partial.content.lstrip().startswith(b'<div id="import-progress"') and b'value="19"' in partial.content
    )
    # Saving: the progress comes from the cache (the save is one transaction).
    from django.core.cache import cache

    ImportJob.objects.filter(pk=job.pk).update(state="saving", done=0, total=520)
    cache.set(job.progress_key, 260)
    assert b'value="50"' in client.get(response["Location"], headers={"HX-Request": "true"}).content


@pytest.mark.django_db
def test_a_job_is_seen_only_by_who_started_it(client_for: Any, open_consultation: Consultation) -> None:
    response = upload(client_for("member"), "open", csv_bytes([row(1)]))
    location = response["Location"]
    assert client_for("focal_point").get(location).status_code == 404
    assert client_for("admin").get(location).status_code == 200
    assert client_for("un_focal_point").get(location).status_code == 403
    assert client_for("anonymous").get(location).status_code == 302


@pytest.mark.django_db
def test_hostile_uploads_on_the_page(client_for: Any, open_consultation: Consultation) -> None:
    client = client_for("member")
    response = upload(client, "open", zip_bomb(), name="bomb.xlsx")
    assert response.status_code == 400 and b"expands to" in response.content
    response = upload(client, "open", b"%PDF-1.4", name="paper.csv")
    assert response.status_code == 400 and not ImportJob.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_can_be_filled_in_and_imported(
    fmt: str, client_for: Any, open_consultation: Consultation
) -> None:
    client = client_for("member")
    response = client.get(f"/en/consultations/open/import/template.{fmt}")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    columns = spreadsheet.template_columns(open_consultation)
    if fmt == "csv":
        header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        filled = (
            response.content
            + ",".join(dict(zip(HEADER, row(1), strict=True)).get(c, "") for c in header).encode()
        )
    else:
        workbook = load_workbook(io.BytesIO(response.content))
        header = [c.value for c in workbook["submissions"][1]]
        assert workbook["help"].max_row > len(columns) - 6
        workbook["submissions"].append([dict(zip(HEADER, row(1), strict=True)).get(c, "") for c in header])
        out = io.BytesIO()
        workbook.save(out)
        filled = out.getvalue()
    assert header == columns
    report = check_file(filled, imports.SPREADSHEET.sniff(filled), open_consultation)
    assert not report.errors and len(report.valid) == 1
    assert client.get("/en/consultations/open/import/template.pdf").status_code == 404


# --- what the shared pipeline (core.imports) changed ------------------------------------------------------


@pytest.mark.django_db
def test_cancelling_an_import_is_audited(
    client_for: Any, open_consultation: Consultation, world: Any
) -> None:
    client = client_for("member")
    response = upload(client, "open", csv_bytes([row(5, gender="hen"), row(6)]))
    job = ImportJob.objects.get()
    client.post(response["Location"], {"action": "cancel"})
    entry = AuditEntry.objects.get(object_id=str(job.pk))
    assert entry.actor == world.users["member"]
    assert entry.changes == {"state": ["review", "cancelled"]}
    assert b"The import was cancelled. Nothing was saved." in client.get(response["Location"]).content


@pytest.mark.django_db
def test_a_file_without_rows_waits_for_a_decision(client_for: Any, open_consultation: Consultation) -> None:
    client = client_for("member")
    response = upload(client, "open", csv_bytes([]))
    job = ImportJob.objects.get()
    assert job.state == "review" and job.report["rows"] == 0  # not "done" with 0 imported
    page = client.get(response["Location"]).content
    assert b"submissions were imported" not in page and b"Upload a corrected file" in page


@pytest.mark.django_db
def test_rows_of_whitespace_are_blank(open_consultation: Consultation) -> None:
    report = check_file(
        csv_bytes([row(1), [" "] * len(HEADER), ["", "\t", *[""] * 14]]), "csv", open_consultation
    )
    assert report.rows == 1 and [n for n, _d in report.valid] == [2] and not report.errors


@pytest.mark.django_db
def test_a_damaged_workbook_is_refused_at_upload(client_for: Any, open_consultation: Consultation) -> None:
    response = upload(client_for("member"), "open", helpers.corrupt_xlsx(), name="paper.xlsx")
    assert response.status_code == 400 and b"the workbook is damaged" in response.content
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_array_formulas_are_formulas(open_consultation: Consultation) -> None:
    workbook = load_workbook(io.BytesIO(xlsx_bytes([row(1), row(2)])))
    sheet = workbook.active
    assert sheet is not None
    column = HEADER.index("03:points") + 1
    sheet.cell(row=2, column=column).value = ArrayFormula("P2:P2", "=SUM(A1:A2*B1:B2)")
    out = io.BytesIO()
    workbook.save(out)
    report = check_file(out.getvalue(), "xlsx", open_consultation)
    assert [(e.row, e.column) for e in report.errors] == [(2, "03:points")]
    assert "holds a formula" in report.errors[0].message and [n for n, _d in report.valid] == [3]


@pytest.mark.django_db
def test_rows_imported_before_are_counted_only_when_there_are_some(
    client_for: Any, open_consultation: Consultation
) -> None:
    client = client_for("member")
    data = csv_bytes([row(1), row(2)])
    first = client.get(upload(client, "open", data)["Location"]).content
    assert b"rows imported before (skipped)" not in first  # no "0 rows imported before"
    again = client.get(upload(client, "open", data)["Location"]).content
    assert b"<strong>2</strong> rows imported before (skipped)" in again
    assert b"0 submissions were imported" in again and b"Rows imported before: 2, 3" in again


# --- the command ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_imports_with_a_progress_bar(open_consultation: Consultation, tmp_path: Any) -> None:
    path = tmp_path / "paper.csv"
    path.write_bytes(csv_bytes([row(i) for i in range(30)] + [row(99, gender="hen")]))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_submissions", "open", str(path), stdout=out, stderr=err)
    assert "row 32, gender" in out.getvalue() and Submission.objects.count() == 0
    out, err = io.StringIO(), io.StringIO()
    call_command("import_submissions", "open", str(path), "--valid-only", stdout=out, stderr=err)
    assert "Imported 30 submissions" in out.getvalue()
    assert "100% 30/30" in err.getvalue() and "[####" in err.getvalue()
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_submissions", "open", str(path), stdout=out, stderr=io.StringIO())
    assert "30 imported before (skipped)" in out.getvalue()
    assert Submission.objects.count() == 30
    with pytest.raises(CommandError, match="No consultation"):
        call_command("import_submissions", "nope", str(path))
