"""Staff and admin accounts must have two-factor authentication before they can use the site."""

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SET_UP_TWO_FACTOR = _("Your account needs two-factor authentication. Set it up to continue.")


def lacks_required_second_factor(user: object) -> bool:
    """True for a staff or superuser account (TWO_FACTOR_REQUIRED_FOR) that has no second factor yet."""
    required = settings.TWO_FACTOR_REQUIRED_FOR
    is_required = getattr(user, "is_authenticated", False) and (
        ("staff" in required and getattr(user, "is_staff", False))
        or ("superuser" in required and getattr(user, "is_superuser", False))
    )
    return bool(is_required) and not is_mfa_enabled(user)


class RequireTwoFactorMiddleware:
    """Sends such accounts to the set-up page. The API (token or session) is guarded by the same test
    in core.api.RulesPermission, so it answers with a JSON error instead."""

    ALLOWED_PREFIXES = ("/static/", "/media/", "/api/")
    ALLOWED_URL_NAMES = (
        # Setting up a factor asks for the password again when the sign-in is not recent: those pages
        # must stay reachable, or the set-up page and the reauthentication page send to each other.
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
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
        if (
            not lacks_required_second_factor(request.user)
            or request.path.startswith(self.ALLOWED_PREFIXES)
            or request.path in {reverse(name) for name in self.ALLOWED_URL_NAMES}
        ):
            return self.get_response(request)
        messages.warning(request, SET_UP_TWO_FACTOR)
        return redirect("mfa_activate_totp")
