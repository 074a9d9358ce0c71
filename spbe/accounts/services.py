"""Writes on a person's own account: their password and their personal API tokens."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.accounts.models import PersonalToken, User
from spbe.accounts.tokens import generate_token, hash_token
from spbe.audit.services import audit_record
from spbe.core.passwords import user_password_set
from spbe.organizations.models import Instansi

TOKEN_PREFIX_LENGTH = 8


def _audit_account(*, user: User, actor, action: str, target, extra=None, request=None) -> None:
    """Record an event about `user`'s own account once per instansi where they hold a role,
    so each of those instansi's coordinators sees it on their audit page (an account event
    has no instansi of its own); one unscoped event for a person without any role."""
    instansi_list = list(Instansi.objects.filter(grants__user=user).distinct()) or [None]
    for instansi in instansi_list:
        audit_record(
            actor=actor,
            action=action,
            target=target,
            instansi=instansi,
            extra=extra,
            request=request,
        )


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str, request=None) -> None:
    """Change one's own password after checking the current one and the password rules."""
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("Kata sandi lama tidak cocok.")})
    if not new_password:
        raise ValidationError({"new_password": _("Kata sandi baru wajib diisi.")})
    user_password_set(user=user, password=new_password, field="new_password")
    user.save(update_fields=["password"])
    _audit_account(
        user=user, actor=user, action="user.password_changed", target=user, request=request
    )


@transaction.atomic
def token_create(*, user: User, name: str, actor, request=None) -> tuple[PersonalToken, str]:
    """Make a personal API token for `user`. Returns (token, raw): show `raw` once, it is
    not stored. `actor` is who asked (the user themself; None from a management command).
    """
    name = (name or "").strip() or _("Token API")
    raw = generate_token()
    token = PersonalToken.objects.create(
        user=user, name=name[:100], key_hash=hash_token(raw), prefix=raw[:TOKEN_PREFIX_LENGTH]
    )
    _audit_account(
        user=user,
        actor=actor,
        action="token.created",
        target=token,
        extra={"user": user.username, "name": token.name, "prefix": token.prefix},
        request=request,
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: PersonalToken, actor, request=None) -> PersonalToken:
    """Revoke a token: from now on requests sending it get 401."""
    token = PersonalToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        _audit_account(
            user=token.user,
            actor=actor,
            action="token.revoked",
            target=token,
            extra={"user_id": token.user_id, "prefix": token.prefix},
            request=request,
        )
    return token


@transaction.atomic
def token_revoke_all(*, user: User, actor, instansi=None, request=None) -> int:
    """Revoke every active token of `user`: after an administrative password reset and when
    the account is disabled, so a token obtained before cannot outlive the decision.
    Returns how many were revoked; writes one audit event when there were any."""
    count = PersonalToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if count:
        audit_record(
            actor=actor,
            action="token.revoked_all",
            target=user,
            instansi=instansi,
            extra={"count": count},
            request=request,
        )
    return count
