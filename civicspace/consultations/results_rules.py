"""Who may see a consultation's results (matrix: tests/test_results_rules.py). Imported by results.py,
so the permissions exist wherever the results are read.

Everyone sees the results once they are published (the results and response phases); before that only
those who manage the consultation — coalition secretariats, platform admins and members of its
organisers — see them, to follow the input as it arrives."""

from typing import Any

import rules

from .models import Consultation
from .predicates import consultation_of, is_organiser_member, is_platform_admin, is_secretariat

PUBLIC_STATES = {Consultation.State.RESULTS, Consultation.State.RESPONSE}


@rules.predicate
def results_published(user: Any, target: Any) -> bool:
    consultation = consultation_of(target)
    return consultation is not None and consultation.state in PUBLIC_STATES


manages = is_platform_admin | is_secretariat | is_organiser_member

if not rules.perm_exists("consultations.view_results_early"):
    rules.add_perm("consultations.view_results_early", manages)
    rules.add_perm("consultations.view_results", results_published | manages)
