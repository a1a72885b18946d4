"""API plumbing shared by every app: rules-based permissions, pagination and one error format."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, pagination, permissions
from rest_framework.request import Request
from rest_framework.response import Response

if TYPE_CHECKING:  # rest_framework.views imports this module's settings: no import cycle at run time
    from rest_framework.views import APIView


class RulesPermission(permissions.BasePermission):
    """Maps a DRF action to the django-rules permission name declared on the view.

    `rules_permissions = {"create": "organisations.add_organisation", "update": "...", ...}`.
    An action that is not listed is open to everyone (read actions); a view that lists nothing is
    read-only. The same permission names are used by the HTML views and the templates. The second
    factor is checked before it, by accounts.api.SecondFactorRequired (the first default class)."""

    OBJECT_ACTIONS = frozenset({"retrieve", "update", "partial_update", "destroy"})

    def _perm(self, view: "APIView") -> str | None:
        mapping: dict[str, str] = getattr(view, "rules_permissions", {})
        action = getattr(view, "action", None) or (view.request.method or "").lower()
        if action in mapping:
            return mapping[action]
        if view.request.method in permissions.SAFE_METHODS:
            return None
        return "__denied__"

    def has_permission(self, request: Request, view: "APIView") -> bool:
        perm = self._perm(view)
        if perm is None:
            return True
        if perm == "__denied__":
            return False
        if getattr(view, "action", None) in self.OBJECT_ACTIONS:
            return bool(request.user and request.user.is_authenticated)
        return bool(request.user.has_perm(perm))

    def has_object_permission(self, request: Request, view: "APIView", obj: Any) -> bool:
        perm = self._perm(view)
        if perm is None:
            return True
        return perm != "__denied__" and bool(request.user.has_perm(perm, obj))


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


def error_body(
    *, status: int, code: str, detail: str, fields: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The one shape of an API error (the schema's `Error` component, core/openapi.py)."""
    return {"error": {"status": status, "code": code, "detail": detail, "fields": fields or {}}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every API error has the same shape: `{"error": {"status", "code", "detail", "fields"}}`."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):  # a service's refusal keeps its message and code
        code = getattr(exc, "code", None)
        exc = exceptions.PermissionDenied(str(exc) or None, code=code)
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    assert isinstance(exc, exceptions.APIException)
    fields: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError) and isinstance(response.data, dict):
        fields = dict(response.data)
        detail = str(exceptions.ValidationError.default_detail)
        code = "invalid"
    else:
        data = response.data if isinstance(response.data, dict) else {}
        detail = str(data.get("detail", exc.detail))
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
    response.data = error_body(status=response.status_code, code=code, detail=detail, fields=fields)
    return response
