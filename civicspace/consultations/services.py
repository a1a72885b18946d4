"""Writes to consultations: the consultation and its items, its phase, the moderation of comments and
the authority's response. Each runs in a transaction and writes its audit row there.

Citizens' submissions are not written here but by `intake.submission_create` /
`intake.submissions_bulk_create`, shared by every channel; they get no audit row (ADR 0014)."""

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicspace.core.audit import audit_record, diff, snapshot
from civicspace.core.services import check_fields, model_create, model_delete, model_update
from civicspace.organisations.models import Organisation

from .models import BudgetItem, Consultation, ItemInput, ItemResponse

CONSULTATION_FIELDS = (
    "slug", "title_en", "title_km", "summary_en", "summary_km", "fiscal_year", "level", "unit", "authority",
    "asks_comments", "asks_ranking", "asks_points", "points_total", "consent_en", "consent_km", "opens_at",
    "closes_at",
)  # fmt: skip
# Once published, people have answered the questions as they were: only the wording of the title and
# summary and the closing date (to extend the input phase) may still change.
EDITABLE_AFTER_DRAFT = ("title_en", "title_km", "summary_en", "summary_km", "closes_at")
# Path segments next to the consultations' slugs (`/consultations/new/`, `/api/v1/consultations/sms/`).
RESERVED_SLUGS = frozenset({"new", "sms"})
ITEM_FIELDS = ("code", "title_en", "title_km", "amount_khr", "explanation_en", "explanation_km", "order")


def _whole_riel(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "").replace("_", "").strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            {"amount_khr": _("Give the amount in whole riel, for example 1500000.")}
        ) from exc
    if not amount.is_finite() or amount != amount.to_integral_value():
        raise ValidationError({"amount_khr": _("Give the amount in whole riel, without decimals.")})
    if amount < 0:
        raise ValidationError({"amount_khr": _("An amount cannot be negative.")})
    return amount.quantize(Decimal(1))


def _clean_item_fields(fields: dict[str, Any]) -> dict[str, Any]:
    check_fields(fields, ITEM_FIELDS, "budget item")
    if "amount_khr" in fields:
        fields["amount_khr"] = _whole_riel(fields["amount_khr"])
    if "code" in fields:
        fields["code"] = str(fields["code"]).strip()
    return fields


def _check_draft(consultation: Consultation) -> None:
    if consultation.state != Consultation.State.DRAFT:
        raise ValidationError(
            _("Budget items can only be changed while the consultation is a draft (before it is published).")
        )


def _check_item_code_free(consultation: Consultation, code: str, *, exclude: int | None = None) -> None:
    others = BudgetItem.objects.filter(consultation=consultation, code=code)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise ValidationError(
            {"code": _("Another item of this budget has the code %(code)s.") % {"code": code}}
        )


def _check_slug(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This address is reserved; choose another.")})


# --- consultations --------------------------------------------------------------------------------------


@transaction.atomic
def consultation_create(
    *,
    actor: Any,
    organisers: Iterable[Organisation] = (),
    items: Iterable[Mapping[str, Any]] = (),
    **fields: Any,
) -> Consultation:
    """A new consultation, as a draft, with its organisers and (optionally) its budget items."""
    check_fields(fields, CONSULTATION_FIELDS, "consultation")
    _check_slug(fields.get("slug", ""))
    consultation = Consultation(**fields)
    consultation.full_clean()
    consultation.save()
    consultation.organisers.set(list(organisers))
    audit_record(actor=actor, action="create", target=consultation, changes=diff({}, snapshot(consultation)))
    for order, item in enumerate(items, start=1):
        item_add(consultation=consultation, actor=actor, **{"order": order, **item})
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    actor: Any,
    organisers: Iterable[Organisation] | None = None,
    **fields: Any,
) -> Consultation:
    """Change a consultation's fields (and, if given, its organisers). After the draft, only the title,
    summary and closing date may change: the questions people answered stay as they were."""
    check_fields(fields, CONSULTATION_FIELDS, "consultation")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.state != Consultation.State.DRAFT:
        frozen = {
            name
            for name, value in fields.items()
            if name not in EDITABLE_AFTER_DRAFT and getattr(consultation, name) != value
        }
        if frozen:
            raise ValidationError(
                _("Once published, only the title, the summary and the closing date can change.")
            )
        if "closes_at" in fields and consultation.state != Consultation.State.PUBLISHED:
            raise ValidationError(
                {"closes_at": _("The closing date cannot change once results are published.")}
            )
    if "slug" in fields:
        _check_slug(fields["slug"])
    relations: dict[str, Iterable[Any]] | None = None
    if organisers is not None:
        relations = {"organisers": list(organisers)}
    return model_update(instance=consultation, actor=actor, fields=fields, relations=relations)[0]


