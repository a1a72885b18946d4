"""Every django-rules permission, checked for every role against every kind of record.

The table below is docs/roles-and-permissions.md in code. A permission registered in a rules.py
without a row here fails `test_every_permission_has_a_matrix`."""

from typing import Any

import pytest
from rules.permissions import permissions as registered_permissions

from conftest import ROLES, World

ANON, MEMBER, FOCAL, SECRETARIAT, UN, ADMIN = ROLES
NOBODY: set[str] = set()
EVERYONE = set(ROLES)

# permission -> target -> roles that hold it. Targets: "none" (no object), "own" (the organisation
# the member and the focal point belong to), "other" (an organisation nobody in the test belongs to).
MATRIX: dict[str, dict[str, set[str]]] = {
    "organisations.view_organisation": {"none": EVERYONE, "own": EVERYONE, "other": EVERYONE},
    "organisations.add_organisation": {"none": {SECRETARIAT, ADMIN}},
    "organisations.change_organisation": {"none": {ADMIN}, "own": {FOCAL, ADMIN}, "other": {ADMIN}},
    "organisations.delete_organisation": {"none": {ADMIN}, "own": {ADMIN}, "other": {ADMIN}},
    "organisations.manage_members": {"none": {ADMIN}, "own": {FOCAL, ADMIN}, "other": {ADMIN}},
    "organisations.view_private_contacts": {"none": {ADMIN}, "own": {MEMBER, FOCAL, ADMIN}, "other": {ADMIN}},
    "core.view_auditentry": {"none": {ADMIN}},
}


def test_every_permission_has_a_matrix() -> None:
    ours = {name for name in registered_permissions if name.split(".")[0] in {"organisations", "core"}}
    assert ours == set(MATRIX), f"add rows for {ours - set(MATRIX)} / remove {set(MATRIX) - ours}"


CASES = [(perm, target, role) for perm, targets in MATRIX.items() for target in targets for role in ROLES]


@pytest.mark.parametrize(("perm", "target", "role"), CASES)
def test_permission_matrix(perm: str, target: str, role: str, world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    user: Any = world.users[role] or AnonymousUser()
    obj = {"none": None, "own": world.own, "other": world.other}[target]
    expected = role in MATRIX[perm][target]
    assert user.has_perm(perm, obj) is expected, (
        f"{role} {'should' if expected else 'should not'} have {perm} on {target}"
    )


def test_roles_on_their_own_coalition_and_agency(world: World) -> None:
    """The secretariat convenes dialogues; editing the coalition's profile needs its focal point.
    A UN agency focal point is its agency's focal point, so manages that agency's profile only."""
    assert not world.users[SECRETARIAT].has_perm("organisations.change_organisation", world.coalition)
    assert world.users[UN].has_perm("organisations.change_organisation", world.un_agency)
    assert world.users[UN].has_perm("organisations.manage_members", world.un_agency)
    assert not world.users[UN].has_perm("organisations.change_organisation", world.own)
