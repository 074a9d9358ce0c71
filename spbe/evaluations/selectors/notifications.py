"""A user's in-app notifications (only ever their own)."""

from __future__ import annotations

from django.db.models import QuerySet

from spbe.evaluations.models import Notification


def notification_list(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user).select_related(
        "assessment", "assessment__indicator"
    )
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def notification_unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