@transaction.atomic
def consultation_transition(
    *, consultation: Consultation, to: str, actor: Any, now: dt.datetime | None = None
) -> Consultation:
    """Move a consultation to another state (Consultation.ALLOWED_TRANSITIONS): publish a draft (it needs
    at least one item), take it back to draft (only before anyone gave input), publish the results (only
    after input closed), then publish the authority's response."""
    now = now or timezone.now()
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    current = consultation.state
    State = Consultation.State
    if to not in State.values or to not in consultation.ALLOWED_TRANSITIONS[current]:
        raise ValidationError(
            _("A consultation cannot go from “%(current)s” to “%(to)s”.")
            % {"current": State(current).label, "to": State(to).label if to in State.values else to}
        )
    stamps: dict[str, Any] = {}
    if to == State.PUBLISHED:
        if not consultation.items.exists():
            raise ValidationError(_("Add at least one budget item before publishing the consultation."))
        stamps["published_at"] = now
    elif to == State.DRAFT:
        if consultation.submissions.exists():
            raise ValidationError(
                _("People have already given input: the consultation cannot go back to draft.")
            )
        stamps["published_at"] = None
    elif to == State.RESULTS:
        if now < consultation.closes_at:
            raise ValidationError(_("Results can be published only after input has closed."))
        stamps["results_published_at"] = now
    elif to == State.RESPONSE:
        stamps["response_published_at"] = now
    for name, value in {"state": to, **stamps}.items():
        setattr(consultation, name, value)
    consultation.full_clean()
    consultation.save(update_fields=["state", *stamps, "updated_at"])
    changes: dict[str, Any] = {"state": [current, to]}
    changes.update({name: [None, str(value) if value else None] for name, value in stamps.items()})
    audit_record(actor=actor, action="update", target=consultation, changes=changes)
    return consultation


# --- budget items ---------------------------------------------------------------------------------------


@transaction.atomic
def item_add(*, consultation: Consultation, actor: Any, **fields: Any) -> BudgetItem:
    _check_draft(consultation)
    fields = _clean_item_fields(fields)
    _check_item_code_free(consultation, fields.get("code", ""))
    if "order" not in fields:
        fields["order"] = consultation.items.count() + 1
    return model_create(instance=BudgetItem(consultation=consultation, **fields), actor=actor)


@transaction.atomic
def item_update(*, item: BudgetItem, actor: Any, **fields: Any) -> BudgetItem:
    _check_draft(item.consultation)
    fields = _clean_item_fields(fields)
    if "code" in fields:
        _check_item_code_free(item.consultation, fields["code"], exclude=item.pk)
    return model_update(instance=item, actor=actor, fields=fields)[0]


@transaction.atomic
def item_delete(*, item: BudgetItem, actor: Any) -> None:
    _check_draft(item.consultation)
    model_delete(instance=item, actor=actor)


# --- moderation and the authority's response ------------------------------------------------------------


@transaction.atomic
def comment_moderate(*, item_input: ItemInput, publish: bool, reason: str, actor: Any) -> ItemInput:
    """Publish a comment or keep it unpublished, with the reason, who decided and when. A decision can
    be revisited (a rejected comment published after all), and each one is in the audit log."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why, so other moderators and the public record know.")})
    if not item_input.comment:
        raise ValidationError(_("There is no comment to moderate."))
    state = ItemInput.State.PUBLISHED if publish else ItemInput.State.REJECTED
    return model_update(
        instance=item_input,
        actor=actor,
        fields={
            "comment_state": state,
            "moderation_reason": reason.strip()[:300],
            "moderated_by": actor,
            "moderated_at": timezone.now(),
        },
    )[0]


RESPONSE_PHASES = {Consultation.Phase.CLOSED, Consultation.Phase.RESULTS, Consultation.Phase.RESPONSE}


@transaction.atomic
def item_response_set(*, item: BudgetItem, text_en: str, text_km: str, actor: Any) -> ItemResponse:
    """The budget authority's answer on one item, written once input has closed and published with the
    response phase. Setting it again replaces the text (the audit log keeps the earlier one)."""
    if item.consultation.phase not in RESPONSE_PHASES:
        raise ValidationError(_("The authority responds once input has closed."))
    text_en, text_km = (text_en or "").strip(), (text_km or "").strip()
    if not text_en and not text_km:
        raise ValidationError(_("Write the response in English, in Khmer, or in both."))
    existing = ItemResponse.objects.select_for_update().filter(item=item).first()
    if existing is None:
        return model_create(
            instance=ItemResponse(item=item, text_en=text_en, text_km=text_km, responded_by=actor),
            actor=actor,
        )
    return model_update(
        instance=existing, actor=actor, fields={"text_en": text_en, "text_km": text_km, "responded_by": actor}
    )[0]
