"""python manage.py import_outcome PATH [--json] [--save]

Reads an outcome document (.docx, .pdf or .txt), prints what was found, and with --save creates the
meeting (sessions, participants, new organisations, asks) in one transaction."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import NoReverseMatch

from civicspace.core.uploads import UploadRejected
from civicspace.dialogues.importer import Extraction, extract_path
from civicspace.dialogues.importer.review import probable_duplicates, read_extraction
from civicspace.dialogues.importer.save import save_extraction


class Command(BaseCommand):
    help = "Import an existing outcome document (.docx, .pdf, .txt) as a meeting with its asks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the outcome document")
        parser.add_argument("--json", action="store_true", help="print the extraction as JSON; save nothing")
        parser.add_argument("--save", action="store_true", help="create the meeting and its asks")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["json"] and options["save"]:
            raise CommandError("Use either --json or --save, not both.")
        try:
            extracted = extract_path(options["path"])
        except UploadRejected as exc:
            raise CommandError(exc.message) from exc
        extraction = read_extraction(extracted, options["path"])
        duplicates = probable_duplicates(extraction)
        for duplicate in duplicates:
            self.stderr.write(
                self.style.WARNING(
                    f"Warning: probably the same meeting as {duplicate.meeting.slug} "
                    f"({duplicate.meeting.starts_at.date().isoformat()}, {duplicate.shared_participants} "
                    f"participants in common{', similar title' if duplicate.similar_title else ''})."
                )
            )
        if options["json"]:
            self.stdout.write(json.dumps(extraction.as_json(), ensure_ascii=False, indent=2))
            return
        self._summary(extraction)
        if options["save"]:
            meeting = save_extraction(extraction, actor=None)
            for warning in extraction.warnings[len(extracted.warnings) :]:
                self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
            try:
                where = meeting.get_absolute_url()
            except NoReverseMatch:
                where = f"(meeting page not wired yet) slug={meeting.slug}"
            self.stdout.write(self.style.SUCCESS(f"Created meeting: {where}"))
        else:
            self.stdout.write("Nothing saved (use --save to create the meeting).")

    def _summary(self, extraction: Extraction) -> None:
        out = self.stdout.write
        out(f"Title: {extraction.title or '-'}")
        out(f"Date: {extraction.date.isoformat() if extraction.date else '- (none found)'}")
        out(f"Place: {extraction.place or '-'}{' (virtual)' if extraction.virtual else ''}")
        out(f"Organisations ({len(extraction.organisations)}):")
        for org in extraction.organisations:
            status = f"matches {org.match.slug}" if org.match else "new"
            acronym = f" ({org.acronym})" if org.acronym else ""
            out(f"  - {org.name}{acronym} [{org.kind}] {status}")
        out(f"Sectors ({len(extraction.sectors)}):")
        for sector in extraction.sectors:
            where = f" [{sector.sector}]" if sector.sector else " [no directory sector]"
            out(f"  {sector.number if sector.number is not None else '-'}. {sector.title}{where}")
        out(f"Asks ({len(extraction.asks)}):")
        for ask in extraction.asks:
            to = f" → {', '.join(ask.addressees)}" if ask.addressees else ""
            short = ask.text if len(ask.text) <= 100 else ask.text[:99] + "…"
            out(f"  [{ask.sector if ask.sector is not None else '-'}] {short}{to}")
        for warning in extraction.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
