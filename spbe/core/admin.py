"""Admin base shared by the apps' read-only model admins."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Browse and search only: no add, change or delete, not even for superusers."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
