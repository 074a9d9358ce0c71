"""Writes on role grants: who may give or take which role, on which instansi or unit.

Every function runs in one transaction and writes its audit event in it. Whose roles an actor
may change at all (`_check_grantee`) is checked here, so pages, API and import share it
(PermissionDenied); which role, unit or reach may be given raises `ValidationError`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.organizations.models import Instansi, InstansiKind, Role, RoleGrant, Unit
from spbe.organizations.permissions import COORDINATOR_GRANTABLE, can, forget_scope, scope_for


# -- role grants -----------------------------------------------------------------------------
def _check_grantee(actor, user, instansi: Instansi) -> None:
    """The one rule for who may change whose roles (pages, API and import share it): only in
    an instansi the actor manages, never one's own roles, and only the roles of a person the
    actor manages (`user.manage`). `actor` None is the system (a management command)."""
    if actor is None:
        return
    if not can(actor, "grant.manage", instansi):
        raise PermissionDenied(_("Anda tidak mengelola peran di instansi ini."))
    if user.pk == actor.pk:
        raise PermissionDenied(_("Anda tidak dapat mengubah peran Anda sendiri."))
    if not can(actor, "user.manage", user):
        raise PermissionDenied(_("Anda tidak berwenang mengubah peran pengguna ini."))


@transaction.atomic
def grant_create(
    *,
    actor,
    instansi: Instansi,
    user,
    role: str,
    unit: Unit | None = None,
    recursive: bool = False,
    request=None,
) -> RoleGrant:
    """Give `user` a role on `instansi` (or on one of its units).

    Raises PermissionDenied when `user` is the actor or a person the actor does not manage,
    ValidationError for a role, unit or reach the actor may not give.
    """
    _check_grantee(actor, user, instansi)
    return grant_add(
        actor=actor,
        instansi=instansi,
        user=user,
        role=role,
        unit=unit,
        recursive=recursive,
        request=request,
    )


def grant_add(
    *, actor, instansi: Instansi, user, role: str, unit, recursive: bool, request
) -> RoleGrant:
    """`grant_create` without the grantee check: for an account the actor has just created."""
    if role not in Role.values:
        raise ValidationError({"role": _("Peran tidak dikenal.")})
    actor_scope = scope_for(actor) if actor is not None else None
    if actor_scope is not None and not actor_scope.is_admin and role not in COORDINATOR_GRANTABLE:
        raise ValidationError({"role": _("Hanya administrator yang dapat memberikan peran ini.")})
    if unit is not None and unit.instansi_id != instansi.pk:
        raise ValidationError({"unit": _("Unit harus dari instansi yang sama.")})
    if role == Role.RESPONDEN and unit is None:
        raise ValidationError({"unit": _("Peran responden harus diberikan pada sebuah unit.")})
    if (
        recursive
        and unit is None
        and instansi.kind == InstansiKind.PROVINSI
        and actor_scope is not None
        and not actor_scope.is_admin
    ):
        raise ValidationError(
            {
                "recursive": _(
                    "Hanya administrator yang dapat memberikan peran yang menjangkau seluruh "
                    "kabupaten/kota di provinsi ini. Pilih sebuah unit untuk peran rekursif."
                )
            }
        )
    duplicate = ValidationError(_("Pengguna ini sudah memiliki peran tersebut."))
    if RoleGrant.objects.filter(user=user, role=role, instansi=instansi, unit=unit).exists():
        raise duplicate
    try:
        # A savepoint: a concurrent request may have created the same grant since the check.
        with transaction.atomic():
            grant = RoleGrant.objects.create(
                user=user,
                role=role,
                instansi=instansi,
                unit=unit,
                recursive=recursive,
                granted_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError as exc:
        raise duplicate from exc
    audit_record(
        actor=actor,
        action="role.granted",
        target=user,
        instansi=instansi,
        changes={"role": [None, str(grant)]},
        extra={
            "grant_id": grant.pk,
            "role": role,
            "unit_id": getattr(unit, "pk", None),
            "recursive": recursive,
        },
        request=request,
    )
    forget_scope(user)
    return grant


@transaction.atomic
def grant_revoke(*, actor, grant: RoleGrant, request=None) -> None:
    """Take a role away: never one's own, only from a person the actor manages (the same
    rule as `grant_create`); roles only an administrator gives, only an administrator takes."""
    grant = RoleGrant.objects.select_related("user", "instansi", "unit").get(pk=grant.pk)
    _check_grantee(actor, grant.user, grant.instansi)
    if (
        actor is not None
        and not scope_for(actor).is_admin
        and grant.role not in COORDINATOR_GRANTABLE
    ):
        raise ValidationError(_("Hanya administrator yang dapat mencabut peran ini."))
    description = str(grant)
    user, instansi = grant.user, grant.instansi
    extra = {"grant_id": grant.pk, "role": grant.role, "unit_id": grant.unit_id}
    grant.delete()
    audit_record(
        actor=actor,
        action="role.revoked",
        target=user,
        instansi=instansi,
        changes={"role": [description, None]},
        extra=extra,
        request=request,
    )
    forget_scope(user)
