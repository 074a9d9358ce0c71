"""The one access rule of SPBE Monev. Pages, HTMX fragments, API, downloads and exports ask it.

A person holds any number of `RoleGrant`s: (role, instansi, unit or none, recursive).
A grant *reaches*:

- instansi: the grant's instansi; a *pembina* grant with ``recursive`` on a province without a
  unit also reaches the province's kabupaten/kota (that is how a Pembina oversees them). No
  other role reaches beyond its instansi (an administrator sees everything anyway);
- units: without a unit, every unit of the reached instansi; with a unit, that unit, and with
  ``recursive`` every unit below it.

What each role may do with what it reaches (full table in docs/permissions.md):

============  ==========================================================================
role          may
============  ==========================================================================
administrator everything, everywhere (also any ``is_superuser`` account)
koordinator   view all data of the reached instansi; *manage* its own instansi
              (units, users, role grants, audit trail); edit every unit's work
asesor        view all data of the reached instansi; review the indicators given to them
responden     view the instansi exists, view and edit the work of the reached units
pimpinan      read-only: the reached instansi (no unit) or the reached units
pembina       read-only across the reached instansi (a province's kab/kota when recursive)
============  ==========================================================================

Refusals: something the user may not even see answers **404** (its existence never leaks);
something they see but may not change answers **403**. `ensure()` applies exactly that.

Cost: `scope_for(user)` runs at most three queries (grants, child instansi, units for
recursive unit grants) and caches the immutable `Scope` on the user object, which lives as
long as the request. Call `forget_scope(user)` after changing that user's grants mid-request.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from spbe.organizations.models import Instansi, Role, RoleGrant, Unit
from spbe.organizations.scope import ANONYMOUS_SCOPE, Scope, scope_build

_CACHE_ATTR = "_spbe_scope"

READ_ONLY_ROLES = frozenset({Role.PIMPINAN, Role.PEMBINA})
# Roles a coordinator may hand out inside their instansi; the others only an administrator.
COORDINATOR_GRANTABLE = frozenset({Role.KOORDINATOR, Role.ASESOR, Role.RESPONDEN, Role.PIMPINAN})

# Actions `can()` understands; the target each expects is in docs/permissions.md.
ACTIONS = frozenset(
    {
        "instansi.view",
        "instansi.manage",
        "unit.view",
        "unit.edit",
        "unit.manage",
        "user.view",
        "user.manage",
        "grant.manage",
        "audit.view",
        "review",
    }
)


def scope_for(user) -> Scope:
    """The user's `Scope`, computed once and cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS_SCOPE
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = scope_build(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_scope(user) -> None:
    """Drop the cached scope (after the user's grants changed in this request)."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def visible_instansi_ids(user) -> frozenset[int] | None:
    """Ids of the instansi the user sees; None means no restriction (administrator)."""
    scope = scope_for(user)
    return None if scope.is_admin else scope.instansi_ids


def visible_unit_ids(user) -> frozenset[int] | None:
    """Ids of the units the user sees (one query); None means no restriction (administrator)."""
    scope = scope_for(user)
    if scope.is_admin:
        return None
    if not scope.full_instansi_ids:
        return scope.unit_ids
    cache = f"{_CACHE_ATTR}_units"
    cached = getattr(user, cache, None)
    if cached is None:
        cached = frozenset(Unit.objects.filter(scope.unit_q()).values_list("pk", flat=True))
        setattr(user, cache, cached)
    return cached


def _instansi_id(target) -> int | None:
    if isinstance(target, Instansi):
        return target.pk
    if isinstance(target, int):
        return target
    return getattr(target, "instansi_id", None)


def _user_instansi_ids(target_user) -> set[int]:
    prefetched = getattr(target_user, "_prefetched_objects_cache", {}).get("role_grants")
    if prefetched is not None:
        return {g.instansi_id for g in prefetched}
    return set(
        RoleGrant.objects.filter(user_id=target_user.pk).values_list("instansi_id", flat=True)
    )


def _coordinator_manages(scope: Scope, target_user) -> bool:
    """Whether a (non-administrator) coordinator manages `target_user`: only people who work
    solely in instansi the coordinator manages and hold nothing only an administrator may give
    (administrator or pembina role, a recursive province-wide grant). Otherwise a coordinator
    could reset the password of, or disable, someone with more reach than their own.
    One query, always from the database (a prefetch may be filtered)."""
    grants = list(
        RoleGrant.objects.filter(user_id=target_user.pk).values_list(
            "role", "instansi_id", "unit_id", "recursive", "instansi__kind"
        )
    )
    return _grants_manageable(scope, grants)


def _grants_manageable(scope: Scope, grants) -> bool:
    """The rule of `_coordinator_manages` on one person's (role, instansi, unit, recursive,
    instansi kind) grants."""
    if not grants:
        return False
    for role, inst, unit, rec, kind in grants:
        if inst not in scope.manage_instansi_ids or role not in COORDINATOR_GRANTABLE:
            return False
        if rec and unit is None and kind == "provinsi":
            return False
    return True


def manageable_user_ids(user, targets) -> set[int]:
    """Ids of those of `targets` (users) that `user` may manage (`user.manage`), in one
    query whatever their number: the same rule as `can`, for lists that link only to the
    accounts the reader can open."""
    scope = scope_for(user)
    targets = list(targets)
    if scope.is_anonymous:
        return set()
    if scope.is_admin:
        return {t.pk for t in targets}
    by_user: dict[int, list] = {t.pk: [] for t in targets if t.pk != scope.user_id}
    rows = RoleGrant.objects.filter(user_id__in=list(by_user)).values_list(
        "user_id", "role", "instansi_id", "unit_id", "recursive", "instansi__kind"
    )
    for user_id, *grant in rows:
        by_user[user_id].append(grant)
    superusers = {t.pk for t in targets if t.is_superuser}
    return {
        pk
        for pk, grants in by_user.items()
        if pk not in superusers and _grants_manageable(scope, grants)
    }


def can(user, action: str, target=None) -> bool:
    """Whether `user` may do `action` on `target`. Unknown actions are refused.

    Targets: Instansi (or its id) for instansi.*, grant.manage and audit.view; Unit for unit.*
    (unit.manage also takes an Instansi: creating a unit in it); a User for user.*
    (user.manage also takes an Instansi: creating a user in it); for `review` the instansi.
    """
    if action not in ACTIONS:
        raise ValueError(f"aksi tidak dikenal: {action}")
    scope = scope_for(user)
    if scope.is_anonymous:
        return False
    if scope.is_admin:
        return True
    if action == "instansi.view":
        return scope.sees_instansi(_instansi_id(target))
    if action in ("instansi.manage", "grant.manage", "audit.view"):
        return scope.manages_instansi(_instansi_id(target))
    if action == "review":
        return _instansi_id(target) in scope.review_instansi_ids or scope.manages_instansi(
            _instansi_id(target)
        )
    if action == "unit.view":
        return scope.sees_unit(target)
    if action == "unit.edit":
        return scope.edits_unit(target)
    if action == "unit.manage":
        return scope.manages_instansi(_instansi_id(target))
    if action in ("user.view", "user.manage"):
        if isinstance(target, Instansi):
            return (
                scope.manages_instansi(target.pk)
                if action == "user.manage"
                else (target.pk in scope.full_instansi_ids or scope.manages_instansi(target.pk))
            )
        if target.pk == scope.user_id:
            return action == "user.view"
        if action == "user.view":
            # Colleagues: people who hold a role in an instansi where the user holds one too.
            return bool(_user_instansi_ids(target) & scope.member_instansi_ids)
        return not target.is_superuser and _coordinator_manages(scope, target)
    return False  # pragma: no cover - every action is handled above


_VIEW_OF = {
    "instansi.manage": "instansi.view",
    "grant.manage": "instansi.view",
    "audit.view": "instansi.view",
    "review": "instansi.view",
    "unit.edit": "unit.view",
    "unit.manage": "unit.view",
    "user.manage": "user.view",
}


def ensure(user, action: str, target=None) -> None:
    """Raise unless `user` may do `action` on `target`: Http404 when they may not even see
    the target (outsiders learn nothing), PermissionDenied (403) when they see but may not act.
    """
    if can(user, action, target):
        return
    view_action = _VIEW_OF.get(action)
    if view_action is not None:
        view_target = target
        if action == "unit.manage" and isinstance(target, Instansi):
            view_action = "instansi.view"
        if action == "user.manage" and isinstance(target, Instansi):
            view_action = "instansi.view"
        if can(user, view_action, view_target):
            raise PermissionDenied
    raise Http404
