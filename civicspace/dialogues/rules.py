"""Dialogue permissions (docs/roles-and-permissions.md; tests/test_rules_matrix.py)."""

import rules

from .predicates import (
    is_co_chair_of,
    is_platform_admin,
    is_rapporteur_of,
    is_secretariat,
    is_unsigned_draft,
    meeting_is_open,
)

convenes = is_platform_admin | is_secretariat

rules.add_perm("dialogues.view_meeting", rules.always_allow)
rules.add_perm("dialogues.add_meeting", convenes)
rules.add_perm("dialogues.change_meeting", convenes & meeting_is_open)
rules.add_perm("dialogues.capture_ask", (convenes | is_rapporteur_of) & meeting_is_open)
rules.add_perm("dialogues.draft_outcome", convenes & meeting_is_open)
rules.add_perm("dialogues.sign_outcome", is_co_chair_of & is_unsigned_draft)
rules.add_perm("dialogues.import_outcome", convenes)
