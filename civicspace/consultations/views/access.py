"""Fetching a consultation and checking the permission in one step (the Zulip `access_*` pattern): 404 for
what the viewer may not see, a login or 403 for what they may not do."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from civicspace.core.permissions import require_perm

from .. import selectors
from ..models import Consultation
from ..rules import CAPTURE


def access_consultation(
    request: HttpRequest, slug: str, perm: str, *, with_responses: bool = False, to_submit: bool = False
) -> Consultation:
    """Fetch a consultation the viewer may see (drafts: its managers only) and check `perm` on it.
    `to_submit`: for storing a submission (selectors.consultation_for_submission)."""
    try:
        if to_submit:
            consultation = selectors.consultation_for_submission(viewer=request.user, slug=slug)
        else:
            consultation = selectors.consultation_get(
                viewer=request.user, slug=slug, with_responses=with_responses
            )
    except Consultation.DoesNotExist as exc:
        raise Http404 from exc
    require_perm(request, perm, consultation)
    return consultation


def published_consultation(slug: str) -> Consultation:
    """A consultation that is not a draft (the offline page's service worker and manifest)."""
    return get_object_or_404(Consultation.objects.exclude(state=Consultation.State.DRAFT), slug=slug)


def access_for_capture(request: HttpRequest, slug: str) -> Consultation:
    """The consultation, if the person may capture input for others (anonymous: sent to log in)."""
    require_perm(request, CAPTURE)
    return published_consultation(slug)


def access_results(request: HttpRequest, slug: str) -> Consultation:
    """The consultation, if the viewer may see its results (404 for a draft they may not see; a login
    or 403 before the results are published)."""
    try:
        consultation = (
            selectors.consultation_visible(viewer=request.user).select_related("authority").get(slug=slug)
        )
    except Consultation.DoesNotExist as exc:
        raise Http404 from exc
    require_perm(request, "consultations.view_results", consultation)
    return consultation
