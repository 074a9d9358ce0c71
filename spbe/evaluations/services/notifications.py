"""In-app notifications and their e-mail (Django's e-mail backend; console in the demo).

`notify` is the one way to tell people something: it writes one Notification per recipient
(skipping a recipient who already has one with the same `dedupe_key`, which makes reminders
safe to rerun) and sends the e-mails after the transaction commits, so a change that is
rolled back never mails anybody.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.evaluations.models import Assessment, Cycle, Notification
from spbe.evaluations.selectors import assessment_people, unit_respondents

Kind = Notification.Kind
OPEN_STATUSES = Assessment.OPEN_STATUSES


def assessment_url(assessment: Assessment) -> str:
    return reverse(
        "evaluations:assessment_detail",
        kwargs={"pk": assessment.cycle_id, "number": assessment.indicator.number},
    )


def _send_emails(notification_ids: list[int]) -> None:
    rows = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
    base = getattr(settings, "SPBE_SITE_URL", "").rstrip("/")
    for note in rows.select_related("recipient"):
        if not note.recipient.email:
            continue
        body = note.message + (f"\n\n{base}{note.url}" if note.url else "")
        send_mail(
            subject=f"[SPBE Monev] {note.get_kind_display()}",
            message=body,
            from_email=None,
            recipient_list=[note.recipient.email],
            fail_silently=True,
        )
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())


def notify(
    *,
    recipients: Iterable,
    kind: str,
    message: str,
    assessment: Assessment | None = None,
    url: str = "",
    dedupe_key: str = "",
    exclude=None,
    email: bool = True,
) -> list[Notification]:
    """Notify each recipient once (in-app, and by e-mail when they have an address).

    `exclude` (a user) is left out: nobody is told about their own action.
    With `dedupe_key`, a recipient who already has a notification of this kind with this key
    is skipped. Returns the notifications written.
    """
    if assessment is not None and not url:
        url = assessment_url(assessment)
    seen: set[int] = set()
    targets = []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        if exclude is not None and user.pk == exclude.pk:
            continue
        seen.add(user.pk)
        targets.append(user)
    if dedupe_key and targets:
        already = set(
            Notification.objects.filter(
                recipient__in=targets, kind=kind, dedupe_key=dedupe_key
            ).values_list("recipient_id", flat=True)
        )
        targets = [u for u in targets if u.pk not in already]
    created = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            message=message[:500],
            url=url,
            assessment=assessment,
            dedupe_key=dedupe_key,
        )
        for user in targets
    )
    if email and created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _send_emails(ids))
    return created


@transaction.atomic
def notification_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when `ids` is None)."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def _label(assessment: Assessment) -> str:
    return f"{assessment.indicator.code}. {assessment.indicator.short_name}"


def notify_assigned(*, actor, assessment: Assessment) -> None:
    recipients = unit_respondents([assessment.lead_unit_id, *_contributing_ids(assessment)])
    due = (
        _(" (batas %(d)s)") % {"d": assessment.due_date.strftime("%d-%m-%Y")}
        if assessment.due_date
        else ""
    )
    notify(
        recipients=recipients,
        kind=Kind.ASSIGNED,
        message=_("Indikator %(i)s pada %(c)s ditugaskan ke unit Anda%(due)s.")
        % {"i": _label(assessment), "c": assessment.cycle.name, "due": due},
        assessment=assessment,
        exclude=actor,
    )


def _contributing_ids(assessment: Assessment) -> list[int]:
    return [u.pk for u in assessment.contributing_units.all()]


def notify_submitted(*, actor, assessment: Assessment) -> None:
    notify(
        recipients=assessment_people(assessment, reviewers=True),
        kind=Kind.SUBMITTED,
        message=_("Indikator %(i)s pada %(c)s diajukan untuk direviu.")
        % {"i": _label(assessment), "c": assessment.cycle.name},
        assessment=assessment,
        exclude=actor,
    )


def notify_returned(*, actor, assessment: Assessment, note: str) -> None:
    notify(
        recipients=assessment_people(assessment, respondents=True),
        kind=Kind.RETURNED,
        message=_("Indikator %(i)s perlu perbaikan: %(note)s")
        % {"i": _label(assessment), "note": note},
        assessment=assessment,
        exclude=actor,
    )


def notify_approved(*, actor, assessment: Assessment) -> None:
    notify(
        recipients=assessment_people(assessment, respondents=True),
        kind=Kind.APPROVED,
        message=_("Indikator %(i)s pada %(c)s disetujui asesor.")
        % {"i": _label(assessment), "c": assessment.cycle.name},
        assessment=assessment,
        exclude=actor,
    )


def reminders_send(*, today: datetime.date | None = None, days_before: int | None = None) -> dict:
    """Remind respondents of indicators whose deadline is near or passed. Idempotent.

    An open indicator (belum diisi, draf, perlu perbaikan) of an unlocked cycle whose due date
    (its own, else the cycle's self-assessment deadline) is within `days_before` days gets one
    "batas waktu mendekat" notice per due date; once passed, one "lewat batas waktu" notice.
    Rerunning the same day (or any day) sends nothing twice: `dedupe_key` names the
    assessment and the due date. Returns {"due_soon": n, "overdue": n}.
    """
    today = today or timezone.localdate()
    if days_before is None:
        days_before = settings.SPBE_REMINDER_DAYS_BEFORE
    horizon = today + datetime.timedelta(days=days_before)
    counts = {"due_soon": 0, "overdue": 0}
    assessments = (
        Assessment.objects.filter(status__in=OPEN_STATUSES)
        .exclude(cycle__state=Cycle.State.SELESAI)
        .select_related("cycle", "indicator")
        .prefetch_related("contributing_units")
    )
    for assessment in assessments.iterator(chunk_size=500):
        due = assessment.due_date or assessment.cycle.self_assessment_due
        if due is None or due > horizon:
            continue
        kind = Kind.OVERDUE if due < today else Kind.DUE_SOON
        if kind == Kind.OVERDUE:
            message = _("Indikator %(i)s (%(c)s) melewati batas waktu %(d)s.")
        else:
            message = _("Indikator %(i)s (%(c)s) harus selesai paling lambat %(d)s.")
        with transaction.atomic():
            created = notify(
                recipients=assessment_people(assessment, respondents=True),
                kind=kind,
                message=message
                % {
                    "i": _label(assessment),
                    "c": assessment.cycle.name,
                    "d": due.strftime("%d-%m-%Y"),
                },
                assessment=assessment,
                dedupe_key=f"{kind}:{assessment.pk}:{due.isoformat()}",
            )
        counts[kind] += len(created)
    return counts
