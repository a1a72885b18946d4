"""Every tracker permission, for every role, against the asks that matter: one addressed to the UN
agency (whose focal point is the UN focal point) and raised by the coalition (whose secretariat is the
secretariat) and by the member's organisation; and one that concerns nobody in the test."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from rules.permissions import permissions as registered_permissions

from civicspace.recommendations import services
from conftest import ROLES, World

ANON, MEMBER, FOCAL, SECRETARIAT, UN, ADMIN = ROLES
EVERYONE = set(ROLES)
CURATORS = {SECRETARIAT, ADMIN}

MATRIX: dict[str, dict[str, set[str]]] = {
    "recommendations.view_ask": {"none": EVERYONE, "ours": EVERYONE, "other": EVERYONE},
    "recommendations.add_ask": {"none": CURATORS},
    "recommendations.change_ask": {"ours": CURATORS, "other": CURATORS},
    "recommendations.delete_ask": {"ours": {ADMIN}, "other": {ADMIN}},
    "recommendations.merge_asks": {"ours": CURATORS, "other": CURATORS},
    "recommendations.import_asks": {"none": CURATORS},
    "recommendations.respond_ask": {"ours": {UN, ADMIN}, "other": {ADMIN}},
    "recommendations.report_progress": {"ours": {UN, ADMIN}, "other": {ADMIN}},
    "recommendations.assess_ask": {"ours": CURATORS | {MEMBER, FOCAL}, "other": CURATORS},
    # any member of a civil society organisation or coalition may comment (moderated)
    "recommendations.comment_ask": {
        "none": {MEMBER, FOCAL, SECRETARIAT},
        "ours": {MEMBER, FOCAL, SECRETARIAT},
    },
    "recommendations.moderate_comments": {"none": CURATORS},
    "recommendations.view_restricted_evidence": {"ours": CURATORS | {MEMBER, FOCAL, UN}, "other": CURATORS},
}


def test_every_tracker_permission_has_a_matrix() -> None:
    ours = {name for name in registered_permissions if name.startswith("recommendations.")}
    assert ours == set(MATRIX)


@pytest.fixture
def asks(world: World) -> dict[str, Any]:
    ours = services.ask_create(
        actor=None, text_en="Ours", addressees=[world.un_agency], raised_by=[world.coalition, world.own]
    )
    other = services.ask_create(actor=None, text_en="Someone else's", addressees=[world.other])
    return {"none": None, "ours": ours, "other": other}


CASES = [(perm, target, role) for perm, ts in MATRIX.items() for target in ts for role in ROLES]


@pytest.mark.parametrize(("perm", "target", "role"), CASES)
def test_tracker_permission_matrix(
    perm: str, target: str, role: str, world: World, asks: dict[str, Any]
) -> None:
    user: Any = world.users[role] or AnonymousUser()
    expected = role in MATRIX[perm][target]
    assert user.has_perm(perm, asks[target]) is expected, f"{role} / {perm} / {target}"
