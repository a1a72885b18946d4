"""The one rule for "this account needs a second factor" (ADR 0007, ADR 0023).

Which roles need one is a setting, `TWO_FACTOR_REQUIRED_FOR`: names of roles. Each name is given its
test here by the app that defines the role: accounts registers "staff" and "superuser" below, and the
apps above it register theirs in their `AppConfig.ready()` (organisations: focal points, UN focal
points, the secretariat; consultations: the organisers who manage and moderate a consultation), so
accounts imports nothing above it (ADR 0017). `lacks_required_second_factor` is used by the page
middleware (`middleware.RequireTwoFactorMiddleware`) and the API permission (`api.SecondFactorRequired`)."""

from collections.abc import Callable
from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

SET_UP_TWO_FACTOR = _("Your account needs two-factor authentication. Set it up to continue.")
SESSION_SET_UP_KEY = "civicspace_second_factor_set_up"

RolePredicate = Callable[[Any], bool]
_ROLES: dict[str, RolePredicate] = {}


def register_role(name: str, predicate: RolePredicate) -> None:
    """Give the role `name` (as listed in TWO_FACTOR_REQUIRED_FOR) its test: predicate(user) -> bool."""
    _ROLES[name] = predicate


def registered_roles() -> dict[str, RolePredicate]:
    return dict(_ROLES)


def check_required_roles_are_registered(**kwargs: Any) -> list[checks.CheckMessage]:
    """System check: every name in TWO_FACTOR_REQUIRED_FOR has a registered test (else nobody needs it)."""
    return [
        checks.Error(
            f"TWO_FACTOR_REQUIRED_FOR names {name!r}, which no app registers.",
            hint="Register it with civicspace.accounts.second_factor.register_role in an AppConfig.ready().",
            id="accounts.E001",
        )
        for name in settings.TWO_FACTOR_REQUIRED_FOR
        if name not in _ROLES
    ]


def second_factor_required(user: Any) -> bool:
    """True for a signed-in account that holds a role of TWO_FACTOR_REQUIRED_FOR."""
    if not getattr(user, "is_authenticated", False):
        return False
    for name in settings.TWO_FACTOR_REQUIRED_FOR:
        predicate = _ROLES.get(name)
        if predicate is None:
            raise ImproperlyConfigured(f"TWO_FACTOR_REQUIRED_FOR names {name!r}, which no app registers.")
        if predicate(user):
            return True
    return False


def lacks_required_second_factor(user: Any, *, token: Any = None) -> bool:
    """True when the account needs a second factor and this request has none: the account has no
    authenticator, or the request comes with an API token that was issued without the second factor
    (a token counts as much as the session that issued it)."""
    if not getattr(user, "is_authenticated", False):
        return False
    token_lacks = token is not None and not getattr(token, "second_factor", False)
    if not token_lacks and is_mfa_enabled(user):
        return False
    return second_factor_required(user)


def session_passed_second_factor(request: HttpRequest) -> bool:
    """Did this session pass a second factor? At sign-in (allauth records an "mfa" authentication), or by
    setting one up in it (which asks for a code from the new factor; see `note_second_factor_set_up`)."""
    records = request.session.get("account_authentication_methods", [])
    passed = any(isinstance(r, dict) and r.get("method") == "mfa" for r in records)
    return passed or bool(request.session.get(SESSION_SET_UP_KEY))


def note_second_factor_set_up(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """allauth's `authenticator_added`: the session proved the new factor when it set it up."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_SET_UP_KEY] = True


register_role("staff", lambda user: bool(getattr(user, "is_staff", False)))
register_role("superuser", lambda user: bool(getattr(user, "is_superuser", False)))
