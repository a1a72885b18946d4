"""`manage.py import_submissions CONSULTATION FILE [--valid-only] [--user EMAIL]`: import paper, phone or
SMS submissions from a CSV or XLSX file (the layout of consultations/channels/spreadsheet.py; the import
declared in consultations/imports.py, run by core.imports.cli), with a progress bar.

A file with errors imports nothing (the errors are listed by row and column) unless --valid-only is
given; rows imported before (the same row_id) are skipped."""

from typing import Any

from django.core.management.base import CommandError, CommandParser

from civicspace.consultations import imports
from civicspace.consultations.models import Consultation
from civicspace.core.imports import Saved
from civicspace.core.imports.cli import ImportCommand


class Command(ImportCommand):
    importer = imports.SUBMISSIONS
    help = "Import submissions (paper, phone, SMS) from a CSV or XLSX file into a consultation."
    user_help = "The email of the facilitator recorded as having entered the rows."

    def scope_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("consultation", help="The consultation's slug (its address).")

    def scope(self, options: dict[str, Any]) -> Consultation:
        consultation = Consultation.objects.filter(slug=options["consultation"]).first()
        if consultation is None:
            raise CommandError(f"No consultation with the slug {options['consultation']!r}.")
        return consultation

    def summary(self, saved: Saved) -> str:
        return f"Imported {saved.created} submissions ({saved.report['skipped_meanwhile']} stored meanwhile)"
