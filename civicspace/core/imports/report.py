"""The check of a file's rows: a module's `RowParser` declares its columns and turns one row into the data
its service saves; `RowParser.check` reads the header and every row into a `ValidationReport` (valid
rows, rows stored before, and errors by row and column, counted exactly but kept to the first few)."""

import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .reading import cell_text, column_name

T = TypeVar("T")
MAX_ERRORS_KEPT = 500  # errors listed in a job's report; the count is always exact
PROGRESS_EVERY = 2000  # rows between two progress reports while checking


@dataclass(frozen=True)
class Column:
    """A column a file may have, and what to write in it (shown on the upload page)."""

    name: str
    help: str | Promise = ""
    aliases: tuple[str, ...] = ()


@dataclass
class RowError:
    row: int  # as numbered in the spreadsheet: the header is row 1
    column: str
    message: str


@dataclass
class ValidationReport(Generic[T]):
    """What the check of a file found. `errors` are the first `keep` errors in row order (ties in the
    order found); `error_count` and `rows_with_errors` count all of them."""

    keep: int = MAX_ERRORS_KEPT
    rows: int = 0  # data rows read (blank lines are not rows)
    valid: list[tuple[int, T]] = field(default_factory=list)  # (row number, what to save)
    already_stored: list[int] = field(default_factory=list)  # row numbers
    warnings: list[str] = field(default_factory=list)
    error_count: int = 0
    _kept: list[tuple[int, int, RowError]] = field(default_factory=list, repr=False)
    _error_rows: set[int] = field(default_factory=set, repr=False)
    _order: Iterator[int] = field(default_factory=itertools.count, repr=False)

    def add_error(self, row: int, column: str, message: Any) -> None:
        self.error_count += 1
        self._error_rows.add(row)
        # A max-heap (negated keys) of the `keep` first errors: the last of them is dropped first.
        heapq.heappush(self._kept, (-row, -next(self._order), RowError(row, column, str(message))))
        if len(self._kept) > self.keep:
            heapq.heappop(self._kept)

    @property
    def errors(self) -> list[RowError]:
        return [error for _row, _order, error in sorted(self._kept, key=lambda k: (-k[0], -k[1]))]

    @property
    def rows_with_errors(self) -> int:
        return len(self._error_rows)

    def to_state(self) -> dict[str, Any]:
        """The report as JSON for the job."""
        return {
            "rows": self.rows,
            "valid": len(self.valid),
            "already_stored": len(self.already_stored),
            "already_stored_rows": self.already_stored[: self.keep],
            "rows_with_errors": self.rows_with_errors,
            "error_count": self.error_count,
            "errors": [e.__dict__ for e in self.errors],
            "warnings": self.warnings,
        }


class Row:
    """One data row being parsed: its cells by column name, as read (`raw`) and as clean text (`text`;
    a formula, a NUL byte or too long a cell is an error in its column, and reads as "")."""

    def __init__(
        self, number: int, values: dict[str, Any], report: ValidationReport[Any], max_cell: int
    ) -> None:
        self.number, self.values, self._report = number, values, report
        self._errors_before = report.error_count
        self.cells: dict[str, str] = {}
        for name, raw in values.items():
            text, problem = cell_text(raw, max_cell)
            if problem:
                self.error(name, problem)
            self.cells[name] = text

    def raw(self, column: str) -> Any:
        return self.values.get(column)

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def error(self, column: str, message: Any) -> None:
        self._report.add_error(self.number, column, message)

    @property
    def failed(self) -> bool:
        return self._report.error_count > self._errors_before


class RowParser(Generic[T]):
    """How a module reads its files. Declare `columns` and `parse`; the rest has defaults. Override
    `finish` for checks over the whole file (duplicates, rows stored before, one query for all rows),
    `unknown_column`/`missing_columns` for the header, or `check` itself to parse the whole file."""

    columns: Sequence[Column] = ()
    max_rows = 20_000
    max_cell = 4000  # characters in one cell
    strict_width = False  # a cell beyond the header's columns is an error (else it is ignored)

    def parse(self, row: Row) -> T | None:
        """What to save from one row, or None; problems go to row.error(column, message). The result of a
        row with any error is dropped, so parse may go on after one to report the others."""
        raise NotImplementedError

    def finish(self, report: ValidationReport[T]) -> None:
        """Checks over all the rows, after each was parsed (move rows from report.valid to errors or
        to already_stored)."""

    def column_name(self, value: Any) -> str:
        name = column_name(value)
        return next((c.name for c in self.columns if name in c.aliases), name)

    def unknown_column(self, name: str) -> str:
        """The error for a column that is not one of `columns`, or "" to ignore it with a warning."""
        return ""

    def missing_columns(self, names: set[str]) -> list[RowError]:
        """The errors for the columns the header lacks (row 1)."""
        return []

    def refuse_header(self, names: list[str]) -> None:
        """Raise UploadRejected when the file cannot be this module's, before it is stored."""

    def header(self, cells: Sequence[Any], report: ValidationReport[T]) -> list[str]:
        """The name of each column ("" for one to ignore); the header's problems go to the report."""
        known = {c.name for c in self.columns}
        names: list[str] = []
        seen: set[str] = set()
        for name in (self.column_name(c) for c in cells):
            if name and name not in known:
                message = self.unknown_column(name)
                if message:
                    report.add_error(1, name[:80], message)
                else:
                    report.warnings.append(
                        _("The column “%(name)s” is not one the import knows; it was ignored.")
                        % {"name": name}
                    )
                names.append("")
                continue
            if name in seen:
                report.add_error(1, name, _("This column appears twice."))
            if name:
                seen.add(name)
            names.append(name)
        for error in self.missing_columns(seen):
            report.add_error(error.row, error.column, error.message)
        return names

    def check(
        self, rows: Iterable[Sequence[Any]], *, progress: Callable[[int], None] | None = None
    ) -> ValidationReport[T]:
        """Check every row (the first is the header) without writing. Never raises for bad values."""
        report: ValidationReport[T] = ValidationReport()
        iterator = iter(rows)
        header = self.header(next(iterator, ()) or (), report)
        if report.error_count:
            return report
        width = len(header)
        for number, cells in enumerate(iterator, start=2):
            cells = cells or ()
            extra = any(_filled(c) for c in cells[width:])
            if not extra and not any(_filled(c) for name, c in zip(header, cells, strict=False) if name):
                continue  # a blank line
            report.rows += 1
            if report.rows > self.max_rows:
                report.rows -= 1
                report.add_error(
                    number, "", _("At most %(n)d rows can be imported at once.") % {"n": self.max_rows}
                )
                break
            if extra and self.strict_width:
                report.add_error(number, "", _("This row has more cells than the header has columns."))
                continue
            row = Row(number, {n: c for n, c in zip(header, cells, strict=False) if n}, report, self.max_cell)
            data = self.parse(row)
            if data is not None and not row.failed:
                report.valid.append((number, data))
            if progress is not None and report.rows % PROGRESS_EVERY == 0:
                progress(report.rows)
        self.finish(report)
        if progress is not None:
            progress(report.rows)
        return report


def _filled(cell: Any) -> bool:
    return bool(cell.strip()) if type(cell) is str else cell is not None
