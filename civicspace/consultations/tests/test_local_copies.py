"""The submission path reads an open consultation and its items through the process's "local" cache
(ADR 0016): for the public only, never a draft, refreshed at once by a change made in this process and
within CONSULTATION_CACHE_SECONDS by one made elsewhere (a write that sends no signal here)."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civicspace.consultations import selectors, services
from civicspace.consultations.models import Consultation, Submission

from .fixtures import *  # noqa: F403  (fixtures)
from .fixtures import make_consultation

pytestmark = pytest.mark.django_db
PUBLIC = AnonymousUser()


def read(slug: str = "open", viewer: Any = PUBLIC) -> tuple[Consultation, int]:
    with CaptureQueriesContext(connection) as queries:
        consultation = selectors.consultation_for_submission(viewer=viewer, slug=slug)
        codes = [item.code for item in consultation.items.all()]
    assert codes == ["01", "02", "03"]
    return consultation, len(queries)


def test_the_public_reads_an_open_consultation_once_per_process(open_consultation: Consultation) -> None:
    first, cold = read()
    second, warm = read()
    assert cold > 0 and warm == 0
    assert second.pk == first.pk and second.is_open
    assert second is not first  # each request gets its own copy to change


def test_a_signed_in_viewer_reads_the_database(open_consultation: Consultation, world: Any) -> None:
    read(viewer=world.users["admin"])
    assert read(viewer=world.users["admin"])[1] > 0


def test_a_draft_is_never_copied(world: Any) -> None:
    make_consultation(slug="draft", authority=world.un_agency, organisers=[world.own], publish=False)
    for _ in range(2):
        with pytest.raises(Consultation.DoesNotExist):
            selectors.consultation_for_submission(viewer=PUBLIC, slug="draft")


def test_a_change_in_this_process_is_seen_at_once(open_consultation: Consultation) -> None:
    read()
    services.consultation_update(
        consultation=open_consultation, actor=None, closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    consultation, queries = read()
    assert queries > 0 and not consultation.is_open


def test_a_change_elsewhere_is_seen_within_the_copy_lifetime(open_consultation: Consultation) -> None:
    read()
    # Another process closes it early: nothing here hears of it.
    Consultation.objects.filter(pk=open_consultation.pk).update(
        closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert read()[0].is_open
    later = timezone.now() + dt.timedelta(seconds=selectors.CONSULTATION_CACHE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        consultation, queries = read()
    assert queries > 0 and not consultation.is_open


def test_the_web_form_refuses_input_once_closed_in_this_process(
    client: Any, open_consultation: Consultation
) -> None:
    url = reverse("consultations:submit", kwargs={"slug": "open"})
    client.post(url, {})  # reads (and copies) the open consultation
    services.consultation_update(
        consultation=open_consultation, actor=None, closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    response = client.post(url, {"consent": "on", "token": "t" * 32})
    assert response.status_code == 200 and "consultations/not_open.html" in [
        t.name for t in response.templates
    ]
    assert not Submission.objects.exists()
