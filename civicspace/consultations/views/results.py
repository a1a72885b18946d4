"""The results pages: the results of a consultation (per item, per area, the inclusion breakdown, the
province map, the published comments and the authority's response), the open-data downloads and the
PDF report for the budget authority. Public in the results and response phases; before, only for those
who manage the consultation (rules.py): 404 for a visitor, 403 for anyone else signed in, and the
downloads answer a refusal in plain text (access.py). The figures, their suppression and their formats are results/."""

from collections.abc import Callable, Iterator

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from civicspace.places.models import AdminUnit

from ..models import Consultation
from ..results import open_data, report
from ..results.presentation import area_unit, province_map, results_for, subgroups
from ..results.suppression import MIN_CELL
from ..selectors import published_comments
from .access import access_results, plain_text_errors

DATA_FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
COMMENTS_PER_PAGE = 20


def area_param(request: HttpRequest) -> str:
    area = request.GET.get("area", "").strip()
    try:
        area_unit(area)
    except AdminUnit.DoesNotExist as exc:
        raise Http404 from exc
    return area


@require_GET
def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = access_results(request, slug)
    area = area_param(request)
    res = results_for(consultation, area=area)
    try:
        before = int(request.GET["before"]) if request.GET.get("before") else None
    except ValueError as exc:
        raise Http404 from exc
    comments, next_before = published_comments(consultation, before=before, limit=COMMENTS_PER_PAGE)
    return render(
        request,
        "consultations/results.html",
        {
            "consultation": consultation,
            "res": res,
            "map": province_map(res),
            "groups": subgroups(),
            "comments": comments,
            "next_before": next_before,
            "paged": before is not None,
            "show_response": consultation.phase == Consultation.Phase.RESPONSE,
            "min_cell": MIN_CELL,
            "licence": open_data.LICENCE,
            "licence_url": open_data.LICENCE_URL,
        },
    )


def _download(
    request: HttpRequest, slug: str, fmt: str, stream: Callable[[Consultation, str], Iterator[str]], name: str
) -> StreamingHttpResponse:
    if fmt not in DATA_FORMATS:
        raise Http404
    consultation = access_results(request, slug)
    response = StreamingHttpResponse(stream(consultation, fmt), content_type=DATA_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-{name}.{fmt}"'
    return response


@require_GET
@plain_text_errors
def results_data(request: HttpRequest, slug: str, fmt: str) -> StreamingHttpResponse:
    """The aggregated, suppressed results of every area (not individual submissions)."""
    return _download(request, slug, fmt, open_data.results_stream, "results")


@require_GET
@plain_text_errors
def results_comments(request: HttpRequest, slug: str, fmt: str) -> StreamingHttpResponse:
    """The published comments: date received, item code and text, with nothing about the person."""
    return _download(request, slug, fmt, open_data.comments_stream, "comments")


@require_GET
@plain_text_errors
def results_report(request: HttpRequest, slug: str) -> HttpResponse:
    """The PDF report for the budget authority, in English and Khmer (cached until its data changes)."""
    consultation = access_results(request, slug)
    pdf = report.report_pdf(consultation, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{consultation.slug}-results.pdf"'
    return response
