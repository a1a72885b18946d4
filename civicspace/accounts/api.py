"""The API's one second-factor rule (ADR 0007, ADR 0023): accounts that need a second factor
(second_factor.py) cannot use the API without one, by session or by token, and are told to set it up. A
token issued by a session that had not passed the second factor counts as no second factor.

`SecondFactorRequired` is the first of REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES. A view that sets
its own `permission_classes` starts them with `*SECOND_FACTOR`; tests/test_api_second_factor.py checks
every API view of the URLconf for it."""

from typing import Any

from rest_framework import exceptions, permissions
from rest_framework.request import Request

from .second_factor import SET_UP_TWO_FACTOR, lacks_required_second_factor


class SecondFactorRequired(permissions.BasePermission):
    """Refuses (403, code `two_factor_required`) an account that must have a second factor and has none;
    lets everyone else through to the view's other permissions."""

    def has_permission(self, request: Request, view: Any) -> bool:
        # request.auth is the API token (an ApiToken) when the request came with one, else None.
        if lacks_required_second_factor(request.user, token=request.auth):
            raise exceptions.PermissionDenied(str(SET_UP_TWO_FACTOR), code="two_factor_required")
        return True


SECOND_FACTOR: list[type[permissions.BasePermission]] = [SecondFactorRequired]
