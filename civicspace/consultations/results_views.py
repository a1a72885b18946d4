"""The results pages: the results of a consultation (per item, per area, the inclusion breakdown, the
province map, the published comments and the authority's response), the open-data downloads and the
PDF report for the budget authority. Public in the results and response phases; before, only for those
who manage the consultation (results_rules.py)."""

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from civicspace.core.permissions import require_perm
from civicspace.places.models import AdminUnit

from . import reports, results
from .models import Consultation
from .results import Figure, Results
from .selectors import consultation_visible

DATA_FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
COMMENTS_PER_PAGE = 20


def access_results(request: HttpRequest, slug: str) -> Consultation:
    """The consultation, if the viewer may see its results (404 for a draft they may not see; a login
    or 403 before the results are published)."""
    try:
        consultation = consultation_visible(viewer=request.user).select_related("authority").get(slug=slug)
    except Consultation.DoesNotExist as exc:
        raise Http404 from exc
    require_perm(request, "consultations.view_results", consultation)
    return consultation


def area_param(request: HttpRequest) -> str:
    area = request.GET.get("area", "").strip()
    try:
        results.area_unit(area)
    except AdminUnit.DoesNotExist as exc:
        raise Http404 from exc
    return area


def province_map(res: Results, *, chart_id: str = "province-map") -> SafeString:
    from civicspace.places.maps import province_choropleth

    values = {p.code: p.people["all"].value for p in res.provinces if not p.people["all"].hidden}
    hidden = [p.code for p in res.provinces if p.people["all"].hidden]
    return province_choropleth(
        values,
        title=_("People who took part, by province"),
        desc=_(
            "A map of Cambodia's provinces shaded by the number of people who took part; the same "
            "numbers are in the table below."
        ),
        legend_title=_("People who took part"),
        value_label=lambda v: str(Figure(int(v))),
        suppressed=hidden,
        chart_id=chart_id,
    )


@require_GET
def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = access_results(request, slug)
    area = area_param(request)
    res = results.results_for(consultation, area=area)
    try:
        before = int(request.GET["before"]) if request.GET.get("before") else None
    except ValueError as exc:
        raise Http404 from exc
    comments, next_before = results.published_comments(consultation, before=before, limit=COMMENTS_PER_PAGE)
    return render(
        request,
        "consultations/results.html",
        {
            "consultation": consultation,
            "res": res,
            "map": province_map(res),
            "groups": [(g, label) for g, label in results.Group.choices if g != "all"],
            "comments": comments,
            "next_before": next_before,
            "paged": before is not None,
            "show_response": consultation.phase == Consultation.Phase.RESPONSE,
            "min_cell": results.MIN_CELL,
            "licence": results.LICENCE,
            "licence_url": results.LICENCE_URL,
        },
    )


def _csv_lines(header: tuple[str, ...], rows: Iterator[tuple[Any, ...]], notes: list[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for note in notes:
        writer.writerow([f"# {note}"])
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
        if buffer.tell() > 32_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _notes(consultation: Consultation, what: str) -> list[str]:
    return [
        f"{what}: {consultation.title_en or consultation.title_km} ({consultation.slug})",
        f"Licence: {results.LICENCE} ({results.LICENCE_URL}); attribute the consultation's organisers.",
        f"Figures resting on fewer than {results.MIN_CELL} people are left empty (suppressed).",
    ]


def _json_stream(head: dict[str, Any], key: str, rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield json.dumps(head, ensure_ascii=False)[:-1] + f', "{key}": ['
    first = True
    for row in rows:
        yield ("" if first else ", ") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "]}"


@require_GET
def results_data(request: HttpRequest, slug: str, fmt: str) -> StreamingHttpResponse:
    """The aggregated, suppressed results of every area (not individual submissions)."""
    if fmt not in DATA_FORMATS:
        raise Http404
    consultation = access_results(request, slug)
    rows = results.open_data_rows(consultation)
    if fmt == "csv":
        stream: Iterator[str] = _csv_lines(results.OPEN_DATA_COLUMNS, rows, _notes(consultation, "Results"))
    else:
        head = {
            "consultation": consultation.slug,
            "title_en": consultation.title_en,
            "title_km": consultation.title_km,
            "licence": results.LICENCE,
            "licence_url": results.LICENCE_URL,
            "suppression": f"Figures resting on fewer than {results.MIN_CELL} people are null.",
            "groups": {
                "women": "gender: woman",
                "disability": "Washington Group: a lot of difficulty or cannot do in any domain",
                "youth": "age under 25",
            },
            "areas": "NCDD codes: '' everyone, 2 digits a province, 4 a district, 6 a commune",
        }
        stream = _json_stream(
            head, "rows", (dict(zip(results.OPEN_DATA_COLUMNS, r, strict=True)) for r in rows)
        )
    response = StreamingHttpResponse(stream, content_type=DATA_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-results.{fmt}"'
    return response


@require_GET
def results_comments(request: HttpRequest, slug: str, fmt: str) -> StreamingHttpResponse:
    """The published comments: date received, item code and text, with nothing about the person."""
    if fmt not in DATA_FORMATS:
        raise Http404
    consultation = access_results(request, slug)
    rows = results.all_published_comments(consultation)
    columns = ("date", "item", "comment")
    if fmt == "csv":
        stream: Iterator[str] = _csv_lines(columns, rows, _notes(consultation, "Published comments"))
    else:
        head = {
            "consultation": consultation.slug,
            "licence": results.LICENCE,
            "licence_url": results.LICENCE_URL,
        }
        stream = _json_stream(head, "comments", (dict(zip(columns, r, strict=True)) for r in rows))
    response = StreamingHttpResponse(stream, content_type=DATA_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-comments.{fmt}"'
    return response


@require_GET
def results_report(request: HttpRequest, slug: str) -> HttpResponse:
    """The PDF report for the budget authority, in English and Khmer."""
    consultation = access_results(request, slug)
    pdf = reports.render_report(consultation)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{consultation.slug}-results.pdf"'
    return response
