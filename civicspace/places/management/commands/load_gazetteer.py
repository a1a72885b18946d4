"""`manage.py load_gazetteer [PATH ...] [--release NAME] [--villages]`: apply an NCDD gazetteer export."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicspace.places.gazetteer import GazetteerError
from civicspace.places.services import CHANGE_KINDS, gazetteer_load


class Command(BaseCommand):
    help = (
        "Load an NCDD gazetteer export (the shipped 2024-10-14 release when no path is given) and apply "
        "the difference: new units are added, renamed/retyped/moved units updated in place, units missing "
        "from the export retired (never deleted). Reads the single workbook with a sheet per province and "
        "the per-province workbooks (sheet ProvincialList)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", help="the .xlsx workbook(s) of one export")
        parser.add_argument("--release", help="release name (default: the date in the file names)")
        parser.add_argument("--villages", action="store_true", help="also load the villages (phum)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = gazetteer_load(
                paths=options["paths"], release=options["release"], villages=options["villages"]
            )
        except (GazetteerError, OSError) as exc:
            errors = getattr(exc, "errors", [str(exc)])
            raise CommandError("Nothing was loaded:\n  " + "\n  ".join(errors)) from exc
        counts = ", ".join(f"{n} {level}s" for level, n in result.counts.items())
        self.stdout.write(f"Gazetteer release {result.name}: {counts} in the export.")
        if not result.changed:
            self.stdout.write(
                self.style.SUCCESS("No changes: the stored gazetteer already matches this export.")
            )
            return
        summary = result.summary()
        self.stdout.write(", ".join(f"{summary[kind]} {kind}" for kind in CHANGE_KINDS))
        for kind in CHANGE_KINDS:
            entries = result.changes.get(kind, {})
            if kind == "added" and len(entries) > 20:
                continue  # a first load adds everything: the count says enough
            for code, detail in list(entries.items())[:50]:
                self.stdout.write(f"  {kind} {code}: {_describe(detail)}")
        assert result.release is not None
        self.stdout.write(self.style.SUCCESS(f"Recorded as gazetteer release #{result.release.pk}."))


def _describe(detail: Any) -> str:
    if isinstance(detail, dict) and "old" in detail:
        old, new = detail["old"], detail["new"]
        if isinstance(old, dict):
            return f"{old['km']} / {old['en']} -> {new['km']} / {new['en']}"
        return f"{old} -> {new}"
    return str(detail)
