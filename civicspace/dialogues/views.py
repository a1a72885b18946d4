"""Dialogue pages. Views are glue: check the permission, call a selector or a service, render."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from civicspace.core import ratelimit
from civicspace.core.forms import run_service
from civicspace.core.permissions import require_perm

from . import selectors, services
from .asks import NewAsk, meeting_asks
from .forms import (
    AskCaptureForm,
    CoChairForm,
    CycleForm,
    MeetingForm,
    OutcomeSectionForm,
    ParticipantForm,
    SessionForm,
)
from .models import DialogueCycle, Meeting, OutcomeSection, OutcomeVersion, Participant, SectorSession
from .outcome.compare import outcome_diff
from .outcome.context import LANGS as OUTCOME_LANGS
from .outcome.context import outcome_context
from .outcome.docx import render_docx
from .outcome.pdf import render_pdf


def access_meeting(request: HttpRequest, slug: str, perm: str) -> Meeting:
    try:
        meeting = selectors.meeting_get(slug=slug)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc
    require_perm(request, perm, meeting)
    return meeting


def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(request, "dialogues/meeting_list.html", {"meetings": selectors.meeting_list()})


def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = access_meeting(request, slug, "dialogues.view_meeting")
    context = {
        "meeting": meeting,
        "attendance": selectors.attendance_counts(meeting=meeting),
        "asks_by_session": selectors.session_asks(meeting=meeting),
        "review_asks": selectors.review_asks(meeting=meeting),
        "versions": list(meeting.outcome_versions.all()),
        "statuses": Meeting.Status,
        "next_statuses": services.ALLOWED_STATUS_CHANGES[Meeting.Status(meeting.status)],
    }
    return render(request, "dialogues/meeting_detail.html", context)


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "dialogues.add_meeting")
    initial: dict[str, Any] = {}
    previous = Meeting.objects.filter(slug=request.GET.get("after", "")).first()
    if previous is not None:
        initial = {"cycle": previous.cycle, "previous": previous, "mode": previous.mode,
                   "response_days": previous.response_days}  # fmt: skip
    elif request.GET.get("cycle"):  # "Add a meeting" on a cycle's page: after its last meeting
        cycle = DialogueCycle.objects.filter(slug=request.GET["cycle"], closed_at__isnull=True).first()
        last = cycle.meetings.order_by("-starts_at").first() if cycle is not None else None
        initial = {"cycle": cycle, "previous": last}
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        conveners = data.pop("conveners")
        create = services.meeting_create_next if data.get("previous") else services.meeting_create
        created = run_service(form, lambda: create(actor=request.user, conveners=conveners, **data))
        if created is not None:
            messages.success(request, _("The meeting was created."))
            return redirect(created)
    return render(request, "dialogues/meeting_form.html", {"form": form, "meeting": None})


@require_http_methods(["GET", "POST"])
def meeting_update(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = access_meeting(request, slug, "dialogues.change_meeting")
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        conveners = data.pop("conveners")
        if run_service(
            form,
            lambda: services.meeting_update(meeting=meeting, actor=request.user, conveners=conveners, **data),
        ):
            messages.success(request, _("Your changes were saved."))
            return redirect(meeting)
    return render(request, "dialogues/meeting_form.html", {"form": form, "meeting": meeting})


@require_POST
def meeting_status(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = access_meeting(request, slug, "dialogues.change_meeting")
    try:
        services.meeting_set_status(
            meeting=meeting, status=request.POST.get("status", ""), actor=request.user
        )
    except (ValidationError, ValueError):
        messages.error(request, _("This change of status is not possible."))
    else:
        messages.success(request, _("The status was changed."))
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, slug: str, order: int | None = None) -> HttpResponse:
    meeting = access_meeting(request, slug, "dialogues.change_meeting")
    session = get_object_or_404(SectorSession, meeting=meeting, order=order) if order else None
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        if session is None:
            saved = run_service(
                form, lambda: services.session_create(meeting=meeting, actor=request.user, **data)
            )
        else:
            saved = run_service(
                form, lambda: services.session_update(session=session, actor=request.user, **data)
            )
        if saved is not None:
            messages.success(request, _("The session was saved."))
            return redirect(meeting)
    return render(
        request, "dialogues/session_form.html", {"form": form, "meeting": meeting, "session": session}
    )


@require_http_methods(["GET", "POST"])
def ask_capture(request: HttpRequest, slug: str, order: int) -> HttpResponse:
    """The rapporteur's form: one ask at a time, from a phone, without JavaScript."""
    meeting = get_object_or_404(Meeting, slug=slug)
    session = get_object_or_404(
        SectorSession.objects.select_related("sector", "meeting"), meeting=meeting, order=order
    )
    require_perm(request, "dialogues.capture_ask", session)
    form = AskCaptureForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        recorded = run_service(
            form,
            lambda: meeting_asks().record(
                actor=request.user,
                ask=NewAsk(
                    meeting=meeting,
                    session=session,
                    text_en=form.cleaned_data["text_en"].strip(),
                    text_km=form.cleaned_data["text_km"].strip(),
                    priority=form.cleaned_data["priority"],
                    addressees=tuple(form.cleaned_data["addressees"]),
                    raised_by=tuple(form.cleaned_data["raised_by"]),
                ),
            ),
        )
        if recorded is not None:
            messages.success(request, _("The ask was recorded. You can add the next one."))
            return redirect("dialogues:ask-capture", slug=meeting.slug, order=session.order)
    asks = meeting_asks().by_session([session.pk]).get(session.pk, [])
    return render(
        request,
        "dialogues/ask_capture.html",
        {"form": form, "meeting": meeting, "session": session, "asks": asks},
    )


