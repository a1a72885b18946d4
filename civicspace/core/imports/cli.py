"""Imports from the command line: a progress bar, and a management command base class that checks a file
and saves its rows with the module's own parser and service, like the pages do but without a job."""

import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from civicspace.core.uploads import UploadRejected

from .declaration import Importer, RowRejected, Saved, SaveRefused
from .jobs import check_upload
from .reading import estimate_rows, read_rows
from .report import ValidationReport


class ProgressBar:
    """A one-line progress bar on a stream, redrawn in place (at most every 0.1 s)."""

    def __init__(self, stream: Any, label: str, total: int, width: int = 30) -> None:
        self.stream, self.label, self.total, self.width = stream, label, max(total, 1), width
        self.last = 0.0

    def update(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        done = max(0, min(done, self.total))
        filled = self.width * done // self.total
        self.stream.write(f"\r{self.label:<9} [{'#' * filled}{'.' * (self.width - filled)}] "
                          f"{100 * done // self.total:3d}% {done}/{self.total}")  # fmt: skip
        self.stream.flush()

    def finish(self, done: int) -> None:
        self.update(done, force=True)
        self.stream.write("\n")
        self.stream.flush()


class ImportCommand(BaseCommand):
    """`manage.py <command> [scope…] FILE [--valid-only] [--user EMAIL] [--max-errors N]`. A subclass sets
    `importer`, and for a scoped import adds its arguments and finds the scope (`scope_arguments`,
    `scope`). A file with errors imports nothing unless --valid-only is given."""

    importer: Importer[Any]
    help = "Import rows from a CSV or XLSX file."
    user_help = "The email of the person recorded as having imported the rows."

    def scope_arguments(self, parser: CommandParser) -> None:
        """Add the arguments that name the scope (before the file)."""

    def scope(self, options: dict[str, Any]) -> Any:
        """The scope from the arguments; CommandError if there is none."""
        return None

    def add_arguments(self, parser: CommandParser) -> None:
        self.scope_arguments(parser)
        parser.add_argument("file", help="A .csv (UTF-8) or .xlsx file; see the import page for its columns.")
        parser.add_argument(
            "--valid-only", action="store_true", help="Import the valid rows even if others have errors."
        )
        parser.add_argument("--user", help=self.user_help)
        parser.add_argument(
            "--max-errors", type=int, default=50, help="How many errors to list (default 50)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scope = self.scope(options)
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(email__iexact=options["user"]).first()
            if actor is None:
                raise CommandError(f"No user with the email {options['user']!r}.")
        path = Path(options["file"])
        started = time.monotonic()
        report = self.check_file(path, scope)
        checked = time.monotonic()
        self.list_report(report, options["max_errors"])
        if report.error_count and not options["valid_only"]:
            raise CommandError(
                "Nothing was imported. Correct the file, or use --valid-only to import the valid rows."
            )
        rows = [data for _number, data in report.valid]
        bar = ProgressBar(self.stderr, "saving", len(rows))
        try:
            with transaction.atomic():
                saved = self.importer.save(
                    rows, scope=scope, actor=actor, source=path.name, progress=bar.update
                )
        except RowRejected as exc:
            raise CommandError(
                f"Row {exc.row} could not be saved: {exc.message}. Nothing was saved."
            ) from exc
        except SaveRefused as exc:
            raise CommandError(exc.message) from exc
        bar.finish(len(rows))
        done = time.monotonic()
        self.stdout.write(self.style.SUCCESS(
            f"{self.summary(saved)} in {done - started:.1f} s (checking {checked - started:.1f} s, "
            f"saving {done - checked:.1f} s)."
        ))  # fmt: skip

    def check_file(self, path: Path, scope: Any) -> ValidationReport[Any]:
        """Check the file as an upload, then every row, with a progress bar."""
        rules = self.importer.rules
        try:
            rules.check_size(path.stat().st_size)
            data = path.read_bytes()
            fmt = check_upload(self.importer, scope=scope, data=data)
            bar = ProgressBar(self.stderr, "checking", estimate_rows(data, fmt))
            report = self.importer.parser(scope).check(read_rows(data, fmt, rules), progress=bar.update)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        except UploadRejected as exc:
            raise CommandError(exc.message) from exc
        bar.total = max(report.rows, 1)
        bar.finish(report.rows)
        return report

    def list_report(self, report: ValidationReport[Any], max_errors: int) -> None:
        self.stdout.write(f"{report.rows} rows: {len(report.valid)} valid, {len(report.already_stored)} imported "
                          f"before (skipped), {report.rows_with_errors} with errors.")  # fmt: skip
        listed = report.errors[:max_errors]
        for error in listed:
            self.stdout.write(
                f"  row {error.row}{f', {error.column}' if error.column else ''}: {error.message}"
            )
        if report.error_count > len(listed):
            self.stdout.write(f"  … and {report.error_count - len(listed)} more.")

    def summary(self, saved: Saved) -> str:
        return f"Imported {saved.created} rows"
