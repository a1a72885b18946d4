"""Every consultation permission, for every role, against the consultations that matter:

- "ours": open, organised by `own` (the member's and the focal point's organisation); its budget
  authority is the UN agency, so the UN focal point speaks for the authority;
- "other": open, organised by `other` (nobody's), authority the ministry (nobody's);
- "draft": a draft organised by `own`;
- "other_draft": a draft organised by `other`;
- "closed": closed for input, organised by `own`;
- "none": no consultation (list pages, creating one)."""

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rules.permissions import permissions as registered_permissions

from civicspace.consultations import rules as core_rules
from civicspace.consultations import selectors
from conftest import ROLES, World

from .fixtures import *  # noqa: F403  (fixtures)
from .fixtures import make_consultation

ANON, MEMBER, FOCAL, SECRETARIAT, UN, ADMIN = ROLES
EVERYONE = set(ROLES)
NOBODY: set[str] = set()
CURATORS = {SECRETARIAT, ADMIN}
OWN_MANAGERS = CURATORS | {MEMBER, FOCAL}
FACILITATORS = {MEMBER, FOCAL, SECRETARIAT, ADMIN}

MATRIX: dict[str, dict[str, set[str]]] = {
    "consultations.view_consultation": {
        "none": EVERYONE, "ours": EVERYONE, "other": EVERYONE, "closed": EVERYONE,
        "draft": OWN_MANAGERS, "other_draft": CURATORS,
    },
    "consultations.add_consultation": {"none": CURATORS},
    "consultations.change_consultation": {
        "none": CURATORS, "ours": OWN_MANAGERS, "other": CURATORS, "draft": OWN_MANAGERS,
        "other_draft": CURATORS, "closed": OWN_MANAGERS,
    },
    "consultations.change_state": {"ours": OWN_MANAGERS, "other": CURATORS, "draft": OWN_MANAGERS,
                                   "other_draft": CURATORS},
    "consultations.moderate_input": {"ours": OWN_MANAGERS, "other": CURATORS, "closed": OWN_MANAGERS},
    "consultations.submit_input": {"none": NOBODY, "ours": EVERYONE, "other": EVERYONE, "draft": NOBODY,
                                   "closed": NOBODY},
    "consultations.respond_consultation": {"none": {ADMIN}, "ours": {UN, ADMIN}, "other": {ADMIN},
                                           "closed": {UN, ADMIN}},
    "consultations.capture_submissions": {"none": FACILITATORS, "ours": FACILITATORS, "other": FACILITATORS},
}  # fmt: skip


# The results' permissions, whose matrix is by phase (test_results_views.test_rules_matrix).
RESULTS_PERMISSIONS = {"consultations.view_results", "consultations.view_results_early"}


def test_every_permission_has_a_matrix() -> None:
    """Every permission rules.py declares is in a table: this one, or the results' by phase."""
    source = Path(core_rules.__file__).read_text()
    declared = set(re.findall(r'add_perm\("(consultations\.[a-z_]+)"', source))
    assert declared == set(MATRIX) | RESULTS_PERMISSIONS
    assert declared <= set(registered_permissions)


@pytest.fixture
def targets(world: World, units: Any, ministry: Any) -> dict[str, Any]:
    now = timezone.now()
    return {
        "none": None,
        "ours": make_consultation(slug="ours", authority=world.un_agency, organisers=[world.own]),
        "other": make_consultation(slug="other", authority=ministry, organisers=[world.other]),
        "draft": make_consultation(
            slug="draft", authority=world.un_agency, organisers=[world.own], publish=False
        ),
        "other_draft": make_consultation(
            slug="other-draft", authority=ministry, organisers=[world.other], publish=False
        ),
        "closed": make_consultation(
            slug="closed",
            authority=world.un_agency,
            organisers=[world.own],
            opens_at=now - dt.timedelta(days=9),
            closes_at=now - dt.timedelta(days=1),
        ),
    }


@pytest.mark.parametrize("perm", list(MATRIX))
def test_consultation_permission_matrix(perm: str, world: World, targets: dict[str, Any]) -> None:
    """One test per permission (the fixtures are costly); every target × role is checked and reported."""
    wrong = []
    for target, holders in MATRIX[perm].items():
        for role in ROLES:
            user: Any = world.users[role] or AnonymousUser()
            if user.has_perm(perm, targets[target]) is not (role in holders):
                wrong.append(
                    f"{role} {'should' if role in holders else 'should not'} have {perm} on {target}"
                )
    assert not wrong, "\n".join(wrong)


def test_item_targets_resolve_to_their_consultation(world: World, targets: dict[str, Any]) -> None:
    item = targets["ours"].items.first()
    assert world.users[UN].has_perm("consultations.respond_consultation", item)
    assert not world.users[MEMBER].has_perm("consultations.respond_consultation", item)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_selector_agrees_with_view_permission(
    role: str, world: World, targets: dict[str, Any]
) -> None:
    user: Any = world.users[role] or AnonymousUser()
    listed = set(selectors.consultation_list(viewer=user).values_list("slug", flat=True))
    allowed = {
        c.slug
        for c in targets.values()
        if c is not None and user.has_perm("consultations.view_consultation", c)
    }
    assert listed == allowed
