"""Load the demo budget consultations and their synthetic submissions. Safe to run again."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from civicspace.demo.consultations import load


class Command(BaseCommand):
    help = (
        "Load two demo budget consultations (a national 2022 COVID-19 response budget with published results, "
        "and a commune investment plan open for input) with a few thousand synthetic submissions. "
        "Loads the gazetteer first if it is empty. Running it again adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--submissions", type=int, default=3000, help="Synthetic submissions (default 3000)."
        )
        parser.add_argument("--seed", type=int, default=2022, help="Random seed (default 2022).")

    def handle(self, *args: Any, **options: Any) -> None:
        result = load(submissions=options["submissions"], seed=options["seed"])
        created = ", ".join(result.consultations_created) or "none (already there)"
        self.stdout.write(f"Demo consultations created: {created}.")
        self.stdout.write(
            f"Synthetic submissions: {result.submissions_created} stored, "
            f"{result.submissions_already_there} already there; {result.comments_moderated} comments moderated."
        )
