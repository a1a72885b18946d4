"""Queue the overdue-responses digest (run daily by cron or a systemd timer; see docs/deploy.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from civicspace.recommendations.tasks import send_overdue_digest


class Command(BaseCommand):
    help = (
        "Queue the digest of overdue responses: one email per addressee to its focal points and one to "
        "the coalition secretariats. A background worker (manage.py db_worker) sends it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="Site address for the links, e.g. https://civicspace.example.org "
            "(default: https:// and the first ALLOWED_HOSTS entry).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_overdue_digest.enqueue(base_url=options["base_url"])
        self.stdout.write(f"Queued the overdue digest (job {result.id}).")
