from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "civicspace.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added
        from django.core import checks

        from .second_factor import check_required_roles_are_registered, note_second_factor_set_up

        authenticator_added.connect(note_second_factor_set_up, dispatch_uid="civicspace-second-factor-set-up")
        checks.register(check_required_roles_are_registered, checks.Tags.security)
