from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from civicspace.core import crypto
from civicspace.core.tasks import enqueue_email


def is_demo_email(email: str) -> bool:
    return email.lower().endswith("@" + settings.DEMO_EMAIL_DOMAIN)


class AccountAdapter(DefaultAccountAdapter):
    """Sends account email through the job queue and refuses demo accounts where they are not allowed."""

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        email = str(credentials.get("email") or "")
        if is_demo_email(email) and not settings.DEMO_ACCOUNTS_ALLOWED:
            raise ValidationError(_("Demo accounts are disabled on this site."))

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
