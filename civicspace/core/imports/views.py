"""The upload and status pages of an import, for a module's own views to return (they check what only
they know, such as the scope's own page, and pass it as `scope` with its template `context`, which
comes last: a module may show its columns otherwise, say)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from civicspace.core.models import FileJob
from civicspace.core.permissions import require_perm
from civicspace.core.uploads import UploadRejected

from . import jobs, services
from .declaration import Importer


def is_htmx(request: HttpRequest) -> bool:
    """An HTMX request for a part of the page (not the restore of a page from the browser's history)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def progress_context(job: FileJob) -> dict[str, Any]:
    """What the progress part of a job's page shows: `running` while the page polls (HTMX every 2 s, a
    <meta refresh> without JavaScript)."""
    done = job.live_done()
    return {"job": job, "done": done, "percent": job.percent(done), "running": job.in_progress}


def upload_page(
    request: HttpRequest, importer: Importer[Any], *, scope: Any = None, context: dict[str, Any] | None = None
) -> HttpResponse:
    """The upload form; a good upload is stored as a job and the person sent to its status page. A file
    that cannot be imported is refused here, before anything is stored, saying why."""
    require_perm(request, importer.permission)
    form = importer.form()
    rejection = ""
    if request.method == "POST":
        try:
            importer.rules.refuse_declared(request)
            form = importer.form(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                data = importer.rules.read(upload)
                fmt = jobs.check_upload(importer, scope=scope, data=data)
                job = jobs.import_start(
                    importer, scope=scope, data=data, fmt=fmt, name=upload.name or "", actor=request.user,
                    language=get_language() or "en", valid_only=bool(form.cleaned_data.get("valid_only")),
                )  # fmt: skip
                return redirect(importer.status_url(job))
        except UploadRejected as exc:
            form, rejection = importer.form(), exc.message
    page = {
        "form": form,
        "rejection": rejection,
        "max_bytes": importer.rules.max_bytes,
        "columns": importer.parser(scope).columns,
        "inline_rows": importer.inline_rows,
        "upload_url": importer.upload_url(scope),
        **(context or {}),
    }
    return render(
        request, importer.pages.upload_template, page, status=400 if rejection or form.errors else 200
    )


def status_page(
    request: HttpRequest, importer: Importer[Any], job_id: Any, *, scope: Any = None,
    context: dict[str, Any] | None = None,
) -> HttpResponse:  # fmt: skip
    """A job's progress and report (its progress part alone for HTMX), and the decision on a file with
    errors: import only the valid rows, or cancel."""
    job = get_object_or_404(importer.jobs(scope), pk=job_id)  # no such job: 404, whoever asks
    require_perm(request, importer.permission)
    if not importer.may_see(request.user, job):
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "import_valid":
            if jobs.import_confirm(importer, job=job):
                messages.success(request, _("The valid rows are being imported."))
            else:
                messages.error(request, _("This import is not waiting for a decision."))
        elif action == "cancel":
            if services.import_cancel(job=job, actor=request.user):
                messages.success(request, _("The import was cancelled. Nothing was saved."))
        else:
            raise PermissionDenied
        return redirect(importer.status_url(job))
    page = {
        **progress_context(job),
        "upload_url": importer.upload_url(scope),
        "progress_template": importer.pages.progress_template,
        **(context or {}),
    }
    template = importer.pages.progress_template if is_htmx(request) else importer.pages.status_template
    return render(request, template, page)
