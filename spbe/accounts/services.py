"""Writes on a person's account: their password, login lockout and personal API tokens."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.accounts.models import PersonalToken, User
from spbe.accounts.tokens import generate_token, hash_token
from spbe.audit.services import audit_record
from spbe.core.passwords import user_password_set
from spbe.organizations.lockouts import lockout_clear
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
def password_change(*, user: User, old_password: str, new_password: str, request=None) -> int:
    """Change one's own password after checking the current one and the password rules.

    Whoever learnt the old password may have logged in or made tokens with it: every personal
    API token is revoked, and every other session ends (Django checks a hash of the password
    on each request; the view keeps the current session with `update_session_auth_hash`).
    Returns how many tokens were revoked, for the page to say so.
    """
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("Kata sandi lama tidak cocok.")})
    if not new_password:
        raise ValidationError({"new_password": _("Kata sandi baru wajib diisi.")})
    user_password_set(user=user, password=new_password, field="new_password")
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    _audit_account(
        user=user, actor=user, action="user.password_changed", target=user, request=request
    )
    return token_revoke_all(user=user, actor=user, request=request)


@transaction.atomic
def password_reset_by_link(*, user: User, new_password: str, request=None) -> int:
    """Set the password chosen through the e-mailed "Lupa kata sandi" link.

    The person proved they own the mailbox, so the lockout is lifted and the flag to change
    a generated password is cleared; tokens are revoked and other sessions end, as on a
    change. Returns how many tokens were revoked.
    """
    user_password_set(user=user, password=new_password, field="new_password2")
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    cleared = lockout_clear(username=user.get_username())
    _audit_account(
        user=user,
        actor=user,
        action="user.password_reset_by_email",
        target=user,
        extra={"lockout_cleared": bool(cleared)},
        request=request,
    )
    return token_revoke_all(user=user, actor=user, request=request)


@transaction.atomic
def user_email_preference_set(*, user: User, email_digest: bool, request=None) -> User:
    """Choose one e-mail per notification (False) or one daily digest (True)."""
    if user.email_digest == email_digest:
        return user
    before = user.email_digest
    user.email_digest = email_digest
    user.save(update_fields=["email_digest"])
    for instansi in list(Instansi.objects.filter(grants__user=user).distinct()) or [None]:
        audit_record(
            actor=user,
            action="user.preferences_changed",
            target=user,
            instansi=instansi,
            changes={"email_digest": [before, email_digest]},
            request=request,
        )
    return user


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
