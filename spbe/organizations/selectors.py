"""Reads on organisations, always scoped by `spbe.organizations.permissions`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from spbe.organizations.models import Instansi, RoleGrant, Unit
from spbe.organizations.permissions import scope_for

User = get_user_model()


def instansi_visible(*, user) -> QuerySet[Instansi]:
    """The instansi the user sees, province first."""
    return (
        Instansi.objects.filter(scope_for(user).instansi_q(), is_active=True)
        .select_related("province")
        .order_by("kind", "name")
    )


def instansi_get(*, user, pk) -> Instansi:
    """One instansi the user sees, else 404 (whether or not it exists)."""
    return get_object_or_404(instansi_visible(user=user), pk=pk)


def instansi_managed(*, user) -> QuerySet[Instansi]:
    """The instansi the user manages (koordinator; every instansi for an administrator)."""
    scope = scope_for(user)
    qs = Instansi.objects.filter(is_active=True)
    if not scope.is_admin:
        qs = qs.filter(pk__in=scope.manage_instansi_ids)
    return qs.order_by("name")


def unit_visible(
    *, user, instansi: Instansi | None = None, include_inactive: bool = False
) -> QuerySet[Unit]:
    """Units the user sees, optionally of one instansi."""
    qs = Unit.objects.filter(scope_for(user).unit_q()).select_related("parent", "instansi")
    if instansi is not None:
        qs = qs.filter(instansi=instansi)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs.order_by("name")


def unit_get(*, user, pk) -> Unit:
    """One unit the user sees (active or not), else 404."""
    return get_object_or_404(unit_visible(user=user, include_inactive=True), pk=pk)


def unit_tree(units) -> list[tuple[Unit, int]]:
    """Units in tree order with their depth (a parent outside `units` makes a root)."""
    units = list(units)
    ids = {u.pk for u in units}
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        key = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(key, []).append(unit)
    ordered: list[tuple[Unit, int]] = []

    def walk(parent_id, depth):
        for unit in sorted(children.get(parent_id, []), key=lambda u: u.name.lower()):
            ordered.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


def member_list(*, instansi: Instansi) -> QuerySet:
    """People holding any role in `instansi`, with their grants there (two queries)."""
    return (
        User.objects.filter(role_grants__instansi=instansi)
        .distinct()
        .prefetch_related(
            Prefetch(
                "role_grants",
                queryset=RoleGrant.objects.filter(instansi=instansi).select_related("unit"),
                to_attr="grants_here",
            )
        )
        .order_by("username")
    )


def member_get(*, instansi: Instansi, pk) -> User:
    """One member of `instansi`, else 404."""
    try:
        return member_list(instansi=instansi).get(pk=pk)
    except User.DoesNotExist as exc:
        raise Http404 from exc


def colleague_list(*, user) -> QuerySet:
    """People the user may see: those with a role in an instansi where the user has one.

    Each carries `visible_grants`: only their grants in instansi the user sees (a colleague's
    role in another province is none of the user's business); every grant for administrators.
    """
    scope = scope_for(user)
    qs = User.objects.all()
    grants = RoleGrant.objects.order_by("role", "granted_at")
    if not scope.is_admin:
        qs = qs.filter(Q(role_grants__instansi_id__in=scope.member_instansi_ids) | Q(pk=user.pk))
        grants = grants.filter(instansi_id__in=scope.instansi_ids)
    return (
        qs.distinct()
        .prefetch_related(Prefetch("role_grants", queryset=grants, to_attr="visible_grants"))
        .order_by("username")
    )


def grant_list(*, user, instansi: Instansi | None = None) -> QuerySet[RoleGrant]:
    """Role grants in instansi the user manages."""
    scope = scope_for(user)
    qs = RoleGrant.objects.select_related("user", "instansi", "unit", "granted_by")
    if not scope.is_admin:
        qs = qs.filter(instansi_id__in=scope.manage_instansi_ids)
    if instansi is not None:
        qs = qs.filter(instansi=instansi)
    return qs.order_by("user__username", "role")


def unit_names(ids) -> dict[int, str]:
    """{unit id: short name, else name} for the given ids, in one query (audit trail)."""
    return {
        pk: short or name
        for pk, name, short in Unit.objects.filter(pk__in=ids).values_list(
            "pk", "name", "short_name"
        )
    }
