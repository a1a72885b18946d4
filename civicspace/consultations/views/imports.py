"""Importing a spreadsheet of submissions, for facilitators: the upload page, the template files and the
job's page (its progress, the review of a file with errors, cancelling). The pages and the work are the
shared import pipeline's (core.imports; the import is declared in imports.py): these views find the
consultation and check that the person may capture input for it."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_http_methods

from civicspace.core.imports import Column
from civicspace.core.imports import views as import_views

from .. import imports
from ..channels.spreadsheet import column_help
from .access import access_for_capture


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = access_for_capture(request, slug)
    columns = [Column(name, text) for name, text in column_help(consultation)]  # with what to write
    return import_views.upload_page(
        request,
        imports.SUBMISSIONS,
        scope=consultation,
        context={"consultation": consultation, "columns": columns},
    )


@require_GET
def import_template(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    consultation = access_for_capture(request, slug)
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    if fmt == "csv":
        response = HttpResponse(imports.template_csv(consultation), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            imports.template_xlsx(consultation),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-submissions.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
def import_status(request: HttpRequest, slug: str, job: Any) -> HttpResponse:
    consultation = access_for_capture(request, slug)
    return import_views.status_page(
        request, imports.SUBMISSIONS, job, scope=consultation, context={"consultation": consultation}
    )
