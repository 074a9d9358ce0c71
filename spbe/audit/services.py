"""Writing audit events. The only write this app offers: events are never updated or deleted."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.db import models, transaction

from spbe.audit.models import AuditEvent

USER_AGENT_MAX = 200
SYSTEM_LABEL = "sistem"


def _client_ip(request) -> str | None:
    # REMOTE_ADDR only: a forwarded-for header is client-controlled unless a trusted proxy
    # rewrites it, which is a deployment decision (set REMOTE_ADDR in the proxy/WSGI layer).
    raw = (request.META.get("REMOTE_ADDR") or "").strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def _instansi_of(target: Any):
    """Best guess of the instansi an object belongs to, for scoping the event."""
    if target is None:
        return None
    if target._meta.label == "organizations.Instansi":
        return target
    return getattr(target, "instansi", None)


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    instansi=None,
    changes: dict[str, list] | None = None,
    request=None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. Must run inside the transaction that makes the change.

    `actor` is the user who acted (None for the system, e.g. a management command);
    `action` a dotted code such as "unit.created"; `target` the changed object;
    `instansi` scopes the event for the coordinator's audit page (defaults to the target's
    own instansi); `changes` maps field → [old, new]; `request` supplies IP and user agent.
    Raises RuntimeError when called outside `transaction.atomic()`, so an event can never
    describe a change that was rolled back, nor a change be committed without its event.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() harus dipanggil di dalam transaction.atomic().")
    if instansi is None:
        instansi = _instansi_of(target)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    label = SYSTEM_LABEL
    if actor is not None:
        label = f"{actor.get_username()} ({actor.get_full_name()})".replace(" ()", "")
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=label[:200],
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:300] if target is not None else "",
        instansi=instansi,
        changes=changes or {},
        extra=extra or {},
        ip_address=_client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:USER_AGENT_MAX],
    )


def diff_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """{field: [old, new]} for the fields whose value changed (values made JSON-friendly)."""

    def plain(value):
        if isinstance(value, models.Model):
            return str(value)
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        return str(value)

    return {
        name: [plain(before.get(name)), plain(after[name])]
        for name in after
        if before.get(name) != after[name]
    }
