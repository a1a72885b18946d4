import rules

from .predicates import is_platform_admin

rules.add_perm("core.view_auditentry", is_platform_admin)
