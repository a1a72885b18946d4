"""The one way tests get an API token for a user (django-rest-knox, ADR 0023)."""

from typing import Any

from civicspace.accounts import services


def api_token_for(user: Any, *, second_factor: bool = True) -> str:
    """A new token for `user`, as issued by a session that passed the second factor (or not)."""
    _token, key = services.api_token_create(user=user, second_factor=second_factor)
    return key
