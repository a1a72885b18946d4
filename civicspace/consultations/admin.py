"""The admin site shows consultations for platform admins (changes are audited). Phases, items,
moderation and responses go through the consultation pages and their services, which hold the rules,
so they are read-only here. Submissions are not in the admin: they hold people's demographics, and
the organisers' pages and the open data (aggregated, with small cells suppressed) are how they are read."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from civicspace.core.admin import AuditedModelAdmin

from .models import Consultation
from .services import EDITABLE_AFTER_DRAFT


@admin.register(Consultation)
class ConsultationAdmin(AuditedModelAdmin):
    list_display = ("slug", "title_en", "level", "fiscal_year", "state", "opens_at", "closes_at")
    list_filter = ("state", "level", "fiscal_year")
    search_fields = ("slug", "title_en", "title_km")
    readonly_fields = ("state", "published_at", "results_published_at", "response_published_at")
    autocomplete_fields = ("authority", "organisers")
    raw_id_fields = ("unit",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """Once published, the same fields as on the edit page stay open (consultation_update's rule)."""
        if obj is None or obj.state == Consultation.State.DRAFT:
            return self.readonly_fields
        return [
            f.name
            for f in Consultation._meta.get_fields()
            if f.concrete and f.name not in EDITABLE_AFTER_DRAFT
        ]
