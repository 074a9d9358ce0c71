"""Passwords a person is given or chooses, checked against the configured rules.

Shared by accounts (one's own password) and organizations (a koordinator creating a member or
resetting their password); it needs only Django's auth, no app.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

GENERATED_PASSWORD_BYTES = 12


def generate_password() -> str:
    """A random initial password (16 characters) that passes the configured validators."""
    return secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)


def user_password_set(*, user, password: str | None, field: str = "password") -> str | None:
    """Check `password` against the configured rules and set it on `user` (the caller saves).

    With no password a random one is made up and returned, to be shown once; otherwise None.
    A refused password raises ValidationError({field: [...]}) for the form field `field`.
    """
    generated = None
    if not password:
        password = generated = generate_password()
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    user.set_password(password)
    return generated
