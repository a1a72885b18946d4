"""Consultation permissions (docs/roles-and-permissions.md#budget-consultations; matrix:
civicspace/consultations/tests/test_rules.py; the results' by phase: tests/test_results_views.py).

Managing a consultation (its items, its phase, the moderation of comments) belongs to the coalition
secretariat, platform admins and the members of its organisers; the budget authority's focal points
record the authority's response; facilitators (any CSO or coalition member) capture input for other
people (imports, offline capture: `CAPTURE`). Everyone reads a published consultation and gives input
while it is open, without an account.

Everyone sees the results once they are published (the results and response phases); before that only
those who manage the consultation see them, to follow the input as it arrives."""

import rules

from .predicates import (
    is_authority_focal_point,
    is_cso_member,
    is_draft,
    is_open_for_input,
    is_organiser_member,
    is_platform_admin,
    is_secretariat,
    results_published,
)

CAPTURE = "consultations.capture_submissions"  # the channels beyond the web form check it

manages = is_platform_admin | is_secretariat | is_organiser_member

rules.add_perm("consultations.view_consultation", ~is_draft | manages)
rules.add_perm("consultations.add_consultation", is_platform_admin | is_secretariat)
rules.add_perm("consultations.change_consultation", manages)
rules.add_perm("consultations.change_state", manages)
rules.add_perm("consultations.moderate_input", manages)
rules.add_perm("consultations.submit_input", is_open_for_input)
rules.add_perm("consultations.respond_consultation", is_platform_admin | is_authority_focal_point)
rules.add_perm("consultations.capture_submissions", is_platform_admin | is_secretariat | is_cso_member)
rules.add_perm("consultations.view_results_early", manages)
rules.add_perm("consultations.view_results", results_published | manages)
