from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "civicspace.places"
    label = "places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from civicspace.core.localcache import forget_on_change

        from .models import AdminUnit

        forget_on_change(AdminUnit)  # selectors.units_by_code (gazetteer_apply's bulk writes call forget)
