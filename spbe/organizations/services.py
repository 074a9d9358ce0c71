"""Writes on organisations: units, members (accounts within an instansi) and role grants.

Every function runs in one transaction and writes its audit event in it. The caller has
checked access with `spbe.organizations.permissions.ensure`; the rules that are about the
data itself (same instansi, no cycles, who may grant which role) are checked here and raise
`ValidationError` with a message in Bahasa Indonesia. Whose roles an actor may change at all
(`_check_grantee`) is checked here too, so pages, API and import share it (PermissionDenied).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.core.passwords import user_password_set
from spbe.organizations.credentials import credentials_revoke
from spbe.organizations.models import Instansi, InstansiKind, Role, RoleGrant, Unit
from spbe.organizations.permissions import (
    COORDINATOR_GRANTABLE,
    can,
    forget_scope,
    scope_for,
)

User = get_user_model()

UNIT_FIELDS = ("name", "short_name", "kind", "parent", "is_coordinator")
MEMBER_FIELDS = ("first_name", "last_name", "email", "position", "phone")


# -- units -----------------------------------------------------------------------------------
def _check_unit(
    *, instansi: Instansi, unit: Unit | None, name: str, parent: Unit | None, is_coordinator: bool
) -> None:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Nama unit wajib diisi.")
    elif (
        Unit.objects.filter(instansi=instansi, name__iexact=name.strip())
        .exclude(pk=getattr(unit, "pk", None))
        .exists()
    ):
        errors["name"] = _("Unit dengan nama ini sudah ada di instansi ini.")
    if parent is not None:
        if parent.instansi_id != instansi.pk:
            errors["parent"] = _("Unit induk harus dari instansi yang sama.")
        elif unit is not None:
            ancestor, seen = parent, set()
            while ancestor is not None and ancestor.pk not in seen:
                if ancestor.pk == unit.pk:
                    errors["parent"] = _("Unit tidak boleh berada di bawah dirinya sendiri.")
                    break
                seen.add(ancestor.pk)
                ancestor = ancestor.parent
    if is_coordinator and (
        Unit.objects.filter(instansi=instansi, is_coordinator=True, is_active=True)
        .exclude(pk=getattr(unit, "pk", None))
        .exists()
    ):
        errors["is_coordinator"] = _("Instansi ini sudah memiliki unit koordinator.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def unit_create(
    *,
    actor,
    instansi: Instansi,
    name: str,
    short_name: str = "",
    kind: str = "dinas",
    parent: Unit | None = None,
    is_coordinator: bool = False,
    request=None,
) -> Unit:
    """Create a unit (OPD/SKPD) in `instansi`, optionally below `parent`."""
    _check_unit(
        instansi=instansi, unit=None, name=name, parent=parent, is_coordinator=is_coordinator
    )
    unit = Unit(
        instansi=instansi,
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        parent=parent,
        is_coordinator=is_coordinator,
    )
    unit.full_clean()
    unit.save()
    audit_record(
        actor=actor,
        action="unit.created",
        target=unit,
        changes=diff_fields({}, {f: getattr(unit, f) for f in UNIT_FIELDS}),
        request=request,
    )
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, request=None, **fields) -> Unit:
    """Change a unit's name, short name, kind, parent or coordinator mark."""
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = {f: getattr(unit, f) for f in UNIT_FIELDS}
    merged = {**before, **fields}
    _check_unit(
        instansi=unit.instansi,
        unit=unit,
        name=merged["name"],
        parent=merged["parent"],
        is_coordinator=merged["is_coordinator"],
    )
    for name, value in fields.items():
        setattr(unit, name, value.strip() if isinstance(value, str) else value)
    unit.full_clean()
    unit.save()
    changes = diff_fields(before, {f: getattr(unit, f) for f in UNIT_FIELDS})
    if changes:
        audit_record(
            actor=actor, action="unit.updated", target=unit, changes=changes, request=request
        )
    return unit


