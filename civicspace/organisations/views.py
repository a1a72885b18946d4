"""Directory pages. Views are glue: check the permission, call a selector or a service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from civicspace.core.forms import run_service
from civicspace.core.permissions import require_perm

from . import selectors, services
from .filters import OrganisationFilter
from .forms import CoalitionMemberForm, ContactForm, MembershipForm, OrganisationForm
from .models import CoalitionMembership, Contact, Membership, Organisation
from .popolo import directory_to_popolo

PAGE_SIZE = 30


def access_organisation(request: HttpRequest, slug: str, perm: str) -> Organisation:
    """Fetch an organisation and check `perm` on it in one step."""
    try:
        org = selectors.organisation_get(slug=slug)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    require_perm(request, perm, org)
    return org


def organisation_list(request: HttpRequest) -> HttpResponse:
    filterset = OrganisationFilter(request.GET or None, queryset=selectors.organisation_list())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    filters_active = any(request.GET.get(name) for name in ("kind", "sector", "coalition"))
    context = {
        "filter": filterset,
        "page": page,
        "query": request.GET.get("q", ""),
        "filters_active": filters_active,
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "organisations/partials/results.html", context)
    return render(request, "organisations/organisation_list.html", context)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    org = access_organisation(request, slug, "organisations.view_organisation")
    return render(
        request,
        "organisations/organisation_detail.html",
        {"org": org, "contacts": selectors.contact_list(viewer=request.user, organisation=org)},
    )


@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "organisations.add_organisation")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        sectors = data.pop("sectors")
        created = run_service(
            form, lambda: services.organisation_create(actor=request.user, sectors=sectors, **data)
        )
        if created is not None:
            messages.success(request, _("The organisation was added."))
            return redirect(created)
    return render(request, "organisations/organisation_form.html", {"form": form, "org": None})


@require_http_methods(["GET", "POST"])
def organisation_update(request: HttpRequest, slug: str) -> HttpResponse:
    org = access_organisation(request, slug, "organisations.change_organisation")
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "sectors"}
        if run_service(
            form,
            lambda: services.organisation_update(
                organisation=org, actor=request.user, sectors=form.cleaned_data["sectors"], **data
            ),
        ):
            messages.success(request, _("Your changes were saved."))
            return redirect(org)
    return render(request, "organisations/organisation_form.html", {"form": form, "org": org})


@require_http_methods(["GET", "POST"])
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    org = access_organisation(request, slug, "organisations.manage_members")
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_set(
                organisation=org,
                user=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error("role", exc.messages[0])
        else:
            messages.success(request, _("The membership was saved."))
            return redirect("organisations:organisation-members", slug=org.slug)
    return render(
        request,
        "organisations/organisation_members.html",
        {"org": org, "form": form, "memberships": selectors.membership_list(organisation=org)},
    )


@require_POST
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = access_organisation(request, slug, "organisations.manage_members")
    membership = get_object_or_404(Membership, pk=pk, organisation=org)
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The membership was removed."))
    return redirect("organisations:organisation-members", slug=org.slug)


@require_http_methods(["GET", "POST"])
def coalition_members(request: HttpRequest, slug: str) -> HttpResponse:
    """A coalition's focal point keeps its list of member organisations up to date."""
    org = access_organisation(request, slug, "organisations.manage_members")
    if org.kind != Organisation.Kind.COALITION:
        raise Http404
    form = CoalitionMemberForm(request.POST or None, coalition=org)
    if request.method == "POST" and form.is_valid():
        services.coalition_member_add(coalition=org, member=form.cleaned_data["member"], actor=request.user)
        messages.success(request, _("The member organisation was added."))
        return redirect("organisations:coalition-members", slug=org.slug)
    links = org.member_links.select_related("member").order_by("member__name_en")
    return render(request, "organisations/coalition_members.html", {"org": org, "form": form, "links": links})


@require_POST
def coalition_member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = access_organisation(request, slug, "organisations.manage_members")
    link = get_object_or_404(CoalitionMembership, pk=pk, coalition=org)
    services.coalition_member_remove(link=link, actor=request.user)
    messages.success(request, _("The member organisation was removed."))
    return redirect("organisations:coalition-members", slug=org.slug)


@require_http_methods(["GET", "POST"])
def organisation_contacts(request: HttpRequest, slug: str) -> HttpResponse:
    org = access_organisation(request, slug, "organisations.change_organisation")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_create(organisation=org, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The contact person was added."))
        return redirect("organisations:organisation-contacts", slug=org.slug)
    return render(
        request,
        "organisations/organisation_contacts.html",
        {"org": org, "form": form, "contacts": org.contacts.all()},
    )


@require_POST
def contact_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = access_organisation(request, slug, "organisations.change_organisation")
    services.contact_delete(contact=get_object_or_404(Contact, pk=pk, organisation=org), actor=request.user)
    messages.success(request, _("The contact person was removed."))
    return redirect("organisations:organisation-contacts", slug=org.slug)


def organisation_popolo(request: HttpRequest) -> JsonResponse:
    """The (filtered) directory as Popolo JSON."""
    qs = OrganisationFilter(request.GET or None, queryset=selectors.organisation_list()).qs.prefetch_related(
        Prefetch("member_links", queryset=CoalitionMembership.objects.select_related("coalition", "member"))
    )
    data = directory_to_popolo(qs, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'inline; filename="civicspace-organisations.popolo.json"'
    return response


def kind_count(kind: str, n: int) -> str:
    """The name of a kind of organisation for `n` of them, singular or plural ("3 civil society
    organisations": the number is shown beside it, in the language's digits)."""
    Kind = Organisation.Kind
    names = {
        Kind.CSO: ngettext("Civil society organisation", "Civil society organisations", n),
        Kind.COALITION: ngettext("Coalition or network", "Coalitions or networks", n),
        Kind.UN_AGENCY: ngettext("UN agency", "UN agencies", n),
        Kind.GOVERNMENT: ngettext("Government body", "Government bodies", n),
        Kind.DONOR: ngettext("Donor", "Donors", n),
        Kind.OTHER: ngettext("Other organisation", "Other organisations", n),
    }
    return names[Kind(kind)]


def home(request: HttpRequest) -> HttpResponse:
    """The site's home page: what civicspace is, and the directory in numbers (each kind, even with none)."""
    counts = selectors.organisation_counts_by_kind()
    kinds = [
        (kind, n, kind_count(kind, n)) for kind in Organisation.Kind.values for n in [counts.get(kind, 0)]
    ]
    return render(request, "organisations/home.html", {"kinds": kinds})
