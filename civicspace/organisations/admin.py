from django.contrib import admin
from django.db import models

from civicspace.core.admin import AuditedModelAdmin, ReadOnlyAdminMixin

from .models import CoalitionMembership, Contact, Organisation, Sector


@admin.register(Sector)
class SectorAdmin(AuditedModelAdmin):
    """The managed sector taxonomy: platform admins add and rename sectors here."""

    list_display = ("slug", "name_en", "name_km", "order")
    list_editable = ("order",)


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: organisations are edited on the directory pages, through the services."""

    list_display = ("name_en", "acronym_en", "kind", "updated_at")
    list_filter = ("kind", "sectors")
    search_fields = ("name_en", "name_km", "acronym_en", "acronym_km")
    readonly_fields = ("search_document",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(CoalitionMembership)
class CoalitionMembershipAdmin(AuditedModelAdmin):
    list_display = ("coalition", "member", "since")
    autocomplete_fields = ("coalition", "member")


@admin.register(Contact)
class ContactAdmin(AuditedModelAdmin):
    list_display = ("name_en", "organisation", "role_en", "is_public")
    autocomplete_fields = ("organisation",)
