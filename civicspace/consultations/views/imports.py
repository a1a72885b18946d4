"""Importing a spreadsheet of submissions, for facilitators: the upload page, the template files and the
job's page (its progress, the review of a file with errors, cancelling). The work is the import
pipeline's (imports.py, jobs.py)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from civicspace.core.uploads import UploadRejected

from .. import imports, jobs
from ..channels.spreadsheet import column_help
from ..models import Consultation, ImportJob
from .access import access_for_capture


def _htmx(request: HttpRequest) -> bool:
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = access_for_capture(request, slug)
    form = imports.ImportUploadForm()
    rejection = ""
    if request.method == "POST":
        try:
            imports.SPREADSHEET.refuse_declared(request)
            form = imports.ImportUploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                data = imports.SPREADSHEET.read(upload)
                fmt = imports.sniff(data)
                job = jobs.import_start(
                    consultation=consultation, data=data, fmt=fmt, name=upload.name or "", actor=request.user,
                    language=get_language() or "en", valid_only=form.cleaned_data["valid_only"],
                )  # fmt: skip
                return redirect("consultations:import-status", slug=consultation.slug, job=job.pk)
        except UploadRejected as exc:
            form, rejection = imports.ImportUploadForm(), exc.message
    return render(
        request,
        "consultations/import_upload.html",
        {
            "consultation": consultation,
            "form": form,
            "rejection": rejection,
            "max_bytes": imports.MAX_BYTES,
            "columns": column_help(consultation),
            "inline_rows": jobs.INLINE_ROWS,
        },
        status=400 if rejection or form.errors else 200,
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


def _job(request: HttpRequest, consultation: Consultation, job_id: Any) -> ImportJob:
    job = get_object_or_404(
        ImportJob.objects.select_related("consultation"), pk=job_id, consultation=consultation
    )
    # A job's report belongs to the person who started it (and to platform admins).
    if job.created_by_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    return job


@require_http_methods(["GET", "POST"])
def import_status(request: HttpRequest, slug: str, job: Any) -> HttpResponse:
    consultation = access_for_capture(request, slug)
    import_job = _job(request, consultation, job)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "import_valid":
            if jobs.import_confirm(job=import_job):
                messages.success(request, _("The valid rows are being imported."))
            else:
                messages.error(request, _("This import is not waiting for a decision."))
        elif action == "cancel":
            if jobs.import_cancel(job=import_job):
                messages.success(request, _("The import was cancelled. Nothing was saved."))
        else:
            raise PermissionDenied
        return redirect("consultations:import-status", slug=consultation.slug, job=import_job.pk)
    done = import_job.live_done()
    context = {
        "consultation": consultation,
        "job": import_job,
        "done": done,
        "percent": import_job.percent(done),
        "running": not import_job.finished and import_job.state != ImportJob.State.REVIEW,
    }
    template = "consultations/import_progress.html" if _htmx(request) else "consultations/import_status.html"
    return render(request, template, context)
