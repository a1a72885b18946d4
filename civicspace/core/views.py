from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language_from_request
from rest_framework import exceptions

from civicspace.core import selectors
from civicspace.core.api import error_body
from civicspace.core.permissions import require_perm


def root_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """`/` → `/km/` or `/en/`, from the browser's preference (Khmer first when it is asked for)."""
    return HttpResponseRedirect(f"/{get_language_from_request(request) or settings.LANGUAGE_CODE}/")


def admin_login_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """Django's admin has its own password-only login form; send people to the two-factor login."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    url = reverse("account_login")
    return HttpResponseRedirect(f"{url}?{urlencode({'next': target})}" if target else url)


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def audit_log(request: HttpRequest) -> HttpResponse:
    require_perm(request, "core.view_auditentry")
    record_type = request.GET.get("type", "")
    page = Paginator(selectors.audit_entry_list(record_type=record_type), 50).get_page(
        request.GET.get("page")
    )
    entries = list(page.object_list)
    rows = list(zip(entries, selectors.audit_changes_for(entries), strict=True))
    context = {
        "page": page,
        "rows": rows,
        "types": selectors.audit_record_types(),
        "current_type": record_type,
    }
    return render(request, "core/audit_log.html", context)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The HTML page, except under `/api/`, where an unknown address gets the API's JSON error."""
    if request.path_info == "/api" or request.path_info.startswith("/api/"):
        detail = str(exceptions.NotFound.default_detail)
        return JsonResponse(error_body(status=404, code="not_found", detail=detail), status=404)
    return render(request, "404.html", status=404)
