"""Writes about accounts. Each writes its audit row in the same transaction."""

from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from civicspace.core.audit import audit_record


@transaction.atomic
def api_token_regenerate(*, user: Any) -> Token:
    """Replace the user's API token with a new one (the old one stops working at once)."""
    had_token = Token.objects.filter(user=user).delete()[0] > 0
    token = Token.objects.create(user=user)
    audit_record(actor=user, action="update", target=user,
                 changes={"api_token": ["replaced" if had_token else None, "created"]})  # fmt: skip
    return token


@transaction.atomic
def api_token_revoke(*, user: Any) -> bool:
    deleted = Token.objects.filter(user=user).delete()[0] > 0
    if deleted:
        audit_record(actor=user, action="update", target=user, changes={"api_token": ["existed", "revoked"]})
    return deleted
