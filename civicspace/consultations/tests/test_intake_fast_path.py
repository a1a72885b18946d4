"""The fast path of intake.submission_create (benchmarks/consultation_submit.py): insert first without
looking the key up, the consultation's items cached per process, the units passed by the caller — and
the behaviour it must keep: a retry is answered with the stored submission even when the input would
now be refused (closed consultation, duplicate window), and a changed item list is seen at once."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from civicspace.consultations import intake, services
from civicspace.consultations.intake import Answer, SubmissionData
from civicspace.consultations.models import Consultation, Submission
from civicspace.places.models import AdminUnit

from .fixtures import *  # noqa: F403  (fixtures)
from .fixtures import make_consultation

pytestmark = pytest.mark.django_db


def data(**overrides: Any) -> SubmissionData:
    values: dict[str, Any] = {"answers": [Answer("01", comment="Roads", points=60), Answer("02", rank=1)],
                              "consent": True}  # fmt: skip
    return SubmissionData(**{**values, **overrides})


def _writes(ctx: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("SELECT", "INSERT"))
    ]


def test_a_new_key_costs_no_lookup_and_items_are_cached(open_consultation: Consultation) -> None:
    intake.submission_create(
        consultation=open_consultation, data=data(idempotency_key="k0"), channel="api", client_hash="c"
    )  # fmt: skip  (fills the items cache)
    with CaptureQueriesContext(connection) as ctx:
        stored, created = intake.submission_create(
            consultation=open_consultation, data=data(idempotency_key="k1", gender="man"), channel="api",
            client_hash="c",
        )  # fmt: skip
    assert created
    statements = _writes(ctx)
    # the duplicate check, the submission, its inputs; no key lookup, no items query
    assert len(statements) == 3, statements
    assert "consultations_budgetitem" not in " ".join(statements)
    assert stored.inputs.count() == 2


def test_units_passed_by_the_caller_save_the_query(
    open_consultation: Consultation, units: dict[str, AdminUnit]
) -> None:
    unit = AdminUnit.objects.get(code="171001")
    with CaptureQueriesContext(connection) as ctx:
        stored, _ = intake.submission_create(
            consultation=open_consultation, data=data(idempotency_key="p", place_code="171001"), channel="web",
            places={unit.code: unit},
        )  # fmt: skip
    assert "places_adminunit" not in " ".join(_writes(ctx))
    assert (stored.province_code, stored.commune_code) == ("17", "171001")


def test_a_retry_after_closing_returns_the_stored_submission(open_consultation: Consultation) -> None:
    first, _ = intake.submission_create(consultation=open_consultation, data=data(idempotency_key="late"),
                                        channel="offline")  # fmt: skip
    later = timezone.now() + dt.timedelta(days=60)  # closed long ago by then: new input is refused
    again, created = intake.submission_create(consultation=open_consultation, data=data(idempotency_key="late"),
                                              channel="offline", now=later)  # fmt: skip
    assert (again.pk, created) == (first.pk, False)
    with pytest.raises(ValidationError):
        intake.submission_create(consultation=open_consultation, data=data(idempotency_key="new"), channel="offline",
                                 now=later)  # fmt: skip


def test_a_retry_from_the_same_client_is_not_a_duplicate(open_consultation: Consultation) -> None:
    first, _ = intake.submission_create(consultation=open_consultation, data=data(idempotency_key="a"), channel="web",
                                        client_hash="c1")  # fmt: skip
    again, created = intake.submission_create(consultation=open_consultation, data=data(idempotency_key="a"),
                                              channel="web", client_hash="c1")  # fmt: skip
    assert (again.pk, created) == (first.pk, False)
    with pytest.raises(intake.DuplicateSubmission):  # the same input under another key is a duplicate
        intake.submission_create(consultation=open_consultation, data=data(idempotency_key="b"), channel="web",
                                 client_hash="c1")  # fmt: skip
    with pytest.raises(intake.IdempotencyConflict):  # the key with other content, even from another client
        intake.submission_create(consultation=open_consultation, data=data(idempotency_key="a", gender="woman"),
                                 channel="web", client_hash="c2")  # fmt: skip
    assert Submission.objects.count() == 1


def test_the_items_cache_sees_a_new_item_list(world: Any, units: Any) -> None:
    consultation = make_consultation(slug="cached", authority=world.un_agency, organisers=[world.own])
    intake.submission_create(consultation=consultation, data=data(idempotency_key="one"), channel="api")
    Submission.objects.all().delete()  # back to draft needs no input yet
    consultation = services.consultation_transition(consultation=consultation, to="draft", actor=None)
    services.item_add(consultation=consultation, actor=None, code="09", title_en="New", amount_khr=5)
    consultation = services.consultation_transition(consultation=consultation, to="published", actor=None)
    _, created = intake.submission_create(consultation=consultation, channel="api",
                                          data=data(idempotency_key="two", answers=[Answer("09", points=10)]))  # fmt: skip
    assert created
