"""Who may speak for which organisation (`selectors.organisations_user_speaks_for` and its id form):
every role × every organisation kind, for each way the apps ask the question.

Organisations: `own` (a CSO: the member and the focal point), `other` (a CSO nobody belongs to),
`coal` (a coalition: the secretariat), `agency` (a UN agency: the UN focal point) and `ministry`
(a government body nobody belongs to). The admin belongs to none."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civicspace.core.predicates import is_platform_admin
from civicspace.organisations import selectors, services
from civicspace.organisations.models import Membership, Organisation
from civicspace.organisations.predicates import is_secretariat
from conftest import ROLES, World

ANON, MEMBER, FOCAL, SECRETARIAT, UN, ADMIN = ROLES
ALL = {"own", "other", "coal", "agency", "ministry"}
CSO = {"own", "other", "coal"}
FOCAL_POINTS = selectors.FOCAL_POINTS

# question -> the selector's arguments (the callers that ask it)
QUESTIONS: dict[str, dict[str, Any]] = {
    # organisations.is_member_of; recommendations.is_addressee_member, is_raiser_member
    "any membership": {},
    # organisations.is_focal_point_of; recommendations.is_addressee_focal_point; the tracker API
    "focal point": {"roles": FOCAL_POINTS},
    # recommendations.is_cso_member (who may comment)
    "civil society": {"kinds": selectors.CSO_KINDS},
    # organisations.is_un_focal_point
    "UN focal point": {"roles": FOCAL_POINTS, "kinds": [Organisation.Kind.UN_AGENCY]},
    # organisations.is_secretariat
    "secretariat": {"roles": [Membership.Role.SECRETARIAT]},
    # the tracker's response and progress pages (among an ask's addressees): admins answer for all
    "focal point, admins for all": {"roles": FOCAL_POINTS, "all_for": is_platform_admin},
    # the tracker's assessment page: admins and the secretariat assess for any CSO
    "civil society, admins and secretariat for all": {
        "kinds": selectors.CSO_KINDS,
        "all_for": is_platform_admin | is_secretariat,
    },
}

# role -> question -> the organisations the role speaks for
MATRIX: dict[str, dict[str, set[str]]] = {
    ANON: {question: set() for question in QUESTIONS},
    MEMBER: {
        "any membership": {"own"}, "focal point": set(), "civil society": {"own"}, "UN focal point": set(),
        "secretariat": set(), "focal point, admins for all": set(),
        "civil society, admins and secretariat for all": {"own"},
    },
    FOCAL: {
        "any membership": {"own"}, "focal point": {"own"}, "civil society": {"own"}, "UN focal point": set(),
        "secretariat": set(), "focal point, admins for all": {"own"},
        "civil society, admins and secretariat for all": {"own"},
    },
    SECRETARIAT: {
        "any membership": {"coal"}, "focal point": set(), "civil society": {"coal"}, "UN focal point": set(),
        "secretariat": {"coal"}, "focal point, admins for all": set(),
        "civil society, admins and secretariat for all": CSO,
    },
    UN: {
        "any membership": {"agency"}, "focal point": {"agency"}, "civil society": set(),
        "UN focal point": {"agency"}, "secretariat": set(), "focal point, admins for all": {"agency"},
        "civil society, admins and secretariat for all": set(),
    },
    ADMIN: {
        "any membership": set(), "focal point": set(), "civil society": set(), "UN focal point": set(),
        "secretariat": set(), "focal point, admins for all": ALL,
        "civil society, admins and secretariat for all": CSO,
    },
}  # fmt: skip


@pytest.fixture
def ministry(world: World) -> Organisation:
    return services.organisation_create(
        actor=None, slug="ministry", kind="government", name_en="Ministry of Interior", acronym_en="MOI"
    )


def _user(world: World, role: str) -> Any:
    return world.users[role] or AnonymousUser()


def test_the_matrix_covers_every_role_and_question() -> None:
    assert set(MATRIX) == set(ROLES)
    assert all(set(answers) == set(QUESTIONS) for answers in MATRIX.values())


CASES = [(role, question) for role in ROLES for question in QUESTIONS]


@pytest.mark.parametrize(("role", "question"), CASES)
def test_who_speaks_for_which_organisation(
    world: World, ministry: Organisation, role: str, question: str
) -> None:
    user, arguments = _user(world, role), QUESTIONS[question]
    expected = MATRIX[role][question]
    found = list(selectors.organisations_user_speaks_for(user=user, **arguments))
    assert {o.slug for o in found} == expected, f"{role} / {question}"
    assert [o.name_en for o in found] == sorted(o.name_en for o in found)  # by English name
    if "all_for" not in arguments:  # the id form gives the same answer
        ids = selectors.organisation_ids_user_speaks_for(user=user, **arguments)
        assert ids == {o.pk for o in found}


@pytest.mark.parametrize("role", ROLES)
def test_only_among_the_organisations_given(world: World, ministry: Organisation, role: str) -> None:
    """An ask addressed to the UN agency and the ministry: the UN focal point answers for the agency,
    an admin (`all_for`) for both, nobody else for either."""
    among = Organisation.objects.filter(slug__in=["agency", "ministry"])
    found = selectors.organisations_user_speaks_for(
        user=_user(world, role), roles=FOCAL_POINTS, among=among, all_for=is_platform_admin
    )
    expected = {UN: ["agency"], ADMIN: ["agency", "ministry"]}.get(role, [])
    assert [o.slug for o in found] == expected


def test_memberships_are_read_once_per_user(world: World) -> None:
    user = world.users[FOCAL]
    speaks_for: Callable[..., frozenset[int]] = selectors.organisation_ids_user_speaks_for
    with CaptureQueriesContext(connection) as queries:
        assert speaks_for(user=user) == {world.own.pk}
        assert speaks_for(user=user, roles=FOCAL_POINTS) == {world.own.pk}
        assert speaks_for(user=user, kinds=[Organisation.Kind.UN_AGENCY]) == set()
    assert len(queries.captured_queries) == 1
    with CaptureQueriesContext(connection) as queries:
        assert speaks_for(user=AnonymousUser()) == set()
        assert not selectors.organisations_user_speaks_for(user=AnonymousUser()).exists()
    assert len(queries.captured_queries) == 0  # no membership, nothing to ask the database
