from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect


class LoginRequired(Exception):
    pass


def require_perm(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """Raise unless the user holds `perm` (django-rules) on `obj`. Anonymous users are sent to log in."""
    if request.user.has_perm(perm, obj):
        return
    if not request.user.is_authenticated:
        raise LoginRequired
    raise PermissionDenied


class LoginRequiredRedirectMiddleware:
    """Turns `LoginRequired` from a view into a redirect to the login page."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponseRedirect | None:
        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None
