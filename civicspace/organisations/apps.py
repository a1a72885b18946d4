from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "civicspace.organisations"
    label = "organisations"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from civicspace.accounts.second_factor import register_role

        from .predicates import is_a_focal_point, is_secretariat, is_un_focal_point

        # The roles of the directory that need a second factor when TWO_FACTOR_REQUIRED_FOR names them.
        register_role("focal_point", is_a_focal_point)
        register_role("un_focal_point", is_un_focal_point)
        register_role("secretariat", is_secretariat)
