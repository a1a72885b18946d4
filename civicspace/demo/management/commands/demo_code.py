"""`manage.py demo_code`: the current two-factor code of the demo accounts, for trying the site without an
authenticator app. The secret is public (README, DEMO_TOTP_SECRET), so this reveals nothing; it refuses
where demo accounts may not sign in (production)."""

import time
from typing import Any

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from civicspace.demo.organisations import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the demo accounts' current two-factor code (demo sites only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError("Demo accounts are disabled on this site.")
        now = time.time()
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(now) // app_settings.TOTP_PERIOD))
        seconds = app_settings.TOTP_PERIOD - int(now) % app_settings.TOTP_PERIOD
        self.stdout.write(f"{code}  (demo accounts only; valid for {seconds} more seconds)")
