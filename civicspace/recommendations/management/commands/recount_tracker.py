"""Recompute the dashboard's tallies from the asks, responses and addressees (tallies.rebuild)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from civicspace.recommendations import tallies


class Command(BaseCommand):
    help = (
        "Recompute the tracker dashboard's tallies from the records. The services keep them up to date; "
        "run this after loading asks, responses or addressees in bulk outside them (SQL, bulk_create), "
        "or with --check to report whether the kept tallies differ from a recount."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Only compare; exit with status 1 if the tallies differ."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            differences = tallies.differences()
            for (model, key), (kept, counted) in sorted(differences.items(), key=repr):
                where = " ".join(f"{f}={v}" for f, v in zip(tallies.KEY_FIELDS[model], key, strict=True))
                self.stdout.write(f"{model} {where}: kept {kept}, counted {counted}")
            if differences:
                self.stderr.write(f"{len(differences)} tallies differ; run recount_tracker to fix them.")
                raise SystemExit(1)
            self.stdout.write("The tallies match the records.")
            return
        rows = tallies.rebuild()
        self.stdout.write("Recounted: " + ", ".join(f"{name} {n} rows" for name, n in rows.items()) + ".")
