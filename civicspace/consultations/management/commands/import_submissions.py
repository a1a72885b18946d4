"""`manage.py import_submissions CONSULTATION FILE [--valid-only] [--user EMAIL]`: import paper, phone or
SMS submissions from a CSV or XLSX file (the layout of consultations/channels/spreadsheet.py; the
pipeline of consultations/imports.py), with a progress bar.

A file with errors imports nothing (the errors are listed by row and column) unless --valid-only is
given; rows imported before (the same row_id) are skipped."""

import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicspace.consultations import imports
from civicspace.consultations.models import Consultation
from civicspace.core.uploads import UploadRejected


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
        done = min(done, self.total)
        filled = self.width * done // self.total
        self.stream.write(f"\r{self.label:<9} [{'#' * filled}{'.' * (self.width - filled)}] "
                          f"{100 * done // self.total:3d}% {done}/{self.total}")  # fmt: skip
        self.stream.flush()

    def finish(self, done: int) -> None:
        self.update(done, force=True)
        self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Import submissions (paper, phone, SMS) from a CSV or XLSX file into a consultation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("consultation", help="The consultation's slug (its address).")
        parser.add_argument("file", help="A .csv (UTF-8) or .xlsx file; see the import page for its columns.")
        parser.add_argument(
            "--valid-only", action="store_true", help="Import the valid rows even if others have errors."
        )
        parser.add_argument(
            "--user", help="The email of the facilitator recorded as having entered the rows."
        )
        parser.add_argument(
            "--max-errors", type=int, default=50, help="How many errors to list (default 50)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        consultation = Consultation.objects.filter(slug=options["consultation"]).first()
        if consultation is None:
            raise CommandError(f"No consultation with the slug {options['consultation']!r}.")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(email__iexact=options["user"]).first()
            if actor is None:
                raise CommandError(f"No user with the email {options['user']!r}.")
        path = Path(options["file"])
        try:
            size = path.stat().st_size
            imports.check_size(size)
            data = path.read_bytes()
            fmt = imports.sniff(data)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        except UploadRejected as exc:
            raise CommandError(exc.message) from exc
        total = imports.estimate_rows(data, fmt)
        started = time.monotonic()
        bar = ProgressBar(self.stderr, "checking", total)
        try:
            report = imports.check_file(data, fmt, consultation, progress=bar.update)
        except UploadRejected as exc:
            raise CommandError(exc.message) from exc
        bar.total = max(report.rows, 1)
        bar.finish(report.rows)
        checked = time.monotonic()
        self.stdout.write(f"{report.rows} rows: {len(report.valid)} valid, {len(report.already_stored)} imported before "
                          f"(skipped), {report.rows_with_errors} with errors.")  # fmt: skip
        for error in report.errors[: options["max_errors"]]:
            self.stdout.write(
                f"  row {error.row}{f', {error.column}' if error.column else ''}: {error.message}"
            )
        if len(report.errors) > options["max_errors"]:
            self.stdout.write(f"  … and {len(report.errors) - options['max_errors']} more.")
        if report.errors and not options["valid_only"]:
            raise CommandError(
                "Nothing was imported. Correct the file, or use --valid-only to import the valid rows."
            )
        rows = [data for _number, data in report.valid]
        saving = ProgressBar(self.stderr, "saving", len(rows))
        result = imports.save_rows(consultation, rows, actor=actor, source=path.name, progress=saving.update)
        saving.finish(len(rows))
        done = time.monotonic()
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.created} submissions ({result.already_stored} stored meanwhile) in "
                f"{done - started:.1f} s (checking {checked - started:.1f} s, saving {done - checked:.1f} s)."
            )
        )
