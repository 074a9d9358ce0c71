from django.contrib import admin

from spbe.organizations.models import Instansi, RoleGrant, Unit


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "instansi_key", "province", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "instansi_key", "code"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "instansi", "parent", "is_coordinator"]
    list_filter = ["kind", "is_active", "instansi"]
    search_fields = ["name", "short_name"]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "instansi", "unit", "recursive", "granted_at"]
    list_filter = ["role"]
    raw_id_fields = ["user", "unit", "granted_by"]
