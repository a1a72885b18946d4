from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from .audit import audit_record, diff, snapshot
from .models import AuditEntry


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin changes are written to the audit log like the services' changes, in the same transaction."""

    audit_exclude: tuple[str, ...] = ()

    def _snapshot(self, obj: models.Model) -> dict[str, Any]:
        return {k: v for k, v in snapshot(obj).items() if k not in self.audit_exclude}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = self._snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
            super().save_model(request, obj, form, change)
            changes = diff(before, self._snapshot(obj))
            if changes or not change:
                audit_record(
                    actor=request.user, action="update" if change else "create", target=obj, changes=changes
                )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit_record(
                actor=request.user, action="delete", target=obj, changes=diff(self._snapshot(obj), {})
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyAdminMixin:
    """For records written only by services (or never changed): the admin may look, not touch."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "actor_label", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor_label", "object_id")
    date_hierarchy = "created_at"
