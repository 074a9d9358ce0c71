"""Login lockouts (django-axes): whether one holds for an account and until when, and the
one way their record is cleared (callers audit it: `member_unlock`, a reset by e-mail).

In organizations, not accounts, because the coordinator's member pages show and lift locks
and organizations may not import the apps above it; accounts (the login page) reads it here.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


def _cool_off() -> datetime.timedelta:
    return get_cool_off() or datetime.timedelta(0)


def lockouts_until(
    *, usernames: Iterable[str], ip_address: str | None = None
) -> dict[str, datetime.datetime]:
    """{username: end of the lockout} for each of `usernames` locked out now (one query).

    Failures count per (username, address), as AXES_LOCKOUT_PARAMETERS says: an account is
    locked from an address once the failures from there reach the limit within the cool-off;
    the lockout ends a cool-off after the last failure. With `ip_address`, only that address.
    """
    usernames = list(usernames)
    if not usernames:
        return {}
    now = timezone.now()
    cool_off = _cool_off()
    rows = AccessAttempt.objects.filter(username__in=usernames, attempt_time__gte=now - cool_off)
    if ip_address is not None:
        rows = rows.filter(ip_address=ip_address)
    failures: dict[tuple[str, str], int] = defaultdict(int)
    last: dict[tuple[str, str], datetime.datetime] = {}
    for username, address, count, at in rows.values_list(
        "username", "ip_address", "failures_since_start", "attempt_time"
    ):
        key = (username, address or "")
        failures[key] += count
        last[key] = max(last.get(key, at), at)
    locked: dict[str, datetime.datetime] = {}
    for key, count in failures.items():
        if count >= settings.AXES_FAILURE_LIMIT:
            until = last[key] + cool_off
            locked[key[0]] = max(locked.get(key[0], until), until)
    return locked


def lockout_until(*, username: str, ip_address: str | None = None) -> datetime.datetime | None:
    """When the lockout of `username` (from `ip_address`, else from anywhere) ends; None
    when it is not locked out."""
    return lockouts_until(usernames=[username], ip_address=ip_address).get(username)


def lockout_clear(*, username: str) -> int:
    """Forget the failed logins of `username` from every address; how many records went.
    Not audited here: the caller's service records why (an unlock, a password reset)."""
    deleted, _per_model = AccessAttempt.objects.filter(username=username).delete()
    return deleted
