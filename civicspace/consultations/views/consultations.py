"""Consultation pages: the public list and a consultation's page; and, for those who run a consultation,
its editing, phases, moderation and the authority's response."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from civicspace.core.forms import run_service
from civicspace.core.permissions import require_perm

from .. import selectors, services
from ..forms import ConsultationForm, ItemForm, ModerationForm, ResponseForm, TransitionForm
from ..models import BudgetItem, Consultation, ItemInput, ItemResponse
from .access import access_consultation

PAGE_SIZE = 30


def _item(consultation: Consultation, pk: int) -> BudgetItem:
    for item in consultation.items.all():
        if item.pk == pk:
            return item
    raise Http404


# --- public pages -------------------------------------------------------------------------------------------


def consultation_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.consultation_list(viewer=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "consultations/consultation_list.html", {"page": page})


def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = access_consultation(request, slug, "consultations.view_consultation", with_responses=True)
    user = request.user
    can_respond = user.has_perm("consultations.respond_consultation", consultation)
    show_responses = consultation.phase == Consultation.Phase.RESPONSE or can_respond
    context = {
        "consultation": consultation,
        "items": list(consultation.items.all()),
        "phase": consultation.phase,
        "Phase": Consultation.Phase,
        "can_manage": user.has_perm("consultations.change_consultation", consultation),
        "can_respond": can_respond,
        "can_respond_now": can_respond and consultation.phase in services.RESPONSE_PHASES,
        "show_responses": show_responses,
        "transitions": _transitions(consultation),
    }
    return render(request, "consultations/consultation_detail.html", context)


def _transitions(consultation: Consultation) -> list[tuple[str, str]]:
    labels: dict[str, str] = {
        Consultation.State.PUBLISHED: _("Publish the consultation"),
        Consultation.State.DRAFT: _("Take it back to draft"),
        Consultation.State.RESULTS: _("Publish the results"),
        Consultation.State.RESPONSE: _("Publish the authority’s response"),
    }
    allowed = Consultation.ALLOWED_TRANSITIONS[consultation.state]
    return [(state, labels[state]) for state in Consultation.State.values if state in allowed]


# --- organisers: the consultation and its items ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "consultations.add_consultation")
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields, organisers = form.service_fields()
        created = run_service(
            form, lambda: services.consultation_create(actor=request.user, organisers=organisers, **fields)
        )
        if created is not None:
            messages.success(request, _("The consultation was created as a draft. Now add its budget items."))
            return redirect(created)
    return render(request, "consultations/consultation_form.html", {"form": form, "consultation": None})


@require_http_methods(["GET", "POST"])
def consultation_update(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = access_consultation(request, slug, "consultations.change_consultation")
    form = ConsultationForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        fields, organisers = form.service_fields()
        updated = run_service(
            form,
            lambda: services.consultation_update(
                consultation=consultation, actor=request.user, organisers=organisers, **fields
            ),
        )
        if updated is not None:
            messages.success(request, _("Your changes were saved."))
            return redirect(updated)
    return render(
        request, "consultations/consultation_form.html", {"form": form, "consultation": consultation}
    )


@require_POST
def consultation_transition(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = access_consultation(request, slug, "consultations.change_state")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a phase."))
        return redirect(consultation)
    try:
        services.consultation_transition(
            consultation=consultation, to=form.cleaned_data["to"], actor=request.user
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The consultation is now: %(state)s.") % {
            "state": Consultation.State(form.cleaned_data["to"]).label})  # fmt: skip
    return redirect(consultation)


@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = access_consultation(request, slug, "consultations.change_consultation")
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = run_service(
            form,
            lambda: services.item_add(consultation=consultation, actor=request.user, **form.cleaned_data),
        )
        if created is not None:
            messages.success(request, _("The budget item was added."))
            if "_another" in request.POST:
                return redirect("consultations:item-create", slug=consultation.slug)
            return redirect(consultation)
    return render(
        request, "consultations/item_form.html", {"form": form, "consultation": consultation, "item": None}
    )


@require_http_methods(["GET", "POST"])
def item_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(request, slug, "consultations.change_consultation")
    item = _item(consultation, pk)
    initial = {name: getattr(item, name) for name in ItemForm.base_fields}
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        updated = run_service(
            form, lambda: services.item_update(item=item, actor=request.user, **form.cleaned_data)
        )
        if updated is not None:
            messages.success(request, _("Your changes were saved."))
            return redirect(consultation)
    return render(
        request, "consultations/item_form.html", {"form": form, "consultation": consultation, "item": item}
    )


@require_POST
def item_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(request, slug, "consultations.change_consultation")
    item = _item(consultation, pk)
    try:
        services.item_delete(item=item, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The budget item was removed."))
    return redirect(consultation)


# --- moderation and the authority's response ---------------------------------------------------------------


def moderation_queue(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = access_consultation(request, slug, "consultations.moderate_input")
    pending = selectors.comments_to_moderate(viewer=request.user, consultation=consultation)
    page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(item_input, ModerationForm(prefix=f"c{item_input.pk}")) for item_input in page]
    context = {"consultation": consultation, "page": page, "rows": rows, "total": page.paginator.count}
    return render(request, "consultations/moderation_queue.html", context)


@require_POST
def comment_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(request, slug, "consultations.moderate_input")
    item_input = get_object_or_404(
        ItemInput.objects.select_related("item"), pk=pk, submission__consultation=consultation
    )
    form = ModerationForm(request.POST, prefix=f"c{pk}")
    if form.is_valid():
        publish = form.cleaned_data["decision"] == "publish"
        done = run_service(
            form,
            lambda: services.comment_moderate(
                item_input=item_input, publish=publish, reason=form.cleaned_data["reason"], actor=request.user
            ),
        )
        if done is not None:
            messages.success(
                request,
                _("The comment was published.") if publish else _("The comment will not be published."),
            )
            return redirect("consultations:moderation", slug=consultation.slug)
    context = {"consultation": consultation, "item_input": item_input, "form": form}
    return render(request, "consultations/moderation_form.html", context, status=400)


@require_http_methods(["GET", "POST"])
def item_response(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(
        request, slug, "consultations.respond_consultation", with_responses=True
    )
    item = _item(consultation, pk)
    existing = ItemResponse.objects.filter(item=item).first()
    initial = {"text_en": existing.text_en, "text_km": existing.text_km} if existing else {}
    form = ResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.item_response_set(
                item=item, text_en=form.cleaned_data["text_en"], text_km=form.cleaned_data["text_km"],
                actor=request.user,
            ),
        )  # fmt: skip
        if saved is not None:
            messages.success(request, _("The response was saved."))
            return redirect(
                reverse("consultations:consultation-detail", kwargs={"slug": slug}) + f"#item-{item.pk}"
            )
    context = {"consultation": consultation, "item": item, "form": form}
    return render(request, "consultations/response_form.html", context)
