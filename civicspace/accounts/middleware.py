"""Staff and admin accounts must have two-factor authentication before they can use the site."""

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def two_factor_required(user: object) -> bool:
    required = settings.TWO_FACTOR_REQUIRED_FOR
    return bool(
        getattr(user, "is_authenticated", False)
        and (("staff" in required and user.is_staff) or ("superuser" in required and user.is_superuser))  # type: ignore[attr-defined]
    )


class RequireTwoFactorMiddleware:
    # Pages a staff member without 2FA may still reach: setting it up, signing out, static files.
    ALLOWED_PREFIXES = ("/static/", "/media/")
    ALLOWED_URL_NAMES = (
        "mfa_activate_totp",
        "mfa_index",
        "account_logout",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            not two_factor_required(user)
            or request.path.startswith(self.ALLOWED_PREFIXES)
            or request.path in {reverse(name) for name in self.ALLOWED_URL_NAMES}
            or is_mfa_enabled(user)
        ):
            return self.get_response(request)
        message = _("Your account needs two-factor authentication. Set it up to continue.")
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"error": {"status": 403, "code": "two_factor_required", "detail": message, "fields": {}}},
                status=403,
            )
        messages.warning(request, message)
        return redirect("mfa_activate_totp")
