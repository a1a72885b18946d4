from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "civicspace.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self) -> None:
        from civicspace.dialogues import asks

        from . import imports  # noqa: F401  (declares the import of asks, so the worker finds it)
        from .meeting_asks import TrackerMeetingAsks

        asks.register(TrackerMeetingAsks())  # dialogues reads and records its asks through it (ADR 0017)
