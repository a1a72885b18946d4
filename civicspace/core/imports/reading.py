"""Reading a checked upload: its rows as read (CSV or XLSX, formulas never evaluated) and its cells as
clean text. The file's type and size were decided before (core.uploads.SpreadsheetRules)."""

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Generator, Iterator
from typing import Any

from django.utils.translation import gettext as _

from civicspace.core.uploads import SpreadsheetRules, UploadRejected

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA = re.compile(r"^(=|[+\-@]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\()")
FORMULA_START = ("=", "+", "-", "@")  # what a formula starts with (a test before the regex)
SPECIAL_START = (*FORMULA_START, "'")


def read_rows(data: bytes, fmt: str, rules: SpreadsheetRules) -> Generator[list[Any], None, None]:
    """The rows of the file (the header first), as read: strings for CSV, typed values for XLSX (a formula
    as its text, never evaluated). UploadRejected if the file cannot be read."""
    if fmt == "xlsx":
        yield from _xlsx_rows(data, rules)
        return
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from reader
    except csv.Error as exc:
        raise UploadRejected(
            _("This CSV file is damaged near line %(line)d: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc


def _xlsx_rows(data: bytes, rules: SpreadsheetRules) -> Iterator[list[Any]]:
    rules.check_xlsx(data)
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell reads as its formula text, so nothing computed is imported.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl and lxml raise many types for a damaged workbook
        raise _damaged() from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:
                raise _damaged() from exc
            yield [_formula_text(v) for v in row]
    finally:
        workbook.close()


def _damaged() -> UploadRejected:
    return UploadRejected(_("This file is not an Excel (.xlsx) workbook, or the workbook is damaged."))


def _formula_text(value: Any) -> Any:
    """Array and data-table formulas (openpyxl objects) as formula text, so they are seen as formulas."""
    if value is None or isinstance(value, str | int | float | bool | dt.date | dt.time | dt.timedelta):
        return value
    text = getattr(value, "text", None)
    return text if isinstance(text, str) and text.startswith("=") else "=" + type(value).__name__


def estimate_rows(data: bytes, fmt: str) -> int:
    """A cheap upper bound of the data rows, to decide between checking now and in a background job."""
    if fmt == "csv":
        return data.count(b"\n")
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
        rows = int(workbook.worksheets[0].max_row or 0)
        workbook.close()
    except Exception:  # a damaged workbook: reading it says so
        return 0
    return max(0, rows - 1)


def clean(value: Any) -> str:
    """A cell as text: None → "", integral floats without ".0", a datetime at midnight as its date, no
    control characters, NFC, trimmed. It says nothing about formulas: see `cell_problem`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text.replace("\ufeff", ""))
    if not text.isprintable():  # the control characters are not printable (a fast test, per cell)
        text = _CONTROL.sub("", text)
    return text.strip()


def is_formula(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    text = value.lstrip()
    return text[:1] in FORMULA_START and bool(_FORMULA.match(text))


def cell_text(value: Any, max_length: int) -> tuple[str, str]:
    """(the cell as clean text, "") or ("", what is wrong with it): a formula, a NUL byte or more than
    `max_length` characters. The apostrophe a spreadsheet puts before formula-like text is removed."""
    if type(value) is str and value.isascii() and value.isprintable():
        # Plain ASCII text (most CSV cells): clean(value) is value.strip(), and when it does not start
        # like a formula or an apostrophe and is not too long, none of the tests below applies.
        text = value.strip()
        if text[:1] not in SPECIAL_START and len(text) <= max_length:
            return text, ""
    text = clean(value)
    if len(text) > max_length:
        return "", _("This cell is too long (more than %(n)d characters).") % {"n": max_length}
    if is_formula(value):
        return "", _("This cell holds a formula. Formulas are not imported: type the value itself.")
    if "\x00" in str(value):
        return "", _("This cell contains characters that are not text.")
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]  # the apostrophe that keeps a spreadsheet from reading text as a formula
    return text, ""


def column_name(value: Any) -> str:
    """A header cell as a column name: lower case, spaces and hyphens as "_"."""
    return re.sub(r"[\s\-]+", "_", clean(value).casefold()).strip("_")
