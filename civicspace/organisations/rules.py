"""One permission name per action. The same names are checked by the views, templates and the API.
The role × permission table is docs/roles-and-permissions.md; tests/test_rules_matrix.py checks it."""

import rules

from .predicates import is_focal_point_of, is_member_of, is_platform_admin, is_secretariat

rules.add_perm("organisations.view_organisation", rules.always_allow)
rules.add_perm("organisations.add_organisation", is_platform_admin | is_secretariat)
rules.add_perm("organisations.change_organisation", is_platform_admin | is_focal_point_of)
rules.add_perm("organisations.delete_organisation", is_platform_admin)
rules.add_perm("organisations.manage_members", is_platform_admin | is_focal_point_of)
rules.add_perm("organisations.view_private_contacts", is_platform_admin | is_member_of)
