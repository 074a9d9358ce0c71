"""Writes on organisations: units and members (accounts within an instansi).

Every function runs in one transaction and writes its audit event in it. The caller has
checked access with `spbe.organizations.permissions.ensure`; the rules that are about the
data itself (same instansi, no cycles) are checked here and raise `ValidationError` with a
message in Bahasa Indonesia. Role grants are written by `spbe.organizations.grants`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.core.passwords import user_password_set
from spbe.organizations.credentials import credentials_revoke
from spbe.organizations.grants import grant_add
from spbe.organizations.lockouts import lockout_clear, lockout_until
from spbe.organizations.models import Instansi, Unit

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
    # A generated password was seen by the coordinator: the person must choose their own.
    user.must_change_password = generated is not None
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
    grant_add(
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
    """Set a new password for a member, lift their login lockout and revoke their tokens.

    Returns the generated password when none was given; the member must then change it at
    their next login. Their other sessions end (Django checks a hash of the password).
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    generated = user_password_set(user=user, password=password)
    user.must_change_password = generated is not None
    user.save(update_fields=["password", "must_change_password"])
    audit_record(
        actor=actor, action="user.password_reset", target=user, instansi=instansi, request=request
    )
    # A reset is how a locked-out person gets back in: the lockout goes with the old password.
    member_unlock(actor=actor, user=user, instansi=instansi, request=request)
    # Whoever knew the old password may have made tokens with it: they go too.
    credentials_revoke(user=user, actor=actor, instansi=instansi, request=request)
    return generated


@transaction.atomic
def member_unlock(*, actor, user, instansi: Instansi | None = None, request=None) -> bool:
    """Lift the login lockout of `user` from every address (audited): the coordinator's
    decision, a password reset, or the person's own reset by e-mail.

    Returns False, writing nothing, when no failed login was on record.
    """
    until = lockout_until(username=user.get_username())
    if not lockout_clear(username=user.get_username()):
        return False
    audit_record(
        actor=actor,
        action="user.unlocked",
        target=user,
        instansi=instansi,
        extra={"locked_until": until.isoformat() if until else None},
        request=request,
    )
    return True
