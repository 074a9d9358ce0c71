"""Reads on the audit trail: one instansi's events, filtered, for the page, API and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from spbe.audit.labels import action_label
from spbe.audit.models import AuditEvent

CSV_COLUMNS = [
    "waktu",
    "pelaku",
    "aksi",
    "jenis_objek",
    "id_objek",
    "objek",
    "perubahan",
    "alamat_ip",
    "peramban",
    "label_aksi",  # the action in words (last, so earlier columns keep their places)
]


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def event_list(
    *,
    instansi,
    action: str = "",
    actor: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    obj: str = "",
) -> QuerySet[AuditEvent]:
    """Events of one instansi (the caller checked `audit.view` on it), newest first.

    `action` matches a code or its prefix ("unit." for every unit event); `actor` and `obj`
    match part of the actor label / object description or id; dates are inclusive.
    """
    qs = AuditEvent.objects.filter(instansi=instansi)
    if action:
        qs = qs.filter(Q(action=action) | Q(action__startswith=action.rstrip(".") + "."))
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if obj:
        qs = qs.filter(Q(object_repr__icontains=obj) | Q(object_id=obj))
    if date_from:
        qs = qs.filter(occurred_at__gte=_day_start(date_from))
    if date_to:
        qs = qs.filter(occurred_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    return qs.order_by("-occurred_at", "-id")


def action_codes(*, instansi) -> list[str]:
    """The distinct action codes recorded for `instansi`, for the filter's choices."""
    return list(
        AuditEvent.objects.filter(instansi=instansi)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )


def _safe(value: str) -> str:
    # Spreadsheet formula injection: a cell starting with = + - @ would be executed by Excel.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def event_csv_rows(events: Iterable[AuditEvent]) -> Iterator[str]:
    """The events as CSV lines (header first), streamed; values as recorded (codes, ids),
    plus the action's label in the last column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return value

    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + flush()
    for event in events:
        changes = "; ".join(
            f"{k}: {v[0]} → {v[1]}"
            for k, v in (event.changes or {}).items()
            if isinstance(v, list) and len(v) == 2
        )
        writer.writerow(
            [
                timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
                _safe(event.actor_label),
                event.action,
                event.object_type,
                event.object_id,
                _safe(event.object_repr),
                _safe(changes),
                event.ip_address or "",
                _safe(event.user_agent),
                action_label(event.action),
            ]
        )
        yield flush()


def event_counts_since(*, instansi_id: int, since: dt.datetime) -> list[tuple[str, int]]:
    """(action code, number of events) of one instansi since a moment, most frequent first,
    in one query: "what changed since last week" for the leaders' home."""
    rows = (
        AuditEvent.objects.filter(instansi_id=instansi_id, occurred_at__gte=since)
        .values("action")
        .annotate(n=Count("id"))
        .order_by("-n", "action")
    )
    return [(row["action"], row["n"]) for row in rows]
