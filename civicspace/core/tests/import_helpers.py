"""What the tests of imports share: files (good and hostile) and a small row parser of items."""

import csv
import io
import zipfile
from typing import Any

from civicspace.core.imports import Column, Row, RowError, RowParser, ValidationReport
from civicspace.core.uploads import UploadRejected

Item = tuple[int, str, int]  # row, name, qty


class ItemParser(RowParser[Item]):
    """name (required) and qty (a whole number, 0 when empty); a row named "dup" was stored before."""

    columns = (Column("name", "A name."), Column("qty", "A whole number.", aliases=("quantity",)))
    max_rows = 30
    max_cell = 50

    def missing_columns(self, names: set[str]) -> list[RowError]:
        return [] if "name" in names else [RowError(1, "name", "no name column")]

    def refuse_header(self, names: list[str]) -> None:
        if "name" not in names:
            raise UploadRejected("The first row must name the columns.")

    def parse(self, row: Row) -> Item | None:
        if not row.text("name"):
            row.error("name", "A name is needed.")
        qty = row.text("qty") or "0"
        if not (qty.isascii() and qty.isdigit()):
            row.error("qty", "Not a whole number.")
            return None
        return row.number, row.text("name"), int(qty)

    def finish(self, report: ValidationReport[Item]) -> None:
        report.already_stored.extend(n for n, item in report.valid if item[1] == "dup")
        report.valid = [(n, item) for n, item in report.valid if item[1] != "dup"]


def csv_bytes(rows: list[list[Any]], *, bom: bool = False) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode()


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bomb(megabytes: int) -> bytes:
    """A small zip that looks like a workbook and inflates to so many megabytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (megabytes * 1024 * 1024))
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()


def corrupt_xlsx() -> bytes:
    """A zip with a workbook's parts that do not parse."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "not xml at all")
        archive.writestr("xl/workbook.xml", "<workbook")
    return out.getvalue()
