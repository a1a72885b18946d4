"""Web import of an existing outcome document: upload → review and correct → save.

Nothing is saved until the person has reviewed the extraction: the upload only stores the extraction
(as JSON) in the session under a random key; the review form posts the corrected data, which is saved
by the same function as the `import_outcome` command."""

import secrets
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from civicspace.core.permissions import require_perm
from civicspace.core.uploads import FORM_OVERHEAD, UploadRejected, declared_length

from .importer import Extraction, extract_file
from .importer.extract import check_size, max_bytes
from .importer.forms import (
    AskFormSet,
    MeetingForm,
    OrganisationFormSet,
    SectorFormSet,
    UploadForm,
    extraction_from_forms,
    initial_data,
    sector_choices,
)
from .importer.review import probable_duplicates, read_extraction
from .importer.save import save_extraction

SESSION_KEY = "outcome_imports"
KEEP_IMPORTS = 5  # extractions kept in a person's session at once


def _store(request: HttpRequest, extraction: Extraction) -> str:
    key = secrets.token_urlsafe(16)
    imports: dict[str, Any] = dict(request.session.get(SESSION_KEY, {}))
    while len(imports) >= KEEP_IMPORTS:
        imports.pop(next(iter(imports)))
    imports[key] = extraction.to_state()
    request.session[SESSION_KEY] = imports
    return key


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    require_perm(request, "dialogues.import_outcome")
    form = UploadForm()
    rejection = ""
    if request.method == "POST":
        try:
            # Refuse an oversized upload from its declared length, before Django reads the body.
            declared = declared_length(request)
            if declared > max_bytes() + FORM_OVERHEAD:
                check_size(declared)
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["document"]
                extracted = extract_file(upload, upload.name or "", size=upload.size)
                extraction = read_extraction(extracted, upload.name or "")
                return redirect("dialogues:import-review", key=_store(request, extraction))
        except UploadRejected as exc:
            form, rejection = UploadForm(), exc.message
    return render(
        request,
        "dialogues/import_upload.html",
        {"form": form, "rejection": rejection, "max_bytes": max_bytes()},
    )


@require_http_methods(["GET", "POST"])
def import_review(request: HttpRequest, key: str) -> HttpResponse:
    require_perm(request, "dialogues.import_outcome")
    state = request.session.get(SESSION_KEY, {}).get(key)
    if state is None:
        messages.error(request, _("This import has expired or was already saved. Upload the document again."))
        return redirect("dialogues:import-upload")
    extraction = Extraction.from_state(state)
    initial = initial_data(extraction)
    choices = sector_choices(extraction)
    data = request.POST if request.method == "POST" else None
    meeting_form = MeetingForm(data, initial=initial["meeting"], prefix="meeting")
    organisations = OrganisationFormSet(data, initial=initial["organisations"], prefix="org")
    sectors = SectorFormSet(data, initial=initial["sectors"], prefix="sector")
    asks = AskFormSet(data, initial=initial["asks"], prefix="ask", form_kwargs={"sector_choices": choices})
    forms_valid = all(f.is_valid() for f in (meeting_form, organisations, sectors, asks))
    if request.method == "POST" and forms_valid:
        corrected = extraction_from_forms(
            meeting_form, organisations, sectors, asks, extraction.warnings, source=extraction.source
        )
        try:
            meeting = save_extraction(corrected, actor=request.user)
        except ValidationError as exc:
            meeting_form.add_error(None, exc)
        else:
            imports = dict(request.session.get(SESSION_KEY, {}))
            imports.pop(key, None)
            request.session[SESSION_KEY] = imports
            messages.success(
                request, _("The meeting was created from the imported document. Check it below.")
            )
            for warning in corrected.warnings:
                messages.warning(request, warning)
            return redirect(meeting)
    return render(
        request,
        "dialogues/import_review.html",
        {
            "extraction": extraction,
            "meeting_form": meeting_form,
            "organisations": organisations,
            "sectors": sectors,
            "asks": asks,
            "duplicates": probable_duplicates(extraction),
        },
    )
