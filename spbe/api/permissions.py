"""DRF permission classes that ask the one rule in spbe.organizations.permissions."""

from rest_framework import permissions

from spbe.organizations.permissions import scope_for


class ManagerWrites(permissions.IsAuthenticated):
    """Reads for any signed-in user (results are scoped by selectors); writes only for users
    who manage something (koordinator, administrator). Everybody else gets 403 before the
    request body is even read."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        scope = scope_for(request.user)
        return scope.is_admin or bool(scope.manage_instansi_ids)
