from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "civicspace.consultations"
    label = "consultations"
    verbose_name = _("Budget consultations")

    def ready(self) -> None:
        from civicspace.accounts.second_factor import register_role
        from civicspace.core.localcache import forget_on_change

        from . import imports  # noqa: F401  (declares the import of submissions, so the worker finds it)
        from .models import BudgetItem, Consultation
        from .predicates import organises_a_consultation

        forget_on_change(Consultation, BudgetItem)  # selectors.consultation_for_submission
        # Organisers manage and moderate a consultation: they need a second factor (TWO_FACTOR_REQUIRED_FOR).
        register_role("consultation_organiser", organises_a_consultation)
