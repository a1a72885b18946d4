from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from . import services
from .models import User


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    """Create, replace or revoke the personal token that machine clients send to the API."""
    new_key = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.api_token_revoke(user=request.user)
            messages.success(request, _("Your API token was revoked."))
            return redirect("api-token")
        new_key = services.api_token_regenerate(user=request.user).key
    has_token = Token.objects.filter(user=cast(User, request.user)).exists()  # login_required: a real user
    response = render(request, "accounts/api_token.html", {"has_token": has_token, "new_key": new_key})
    response["Cache-Control"] = "no-store"
    return response
