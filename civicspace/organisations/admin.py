from django.contrib import admin
from django.http import HttpRequest

from .models import CoalitionMembership, Contact, Membership, Organisation, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_en", "name_km", "order")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name_en", "acronym_en", "kind", "updated_at")
    list_filter = ("kind", "sectors")
    search_fields = ("name_en", "name_km", "acronym_en", "acronym_km")
    inlines = [MembershipInline]
    readonly_fields = ("search_document",)

    # Writes go through the services (which write the audit log): use the directory pages.
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


admin.site.register(CoalitionMembership)
admin.site.register(Contact)
