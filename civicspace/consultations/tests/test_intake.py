"""The shared intake (intake/): every validation rule, idempotent retries, key conflicts, the
duplicate window, bulk storage, and a property test that validate() never crashes nor accepts
ranks or points outside the rules."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicspace.consultations import intake
from civicspace.consultations.intake import Answer, SubmissionData
from civicspace.consultations.models import Consultation, ItemInput, Submission
from civicspace.places.models import AdminUnit

from .fixtures import *  # noqa: F403  (fixtures)
from .fixtures import make_consultation

pytestmark = pytest.mark.django_db


def _validate(consultation: Consultation, data: SubmissionData, *, channel: str = "web",
              now: dt.datetime | None = None) -> dict[str, list[str]]:  # fmt: skip
    return intake.validate(
        consultation, data, items=intake.items_by_code(consultation),
        places=intake.places_by_code([data.place_code]), channel=channel, now=now or timezone.now(),
    )  # fmt: skip


def ok(**overrides: Any) -> SubmissionData:
    values: dict[str, Any] = {
        "answers": [
            Answer("01", comment="More for roads", rank=1, points=60),
            Answer("02", rank=2, points=40),
        ],
        "consent": True,
    }
    return SubmissionData(**{**values, **overrides})


def test_a_complete_valid_submission_has_no_error(open_consultation: Consultation, units: Any) -> None:
    data = ok(gender="woman", age_band="25_34", place_code="171001",
              disability={"seeing": "some", "walking": "none"})  # fmt: skip
    assert _validate(open_consultation, data) == {}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"answers": []}, ""),
        ({"answers": [Answer("01")]}, ""),  # an empty answer counts as nothing
        ({"answers": [Answer("99", comment="x")]}, "answers"),
        ({"answers": [Answer("01", comment="a"), Answer("01", comment="b")]}, "answers"),
        ({"answers": [Answer("01", comment="x" * 2001)]}, "answers"),
        ({"answers": [Answer("01", comment="a\x00b")]}, "answers"),
        ({"answers": [Answer("01", rank=0)]}, "answers"),
        ({"answers": [Answer("01", rank=4)]}, "answers"),  # three items
        ({"answers": [Answer("01", rank=1), Answer("02", rank=1)]}, "answers"),
        ({"answers": [Answer("01", points=-1)]}, "answers"),
        ({"answers": [Answer("01", points=60), Answer("02", points=41)]}, "answers"),
        ({"gender": "robot"}, "gender"),
        ({"age_band": "7"}, "age_band"),
        ({"disability": {"flying": "none"}}, "disability"),
        ({"disability": {"seeing": "blind"}}, "disability"),
        ({"place_code": "999999"}, "place"),
        ({"consent": False}, "consent"),
        ({"idempotency_key": "x" * 101}, "idempotency_key"),
        ({"idempotency_key": "has space"}, "idempotency_key"),
    ],
)
def test_each_rule(open_consultation: Consultation, overrides: dict[str, Any], field: str) -> None:
    errors = _validate(open_consultation, ok(**overrides))
    assert field in errors, errors


def test_questions_not_asked_are_refused(world: Any, units: Any) -> None:
    c = make_consultation(slug="comments-only", authority=world.un_agency, organisers=[],
                          asks_ranking=False, asks_points=False)  # fmt: skip
    errors = _validate(c, ok(answers=[Answer("01", rank=1)]))
    assert "This consultation does not ask for a ranking." in errors["answers"]
    errors = _validate(c, ok(answers=[Answer("01", points=3)]))
    assert "This consultation does not ask for points." in errors["answers"]
    c2 = make_consultation(slug="points-only", authority=world.un_agency, organisers=[],
                           asks_comments=False, asks_ranking=False, consent_en="", consent_km="")  # fmt: skip
    assert "answers" in _validate(c2, ok(answers=[Answer("01", comment="hello")]))
    assert (
        _validate(c2, SubmissionData(answers=[Answer("01", points=3)])) == {}
    )  # no consent text: none needed


def test_a_retired_place_is_refused(open_consultation: Consultation, units: Any) -> None:
    AdminUnit.objects.filter(code="171001").update(is_active=False)
    assert "place" in _validate(open_consultation, ok(place_code="171001"))


def test_only_while_open(world: Any, units: Any) -> None:
    now = timezone.now()
    later = make_consultation(slug="later", authority=world.un_agency, organisers=[],
                              opens_at=now + dt.timedelta(days=1), closes_at=now + dt.timedelta(days=5))  # fmt: skip
    assert "" in _validate(later, ok())
    draft = make_consultation(slug="draft", authority=world.un_agency, organisers=[], publish=False)
    assert "" in _validate(draft, ok())


def test_paper_input_given_while_open_is_accepted_after_closing(world: Any, units: Any) -> None:
    now = timezone.now()
    closed = make_consultation(slug="closed", authority=world.un_agency, organisers=[],
                               opens_at=now - dt.timedelta(days=10), closes_at=now - dt.timedelta(days=2))  # fmt: skip
    given = ok(captured_at=now - dt.timedelta(days=3))
    assert _validate(closed, given, channel="import") == {}
    assert "" in _validate(closed, given, channel="web")  # the web form only while open
    assert "" in _validate(closed, given, channel="import", now=now + dt.timedelta(days=40))  # too late
    assert "captured_at" in _validate(closed, ok(captured_at=now + dt.timedelta(hours=1)), channel="offline")


def test_store_and_idempotent_retry(open_consultation: Consultation, units: Any) -> None:
    data = ok(idempotency_key="key-1", place_code="171001", gender="woman")
    first, created = intake.submission_create(consultation=open_consultation, data=data, channel="web")
    assert created
    assert (first.province_code, first.district_code, first.commune_code) == ("17", "1710", "171001")
    assert first.inputs.count() == 2
    assert first.inputs.get(item__code="01").comment_state == ItemInput.State.PENDING
    assert first.inputs.get(item__code="02").comment_state == ItemInput.State.NONE
    again, created = intake.submission_create(consultation=open_consultation, data=ok(
        idempotency_key="key-1", place_code="171001", gender="woman"), channel="web")  # fmt: skip
    assert not created and again.pk == first.pk
    assert Submission.objects.count() == 1


def test_a_key_reused_for_other_content_is_a_conflict(open_consultation: Consultation) -> None:
    intake.submission_create(consultation=open_consultation, data=ok(idempotency_key="k"), channel="api")
    with pytest.raises(intake.IdempotencyConflict):
        intake.submission_create(consultation=open_consultation, data=ok(idempotency_key="k", gender="man"),
                                 channel="api")  # fmt: skip
    assert Submission.objects.count() == 1


def test_duplicate_window(open_consultation: Consultation) -> None:
    now = timezone.now()
    first, _ = intake.submission_create(consultation=open_consultation, data=ok(idempotency_key="a"),
                                        channel="web", client_hash="c1", now=now)  # fmt: skip
    with pytest.raises(intake.DuplicateSubmission) as caught:
        intake.submission_create(consultation=open_consultation, data=ok(idempotency_key="b"), channel="web",
                                 client_hash="c1", now=now + dt.timedelta(minutes=5))  # fmt: skip
    assert caught.value.existing == first
    # another client, or the same one after the window, is not a duplicate
    intake.submission_create(consultation=open_consultation, data=ok(idempotency_key="c"), channel="web",
                             client_hash="c2", now=now + dt.timedelta(minutes=5))  # fmt: skip
    intake.submission_create(consultation=open_consultation, data=ok(idempotency_key="d"), channel="web",
                             client_hash="c1", now=now + dt.timedelta(minutes=11))  # fmt: skip
    assert Submission.objects.count() == 3


def test_invalid_input_stores_nothing(open_consultation: Consultation) -> None:
    with pytest.raises(ValidationError) as caught:
        intake.submission_create(
            consultation=open_consultation, data=ok(consent=False, gender="x"), channel="web"
        )
    assert set(caught.value.message_dict) == {"consent", "gender"}
    assert not Submission.objects.exists()


def test_bulk_skips_stored_keys_and_refuses_conflicts(open_consultation: Consultation) -> None:
    rows = [ok(idempotency_key=f"row-{n}", age_band="18_24") for n in range(5)]
    first = intake.submissions_bulk_create(consultation=open_consultation, rows=rows, channel="import")
    assert (first.created, first.already_stored, len(first.receipts)) == (5, 0, 5)
    more = [*rows, ok(idempotency_key="row-5")]
    second = intake.submissions_bulk_create(consultation=open_consultation, rows=more, channel="import")
    assert (second.created, second.already_stored) == (1, 5)
    assert ItemInput.objects.count() == 12
    with pytest.raises(intake.IdempotencyConflict):
        intake.submissions_bulk_create(consultation=open_consultation, rows=[ok(idempotency_key="row-0", gender="man")],
                                       channel="import")  # fmt: skip
    with pytest.raises(ValidationError):  # an invalid row: nothing of the batch is stored
        intake.submissions_bulk_create(consultation=open_consultation, rows=[ok(idempotency_key="row-6"),
                                       ok(idempotency_key="row-7", gender="x")], channel="import")  # fmt: skip
    assert Submission.objects.count() == 6


def test_content_hash_ignores_key_order_and_spacing() -> None:
    a = SubmissionData(answers=[Answer("01", comment="a  b"), Answer("02", rank=1)], idempotency_key="x")
    b = SubmissionData(answers=[Answer("02", rank=1), Answer("01", comment="a b")], idempotency_key="y")
    assert a.content_hash() == b.content_hash()


# --- property test ----------------------------------------------------------------------------------------

codes = st.sampled_from(["01", "02", "03", "04", "", " 01", "x" * 50])
answers = st.builds(
    Answer,
    item_code=codes,
    comment=st.text(max_size=30) | st.just("x" * 2001),
    rank=st.none() | st.integers(min_value=-5, max_value=10),
    points=st.none() | st.integers(min_value=-200, max_value=300),
)
datas = st.builds(
    SubmissionData,
    answers=st.lists(answers, max_size=6),
    gender=st.sampled_from(["", "woman", "man", "other", "robot"]),
    age_band=st.sampled_from(["", "18_24", "60_up", "7"]),
    disability=st.dictionaries(
        st.sampled_from(["seeing", "hearing", "flying"]),
        st.sampled_from(["", "none", "a_lot", "blind"]),
        max_size=3,
    ),
    place_code=st.sampled_from(["", "17", "171001", "99"]),
    consent=st.booleans(),
    idempotency_key=st.text(max_size=5) | st.just("k" * 101),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=datas)
def test_validate_never_crashes_nor_accepts_bad_ranks_or_points(open_consultation: Consultation, units: Any,
                                                               data: SubmissionData) -> None:  # fmt: skip
    items = intake.items_by_code(open_consultation)
    places = {u.code: u for u in units.values()}
    errors = intake.validate(open_consultation, data, items=items, places=places, channel="web",
                             now=timezone.now())  # fmt: skip
    if not errors:
        given_answers = [a for a in data.answers if not a.is_empty()]
        ranks = [a.rank for a in given_answers if a.rank is not None]
        points = [a.points for a in given_answers if a.points is not None]
        assert all(1 <= r <= len(items) for r in ranks)
        assert len(ranks) == len(set(ranks))
        assert all(p >= 0 for p in points) and sum(points) <= open_consultation.points_total
        assert all(a.item_code.strip() in items for a in given_answers)
        assert given_answers and data.consent