@require_POST
def ask_raise_again(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """From the review session: raise one of last year's asks again in this meeting."""
    meeting = access_meeting(request, slug, "dialogues.capture_ask")
    review = meeting.sessions.filter(is_review=True).first()
    try:
        meeting_asks().raise_again(actor=request.user, ask_id=pk, meeting=meeting, session=review)
    except LookupError as exc:
        raise Http404 from exc
    messages.success(request, _("The ask was raised again in this meeting."))
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
def participants(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = access_meeting(request, slug, "dialogues.change_meeting")
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.participant_add(meeting=meeting, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The participant was added."))
        return redirect("dialogues:participants", slug=meeting.slug)
    context = {"meeting": meeting, "form": form, "attendance": selectors.attendance_counts(meeting=meeting)}
    return render(request, "dialogues/participants.html", context)


@require_POST
def participant_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = access_meeting(request, slug, "dialogues.change_meeting")
    services.participant_remove(
        participant=get_object_or_404(Participant, pk=pk, meeting=meeting), actor=request.user
    )
    messages.success(request, _("The participant was removed."))
    return redirect("dialogues:participants", slug=meeting.slug)


@require_http_methods(["GET", "POST"])
def co_chairs(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = access_meeting(request, slug, "dialogues.change_meeting")
    form = CoChairForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, lambda: services.co_chair_add(meeting=meeting, actor=request.user, **form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, _("The co-chair was added."))
        return redirect("dialogues:co-chairs", slug=meeting.slug)
    return render(request, "dialogues/co_chairs.html", {"meeting": meeting, "form": form})


@require_http_methods(["GET", "POST"])
def outcome_sections(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    meeting = access_meeting(request, slug, "dialogues.draft_outcome")
    section = get_object_or_404(OutcomeSection, pk=pk, meeting=meeting) if pk else None
    next_order = (
        meeting.outcome_sections.order_by("-order").values_list("order", flat=True).first() or 0
    ) + 1
    form = OutcomeSectionForm(request.POST or None, instance=section, initial={"order": next_order})
    if request.method == "POST" and form.is_valid():
        services.outcome_section_save(
            meeting=meeting, actor=request.user, section=section, **form.cleaned_data
        )
        messages.success(request, _("The section was saved."))
        return redirect("dialogues:outcome-sections", slug=meeting.slug)
    return render(
        request, "dialogues/outcome_sections.html", {"meeting": meeting, "form": form, "section": section}
    )


@require_POST
def outcome_draft(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = access_meeting(request, slug, "dialogues.draft_outcome")
    try:
        version = services.outcome_version_create(meeting=meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(meeting)
    messages.success(
        request,
        _("Version %(n)s of the outcome document is ready for the co-chairs to sign.")
        % {"n": version.number},
    )
    return redirect(version)


def _version(slug: str, number: int) -> OutcomeVersion:
    meeting = get_object_or_404(Meeting, slug=slug)
    try:
        return selectors.outcome_version_get(meeting=meeting, number=number)
    except OutcomeVersion.DoesNotExist as exc:
        raise Http404 from exc


def _doc_lang(request: HttpRequest) -> str:
    lang = request.GET.get("lang") or ("km" if (get_language() or "").startswith("km") else "en")
    if lang not in OUTCOME_LANGS:
        raise Http404
    return lang


def _meta(request: HttpRequest, version: OutcomeVersion) -> dict[str, Any]:
    return {
        "sha256": version.sha256,
        "number": version.number,
        "status": version.status,
        "adopted_at": version.adopted_at,
        "permalink": request.build_absolute_uri(version.get_absolute_url()),
    }


def outcome_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version(slug, number)
    require_perm(request, "dialogues.view_meeting", version.meeting)
    lang = _doc_lang(request)
    document = outcome_context(version.content, lang, **_meta(request, version))
    signed = {s.co_chair_id for s in version.sign_offs.all()}
    context = {
        "version": version,
        "meeting": version.meeting,
        "doc": document,
        "doc_lang": lang,
        "langs": OUTCOME_LANGS,
        "co_chairs": [
            (c, c.pk in signed) for c in version.meeting.co_chairs.select_related("user", "organisation")
        ],
    }
    return render(request, "dialogues/outcome_version.html", context)


RENDERERS = {
    "pdf": (render_pdf, "application/pdf"),
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def outcome_download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    """An adopted or superseded version's document is rendered once and then served from storage; a
    draft's is rendered on each request, within the client's DOCUMENT_RENDER_RATE (ADR 0020)."""
    if fmt not in RENDERERS:
        raise Http404
    version = _version(slug, number)
    require_perm(request, "dialogues.view_meeting", version.meeting)
    lang = _doc_lang(request)
    renderer, content_type = RENDERERS[fmt]
    frozen = version.status in services.FROZEN
    body = selectors.outcome_rendition_get(version=version, lang=lang, fmt=fmt) if frozen else None
    if body is None:
        if not frozen:
            ratelimit.throttle(
                request, "render", ratelimit.DOCUMENT_RENDER_SETTING, ratelimit.DOCUMENT_RENDER_DEFAULT
            )
        body = renderer(version.content, lang, **_meta(request, version))
        if frozen:
            services.outcome_rendition_store(version=version, lang=lang, fmt=fmt, body=body)
    response = HttpResponse(body, content_type=content_type)
    filename = f"{version.meeting.slug}-outcome-v{version.number}-{lang}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Outcome-SHA256"] = version.sha256
    response["X-Content-Type-Options"] = "nosniff"
    return response


def outcome_compare(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version(slug, number)
    require_perm(request, "dialogues.view_meeting", version.meeting)
    previous = version.meeting.outcome_versions.filter(number__lt=number).order_by("-number").first()
    if previous is None:
        raise Http404
    lang = _doc_lang(request)
    diff_html = outcome_diff(previous.content, version.content, "km" if lang == "km" else "en")
    context = {"version": version, "previous": previous, "meeting": version.meeting, "diff_html": diff_html}
    return render(request, "dialogues/outcome_compare.html", context)


@require_POST
def outcome_sign(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version(slug, number)
    require_perm(request, "dialogues.sign_outcome", version)
    try:
        services.outcome_sign(version=version, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        version.refresh_from_db()
        if version.status == OutcomeVersion.Status.ADOPTED:
            messages.success(request, _("All co-chairs have signed: the outcome document is adopted."))
        else:
            messages.success(request, _("Your sign-off was recorded."))
    return redirect(version)


# --- cycles ------------------------------------------------------------------------------------------


def access_cycle(request: HttpRequest, slug: str, perm: str) -> DialogueCycle:
    try:
        cycle = selectors.cycle_get(slug=slug)
    except DialogueCycle.DoesNotExist as exc:
        raise Http404 from exc
    require_perm(request, perm, cycle)
    return cycle


def cycle_list(request: HttpRequest) -> HttpResponse:
    return render(request, "dialogues/cycle_list.html", {"cycles": selectors.cycle_list()})


def cycle_detail(request: HttpRequest, cycle: str) -> HttpResponse:
    found = access_cycle(request, cycle, "dialogues.view_cycle")
    context = {
        "cycle": found,
        "meetings": selectors.cycle_meetings(cycle=found),
        "carried": selectors.cycle_carried_asks(cycle=found),
    }
    return render(request, "dialogues/cycle_detail.html", context)


@require_http_methods(["GET", "POST"])
def cycle_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "dialogues.add_cycle")
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = run_service(form, lambda: services.cycle_create(actor=request.user, **form.cleaned_data))
        if created is not None:
            messages.success(request, _("The dialogue cycle was created."))
            return redirect(created)
    return render(request, "dialogues/cycle_form.html", {"form": form, "cycle": None})


@require_http_methods(["GET", "POST"])
def cycle_update(request: HttpRequest, cycle: str) -> HttpResponse:
    found = access_cycle(request, cycle, "dialogues.change_cycle")
    form = CycleForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(form, lambda: services.cycle_update(cycle=found, actor=request.user, **data)):
            messages.success(request, _("Your changes were saved."))
            return redirect(found)
    return render(request, "dialogues/cycle_form.html", {"form": form, "cycle": found})


@require_POST
def cycle_close(request: HttpRequest, cycle: str) -> HttpResponse:
    found = access_cycle(request, cycle, "dialogues.close_cycle")
    if request.POST.get("confirm") != "yes":  # closing cannot be undone: the form asks to confirm it
        messages.error(request, _("Tick the box to confirm that this cycle should be closed."))
        return redirect(found)
    services.cycle_close(cycle=found, actor=request.user)
    messages.success(request, _("The dialogue cycle is closed: it accepts no new meetings."))
    return redirect(found)
