"""Who may do what with inventory items, through the one rule (spbe.organizations.permissions).

- a unit's respondent maintains the items whose owner is one of their units;
- the coordinator (and administrator) maintains every item of the instansi, decides duplicate
  pairs and imports spreadsheets;
- everyone who sees the whole instansi (coordinator, asesor, pimpinan, pembina) reads all;
- outsiders get 404, people who see but may not change get 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from spbe.organizations.models import Instansi, Unit
from spbe.organizations.permissions import scope_for


def sees_item(user, item) -> bool:
    scope = scope_for(user)
    if scope.sees_whole_instansi(item.instansi_id):
        return True
    return item.owner_unit_id is not None and item.owner_unit_id in scope.unit_ids


def edits_owner(user, instansi: Instansi, owner_unit: Unit | None) -> bool:
    """Whether the user may keep items owned by `owner_unit` (None: coordinator only)."""
    scope = scope_for(user)
    if owner_unit is None:
        return scope.manages_instansi(instansi.pk)
    return owner_unit.instansi_id == instansi.pk and scope.edits_unit(owner_unit)


def ensure_edits_item(user, item) -> None:
    if edits_owner(user, item.instansi, item.owner_unit):
        return
    if sees_item(user, item):
        raise PermissionDenied
    raise Http404


def ensure_manages(user, instansi: Instansi) -> None:
    """Coordinator-only actions (decisions, imports): 404 outside, 403 inside."""
    scope = scope_for(user)
    if scope.manages_instansi(instansi.pk):
        return
    if scope.sees_instansi(instansi.pk):
        raise PermissionDenied
    raise Http404


def ensure_sees_instansi(user, instansi: Instansi) -> None:
    if not scope_for(user).sees_instansi(instansi.pk):
        raise Http404


def editable_units(user, instansi: Instansi):
    """The units of `instansi` whose items the user may keep (for the owner field)."""
    scope = scope_for(user)
    qs = Unit.objects.filter(instansi=instansi, is_active=True).order_by("name")
    if scope.manages_instansi(instansi.pk) or instansi.pk in scope.edit_instansi_ids:
        return qs
    return qs.filter(pk__in=scope.edit_unit_ids)
