"""The citizen's pages: the form (the web channel: channels/web.py reads it, the intake checks and stores
it), the receipt, and the page shown over the rate limit."""

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from civicspace.places.forms import PlacePickerForm, is_place_step

from .. import intake
from ..channels.web import SubmissionForm, new_token
from ..models import RECEIPT_ALPHABET, Consultation, Submission, new_receipt
from .access import access_consultation

RECEIPT = re.compile(rf"^[{RECEIPT_ALPHABET}]{{5}}-[{RECEIPT_ALPHABET}]{{5}}$")


def _place_form(data: Any = None) -> PlacePickerForm:
    return PlacePickerForm(data)


def _submit_page(request: HttpRequest, consultation: Consultation, form: SubmissionForm, place_form: Any,
                 status: int = 200) -> HttpResponse:  # fmt: skip
    context = {"consultation": consultation, "form": form, "place_form": place_form,
               "summary": form.error_summary() if form.is_bound else []}  # fmt: skip
    return render(request, "consultations/submit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    """The citizen's form. No account is needed; it works without JavaScript. A stored submission (or a
    retry of one, recognised by the form's token) leads to the receipt page; a filled honeypot too,
    though nothing is stored."""
    consultation = access_consultation(
        request, slug, "consultations.view_consultation", to_submit=request.method == "POST"
    )
    if not consultation.is_open:
        return render(request, "consultations/not_open.html", {"consultation": consultation})
    items = list(consultation.items.all())
    if request.method == "GET":
        return _submit_page(request, consultation, SubmissionForm(consultation=consultation, items=items),
                            _place_form())  # fmt: skip
    if is_place_step(request.POST):  # no JavaScript: the place picker's "next" button shows the next level
        form = SubmissionForm(initial=request.POST.dict(), consultation=consultation, items=items)
        return _submit_page(request, consultation, form, _place_form(request.POST))
    form = SubmissionForm(request.POST, consultation=consultation, items=items)
    place_form = _place_form(request.POST)
    valid = form.is_valid() and place_form.is_valid()
    if not valid and not form.is_honeypot:
        return _submit_page(request, consultation, form, place_form)
    unit = getattr(place_form, "unit", None)
    data = None if form.is_honeypot else form.to_data(place_code=unit.code if unit is not None else "")
    client = intake.client_fingerprint(request)
    try:  # valid attempts and honeypot hits count
        intake.admit(consultation, client, key=data.idempotency_key if data is not None else "")
    except intake.RateLimited as exc:
        return rate_limited(request, consultation, exc.retry_after)
    if data is None:  # the honeypot: answered like a success; nothing is stored
        return redirect("consultations:receipt", slug=consultation.slug, receipt=new_receipt())
    try:
        submission, _created = intake.submission_create(
            consultation=consultation, data=data, channel=Submission.Channel.WEB, client_hash=client,
            items={item.code: item for item in items}, places={unit.code: unit} if unit is not None else None,
        )  # fmt: skip
    except intake.IdempotencyConflict:
        # The same form sent again with other answers (after going back): it was stored the first time.
        initial = {**request.POST.dict(), "token": new_token()}
        fresh = SubmissionForm(initial=initial, consultation=consultation, items=items)
        messages.warning(
            request, _("This form was already sent. To send other answers, check them and send again.")
        )
        return _submit_page(request, consultation, fresh, place_form)
    except intake.DuplicateSubmission as exc:
        return redirect("consultations:receipt", slug=consultation.slug, receipt=exc.existing.receipt)
    except ValidationError as exc:
        form.add_intake_errors(exc)
        return _submit_page(request, consultation, form, place_form)
    return redirect("consultations:receipt", slug=consultation.slug, receipt=submission.receipt)


def rate_limited(request: HttpRequest, consultation: Consultation, retry_after: int) -> HttpResponse:
    response = render(request, "consultations/rate_limited.html", {"consultation": consultation}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def receipt(request: HttpRequest, slug: str, receipt: str) -> HttpResponse:
    """The receipt number, for the person to keep. The page confirms nothing about what was sent, so
    it reveals nothing to someone who guesses an address (and a filled honeypot gets one too)."""
    consultation = access_consultation(request, slug, "consultations.view_consultation")
    if not RECEIPT.match(receipt):
        raise Http404
    return render(request, "consultations/receipt.html", {"consultation": consultation, "receipt": receipt})
