"""Django admin for accounts: read-only. Accounts are created, changed, disabled and given a
new password through the organisations pages (rules, token revocation, audit trail)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from spbe.accounts.models import User
from spbe.core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin, BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_superuser"]
