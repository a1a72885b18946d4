"""Fetching a consultation and checking the permission in one step (the Zulip `access_*` pattern): 404 for
what the viewer may not see, a login or 403 for what they may not do. Unpublished results are the
exception: 404 for a visitor and 403 for a signed-in person, never a login page (access_results)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseForbidden, HttpResponseNotFound
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

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
    """The consultation, if the viewer may see its results (rules.py: everyone once published, its
    managers before). Otherwise 404 for a draft they may not see and, before the results are published,
    404 for a visitor (there are no results for them yet) and 403 for a signed-in person. Never a
    redirect to the login page: a client asking for a CSV would follow it and get an HTML page."""
    try:
        consultation = (
            selectors.consultation_visible(viewer=request.user).select_related("authority").get(slug=slug)
        )
    except Consultation.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("consultations.view_results", consultation):
        if not request.user.is_authenticated:
            raise Http404
        raise PermissionDenied
    return consultation


def plain_text_errors(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """For a download (CSV, JSON, PDF): a refusal (404, 403) as a short plain-text answer, not the site's
    HTML error page, so a client that asked for data never gets HTML."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return HttpResponseNotFound(_("Not found."), content_type="text/plain; charset=utf-8")
        except PermissionDenied:
            return HttpResponseForbidden(
                _("You may not see these results before they are published."),
                content_type="text/plain; charset=utf-8",
            )

    return wrapped
