"""The import pipeline's parts that need no database: the row reader (CSV, XLSX, formulas never evaluated),
clean cells, the report (errors counted exactly, the first kept in row order), the row parser's loop
(Hypothesis: no exception escapes, the counts add up), the upload check and the CLI progress bar. The
jobs, pages and cancel are tested with a job model in tests/test_import_pipeline.py."""

import datetime as dt
import io
import random
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from civicspace.core.imports import Importer, Pages, Saved, ValidationReport
from civicspace.core.imports.cli import ProgressBar
from civicspace.core.imports.jobs import check_upload
from civicspace.core.imports.reading import cell_text, clean, estimate_rows, is_formula, read_rows
from civicspace.core.models import FileJob
from civicspace.core.uploads import SpreadsheetRules, UploadRejected

from .import_helpers import Item, ItemParser, corrupt_xlsx, csv_bytes, plain_zip, xlsx_bytes, zip_bomb

RULES = SpreadsheetRules(
    max_bytes=2 * 1024 * 1024, max_uncompressed=20 * 1024 * 1024, too_big="expands to %(size)s"
)


class Strict(ItemParser):
    strict_width = True

    def unknown_column(self, name: str) -> str:
        return "unknown column"


def _importer(parser: type[ItemParser] = ItemParser) -> Importer[Item]:
    def save(rows: Any, *, scope: Any, actor: Any, source: str, progress: Any) -> Saved:
        return Saved(created=len(rows))

    pages = Pages("u", "s", "u.html", "s.html", "p.html")
    return Importer(key="test.rows", job_model=cast(Any, FileJob), rules=RULES, parser=lambda scope: parser(),
                    save=save, permission="x", pages=pages)  # fmt: skip


# --- the reader ---------------------------------------------------------------------------------------


def test_csv_rows_with_and_without_a_byte_order_mark() -> None:
    data = "name,qty\nសុខភាព,3\n".encode()
    assert list(read_rows(data, "csv", RULES)) == [["name", "qty"], ["សុខភាព", "3"]]
    assert next(read_rows(b"\xef\xbb\xbf" + data, "csv", RULES)) == ["name", "qty"]
    assert estimate_rows(data, "csv") == 2


def test_a_damaged_csv_is_refused_with_its_line() -> None:
    data = b'name\nok\n"' + b"x" * 200_000 + b'"\n'
    with pytest.raises(UploadRejected, match="damaged near line"):
        list(read_rows(data, "csv", RULES))


def test_xlsx_formulas_are_read_as_their_text_and_never_evaluated() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "qty"])
    sheet.append(["=1+1", 3])
    sheet["C2"] = ArrayFormula("C2:C2", "=SUM(B2:B2)")
    out = io.BytesIO()
    workbook.save(out)
    rows = list(read_rows(out.getvalue(), "xlsx", RULES))
    assert rows[1] == ["=1+1", 3, "=SUM(B2:B2)"]  # not 2, not 3: nothing was computed
    report = ItemParser().check(rows)
    assert [(e.row, e.column) for e in report.errors] == [(2, "name"), (2, "name")] and not report.valid
    assert "holds a formula" in report.errors[0].message
    assert estimate_rows(out.getvalue(), "xlsx") == 1


@pytest.mark.parametrize(
    ("value", "text", "problem"),
    [
        (None, "", ""),
        (3.0, "3", ""),
        (2.5, "2.5", ""),
        (dt.datetime(2030, 1, 2), "2030-01-02", ""),
        ("  Cafe\u0301 ", "Café", ""),
        ("\ufeffa\x07b", "ab", ""),
        ("'=1+1", "=1+1", ""),
        ("-5", "-5", ""),
        ("=1+1", "", "formula"),
        ("+SUM(A1)", "", "formula"),
        ("@cmd(1)", "", "formula"),
        ("a\x00b", "", "not text"),
        ("x" * 51, "", "too long"),
    ],
)
def test_cell_text(value: Any, text: str, problem: str) -> None:
    found, message = cell_text(value, 50)
    assert found == text and (problem in message if problem else message == "")


def test_is_formula_and_clean() -> None:
    assert is_formula(" =A1") and is_formula("-FOO(1)") and not is_formula("-5") and not is_formula(5)
    assert clean(True) == "True" and clean(dt.date(2030, 1, 2)) == "2030-01-02"


# --- hostile files, refused before anything is stored ----------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (zip_bomb(30), "expands to"),
        (corrupt_xlsx(), "damaged"),
        (plain_zip(), "ZIP archive"),
        ("name\nសុខភាព\n".encode("utf-16"), "in UTF-16"),
        (b"\x7fELF\x02\x01\x01" + b"\0" * 100, "not a spreadsheet"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "not a spreadsheet"),
        (b"name\n\x00\x01\x02", "not a spreadsheet"),
        ("name\nCafé\n".encode("cp1252"), "not in UTF-8"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Excel"),
        (b"colour\nred\n", "must name the columns"),
        (b" \n", "empty"),
        (b"x" * (2 * 1024 * 1024 + 1), "too large"),
    ],
)
def test_hostile_uploads_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(UploadRejected) as refused:
        check_upload(_importer(), scope=None, data=data)
    assert message in refused.value.message


