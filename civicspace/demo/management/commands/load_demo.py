"""Load the demo directory and one account per role. Safe to run again: it changes nothing twice."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from civicspace.demo.consultations import load as load_consultations
from civicspace.demo.consultations import load_authorities
from civicspace.demo.dialogues import load_demo_meeting
from civicspace.demo.organisations import (
    DEMO_ACCOUNTS,
    DEMO_COALITION_LINKS,
    DEMO_ORGANISATIONS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
)
from civicspace.demo.recommendations import load_demo_tracker
from civicspace.organisations import services
from civicspace.organisations.models import CoalitionMembership, Organisation, Sector


class Command(BaseCommand):
    help = (
        "Load the demo organisations of the June 2021 CSO–UN meeting, the meeting itself with its sessions, "
        "asks and adopted outcome document, two budget consultations with synthetic input (and the gazetteer "
        "they need), and one demo account per role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-accounts", action="store_true", help="Load organisations only.")
        parser.add_argument(
            "--submissions",
            type=int,
            default=None,
            help="Synthetic submissions for the demo budget consultations "
            "(default: the DEMO_CONSULTATION_SUBMISSIONS setting, 3000; the test settings use fewer).",
        )
        parser.add_argument(
            "--remove-accounts", action="store_true", help="Delete the demo accounts and stop."
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        if options["remove_accounts"]:
            n, _ = User.objects.filter(email__iendswith="@" + settings.DEMO_EMAIL_DOMAIN).delete()
            self.stdout.write(f"Removed {n} demo rows.")
            return
        created = self._organisations()
        self.stdout.write(
            f"Demo organisations: {created} created, {len(DEMO_ORGANISATIONS) - created} already there."
        )
        if options["no_accounts"]:
            self._dialogue(None, None)
            self._consultations(options["submissions"])
            return
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError(
                "Demo accounts are refused here (DEMO_ACCOUNTS_ALLOWED is off, as in production)."
            )
        load_authorities()  # the budget authority's demo account belongs to one
        self._accounts()
        self._dialogue(
            User.objects.get(email="secretariat@" + settings.DEMO_EMAIL_DOMAIN),
            User.objects.get(email="un@" + settings.DEMO_EMAIL_DOMAIN),
        )
        self._consultations(options["submissions"])

    def _consultations(self, submissions: int | None) -> None:
        count = settings.DEMO_CONSULTATION_SUBMISSIONS if submissions is None else submissions
        result = load_consultations(submissions=count)
        self.stdout.write(
            f"Demo budget consultations: {len(result.consultations_created)} created, "
            f"{result.submissions_created} submissions added ({result.submissions_already_there} already there)."
        )

    def _dialogue(self, cso_co_chair: Any, un_co_chair: Any) -> None:
        meeting = load_demo_meeting(cso_co_chair=cso_co_chair, un_co_chair=un_co_chair)
        self.stdout.write("Demo meeting of 2 June 2021: " + ("created." if meeting else "already there."))
        self.stdout.write(f"Demo follow-up of its asks: {load_demo_tracker()} records created.")

    def _organisations(self) -> int:
        created = 0
        sectors = {s.slug: s for s in Sector.objects.all()}
        for entry in DEMO_ORGANISATIONS:
            data = dict(entry)
            slug = data.pop("slug")
            wanted = [sectors[s] for s in data.pop("sectors")]
            if not Organisation.objects.filter(slug=slug).exists():
                services.organisation_create(actor=None, slug=slug, sectors=wanted, **data)
                created += 1
        for coalition, member in DEMO_COALITION_LINKS:
            c, m = Organisation.objects.get(slug=coalition), Organisation.objects.get(slug=member)
            if not CoalitionMembership.objects.filter(coalition=c, member=m).exists():
                services.coalition_member_add(coalition=c, member=m, actor=None)
        return created

    def _accounts(self) -> None:
        User = get_user_model()
        for account in DEMO_ACCOUNTS:
            user = User.objects.filter(email=account["email"]).first()
            if user is None:
                is_admin = account["role"] == "admin"
                user = User.objects.create_user(
                    email=account["email"],
                    password=DEMO_PASSWORD,
                    full_name=account["full_name"],
                    is_staff=is_admin,
                    is_superuser=is_admin,
                )
                EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
                self.stdout.write(f"  account {user.email} ({account['role']})")
            if account["org"]:
                services.membership_set(
                    organisation=Organisation.objects.get(slug=account["org"]),
                    user=user,
                    role=account["role"],
                    actor=None,
                )
            if (
                account["role"] != "member"
                and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
            ):  # every role above the member needs a second factor (TWO_FACTOR_REQUIRED_FOR)
                TOTP.activate(user, DEMO_TOTP_SECRET)
                RecoveryCodes.activate(user)
        self.stdout.write(f"Demo accounts ready; password: {DEMO_PASSWORD}")
        self.stdout.write(
            f"DEMO ONLY two-factor secret (all but the member; add it to an authenticator app): {DEMO_TOTP_SECRET}"
        )
