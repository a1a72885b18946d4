from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from knox.settings import knox_settings

from . import selectors, services
from .models import User
from .second_factor import second_factor_required, session_passed_second_factor


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    """List, create and revoke the personal tokens that machine clients send to the API (ADR 0023)."""
    user = cast(User, request.user)  # login_required: a real user
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            if services.api_token_revoke(user=user, prefix=request.POST.get("token", "")):
                messages.success(request, _("The API token was revoked."))
            return redirect("api-token")
        if action == "revoke_all":
            if services.api_tokens_revoke_all(user=user):
                messages.success(request, _("All your API tokens were revoked."))
            return redirect("api-token")
        try:
            _token, new_key = services.api_token_create(
                user=user, second_factor=session_passed_second_factor(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    ttl = knox_settings.TOKEN_TTL
    context = {
        "tokens": selectors.api_token_list(user=user),
        "new_key": new_key,
        "ttl_days": ttl.days if ttl else None,
        "needs_second_factor": second_factor_required(user),
        "session_passed_second_factor": session_passed_second_factor(request),
    }
    response = render(request, "accounts/api_token.html", context)
    response["Cache-Control"] = "no-store"
    return response
