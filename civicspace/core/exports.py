"""What every export to a spreadsheet shares (the tracker's asks, the consultations' open data, and the
exports still to come): cells a spreadsheet cannot run as formulas, and one streamed CSV writer.

A cell whose text starts like a formula (=, +, -, @, or a tab or carriage return before one) is written
with an apostrophe in front, so Excel and LibreOffice show it as text instead of running it (OWASP: CSV
injection). Our importers strip that apostrophe again."""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 32_000  # characters per piece of a streamed response


def spreadsheet_cell(value: Any) -> Any:
    """A value for a spreadsheet cell: lists joined with "; ", formula-like text escaped (None stays None:
    an empty cell, and an empty field in CSV)."""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_lines(rows: Iterable[Sequence[Any]], *, byte_order_mark: bool = False) -> Iterator[str]:
    """The rows as CSV, every cell through `spreadsheet_cell`, in pieces of about CHUNK characters (for a
    streamed response). `byte_order_mark`: start with U+FEFF, so that Excel reads the UTF-8 (Khmer)."""
    buffer = io.StringIO()
    if byte_order_mark:
        buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([spreadsheet_cell(v) for v in row])
        if buffer.tell() > CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
