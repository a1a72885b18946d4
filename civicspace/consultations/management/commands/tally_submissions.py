"""Tally the submissions not yet in the results tallies (all consultations, or one), check the tallies
against a recount, or rebuild them.

    manage.py tally_submissions [--consultation SLUG] [--batch N] [--check | --rebuild]"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicspace.consultations import results
from civicspace.consultations.models import Consultation


class Command(BaseCommand):
    help = "Tally new submissions into the results tallies (or --check them, or --rebuild them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--consultation", metavar="SLUG", help="only this consultation")
        parser.add_argument("--batch", type=int, default=5000, help="submissions per transaction")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--check", action="store_true", help="compare with a recount; exit 1 on a difference"
        )
        mode.add_argument(
            "--rebuild", action="store_true", help="drop the tallies and tally everything again"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        consultation = None
        if options["consultation"]:
            try:
                consultation = Consultation.objects.get(slug=options["consultation"])
            except Consultation.DoesNotExist as exc:
                raise CommandError(f"No consultation {options['consultation']!r}.") from exc
        if options["check"]:
            targets = [consultation] if consultation else list(Consultation.objects.order_by("slug"))
            bad = [c.slug for c in targets if not results.counts_match(c.pk)]
            if bad:
                raise CommandError(f"Tallies differ from a recount: {', '.join(bad)}")
            self.stdout.write(f"Tallies match a recount ({len(targets)} consultations).")
            return
        if options["rebuild"]:
            targets = [consultation] if consultation else list(Consultation.objects.order_by("slug"))
            total = sum(results.rebuild(c.pk) for c in targets)
            self.stdout.write(
                f"Rebuilt the tallies of {len(targets)} consultations from {total} submissions."
            )
            return
        total = results.tally_pending(consultation.pk if consultation else None, batch=options["batch"])
        self.stdout.write(f"Tallied {total} submissions.")
