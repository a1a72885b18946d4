import math
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civicspace.core import crypto
from civicspace.core.i18n import local_digits
from civicspace.core.ratelimit import client_address
from civicspace.core.tasks import enqueue_email

from . import login_throttle


def is_demo_email(email: str) -> bool:
    return email.lower().endswith("@" + settings.DEMO_EMAIL_DOMAIN)


class AccountAdapter(DefaultAccountAdapter):
    """Sends account email through the job queue, refuses demo accounts where they are not allowed, and
    slows down failed sign-ins per account and address (login_throttle.py; allauth's own "login_failed"
    limit is switched off in ACCOUNT_RATE_LIMITS, ADR 0021)."""

    def get_client_ip(self, request: HttpRequest) -> str:
        """Who the client is, for the login throttle and allauth's own limits: the one answer of
        core.ratelimit (the address as TRUSTED_PROXY_COUNT resolves it, an IPv6 address as its /64)."""
        return client_address(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        email = str(credentials.get("email") or "")
        if is_demo_email(email) and not settings.DEMO_ACCOUNTS_ALLOWED:
            raise ValidationError(_("Demo accounts are disabled on this site."))
        verdict = login_throttle.check(email=email, address=self.get_client_ip(request))
        if not verdict.allowed:
            minutes = math.ceil(verdict.wait_seconds / 60)
            raise ValidationError(
                ngettext(
                    "Too many failed sign-ins to this account from your network. Try again in %(minutes)s minute.",
                    "Too many failed sign-ins to this account from your network. Try again in %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": local_digits(minutes)}
            )

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        user = super().authenticate(request, **credentials)  # calls pre_authenticate first
        email, address = str(credentials.get("email") or ""), self.get_client_ip(request)
        if user is None:
            login_throttle.record_failure(email=email, address=address)
        else:
            login_throttle.record_success(email=email, address=address)
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        context = {**context, "email": email}
        subject = render_to_string(f"{template_prefix}_subject.txt", context, request=self.request)
        subject = self.format_email_subject(" ".join(subject.splitlines()).strip())
        body = render_to_string(f"{template_prefix}_message.txt", context, request=self.request).strip()
        enqueue_email(subject=subject, body=body, to=[email], from_email=self.get_from_email())


class MFAAdapter(DefaultMFAAdapter):
    """TOTP seeds and recovery-code seeds are stored encrypted (core.crypto), not in plain text."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)
