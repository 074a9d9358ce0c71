"""Reads on the audit trail: one instansi's events, filtered, for the page, API and CSV."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from spbe.audit.labels import action_label
from spbe.audit.models import AuditEvent
from spbe.core.exports import Column, csv_lines

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


# The CSV/XLSX columns: the recorded codes as headers, so scripts reading them keep working.
EVENT_COLUMNS = [
    Column(name, name, width)
    for name, width in zip(CSV_COLUMNS, [20, 24, 22, 22, 8, 30, 50, 14, 30, 30], strict=True)
]


def event_rows(events: Iterable[AuditEvent]) -> Iterator[dict]:
    """The events as export rows: values as recorded (codes, ids), the action's label last."""
    for event in events:
        changes = "; ".join(
            f"{k}: {v[0]} → {v[1]}"
            for k, v in (event.changes or {}).items()
            if isinstance(v, list) and len(v) == 2
        )
        yield {
            "waktu": event.occurred_at,
            "pelaku": event.actor_label,
            "aksi": event.action,
            "jenis_objek": event.object_type,
            "id_objek": event.object_id,
            "objek": event.object_repr,
            "perubahan": changes,
            "alamat_ip": event.ip_address or "",
            "peramban": event.user_agent,
            "label_aksi": str(action_label(event.action)),
        }


def event_csv_rows(events: Iterable[AuditEvent]) -> Iterator[str]:
    """The events as CSV lines (header first), streamed, through the one export helper."""
    return csv_lines(EVENT_COLUMNS, event_rows(events))


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


# -- the data version -------------------------------------------------------------------------
#: Events that change no data (asking for a report): they leave the data version as it was.
NO_DATA_ACTIONS = "report."


def instansi_data_version(instansi_id: int) -> tuple[str, dt.datetime | None]:
    """The latest audit event of the instansi (report events aside): every change to levels,
    reviews, evidence links and cycles writes one, in the transaction of the change, so its
    id names the state of the data ("audit:123"; "audit:0" before any change), with its time.
    A generated document records it (`spbe.reports`)."""
    latest = (
        AuditEvent.objects.filter(instansi_id=instansi_id)
        .exclude(action__startswith=NO_DATA_ACTIONS)
        .order_by("-id")
        .values_list("id", "occurred_at")
        .first()
    )
    if latest is None:
        return "audit:0", None
    return f"audit:{latest[0]}", latest[1]


def data_versions(instansi_ids: Iterable[int]) -> dict[int, str]:
    """instansi id → a stamp of its data that changes with every committed change, for
    caches shared by several processes (`spbe.evaluations.selectors.cache`). One query.

    The same events as `instansi_data_version`, plus the system-wide ones no instansi owns
    (framework and mapping loads, the national history import), which change the figures of
    every instansi. Each part is the latest event id *and* the number of events: ids are
    handed out before commit, so two overlapping transactions may commit in the other order
    and a latest id alone could stay the same while the data changed; the count cannot.
    """
    wanted = set(instansi_ids)
    rows = (
        AuditEvent.objects.filter(Q(instansi_id__in=wanted) | Q(instansi__isnull=True))
        .exclude(action__startswith=NO_DATA_ACTIONS)
        .values("instansi_id")
        .annotate(latest=Max("id"), n=Count("id"))
        .values_list("instansi_id", "latest", "n")
    )
    parts = {instansi_id: f"{latest}.{n}" for instansi_id, latest, n in rows}
    system = parts.get(None, "0.0")
    return {i: f"{parts.get(i, '0.0')}-{system}" for i in wanted}
