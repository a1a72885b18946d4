from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from civicspace.core.admin import AuditedModelAdmin

from .models import User

# People manage their own API tokens (accounts/views.py api_token), which the audit log records; the
# admin does not list them (knox's own admin registers knox.AuthToken, which accounts.ApiToken swaps out).


@admin.register(User)
class UserAdmin(AuditedModelAdmin, BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "is_staff", "is_superuser", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active")
    search_fields = ("email", "full_name")
    audit_exclude = ("password", "last_login")
    # No groups or model permissions: roles come from memberships and django-rules (ADR 0002).
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name",)}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ()
