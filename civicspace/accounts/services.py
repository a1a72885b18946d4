"""Writes about accounts. Each writes its audit row in the same transaction."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from knox.settings import knox_settings

from civicspace.core.audit import audit_record
from civicspace.core.i18n import local_digits

from .models import ApiToken
from .selectors import api_token_list


@transaction.atomic
def api_token_create(*, user: Any, second_factor: bool) -> tuple[ApiToken, str]:
    """A new API token for `user` and the token itself, which is not stored (only its digest is) and so
    can be shown only now. `second_factor`: the session asking for it passed the second factor."""
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit is not None and api_token_list(user=user).count() >= limit:
        raise ValidationError(
            _("You already have %(limit)s API tokens. Revoke one before you create another.")
            % {"limit": local_digits(limit)}
        )
    token, key = ApiToken.objects.create(user=user, second_factor=second_factor)
    audit_record(actor=user, action="update", target=user,
                 changes={"api_token": [None, f"created {token}"]})  # fmt: skip
    return token, key


@transaction.atomic
def api_token_revoke(*, user: Any, prefix: str) -> bool:
    """Revoke the user's token whose key starts with `prefix` (at least the 8 characters the token page
    shows; the page sends knox's whole `token_key`)."""
    if len(prefix) < 8:
        return False
    deleted = ApiToken.objects.filter(user=user, token_key__startswith=prefix).delete()[0] > 0
    if deleted:
        audit_record(actor=user, action="update", target=user,
                     changes={"api_token": [prefix[:8], "revoked"]})  # fmt: skip
    return deleted


@transaction.atomic
def api_tokens_revoke_all(*, user: Any, reason: str = "revoked") -> int:
    """Revoke every API token of `user` (the token page's "revoke all", and every password change)."""
    deleted = ApiToken.objects.filter(user=user).delete()[0]
    if deleted:
        audit_record(actor=user, action="update", target=user,
                     changes={"api_token": [f"{deleted} tokens", reason]})  # fmt: skip
    return deleted
