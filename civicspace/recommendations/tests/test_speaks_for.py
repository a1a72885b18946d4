"""The organisations a user may choose on the tracker's forms, for every role: whom they answer for
(response and progress pages) and whom they assess for (assessment page). Both come from
`recommendations.acting` (the one rule), over `organisations.selectors.organisations_user_speaks_for`."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from civicspace.organisations import services as org_services
from civicspace.recommendations import services
from civicspace.recommendations.acting import Capacity, organisations_acting_as
from conftest import ROLES, World

ANON, MEMBER, FOCAL, SECRETARIAT, UN, ADMIN = ROLES

# role -> (answers for, of the ask's addressees; assesses for), by English name
EXPECTED: dict[str, tuple[list[str], list[str]]] = {
    ANON: ([], []),
    MEMBER: ([], ["own"]),
    FOCAL: ([], ["own"]),
    SECRETARIAT: ([], ["coal"]),  # its own coalition, not the coalition's members
    UN: (["agency"], []),
    ADMIN: (["agency", "ministry"], ["coal", "other", "own"]),  # any addressee, any CSO
}


@pytest.mark.parametrize("role", ROLES)
def test_whom_each_role_answers_and_assesses_for(world: World, role: str) -> None:
    ministry = org_services.organisation_create(
        actor=None, slug="ministry", kind="government", name_en="Ministry of Interior"
    )
    ask = services.ask_create(
        actor=None, text_en="Free the press.", addressees=[ministry, world.un_agency], raised_by=[world.own]
    )
    user: Any = world.users[role] or AnonymousUser()
    answering, assessing = EXPECTED[role]
    answers = organisations_acting_as(user=user, ask=ask, capacity=Capacity.ADDRESSEE)
    assesses = organisations_acting_as(user=user, ask=ask, capacity=Capacity.CIVIL_SOCIETY)
    assert [o.slug for o in answers] == answering
    assert [o.slug for o in assesses] == assessing
