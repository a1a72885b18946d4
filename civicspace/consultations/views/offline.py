"""The offline capture page, for facilitators: an installable web app (its manifest and service worker
are served here so their scope covers the page). With JavaScript it keeps each capture on the device and
syncs it to the API (api/channels.py); without, the form posts here. Both are read by the offline channel
(channels/offline.py) and stored by capture.py."""

from functools import lru_cache
from typing import Any

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import capture, intake
from ..channels import offline, spreadsheet
from ..models import Consultation, Submission
from .access import access_for_capture, published_consultation

WG_LABELS = {d: getattr(Submission._meta.get_field(f"wg_{d}"), "verbose_name", d) for d in intake.WG_DOMAINS}


def _capture_context(
    consultation: Consultation, values: dict[str, str], errors: dict[str, list[str]]
) -> dict[str, Any]:
    """The capture form's fields, named like the import's columns, with their values and errors."""
    layout = spreadsheet.Layout.of(consultation)

    def field(name: str, label: Any, kind: str, choices: Any = (), **extra: Any) -> dict[str, Any]:
        return {"name": name, "id": "f-" + name.replace(":", "-"), "label": label, "kind": kind, "choices": choices,
                "value": values.get(name, ""), "errors": errors.get(name, []), **extra}  # fmt: skip

    people = [
        field("gender", _("Gender"), "select", Submission.Gender.choices),
        field("age_band", _("Age"), "select", Submission.AgeBand.choices),
        *(field(f"wg_{d}", WG_LABELS[d], "select", Submission.Difficulty.choices)
          for d in intake.WG_DOMAINS),
        field("place", _("Place code (province, district or commune)"), "code"),
    ]  # fmt: skip
    labels = {"comment": _("Comment"), "rank": _("Rank (1 = most important)"), "points": _("Points")}
    items: list[dict[str, Any]] = []
    for item in consultation.items.all():
        inputs = [
            field(f"{item.code}:{q}", labels[q], "textarea" if q == "comment" else "number", question=q)
            for q in layout.questions()
        ]
        items.append({"item": item, "inputs": inputs})
    consent = field("consent", _("The person agreed to the consent text"), "checkbox")
    known = {str(f["name"]) for f in people} | {"consent"}
    known |= {str(i["name"]) for entry in items for i in entry["inputs"]}
    return {
        "consultation": consultation,
        "people": people,
        "items": items,
        "points_total": consultation.points_total if consultation.asks_points else None,
        "item_count": len(items),
        "consent_field": consent,
        "general_errors": [m for name, messages in errors.items() if name not in known for m in messages],
    }


@require_http_methods(["GET", "POST"])
def offline_capture(request: HttpRequest, slug: str) -> HttpResponse:
    """The capture page. With JavaScript it keeps each capture on the device and syncs it (offline.js);
    without it, the form posts here and is stored at once (the same parser and key)."""
    consultation = access_for_capture(request, slug)
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        values = {k: str(v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        try:
            submission, created = capture.offline_submit(
                consultation=consultation, key=values.get("idempotency_key"), captured_at=values.get("captured_at", ""),
                fields=values, actor=request.user,
            )  # fmt: skip
        except intake.IdempotencyConflict:
            errors = {"": [_("This form was already sent with different answers. Capture it again.")]}
        except ValidationError as exc:
            errors = {("" if k == "__all__" else k): v for k, v in exc.message_dict.items()}
        else:
            if created:
                messages.success(
                    request, _("Stored. Receipt number: %(receipt)s") % {"receipt": submission.receipt}
                )
            else:
                messages.info(request, _("This form was stored before. Receipt number: %(receipt)s") % {"receipt": submission.receipt})  # fmt: skip
            return redirect("consultations:offline-capture", slug=consultation.slug)
    context = {
        **_capture_context(consultation, values if errors else {}, errors),
        "key": values.get("idempotency_key") if errors else offline.new_key(),
        "sync_url": reverse("api:consultation-offline-sync", kwargs={"slug": consultation.slug}),
        "login_url": f"{reverse('account_login')}?next={request.path}",
    }
    response = render(request, "consultations/offline_capture.html", context, status=400 if errors else 200)
    response["Cache-Control"] = "no-cache"  # the service worker keeps its own copy for offline use
    return response


@lru_cache(maxsize=1)
def _service_worker_source() -> bytes:
    """The queue (shared with the page) followed by the worker itself, both static files."""
    parts = []
    for name in ("consultations/offline-queue.js", "consultations/sw.js"):
        path = finders.find(name)
        if not path:
            raise Http404
        with open(path if isinstance(path, str) else path[0], "rb") as fh:
            parts.append(fh.read())
    return b"\n".join(parts)


@require_GET
def offline_service_worker(request: HttpRequest, slug: str) -> HttpResponse:
    """The service worker, served from the page's folder so its scope covers the page (the file itself
    is static/consultations/sw.js)."""
    consultation = published_consultation(slug)
    response = HttpResponse(_service_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse(
        "consultations:offline-capture", kwargs={"slug": consultation.slug}
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline_manifest(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = published_consultation(slug)
    page = reverse("consultations:offline-capture", kwargs={"slug": consultation.slug})
    manifest = {
        "name": _("%(title)s — offline capture") % {"title": consultation.title},
        "short_name": _("Capture"),
        "lang": get_language() or "en",
        "start_url": page,
        "scope": page,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4e89",
        "icons": [
            {"src": static("consultations/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("consultations/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return JsonResponse(
        manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
