"""The consultation services (items, phases, moderation, the authority's response) and the phase rules,
with time frozen."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from civicspace.consultations import intake, services
from civicspace.consultations.intake import Answer, SubmissionData
from civicspace.consultations.models import BudgetItem, Consultation, ItemInput, ItemResponse
from civicspace.core.models import AuditEntry

from .fixtures import *  # noqa: F403  (fixtures)
from .fixtures import PP, make_consultation

pytestmark = pytest.mark.django_db

OPENS = dt.datetime(2030, 3, 1, 8, tzinfo=PP)
CLOSES = dt.datetime(2030, 3, 31, 17, tzinfo=PP)


@pytest.fixture
def dated(world: Any, units: Any) -> Consultation:
    with time_machine.travel(OPENS - dt.timedelta(days=10), tick=False):
        return make_consultation(slug="dated", authority=world.un_agency, organisers=[world.own],
                                 opens_at=OPENS, closes_at=CLOSES)  # fmt: skip


def _audits(target: Any) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(object_id=str(target.pk), content_type__model=target._meta.model_name)
    )


@pytest.mark.parametrize(
    ("moment", "phase"),
    [
        (OPENS - dt.timedelta(seconds=1), "information"),
        (OPENS, "open"),
        (CLOSES - dt.timedelta(seconds=1), "open"),
        (CLOSES, "closed"),
        (CLOSES + dt.timedelta(days=90), "closed"),
    ],
)
def test_phase_follows_the_dates_while_published(
    dated: Consultation, moment: dt.datetime, phase: str
) -> None:
    with time_machine.travel(moment, tick=False):
        assert Consultation.objects.get(pk=dated.pk).phase == phase
        assert dated.phase_at(moment) == phase


def test_the_whole_life_of_a_consultation(dated: Consultation, world: Any) -> None:
    admin = world.users["admin"]
    with time_machine.travel(OPENS + dt.timedelta(days=1), tick=False):
        with pytest.raises(ValidationError, match="only after input has closed"):
            services.consultation_transition(consultation=dated, to="results", actor=admin)
        with pytest.raises(ValidationError, match="responds once input has closed"):
            services.item_response_set(item=dated.items.get(code="01"), text_en="x", text_km="", actor=admin)
        intake.submission_create(consultation=dated, channel="web",
                                 data=SubmissionData(answers=[Answer("01", comment="Roads!")], consent=True))  # fmt: skip
        with pytest.raises(ValidationError, match="cannot go back to draft"):
            services.consultation_transition(consultation=dated, to="draft", actor=admin)
        with pytest.raises(ValidationError, match="cannot go from"):
            services.consultation_transition(consultation=dated, to="response", actor=admin)
    with time_machine.travel(CLOSES + dt.timedelta(hours=1), tick=False):
        dated = services.consultation_transition(consultation=dated, to="results", actor=admin)
        assert dated.phase == "results" and dated.results_published_at == timezone.now()
        item = dated.items.get(code="01")
        response = services.item_response_set(item=item, text_en="We will add 10%.", text_km="", actor=admin)
        again = services.item_response_set(item=item, text_en="We will add 12%.", text_km="យើងនឹងបន្ថែម ១២%។",
                                           actor=admin)  # fmt: skip
        assert again.pk == response.pk and ItemResponse.objects.count() == 1
        assert [a.action for a in _audits(again)] == ["update", "create"]
        dated = services.consultation_transition(consultation=dated, to="response", actor=admin)
        assert dated.phase == "response"
        with pytest.raises(ValidationError):
            services.consultation_transition(consultation=dated, to="results", actor=admin)
    states = [a.changes["state"] for a in _audits(dated) if "state" in a.changes]
    assert states == [
        ["results", "response"],
        ["published", "results"],
        ["draft", "published"],
        [None, "draft"],
    ]


def test_publishing_needs_an_item_and_back_to_draft_before_input(world: Any, units: Any) -> None:
    empty = make_consultation(slug="empty", authority=world.un_agency, organisers=[], items=[], publish=False)
    with pytest.raises(ValidationError, match="at least one budget item"):
        services.consultation_transition(consultation=empty, to="published", actor=None)
    services.item_add(consultation=empty, actor=None, code="A", title_en="A", amount_khr=1)
    published = services.consultation_transition(consultation=empty, to="published", actor=None)
    assert published.published_at is not None
    draft = services.consultation_transition(consultation=published, to="draft", actor=None)
    assert draft.state == "draft" and draft.published_at is None


def test_items_change_only_while_draft_and_amounts_are_whole_riel(world: Any, units: Any) -> None:
    c = make_consultation(slug="items", authority=world.un_agency, organisers=[], publish=False, items=[])
    item = services.item_add(consultation=c, actor=world.users["admin"], code="X1", title_km="ផ្លូវ",
                             amount_khr="1,500,000")  # fmt: skip
    assert item.amount_khr == 1_500_000 and item.order == 1
    for bad in ("-1", "1.5", "abc", "NaN"):
        with pytest.raises(ValidationError):
            services.item_update(item=item, actor=None, amount_khr=bad)
    with pytest.raises(ValidationError, match="Another item"):
        services.item_add(consultation=c, actor=None, code="X1", title_en="Again", amount_khr=1)
    with pytest.raises(ValidationError):
        services.item_add(consultation=c, actor=None, code="X2", amount_khr=1)  # no title at all
    services.item_update(item=item, actor=None, title_en="Roads", amount_khr=2_000_000)
    item.refresh_from_db()
    assert item.title_en == "Roads" and item.amount_khr == 2_000_000
    assert [a.action for a in _audits(item)] == ["update", "create"]
    c = services.consultation_transition(consultation=c, to="published", actor=None)
    item.refresh_from_db()
    for attempt in (
        lambda: services.item_add(consultation=c, actor=None, code="X3", title_en="Late", amount_khr=1),
        lambda: services.item_update(item=item, actor=None, title_en="Changed"),
        lambda: services.item_delete(item=item, actor=None),
    ):
        with pytest.raises(ValidationError, match="only be changed while"):
            attempt()
    assert BudgetItem.objects.filter(consultation=c).count() == 1


def test_item_delete_while_draft(world: Any, units: Any) -> None:
    c = make_consultation(slug="del", authority=world.un_agency, organisers=[], publish=False)
    item = c.items.get(code="03")
    pk = item.pk
    services.item_delete(item=item, actor=world.users["admin"])
    assert not BudgetItem.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(pk)).exists()


def test_update_after_publishing_is_limited(open_consultation: Consultation, world: Any) -> None:
    services.consultation_update(consultation=open_consultation, actor=None, title_en="New title",
                                 closes_at=open_consultation.closes_at + dt.timedelta(days=3))  # fmt: skip
    with pytest.raises(ValidationError, match="only the title"):
        services.consultation_update(consultation=open_consultation, actor=None, asks_points=False)
    with pytest.raises(ValidationError, match="only the title"):
        services.consultation_update(consultation=open_consultation, actor=None, consent_en="Changed")
    open_consultation.refresh_from_db()
    assert open_consultation.title_en == "New title" and open_consultation.asks_points


def test_create_checks_the_model_rules(world: Any, units: Any) -> None:
    now = timezone.now()
    base = {"slug": "bad", "authority": world.un_agency, "fiscal_year": 2030, "title_en": "T",
            "opens_at": now, "closes_at": now + dt.timedelta(days=1)}  # fmt: skip
    with pytest.raises(ValidationError):  # a commune budget needs its commune
        services.consultation_create(actor=None, level="commune", **base)
    with pytest.raises(ValidationError):  # closes before it opens
        services.consultation_create(actor=None, level="national", **{**base, "closes_at": now})
    with pytest.raises(ValidationError):  # asks nothing
        services.consultation_create(actor=None, level="national", asks_comments=False, **base)
    made = services.consultation_create(actor=world.users["admin"], level="commune", unit=units["commune"],
                                        organisers=[world.own], **base)  # fmt: skip
    entry = AuditEntry.objects.get(object_id=str(made.pk), content_type__model="consultation")
    assert entry.action == "create" and entry.changes["organisers"] == [None, [world.own.pk]]
    assert made.state == "draft"


def test_comment_moderation_records_reason_actor_and_time(
    open_consultation: Consultation, world: Any
) -> None:
    submission, _ = intake.submission_create(
        consultation=open_consultation, channel="web",
        data=SubmissionData(answers=[Answer("01", comment="Fix the bridge"), Answer("02", rank=1)], consent=True),
    )  # fmt: skip
    comment = submission.inputs.get(item__code="01")
    moderator = world.users["member"]
    with pytest.raises(ValidationError):
        services.comment_moderate(item_input=comment, publish=True, reason="  ", actor=moderator)
    with pytest.raises(ValidationError, match="no comment"):
        services.comment_moderate(item_input=submission.inputs.get(item__code="02"), publish=True, reason="ok",
                                  actor=moderator)  # fmt: skip
    services.comment_moderate(item_input=comment, publish=True, reason="On topic", actor=moderator)
    comment.refresh_from_db()
    assert comment.comment_state == ItemInput.State.PUBLISHED
    assert (comment.moderation_reason, comment.moderated_by) == ("On topic", moderator)
    assert comment.moderated_at is not None
    services.comment_moderate(item_input=comment, publish=False, reason="Names a person", actor=moderator)
    comment.refresh_from_db()
    assert comment.comment_state == ItemInput.State.REJECTED
    assert len(_audits(comment)) == 2


def test_no_audit_row_per_citizen_submission(open_consultation: Consultation) -> None:
    before = AuditEntry.objects.count()
    intake.submission_create(consultation=open_consultation, channel="web",
                             data=SubmissionData(answers=[Answer("01", rank=1)], consent=True))  # fmt: skip
    assert AuditEntry.objects.count() == before


def test_reserved_slugs_are_refused(world: Any, units: Any) -> None:
    with pytest.raises(ValidationError, match="reserved"):
        make_consultation(slug="sms", authority=world.un_agency, organisers=[])
