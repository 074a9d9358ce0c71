"""Cycle figures kept in Django's cache (the configured backend; per process by default),
so a dashboard does not score a cycle again for every visitor.

A cached figure is keyed by what it depends on: the cycle, the data version of the cycle's
instansi (`spbe.audit.selectors.data_versions`: it changes with every committed write that
records an audit event, which every service writing levels, stage values, reviews, evidence
links, documents, cycles, official and worksheet imports or frameworks does, in the same
transaction), the language (labels and "kurang dokumen" texts are translated) and the day
(evidence expires at midnight). So no write has to remember to invalidate anything, and
several gunicorn workers, each with its own cache, never serve figures older than the data:
the version is read from the database by every cached lookup (one query each: a page that
reads several cached figures reads it several times).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation

from spbe.audit.selectors import data_versions
from spbe.evaluations.models import Cycle

T = TypeVar("T")
KEY_PREFIX = "spbe-figures"


def _in_write_transaction() -> bool:
    """Inside a transaction of the application's own (a service writing), figures are
    computed afresh and not stored: they may include changes not yet committed, which the
    data version does not name yet (a test case's own wrapping transaction does not count)."""
    return any(not block._from_testcase for block in connection.atomic_blocks)


def figure_keys(
    kind: str, cycles: Iterable[Cycle], *, today: datetime.date | None = None
) -> dict[int, str]:
    """cycle id → the cache key of figure `kind` of that cycle as of now (one query)."""
    cycles = list(cycles)
    versions = data_versions({c.instansi_id for c in cycles})
    day = (today or timezone.localdate()).isoformat()
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        c.pk: f"{KEY_PREFIX}:{kind}:{c.pk}:{versions[c.instansi_id]}:{language}:{day}"
        for c in cycles
    }


def cached_per_cycle(
    kind: str,
    cycles: Iterable[Cycle],
    compute: Callable[[list[Cycle]], dict[int, T]],
    *,
    today: datetime.date | None = None,
) -> dict[int, T]:
    """cycle id → figure `kind` of each cycle: from the cache where it holds the figure of
    the current data, else `compute(missing cycles)` (one call for all of them), stored."""
    cycles = list(cycles)
    if not cycles:
        return {}
    timeout = settings.SPBE_FIGURES_CACHE_SECONDS
    if not timeout or _in_write_transaction():
        return compute(cycles)
    keys = figure_keys(kind, cycles, today=today)
    found = cache.get_many(list(keys.values()))
    figures = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [c for c in cycles if c.pk not in figures]
    if missing:
        computed = compute(missing)
        cache.set_many({keys[pk]: value for pk, value in computed.items()}, timeout)
        figures.update(computed)
    return figures


def cached_for_cycle(
    kind: str, cycle: Cycle, compute: Callable[[], T], *, today: datetime.date | None = None
) -> T:
    """Figure `kind` of one cycle, cached as `cached_per_cycle`."""
    return cached_per_cycle(kind, [cycle], lambda _cycles: {cycle.pk: compute()}, today=today)[
        cycle.pk
    ]
