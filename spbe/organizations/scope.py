"""What a user reaches: the immutable `Scope` built from their role grants (see permissions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from spbe.organizations.models import Instansi, Role, RoleGrant, Unit

# Roles whose recursive grant on a province (without a unit) reaches its kabupaten/kota.
# Only these: a province coordinator must not be able to hand province-wide reach to others.
PROVINCE_REACH_ROLES = frozenset({Role.PEMBINA, Role.ADMINISTRATOR})
FULL_VIEW_ROLES = frozenset({Role.KOORDINATOR, Role.ASESOR, Role.PIMPINAN, Role.PEMBINA})


@dataclass(frozen=True)
class Scope:
    """What one user sees and changes. Immutable; get it with `permissions.scope_for(user)`."""

    user_id: int | None
    is_admin: bool = False
    roles: frozenset[str] = frozenset()
    # instansi the user sees at all (a responden sees that their instansi exists)
    instansi_ids: frozenset[int] = frozenset()
    # instansi whose every unit and all data the user sees
    full_instansi_ids: frozenset[int] = frozenset()
    # units seen one by one (unit grants and their sub-units when recursive)
    unit_ids: frozenset[int] = frozenset()
    # instansi the user manages (koordinator): units, users, grants, audit trail
    manage_instansi_ids: frozenset[int] = frozenset()
    # units whose work the user edits (responden), besides every unit of managed instansi
    edit_unit_ids: frozenset[int] = frozenset()
    # instansi where the user edits every unit's work (responden granted on the whole instansi)
    edit_instansi_ids: frozenset[int] = frozenset()
    # instansi where the user is an asesor (what they review is decided by assignments)
    review_instansi_ids: frozenset[int] = frozenset()
    grants: tuple = field(default=(), compare=False)

    @property
    def member_instansi_ids(self) -> frozenset[int]:
        """Instansi where the user holds a role themself (their colleagues work there)."""
        return frozenset(g[1] for g in self.grants)

    # -- membership tests ---------------------------------------------------------------
    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def can_write_anything(self) -> bool:
        """False for users whose every role is read-only: their writes are refused up front."""
        return self.is_admin or bool(
            self.manage_instansi_ids
            or self.edit_unit_ids
            or self.edit_instansi_ids
            or self.review_instansi_ids
        )

    def sees_instansi(self, instansi_id: int | None) -> bool:
        return self.is_admin or instansi_id in self.instansi_ids

    def sees_whole_instansi(self, instansi_id: int | None) -> bool:
        """Whether the user sees all data of the instansi (every unit's work, its figures),
        not only the units a unit grant gives them."""
        return self.is_admin or instansi_id in self.full_instansi_ids

    def sees_unit(self, unit: Unit) -> bool:
        return (
            self.is_admin or unit.instansi_id in self.full_instansi_ids or unit.pk in self.unit_ids
        )

    def edits_unit(self, unit: Unit) -> bool:
        return (
            self.is_admin
            or unit.instansi_id in self.manage_instansi_ids
            or unit.instansi_id in self.edit_instansi_ids
            or unit.pk in self.edit_unit_ids
        )

    def manages_instansi(self, instansi_id: int | None) -> bool:
        return self.is_admin or instansi_id in self.manage_instansi_ids

    # -- query helpers ------------------------------------------------------------------
    def instansi_q(self, prefix: str = "") -> Q:
        """Filter for rows whose instansi the user sees; `prefix` is the path to the instansi
        (e.g. "unit__instansi"); empty means the queryset is of Instansi itself."""
        if self.is_admin:
            return Q()
        key = f"{prefix}__in" if prefix else "pk__in"
        return Q(**{key: self.instansi_ids})

    def unit_q(self, prefix: str = "") -> Q:
        """Filter for rows whose unit the user sees; `prefix` is the path to the unit
        (e.g. "lead_unit"); empty means the queryset is of Unit itself."""
        if self.is_admin:
            return Q()
        pk = f"{prefix}__in" if prefix else "pk__in"
        inst = f"{prefix}__instansi_id__in" if prefix else "instansi_id__in"
        return Q(**{inst: self.full_instansi_ids}) | Q(**{pk: self.unit_ids})


ANONYMOUS_SCOPE = Scope(user_id=None)


def _descendants(unit_ids: set[int], children: dict[int, list[int]]) -> set[int]:
    found, stack = set(), list(unit_ids)
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, ()))
    return found


def _reaches_kabkota(role: str, unit_id, recursive: bool, instansi_kind: str) -> bool:
    """Whether a grant reaches the kabupaten/kota of its province (see PROVINCE_REACH_ROLES)."""
    return (
        recursive
        and unit_id is None
        and instansi_kind == "provinsi"
        and role in PROVINCE_REACH_ROLES
    )


def scope_build(user) -> Scope:
    """The user's `Scope` from their grants (at most three queries); `scope_for` caches it."""
    # A grant counts only while its instansi and (for a unit grant) its unit are active:
    # deactivating a unit ends the rights of the people granted on it.
    grants = tuple(
        RoleGrant.objects.filter(
            Q(unit__isnull=True) | Q(unit__is_active=True),
            user_id=user.pk,
            instansi__is_active=True,
        ).values_list("role", "instansi_id", "unit_id", "recursive", "instansi__kind")
    )
    roles = frozenset(g[0] for g in grants)
    if user.is_superuser or Role.ADMINISTRATOR in roles:
        return Scope(user_id=user.pk, is_admin=True, roles=roles | {Role.ADMINISTRATOR})

    # Province-wide recursive pembina grants reach the province's kabupaten/kota: one query.
    province_ids = {
        inst for role, inst, unit, rec, kind in grants if _reaches_kabkota(role, unit, rec, kind)
    }
    children_of_province: dict[int, set[int]] = {}
    if province_ids:
        for pk, province_id in Instansi.objects.filter(
            province_id__in=province_ids, is_active=True
        ).values_list("pk", "province_id"):
            children_of_province.setdefault(province_id, set()).add(pk)

    # Recursive unit grants reach sub-units: one query over the units of those instansi.
    unit_children: dict[int, list[int]] = {}
    recursive_unit_instansi = {inst for _r, inst, unit, rec, _k in grants if unit and rec}
    if recursive_unit_instansi:
        for pk, parent_id in Unit.objects.filter(
            instansi_id__in=recursive_unit_instansi
        ).values_list("pk", "parent_id"):
            if parent_id:
                unit_children.setdefault(parent_id, []).append(pk)

    instansi_ids: set[int] = set()
    full: set[int] = set()
    units: set[int] = set()
    manage: set[int] = set()
    edit: set[int] = set()
    review: set[int] = set()
    edit_instansi: set[int] = set()
    for role, inst, unit, rec, kind in grants:
        reached = {inst}
        if _reaches_kabkota(role, unit, rec, kind):
            reached |= children_of_province.get(inst, set())
        instansi_ids |= reached
        if unit is None:
            reached_units: set[int] = set()
            if role in FULL_VIEW_ROLES or role == Role.RESPONDEN:
                full |= reached
        else:
            reached_units = _descendants({unit}, unit_children) if rec else {unit}
            if role in (Role.KOORDINATOR, Role.ASESOR):
                # Both roles work for the whole instansi even when the grant names their unit.
                full.add(inst)
            units |= reached_units
        if role == Role.KOORDINATOR:
            manage.add(inst)
        elif role == Role.ASESOR:
            review.add(inst)
        elif role == Role.RESPONDEN:
            if unit is None:
                # A responden granted on the whole instansi edits every unit's work there.
                edit_instansi.add(inst)
            else:
                edit |= reached_units
    return Scope(
        user_id=user.pk,
        roles=roles,
        instansi_ids=frozenset(instansi_ids),
        full_instansi_ids=frozenset(full),
        unit_ids=frozenset(units),
        manage_instansi_ids=frozenset(manage),
        edit_unit_ids=frozenset(edit),
        edit_instansi_ids=frozenset(edit_instansi),
        review_instansi_ids=frozenset(review),
        grants=grants,
    )
