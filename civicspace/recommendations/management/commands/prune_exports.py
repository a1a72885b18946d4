"""Delete expired tracker exports: their files and their jobs (jobs.export_prune)."""

from typing import Any

from django.core.management.base import BaseCommand

from civicspace.recommendations import jobs


class Command(BaseCommand):
    help = (
        "Delete the tracker's XLSX export files older than EXPORT_FILE_TTL seconds, and export jobs stuck "
        "for more than a day, with their job rows. Run it hourly or daily from cron or a systemd timer."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = jobs.export_prune()
        self.stdout.write(f"Deleted {count} expired export(s).")
