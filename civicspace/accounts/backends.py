"""Email login without Django's model permissions.

Our permission names (e.g. `organisations.change_organisation`) are django-rules rules that look at
the object. Django's ModelBackend would also grant a permission of the same name, for every object,
to anyone given it through a group or user permission in the admin. This backend authenticates like
allauth's but grants no permission itself, so django-rules (and superuser status) decide alone."""

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend


class EmailBackend(AuthenticationBackend):
    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False
