"""The one validation of an input, whatever the channel (`validate`: pure, no queries), and the lookups it
needs, made once by the caller: the consultation's items and the places named, by code."""

import datetime as dt
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from civicspace.places.models import AdminUnit
from civicspace.places.selectors import units_by_code

from ..models import BudgetItem, Consultation, Submission
from .data import MAX_COMMENT, MAX_KEY, WG_DOMAINS, SubmissionData

# Input given offline or on paper while the consultation was open may arrive this long after it closed.
LATE_ARRIVAL = dt.timedelta(days=30)
CHANNELS_CAPTURED_EARLIER = {Submission.Channel.IMPORT, Submission.Channel.OFFLINE}
# The choice values, once (TextChoices.values builds a new list at each access; validate() runs per row).
GENDERS = frozenset(Submission.Gender.values)
AGE_BANDS = frozenset(Submission.AgeBand.values)
DIFFICULTIES = frozenset(Submission.Difficulty.values)


def items_by_code(consultation: Consultation) -> dict[str, BudgetItem]:
    return {item.code: item for item in consultation.items.all()}


def places_by_code(codes: Iterable[str]) -> dict[str, AdminUnit]:
    levels = {AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT, AdminUnit.Level.COMMUNE}
    return {code: unit for code, unit in units_by_code(codes).items() if unit.level in levels}


def validate(
    consultation: Consultation,
    data: SubmissionData,
    *,
    items: Mapping[str, BudgetItem],
    places: Mapping[str, AdminUnit],
    channel: str,
    now: dt.datetime,
) -> dict[str, list[str]]:
    """Every problem with this input, by field ("" for the whole submission); empty when it is valid.
    Pure: no queries (the caller passes the consultation's items and the places named)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    # When: open now, or (paper, offline) given while open and arriving soon after.
    when = now
    if channel in CHANNELS_CAPTURED_EARLIER and data.captured_at is not None:
        if data.captured_at > now + dt.timedelta(minutes=5):
            add("captured_at", _("The date it was given is in the future."))
        when = data.captured_at
        if now > consultation.closes_at + LATE_ARRIVAL:
            add("", _("This consultation closed too long ago to accept input given on paper or offline."))
    if consultation.phase_at(when) != Consultation.Phase.OPEN:
        add("", _("This consultation is not open for input."))

    # What: known items, each once, within the questions this consultation asks.
    seen: set[str] = set()
    answers = [a for a in data.answers if not a.is_empty()]
    if not answers:
        add("", _("Say something about at least one budget item."))
    ranks: list[int] = []
    points = 0
    for answer in answers:
        code = answer.item_code.strip()
        if code not in items:
            add("answers", _("There is no budget item with the code %(code)s.") % {"code": code[:40]})
            continue
        if code in seen:
            add("answers", _("Budget item %(code)s is answered twice.") % {"code": code})
        seen.add(code)
        if answer.comment.strip():
            if not consultation.asks_comments:
                add("answers", _("This consultation does not ask for comments."))
            elif len(answer.comment) > MAX_COMMENT:
                add("answers", _("A comment may be at most %(n)d characters.") % {"n": MAX_COMMENT})
            elif "\x00" in answer.comment:
                add("answers", _("A comment contains characters that are not text."))
        if answer.rank is not None:
            if not consultation.asks_ranking:
                add("answers", _("This consultation does not ask for a ranking."))
            elif not 1 <= answer.rank <= len(items):
                add("answers", _("Ranks go from 1 to %(n)d.") % {"n": len(items)})
            else:
                ranks.append(answer.rank)
        if answer.points is not None:
            if not consultation.asks_points:
                add("answers", _("This consultation does not ask for points."))
            elif answer.points < 0:
                add("answers", _("Points cannot be negative."))
            else:
                points += answer.points
    if len(ranks) != len(set(ranks)):
        add("answers", _("Each rank may be given to one item only."))
    if points > consultation.points_total:
        add("answers", _("You shared %(given)d points; there are %(total)d to share.")
            % {"given": points, "total": consultation.points_total})  # fmt: skip

    # Who (optional), where (optional), consent.
    if data.gender and data.gender not in GENDERS:
        add("gender", _("Choose a gender from the list, or leave it empty."))
    if data.age_band and data.age_band not in AGE_BANDS:
        add("age_band", _("Choose an age group from the list, or leave it empty."))
    for domain, value in data.disability.items():
        if domain not in WG_DOMAINS or (value and value not in DIFFICULTIES):
            add(
                "disability",
                _("Answer the questions about difficulties from the lists, or leave them empty."),
            )
            break
    if data.place_code:
        unit = places.get(data.place_code)
        if unit is None or not unit.is_active:  # people from outside the budget's area may answer too
            add("place", _("There is no province, district or commune with the code %(code)s.")
                % {"code": data.place_code[:10]})  # fmt: skip
    if (consultation.consent_en or consultation.consent_km) and not data.consent:
        add("consent", _("Please read the consent text and agree to it to send your input."))
    if len(data.idempotency_key) > MAX_KEY or any(ord(c) < 33 or ord(c) > 126 for c in data.idempotency_key):
        add("idempotency_key", _("The idempotency key must be at most 100 printable ASCII characters."))
    return errors
