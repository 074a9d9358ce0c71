"""The API's write check that asks the one rule in spbe.organizations.permissions."""

from spbe.core.api.base import WritesWhen
from spbe.organizations.permissions import scope_for


class ManagerWrites(WritesWhen):
    """Writes only for users who manage something (koordinator, administrator); everybody
    else gets 403 before the request body is even read."""

    def may_write(self, user) -> bool:
        scope = scope_for(user)
        return scope.is_admin or bool(scope.manage_instansi_ids)
