"""Every dialogue permission, for every role, against every state that matters."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from rules.permissions import permissions as registered_permissions

from civicspace.dialogues import services
from civicspace.dialogues.models import Meeting
from conftest import ROLES, World

ANON, MEMBER, FOCAL, SECRETARIAT, UN, ADMIN = ROLES
EVERYONE = set(ROLES)
CONVENERS = {SECRETARIAT, ADMIN}

# permission -> target -> roles. Targets: "none"; "meeting" (held, open); "adopted" (outcome adopted);
# "session" (the member is its rapporteur); "draft" (an outcome version awaiting sign-off);
# "adopted_version"; "planned" (not held yet: no outcome can be drafted); "open_cycle" and "closed_cycle"
# (dialogue cycles). In the fixture the secretariat and the UN focal point are the co-chairs.
MATRIX: dict[str, dict[str, set[str]]] = {
    "dialogues.view_meeting": {"none": EVERYONE, "meeting": EVERYONE, "adopted": EVERYONE},
    "dialogues.add_meeting": {"none": CONVENERS},
    "dialogues.change_meeting": {"none": set(), "meeting": CONVENERS, "adopted": set(), "planned": CONVENERS},
    "dialogues.view_meeting_private": {
        "none": set(),
        "meeting": CONVENERS,
        "adopted": set(),
        "planned": CONVENERS,
    },
    "dialogues.capture_ask": {
        "meeting": CONVENERS | {MEMBER},
        "session": CONVENERS | {MEMBER},
        "adopted": set(),
    },
    "dialogues.draft_outcome": {"meeting": CONVENERS, "adopted": set(), "planned": set()},
    "dialogues.sign_outcome": {"draft": {SECRETARIAT, UN}, "adopted_version": set(), "meeting": set()},
    "dialogues.import_outcome": {"none": CONVENERS},
    "dialogues.view_cycle": {"none": EVERYONE, "open_cycle": EVERYONE, "closed_cycle": EVERYONE},
    "dialogues.add_cycle": {"none": CONVENERS},
    "dialogues.change_cycle": {"none": set(), "open_cycle": CONVENERS, "closed_cycle": set()},
    "dialogues.close_cycle": {"none": set(), "open_cycle": CONVENERS, "closed_cycle": set()},
}


def test_every_dialogue_permission_has_a_matrix() -> None:
    ours = {name for name in registered_permissions if name.startswith("dialogues.")}
    assert ours == set(MATRIX)


@pytest.fixture
def targets(meeting: Meeting, world: World) -> dict[str, Any]:
    draft = services.outcome_version_create(meeting=meeting, actor=None)
    import datetime as dt

    from .conftest import PP

    other = services.meeting_create(
        actor=None, title_en="Adopted one", starts_at=dt.datetime(2024, 1, 1, tzinfo=PP),
        ends_at=dt.datetime(2024, 1, 1, 2, tzinfo=PP),
    )  # fmt: skip
    services.session_create(meeting=other, actor=None, title_en="S", rapporteur=world.users["member"])
    services.co_chair_add(
        meeting=other, user=world.users["secretariat"], organisation=world.coalition, side="cso", actor=None
    )
    services.co_chair_add(
        meeting=other, user=world.users["un_focal_point"], organisation=world.un_agency, side="un", actor=None
    )
    services.meeting_set_status(meeting=other, status="held", actor=None)
    adopted_version = services.outcome_version_create(meeting=other, actor=None)
    services.outcome_sign(version=adopted_version, user=world.users["secretariat"])
    services.outcome_sign(version=adopted_version, user=world.users["un_focal_point"])
    other.refresh_from_db()
    adopted_version.refresh_from_db()
    meeting.refresh_from_db()
    planned = services.meeting_create(
        actor=None, title_en="Planned one", starts_at=dt.datetime(2026, 1, 1, tzinfo=PP),
        ends_at=dt.datetime(2026, 1, 1, 2, tzinfo=PP),
    )  # fmt: skip
    open_cycle = services.cycle_create(actor=None, slug="open", title_en="Open cycle")
    closed_cycle = services.cycle_close(
        cycle=services.cycle_create(actor=None, slug="closed", title_en="Closed cycle"), actor=None
    )
    return {"none": None, "meeting": meeting, "adopted": other, "session": meeting.sessions.get(), "draft": draft,
            "adopted_version": adopted_version, "planned": planned, "open_cycle": open_cycle,
            "closed_cycle": closed_cycle}  # fmt: skip


CASES = [(perm, target, role) for perm, ts in MATRIX.items() for target in ts for role in ROLES]


@pytest.mark.parametrize(("perm", "target", "role"), CASES)
def test_dialogue_permission_matrix(
    perm: str, target: str, role: str, world: World, targets: dict[str, Any]
) -> None:
    user: Any = world.users[role] or AnonymousUser()
    expected = role in MATRIX[perm][target]
    assert user.has_perm(perm, targets[target]) is expected, f"{role} / {perm} / {target}"
