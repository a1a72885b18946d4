from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "civicspace.dialogues"
    label = "dialogues"
    verbose_name = _("Dialogues")
