"""Accounts that need a second factor (second_factor.py: staff, admins, focal points, the secretariat,
consultation organisers) must set one up before they can use the site."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import SET_UP_TWO_FACTOR, lacks_required_second_factor


class RequireTwoFactorMiddleware:
    """Sends such accounts to the set-up page (a choice of TOTP or a security key). The API (token or
    session) is guarded by the same rule in api.SecondFactorRequired, which answers with a JSON error."""

    ALLOWED_PREFIXES = ("/static/", "/media/", "/api/")
    ALLOWED_URL_NAMES = (
        # Setting up a factor asks for the password again when the sign-in is not recent: those pages
        # must stay reachable, or the set-up page and the reauthentication page send to each other.
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
        "mfa_activate_totp",
        "mfa_index",
        "mfa_add_webauthn",
        "mfa_list_webauthn",
        "mfa_reauthenticate_webauthn",
        "account_logout",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The API answers for itself (api.SecondFactorRequired), so /api/ is let through first.
        if (
            request.path.startswith(self.ALLOWED_PREFIXES)
            or not lacks_required_second_factor(request.user)
            or request.path in {reverse(name) for name in self.ALLOWED_URL_NAMES}
        ):
            return self.get_response(request)
        messages.warning(request, SET_UP_TWO_FACTOR)
        return redirect("mfa_index")  # a choice: an authenticator app (TOTP) or a security key
