"""Who may act for which organisation in the tracker: the one rule, used by every write path (the pages'
forms offer only these organisations; the services refuse any other, for the pages and the API alike).

An organisation is spoken for only by the people who represent it (`organisations.selectors`, the one
answer on memberships):

- as an addressee of the ask (a response, a commitment, a progress report), by its focal points;
- as civil society (an assessment), by its members, for a CSO or a coalition.

A platform admin may record for any organisation in that capacity: the records of letters and meetings
that reach the secretariat on paper. Everything is audited with the person who recorded it. A write
without an actor (`actor=None`) is the platform's own: the demo data, a management command."""

from enum import Enum
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from civicspace.core.predicates import is_platform_admin
from civicspace.organisations.models import Organisation
from civicspace.organisations.selectors import CSO_KINDS, FOCAL_POINTS, organisations_user_speaks_for

from .models import Ask


class NotTheirs(PermissionDenied):
    """The actor does not represent the organisation named in the record (API code `not_your_organisation`)."""

    code = "not_your_organisation"


class Capacity(Enum):
    ADDRESSEE = "addressee"  # responds, commits, reports progress
    CIVIL_SOCIETY = "civil_society"  # assesses


def organisations_acting_as(*, user: Any, ask: Ask, capacity: Capacity) -> QuerySet[Organisation]:
    """The organisations `user` may act for on `ask` in `capacity`, by English name."""
    if capacity is Capacity.ADDRESSEE:
        return organisations_user_speaks_for(
            user=user, roles=FOCAL_POINTS, among=ask.addressees.all(), all_for=is_platform_admin
        )
    return organisations_user_speaks_for(user=user, kinds=CSO_KINDS, all_for=is_platform_admin)


def check_acts_for(
    *,
    actor: Any,
    ask: Ask,
    organisation: Organisation | None,
    capacity: Capacity,
    field: str = "organisation",
) -> None:
    """Refuse a record that names an organisation its author does not represent in `capacity`: a
    ValidationError when the organisation cannot act in that capacity at all (not an addressee of the
    ask, not civil society), PermissionDenied when it can but the actor does not speak for it."""
    if organisation is None:
        if actor is None:
            return
        raise ValidationError({field: _("Say which organisation this is for.")}, code="organisation_required")
    if capacity is Capacity.ADDRESSEE and not ask.addressees.filter(pk=organisation.pk).exists():
        raise ValidationError({field: _("Only an addressee of the ask can respond to it, commit or report on it.")},
                              code="not_addressee")  # fmt: skip
    if capacity is Capacity.CIVIL_SOCIETY and organisation.kind not in CSO_KINDS:
        raise ValidationError({field: _("Only a civil society organisation or coalition can assess an ask.")},
                              code="not_civil_society")  # fmt: skip
    if actor is None:
        return
    if (
        not organisations_acting_as(user=actor, ask=ask, capacity=capacity)
        .filter(pk=organisation.pk)
        .exists()
    ):
        raise NotTheirs(
            _("You do not represent %(organisation)s, so you cannot record this in its name.")
            % {"organisation": organisation.acronym or organisation.name},
        )