@transaction.atomic
def unit_set_active(*, actor, unit: Unit, is_active: bool, request=None) -> Unit:
    """Deactivate (or reactivate) a unit; its history stays."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.is_active == is_active:
        return unit
    if not is_active and unit.children.filter(is_active=True).exists():
        raise ValidationError(_("Nonaktifkan dulu sub-unit dari unit ini."))
    unit.is_active = is_active
    unit.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="unit.activated" if is_active else "unit.deactivated",
        target=unit,
        changes={"is_active": [not is_active, is_active]},
        request=request,
    )
    return unit


# -- members ---------------------------------------------------------------------------------
def _check_email_free(email: str, user=None) -> None:
    if email and (
        User.objects.filter(email__iexact=email).exclude(pk=getattr(user, "pk", None)).exists()
    ):
        raise ValidationError({"email": _("Alamat e-mail ini sudah dipakai akun lain.")})


@transaction.atomic
def member_create(
    *,
    actor,
    instansi: Instansi,
    username: str,
    role: str,
    unit: Unit | None = None,
    recursive: bool = False,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    position: str = "",
    phone: str = "",
    password: str | None = None,
    request=None,
) -> tuple:
    """Create an account with its first role in `instansi`.

    Returns (user, generated_password): the second is the password made up when none was
    given, to be shown once to the coordinator; None when `password` was given.
    """
    username = username.strip()
    email = email.strip()
    if not username:
        raise ValidationError({"username": _("Nama pengguna wajib diisi.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Nama pengguna ini sudah dipakai.")})
    _check_email_free(email)
    user = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        position=position.strip(),
        phone=phone.strip(),
    )
    generated = user_password_set(user=user, password=password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        action="user.created",
        target=user,
        instansi=instansi,
        changes=diff_fields({}, {f: getattr(user, f) for f in ("username", *MEMBER_FIELDS)}),
        request=request,
    )
    _grant_add(
        actor=actor,
        instansi=instansi,
        user=user,
        role=role,
        unit=unit,
        recursive=recursive,
        request=request,
    )
    return user, generated


@transaction.atomic
def member_update(*, actor, instansi: Instansi, user, request=None, **fields):
    """Change a member's name, e-mail, position or phone."""
    unknown = set(fields) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    user = User.objects.select_for_update().get(pk=user.pk)
    before = {f: getattr(user, f) for f in MEMBER_FIELDS}
    if "email" in fields:
        fields["email"] = fields["email"].strip()
        _check_email_free(fields["email"], user)
    for name, value in fields.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    user.full_clean(exclude=["password"])
    user.save()
    changes = diff_fields(before, {f: getattr(user, f) for f in MEMBER_FIELDS})
    if changes:
        audit_record(
            actor=actor,
            action="user.updated",
            target=user,
            instansi=instansi,
            changes=changes,
            request=request,
        )
    return user


@transaction.atomic
def member_set_active(*, actor, instansi: Instansi, user, is_active: bool, request=None):
    """Disable (or enable again) an account: a disabled account cannot log in, and its
    tokens are revoked (they stay revoked when it is enabled again)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if actor is not None and user.pk == actor.pk and not is_active:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    if user.is_active == is_active:
        return user
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="user.enabled" if is_active else "user.disabled",
        target=user,
        instansi=instansi,
        changes={"is_active": [not is_active, is_active]},
        request=request,
    )
    if not is_active:
        credentials_revoke(user=user, actor=actor, instansi=instansi, request=request)
    return user


@transaction.atomic
def member_reset_password(
    *, actor, instansi: Instansi, user, password: str | None = None, request=None
) -> str | None:
    """Set a new password for a member and revoke their tokens. Returns the generated
    password when none was given."""
    user = User.objects.select_for_update().get(pk=user.pk)
    generated = user_password_set(user=user, password=password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor, action="user.password_reset", target=user, instansi=instansi, request=request
    )
    # Whoever knew the old password may have made tokens with it: they go too.
    credentials_revoke(user=user, actor=actor, instansi=instansi, request=request)
    return generated


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
    return _grant_add(
        actor=actor,
        instansi=instansi,
        user=user,
        role=role,
        unit=unit,
        recursive=recursive,
        request=request,
    )


def _grant_add(
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
