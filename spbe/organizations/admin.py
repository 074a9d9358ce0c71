"""Django admin for organisations: a read-only view for administrators.

Units, members and role grants change only through the app's pages, API and import, which go
through `services` (rules and audit trail); the admin would bypass both. The one exception is
registering an instansi (there is no page for it): that is allowed here and audited.
"""

from django.contrib import admin

from spbe.audit.services import audit_record, diff_fields
from spbe.core.admin import ReadOnlyAdmin
from spbe.organizations.models import Instansi, RoleGrant, Unit


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "instansi_key", "province", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "instansi_key", "code"]

    def has_delete_permission(self, request, obj=None):
        # Deleting would cascade every role grant; deactivate instead (is_active).
        return False

    def save_model(self, request, obj, form, change):
        # The admin runs this inside its own transaction, so the event commits with the change.
        before = {name: form.initial.get(name) for name in form.changed_data}
        super().save_model(request, obj, form, change)
        after = {name: getattr(obj, name) for name in form.changed_data}
        audit_record(
            actor=request.user,
            action="instansi.updated" if change else "instansi.created",
            target=obj,
            changes=diff_fields(before if change else {}, after),
            request=request,
        )


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "short_name", "kind", "instansi", "parent", "is_coordinator"]
    list_filter = ["kind", "is_active", "instansi"]
    search_fields = ["name", "short_name"]


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdmin):
    list_display = ["user", "role", "instansi", "unit", "recursive", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "instansi__name"]
