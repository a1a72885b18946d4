"""Predicates that need nothing but Django's user: composed by every app's rules.py."""

from typing import Any

import rules


@rules.predicate
def is_platform_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)
