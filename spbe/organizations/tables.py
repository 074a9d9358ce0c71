"""The users of an instansi as an export (spbe.core.exports), as the member page lists them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from spbe.core.exports import Column


def member_table(members) -> tuple[list[Column], list[dict]]:
    """Columns and rows of `selectors.member_list(instansi=...)` (grants in `grants_here`)."""
    columns = [
        Column("username", _("Nama pengguna"), 24),
        Column("name", _("Nama"), 30),
        Column("email", _("Surel"), 30),
        Column("roles", _("Peran"), 50),
        Column("active", _("Aktif"), 8),
        Column("last_login", _("Terakhir masuk"), 18),
    ]
    rows = [
        {
            "username": user.get_username(),
            "name": user.get_full_name(),
            "email": user.email,
            "roles": "; ".join(
                str(grant.get_role_display()) + (f" ({grant.unit.name})" if grant.unit else "")
                for grant in user.grants_here
            ),
            "active": user.is_active,
            "last_login": user.last_login,
        }
        for user in members
    ]
    return columns, rows
