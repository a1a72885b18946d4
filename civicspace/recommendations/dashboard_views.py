"""The tracker dashboard, exports of the filtered tracker, and imports of asks (with their job pages)."""

import io
from typing import Any

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from civicspace.core import ratelimit
from civicspace.core.imports import views as import_views
from civicspace.core.permissions import require_perm

from . import dashboard as dash
from . import exports, imports, jobs
from .filters import AskFilter
from .models import TrackerJob


def _filters(request: HttpRequest) -> dict[str, str]:
    """The list's filters from the query string (the same names as AskFilter), one value each."""
    return {k: str(v) for k, v in request.GET.items() if k in AskFilter.base_filters and v}


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    data = dash.dashboard_data(filters=filters)
    query = request.GET.urlencode()
    return render(
        request,
        "recommendations/dashboard.html",
        {
            "data": data,
            "charts": dash.charts(data),
            "filter": AskFilter(request.GET or None),
            "filters_active": bool(filters),
            "query": query,
            "statuses": data.status_labels,
            "sector_rows": data.by_sector.rows(),
            "addressee_rows": data.by_addressee.rows(),
            "year_rows": data.by_year.rows(),
        },
    )


@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    if fmt not in exports.FORMATS:
        raise Http404
    require_perm(request, "recommendations.view_ask")
    filters = _filters(request)
    filename = f"civicspace-asks.{fmt}"
    response: HttpResponseBase
    if fmt == "xlsx":
        if exports.export_queryset(filters).count() > exports.XLSX_SYNC_LIMIT:
            job = jobs.export_start(filters=filters, actor=request.user, language=get_language() or "en",
                                    client=ratelimit.client_key(request))  # fmt: skip
            return redirect("recommendations:job-status", job=job.pk)
        buffer = io.BytesIO()
        exports.write_xlsx(filters, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=exports.FORMATS[fmt])
    else:
        stream = exports.csv_stream(filters) if fmt == "csv" else exports.json_stream(filters)
        response = StreamingHttpResponse(stream, content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    return import_views.upload_page(request, imports.ASKS)


@require_http_methods(["GET", "POST"])
def import_status(request: HttpRequest, job: Any) -> HttpResponse:
    return import_views.status_page(request, imports.ASKS, job)


@require_GET
def job_status(request: HttpRequest, job: Any) -> HttpResponseBase:
    # An export job's random address is its key.
    tracker_job = get_object_or_404(TrackerJob, pk=job, kind=TrackerJob.Kind.EXPORT)
    if request.GET.get("download"):
        if (
            tracker_job.state != TrackerJob.State.DONE
            or not tracker_job.file
            or jobs.export_expired(tracker_job)
        ):
            raise Http404
        return FileResponse(
            tracker_job.file.open("rb"),
            as_attachment=True,
            filename="civicspace-asks.xlsx",
            content_type=exports.FORMATS["xlsx"],
        )
    template = (
        "recommendations/partials/job_progress.html"
        if import_views.is_htmx(request)
        else "recommendations/job_status.html"
    )
    return render(request, template, import_views.progress_context(tracker_job))
