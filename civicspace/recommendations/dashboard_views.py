"""The tracker dashboard, exports of the filtered tracker, and imports of asks (with their job pages)."""

import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from civicspace.core.permissions import require_perm
from civicspace.core.uploads import UploadRejected

from . import dashboard as dash
from . import exports, imports, jobs
from .filters import AskFilter
from .models import TrackerJob


def _filters(request: HttpRequest) -> dict[str, str]:
    """The list's filters from the query string (the same names as AskFilter), one value each."""
    return {k: str(v) for k, v in request.GET.items() if k in AskFilter.base_filters and v}


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


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
            job = jobs.export_start(filters=filters, actor=request.user, language=get_language() or "en")
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
    require_perm(request, "recommendations.import_asks")
    form = imports.ImportUploadForm()
    rejection = ""
    if request.method == "POST":
        try:
            imports.SPREADSHEET.refuse_declared(request)
            form = imports.ImportUploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                data = imports.SPREADSHEET.read(upload)
                fmt = imports.check_upload(data)
                job = jobs.import_start(
                    data=data,
                    fmt=fmt,
                    name=upload.name or "",
                    actor=request.user,
                    language=get_language() or "en",
                )
                return redirect("recommendations:import-status", job=job.pk)
        except UploadRejected as exc:
            form, rejection = imports.ImportUploadForm(), exc.message
    return render(
        request,
        "recommendations/import_upload.html",
        {"form": form, "rejection": rejection, "max_bytes": imports.MAX_BYTES, "columns": imports.COLUMNS},
        status=400 if rejection else 200,
    )


def _job_for(request: HttpRequest, job_id: Any, kind: str) -> TrackerJob:
    job = get_object_or_404(TrackerJob, pk=job_id, kind=kind)
    # An export job's random address is its key; an import belongs to the person who started it
    # (and to the other curators).
    if kind == TrackerJob.Kind.IMPORT:
        require_perm(request, "recommendations.import_asks")
    return job


def _job_context(job: TrackerJob) -> dict[str, Any]:
    done = job.live_done()
    return {
        "job": job,
        "done": done,
        "percent": job.percent(done),
        "running": not job.finished and job.state != TrackerJob.State.REVIEW,
    }


@require_http_methods(["GET", "POST"])
def import_status(request: HttpRequest, job: Any) -> HttpResponse:
    tracker_job = _job_for(request, job, TrackerJob.Kind.IMPORT)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "import_valid":
            if jobs.import_confirm(job=tracker_job):
                messages.success(request, _("The valid rows are being imported."))
            else:
                messages.error(request, _("This import is not waiting for a decision."))
        elif action == "cancel":
            updated = TrackerJob.objects.filter(pk=tracker_job.pk, state=TrackerJob.State.REVIEW).update(
                state=TrackerJob.State.CANCELLED
            )
            if updated:
                tracker_job.file.delete(save=False)
                TrackerJob.objects.filter(pk=tracker_job.pk).update(file="")
                messages.success(request, _("The import was cancelled. Nothing was saved."))
        else:
            raise PermissionDenied
        return redirect("recommendations:import-status", job=tracker_job.pk)
    context = _job_context(tracker_job)
    template = (
        "recommendations/partials/import_progress.html"
        if _htmx(request)
        else "recommendations/import_status.html"
    )
    return render(request, template, context)


@require_GET
def job_status(request: HttpRequest, job: Any) -> HttpResponseBase:
    tracker_job = _job_for(request, job, TrackerJob.Kind.EXPORT)
    if request.GET.get("download"):
        if tracker_job.state != TrackerJob.State.DONE or not tracker_job.file:
            raise Http404
        return FileResponse(
            tracker_job.file.open("rb"),
            as_attachment=True,
            filename="civicspace-asks.xlsx",
            content_type=exports.FORMATS["xlsx"],
        )
    context = _job_context(tracker_job)
    template = (
        "recommendations/partials/job_progress.html" if _htmx(request) else "recommendations/job_status.html"
    )
    return render(request, template, context)
