"""A password change revokes the account's API tokens (ADR 0023).

Every way of changing a password (allauth's change and reset pages, the admin's form, `changepassword`)
calls `User.set_password` and saves; on that save Django calls `password_changed()` on each entry of
AUTH_PASSWORD_VALIDATORS. This entry checks nothing: it uses that call to revoke the tokens, so no path
can forget to."""

from typing import Any

from django.utils.translation import gettext as _


class RevokeApiTokensOnPasswordChange:
    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        from . import services  # services import the models, which import this module's settings user

        services.api_tokens_revoke_all(user=user, reason="password_changed")

    def get_help_text(self) -> str:
        return _("Changing your password revokes your API tokens.")
