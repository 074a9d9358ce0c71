"""When a koordinator withdraws a member's access (deactivation, administrative password
reset), every credential other apps issued to that person must go too.

Organizations do not import the apps that build on them; the app that issues credentials
(accounts: personal API tokens) registers its revoker from its AppConfig.ready.
"""

from __future__ import annotations

from collections.abc import Callable

_revokers: list[Callable[..., object]] = []


def register_credential_revoker(revoker: Callable[..., object]) -> None:
    """`revoker(*, user, actor, instansi, request)` runs inside the withdrawing transaction."""
    if revoker not in _revokers:
        _revokers.append(revoker)


def credentials_revoke(*, user, actor, instansi=None, request=None) -> None:
    """Revoke whatever the registered apps issued to `user` (each audits its own change)."""
    for revoker in _revokers:
        revoker(user=user, actor=actor, instansi=instansi, request=request)
