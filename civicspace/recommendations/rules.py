"""Tracker permissions (docs/roles-and-permissions.md; matrix: civicspace/recommendations/tests/test_rules.py)."""

import rules

from .predicates import (
    is_addressee_focal_point,
    is_addressee_member,
    is_cso_member,
    is_platform_admin,
    is_raiser_member,
    is_secretariat,
)

curates = is_platform_admin | is_secretariat

rules.add_perm("recommendations.view_ask", rules.always_allow)
rules.add_perm("recommendations.add_ask", curates)
rules.add_perm("recommendations.change_ask", curates)
rules.add_perm("recommendations.delete_ask", is_platform_admin)
rules.add_perm("recommendations.merge_asks", curates)
rules.add_perm("recommendations.import_asks", curates)
# The addressee answers for itself: its focal points respond, commit and report progress.
rules.add_perm("recommendations.respond_ask", is_platform_admin | is_addressee_focal_point)
rules.add_perm("recommendations.report_progress", is_platform_admin | is_addressee_focal_point)
# Civil society's own view: the secretariat or a member of an organisation that raised the ask.
rules.add_perm("recommendations.assess_ask", curates | is_raiser_member)
rules.add_perm("recommendations.comment_ask", is_cso_member)
rules.add_perm("recommendations.moderate_comments", curates)
rules.add_perm("recommendations.view_restricted_evidence", curates | is_addressee_member | is_raiser_member)
