"""Dialogue permissions (docs/roles-and-permissions.md; matrix test: civicspace/dialogues/tests/test_rules.py)."""

import rules

from .predicates import (
    cycle_is_open,
    is_co_chair_of,
    is_draft_version,
    is_platform_admin,
    is_rapporteur_of,
    is_secretariat,
    meeting_is_open,
    meeting_was_held,
)

convenes = is_platform_admin | is_secretariat

rules.add_perm("dialogues.view_meeting", rules.always_allow)
rules.add_perm("dialogues.add_meeting", convenes)
rules.add_perm("dialogues.change_meeting", convenes & meeting_is_open)
# The online link (it may carry a password) and the people who take part (names, gender): only on the
# pages that edit the meeting, so in the API too (issue 11, finding 5).
rules.add_perm("dialogues.view_meeting_private", convenes & meeting_is_open)
rules.add_perm("dialogues.capture_ask", (convenes | is_rapporteur_of) & meeting_is_open)
rules.add_perm("dialogues.draft_outcome", convenes & meeting_is_open & meeting_was_held)
rules.add_perm("dialogues.sign_outcome", is_co_chair_of & is_draft_version)
rules.add_perm("dialogues.import_outcome", convenes)
# Cycles: the secretariat opens a recurring dialogue, edits it and closes it when it ends (then it is
# final: services.cycle_close; a closed cycle accepts no meeting, services._ensure_cycle_accepts).
rules.add_perm("dialogues.view_cycle", rules.always_allow)
rules.add_perm("dialogues.add_cycle", convenes)
rules.add_perm("dialogues.change_cycle", convenes & cycle_is_open)
rules.add_perm("dialogues.close_cycle", convenes & cycle_is_open)