def test_good_uploads_pass_the_check() -> None:
    assert check_upload(_importer(), scope=None, data=csv_bytes([["Name", "Quantity"], ["a", "1"]])) == "csv"
    assert check_upload(_importer(), scope=None, data=xlsx_bytes([["name"], ["a"]])) == "xlsx"


# --- the report and the row loop --------------------------------------------------------------------------


def test_the_header() -> None:
    report = ItemParser().check([["Name", "colour", "name"], ["a", "b", "c"]])
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (1, "name", "This column appears twice.")
    ]
    assert "colour" in report.warnings[0] and report.rows == 0
    report = Strict().check([["name", "colour"], ["a", "b"]])
    assert [(e.column, e.message) for e in report.errors] == [("colour", "unknown column")]
    assert [(e.column, e.message) for e in ItemParser().check([]).errors] == [("name", "no name column")]


def test_rows_blank_lines_extra_cells_and_the_row_limit() -> None:
    rows: list[list[Any]] = [
        ["name", "qty", ""],
        ["a", "1", "ignored"],
        ["", " ", None],
        ["b", "x"],
        ["dup", "2"],
    ]
    rows.append(["c"])
    report = ItemParser().check(rows)
    assert (report.rows, report.valid, report.already_stored) == (
        4,
        [(2, (2, "a", 1)), (6, (6, "c", 0))],
        [5],
    )
    assert [(e.row, e.column) for e in report.errors] == [(4, "qty")]
    strict = Strict().check([["name"], ["a", "more"]])
    assert [e.message for e in strict.errors] == ["This row has more cells than the header has columns."]
    many = ItemParser().check([["name"], *([["a"]] * 40)])
    assert many.rows == 30 and many.errors[0].row == 32 and "At most 30 rows" in many.errors[0].message


def test_errors_are_counted_exactly_and_the_first_kept_in_row_order() -> None:
    report: ValidationReport[Any] = ValidationReport(keep=5)
    found = [(random.randint(1, 50), f"c{i}") for i in range(200)]
    for row, column in found:
        report.add_error(row, column, "m")
    assert report.error_count == 200 and report.rows_with_errors == len({r for r, _c in found})
    expected = sorted(found, key=lambda e: e[0])[:5]  # a stable sort: ties in the order found
    assert [(e.row, e.column) for e in report.errors] == expected
    state = report.to_state()
    assert state["error_count"] == 200 and len(state["errors"]) == 5


cells = st.one_of(
    st.none(), st.text(max_size=60), st.integers(), st.floats(), st.booleans(), st.datetimes(), st.dates(),
    st.sampled_from(["=1+1", "'=1", "+SUM(A1)", "\x00", "\ufeff", "dup", " ", "name", "qty", "x" * 60]),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(cells, max_size=5), max_size=12), st.booleans())
def test_no_exception_escapes_and_the_counts_add_up(rows: list[list[Any]], strict: bool) -> None:
    report = (Strict() if strict else ItemParser()).check(rows)
    assert report.error_count == len(report.errors) and report.error_count >= report.rows_with_errors
    if not any(e.row == 1 for e in report.errors):
        assert len(report.valid) + len(report.already_stored) + report.rows_with_errors == report.rows
    for error in report.errors:
        assert error.message and error.row >= 1
    assert all(len(name) <= 50 for _n, (_row, name, _qty) in report.valid)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=30), max_size=4), max_size=8))
def test_any_csv_is_read_or_refused(rows: list[list[str]]) -> None:
    data = csv_bytes([["name", "qty"], *rows])
    message = ""
    try:
        fmt = check_upload(_importer(), scope=None, data=data)
        report = ItemParser().check(read_rows(data, fmt, RULES))
    except UploadRejected as refused:
        message = refused.message
    if message:
        assert "\x00" in data.decode() or not data.strip()  # the only reasons a CSV of text is refused
    else:
        assert report.rows <= len(rows) and report.error_count == len(report.errors)


# --- the command line ------------------------------------------------------------------------------------


def test_progress_bar() -> None:
    out = io.StringIO()
    bar = ProgressBar(out, "checking", 4, width=8)
    bar.update(1)
    bar.update(2)  # within 0.1 s: not drawn again
    bar.finish(9)
    assert out.getvalue() == "\rchecking  [##......]  25% 1/4\rchecking  [########] 100% 4/4\n"
