"""Public tracker pages. Views are glue: check the permission, call a selector or a service, render."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from civicspace.core.forms import run_service
from civicspace.core.permissions import require_perm
from civicspace.organisations.models import Organisation

from . import selectors, services
from .acting import Capacity, organisations_acting_as
from .filters import AskFilter
from .forms import (
    AskForm,
    AskRecordForm,
    AssessmentForm,
    CommentForm,
    CommitmentForm,
    MergeForm,
    ModerationForm,
    ProgressForm,
    ResponseForm,
)
from .models import Ask, Comment, Evidence, Response

PAGE_SIZE = 30
FILTER_NAMES = ("sector", "addressee", "status", "meeting", "year", "theme", "level")


def access_ask(request: HttpRequest, pk: int, perm: str) -> Ask:
    """Fetch an ask with its history (as the viewer may see it) and check `perm` on it in one step."""
    try:
        ask = selectors.ask_get(viewer=request.user, pk=pk)
    except Ask.DoesNotExist as exc:
        raise Http404 from exc
    require_perm(request, perm, ask)
    return ask


def access_ask_for_write(request: HttpRequest, pk: int, perm: str) -> Ask:
    """Fetch an ask for a form page and check `perm` on it; a merged ask takes no more changes."""
    ask = get_object_or_404(Ask.objects.select_related("meeting", "merged_into"), pk=pk)
    require_perm(request, perm, ask)
    if ask.merged_into_id is not None:
        raise Http404
    return ask


@dataclass(frozen=True)
class ResponseRow:
    addressee: Organisation
    response: Response | None
    due: dt.date | None
    overdue: bool


def response_rows(ask: Ask, *, today: dt.date) -> list[ResponseRow]:
    """Each addressee with its current response; overdue when the meeting's response period ended
    (`response_days` after the date the ask was raised) without a response."""
    latest = {r.addressee_id: r for r in selectors.latest_responses(ask)}
    due = None
    if ask.meeting is not None and ask.source_date is not None:
        due = ask.source_date + dt.timedelta(days=ask.meeting.response_days)
    rows = []
    for org in ask.addressees.all():
        response = latest.get(org.pk)
        overdue = response is None and due is not None and due < today
        rows.append(ResponseRow(addressee=org, response=response, due=due, overdue=overdue))
    return rows


def _texts(ask: Ask) -> tuple[str, str, str, str]:
    """(language, text) shown first, then (language, text) of the other version if there is one."""
    first = "km" if (get_language() or "en").startswith("km") else "en"
    second = "en" if first == "km" else "km"
    if not getattr(ask, f"text_{first}"):
        first, second = second, first
    return first, getattr(ask, f"text_{first}"), second, getattr(ask, f"text_{second}")


# --- public pages ------------------------------------------------------------------------------------


def ask_list(request: HttpRequest) -> HttpResponse:
    filterset = AskFilter(request.GET or None, queryset=selectors.ask_list())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "query": request.GET.get("q", ""),
        "filters_active": any(request.GET.get(name) for name in FILTER_NAMES),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "recommendations/partials/results.html", context)
    return render(request, "recommendations/ask_list.html", context)


def ask_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ask = access_ask(request, pk, "recommendations.view_ask")
    main_lang, main_text, other_lang, other_text = _texts(ask)
    assessments = list(ask.assessments.all())
    progress_updates = list(ask.progress_updates.all())
    context = {
        "ask": ask,
        "main_lang": main_lang,
        "main_text": main_text,
        "other_lang": other_lang,
        "other_text": other_text,
        "assessment": assessments[0] if assessments else None,
        "responses": response_rows(ask, today=timezone.localdate()),
        "timeline": selectors.timeline(ask),
        "evidence": [(p, e) for p in progress_updates for e in p.evidence.all()],
        "comments": ask.published_comments,  # type: ignore[attr-defined]  # to_attr of ask_get's prefetch
    }
    return render(request, "recommendations/ask_detail.html", context)


# --- curators: create, edit, merge -------------------------------------------------------------------


def _split_ask_data(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    relations = {name: data.pop(name) for name in ("addressees", "raised_by", "themes")}
    return data, relations


@require_http_methods(["GET", "POST"])
def ask_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "recommendations.add_ask")
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields, relations = _split_ask_data(dict(form.cleaned_data))
        # Left-out values take the service's defaults (a meeting's date becomes the date raised).
        fields = {k: v for k, v in fields.items() if v not in (None, "")}
        created = run_service(form, lambda: services.ask_create(actor=request.user, **relations, **fields))
        if created is not None:
            messages.success(request, _("The ask was added."))
            return redirect(created)
    return render(request, "recommendations/ask_form.html", {"form": form, "ask": None})


@require_http_methods(["GET", "POST"])
def ask_update(request: HttpRequest, pk: int) -> HttpResponse:
    ask = access_ask_for_write(request, pk, "recommendations.change_ask")
    form = AskForm(request.POST or None, ask=ask, initial=AskForm.initial_for(ask))
    if request.method == "POST" and form.is_valid():
        fields, relations = _split_ask_data(dict(form.cleaned_data))
        if run_service(form, lambda: services.ask_update(ask=ask, actor=request.user, **relations, **fields)):
            messages.success(request, _("Your changes were saved."))
            return redirect(ask)
    return render(request, "recommendations/ask_form.html", {"form": form, "ask": ask})


@require_http_methods(["GET", "POST"])
def ask_merge(request: HttpRequest, pk: int) -> HttpResponse:
    ask = access_ask_for_write(request, pk, "recommendations.merge_asks")
    form = MergeForm(request.POST or None, ask=ask)
    if request.method == "POST" and form.is_valid():
        into = form.cleaned_data["into"]
        require_perm(request, "recommendations.merge_asks", into)
        if run_service(
            form,
            lambda: services.ask_merge(duplicate=ask, into=into, actor=request.user),
        ):
            messages.success(request, _("The asks were merged; the history of both is kept here."))
            return redirect(into)
    return render(request, "recommendations/ask_merge.html", {"form": form, "ask": ask})


# --- the records added under an ask: responses, commitments, progress, assessments, comments ----------


def _actor_and_data(request: HttpRequest, ask: Ask, form: Any) -> dict[str, Any]:
    return {"actor": request.user, **form.cleaned_data}


@dataclass(frozen=True)
class AskRecord:
    """One kind of record added under an ask from its form page: its `name` (the page is the template
    recommendations/<name>_form.html), who may add it (`permission` on the ask), the form, the service
    that saves it (called with the ask and `arguments`), the message shown once it is saved, and the
    organisations the user may choose to speak for (a selector, for a form with an `organisation_field`)."""

    name: str
    permission: str
    form_class: type[AskRecordForm]
    service: Callable[..., object]
    success_message: Promise
    organisations: Callable[[Any, Ask], QuerySet[Organisation]] | None = None
    arguments: Callable[[HttpRequest, Ask, Any], dict[str, Any]] = _actor_and_data


def ask_record_view(record: AskRecord) -> Callable[[HttpRequest, int], HttpResponse]:
    """The form page that adds a `record` to the ask `pk`: check the permission, build the form, save
    through the service (a ValidationError it raises is shown on the form), flash the message and go
    back to the ask."""

    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        ask = access_ask_for_write(request, pk, record.permission)
        organisations = record.organisations(request.user, ask) if record.organisations else None
        form = record.form_class(
            request.POST or None, request.FILES or None, ask=ask, organisations=organisations
        )
        if (
            request.method == "POST"
            and form.is_valid()
            and run_service(form, lambda: record.service(ask=ask, **record.arguments(request, ask, form)))
            is not None
        ):
            messages.success(request, str(record.success_message))
            return redirect(ask)
        return render(request, f"recommendations/{record.name}_form.html", {"form": form, "ask": ask})

    view.__name__ = view.__qualname__ = f"{record.name}_create"
    return view


def _answering(user: Any, ask: Ask) -> QuerySet[Organisation]:
    return organisations_acting_as(user=user, ask=ask, capacity=Capacity.ADDRESSEE)


def _assessing(user: Any, ask: Ask) -> QuerySet[Organisation]:
    return organisations_acting_as(user=user, ask=ask, capacity=Capacity.CIVIL_SOCIETY)


def _progress_arguments(request: HttpRequest, ask: Ask, form: ProgressForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "actor": request.user,
        "status": data["status"],
        "progress": data["progress"],
        "organisation": data["organisation"],
        "commitment": data["commitment"],
        "reported_on": data["reported_on"],
        "note_en": data["note_en"],
        "note_km": data["note_km"],
        "evidence": form.evidence(),
    }


def _comment_arguments(request: HttpRequest, ask: Ask, form: CommentForm) -> dict[str, Any]:
    return {"author": request.user, "body": form.cleaned_data["body"]}


# name, permission on the ask, form; service, message once saved, and what differs from the usual
response_create = ask_record_view(AskRecord("response", "recommendations.respond_ask", ResponseForm,
    services.response_record, gettext_lazy("The response was recorded."), organisations=_answering))  # fmt: skip
commitment_create = ask_record_view(AskRecord("commitment", "recommendations.report_progress", CommitmentForm,
    services.commitment_add, gettext_lazy("The commitment was added."), organisations=_answering))  # fmt: skip
progress_create = ask_record_view(AskRecord("progress", "recommendations.report_progress", ProgressForm,
    services.progress_report, gettext_lazy("The progress report was saved."), organisations=_answering,
    arguments=_progress_arguments))  # fmt: skip
assessment_create = ask_record_view(AskRecord("assessment", "recommendations.assess_ask", AssessmentForm,
    services.assessment_record, gettext_lazy("Your assessment was recorded."), organisations=_assessing))  # fmt: skip
comment_create = ask_record_view(AskRecord("comment", "recommendations.comment_ask", CommentForm,
    services.comment_post, gettext_lazy("Thank you. Your comment will appear once a moderator has approved it."),
    arguments=_comment_arguments))  # fmt: skip


def _moderation_page(
    request: HttpRequest, forms: dict[int, ModerationForm], status: int = 200
) -> HttpResponse:
    comments = list(selectors.comments_to_moderate())
    rows = [(c, forms.get(c.pk) or ModerationForm(prefix=f"c{c.pk}")) for c in comments]
    return render(request, "recommendations/moderation_queue.html", {"rows": rows}, status=status)


def moderation_queue(request: HttpRequest) -> HttpResponse:
    require_perm(request, "recommendations.moderate_comments")
    return _moderation_page(request, {})


@require_POST
def comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "recommendations.moderate_comments")
    comment = get_object_or_404(Comment, pk=pk, state=Comment.State.PENDING)
    form = ModerationForm(request.POST, prefix=f"c{comment.pk}")
    if form.is_valid():
        publish = form.cleaned_data["decision"] == "publish"
        try:
            services.comment_moderate(
                comment=comment, publish=publish, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as exc:
            form.add_error("reason", exc.messages[0])
        else:
            messages.success(
                request, _("The comment was published.") if publish else _("The comment was rejected.")
            )
            return redirect("recommendations:moderation")
    return _moderation_page(request, {comment.pk: form}, status=400)


def evidence_file_response(evidence: Evidence) -> FileResponse:
    """An evidence file as an attachment (the page's and the API's download). Files are never served
    from MEDIA_URL: whoever calls this has checked selectors.evidence_visible."""
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=Path(evidence.file.name or "evidence").name
    )
    response["Content-Type"] = evidence.content_type or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    if not evidence.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, through a permission check: restricted files only for those who may see them
    (anonymous visitors are asked to log in first)."""
    evidence = get_object_or_404(Evidence.objects.select_related("progress__ask"), pk=pk, file__gt="")
    if not selectors.evidence_visible(viewer=request.user, evidence=evidence):
        require_perm(request, "recommendations.view_restricted_evidence", evidence.progress.ask)
    return evidence_file_response(evidence)
