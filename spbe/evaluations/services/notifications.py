"""In-app notifications and their e-mail (Django's e-mail backend; console in the demo).

`notify` is the one way to tell people something: it writes one Notification per recipient
(skipping a recipient who already has one with the same `dedupe_key`, which makes reminders
safe to rerun) and sends the e-mails after the transaction commits, so a change that is
rolled back never mails anybody. People who chose the daily digest get theirs from
`digest_send` (`spbe digest`, daily from cron) instead. Links in e-mails are absolute, from
SITE_URL; subjects name the indicator and what happened to it. A notification about an
indicator is marked read for everybody once the indicator is acted on (`notifications_settle`).
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
from django.utils.translation import gettext_lazy

from spbe.evaluations.models import Assessment, Cycle, Notification
from spbe.evaluations.selectors import assessment_people, instansi_people, unit_respondents
from spbe.organizations.models import Role

Kind = Notification.Kind
OPEN_STATUSES = Assessment.OPEN_STATUSES


def assessment_url(assessment: Assessment) -> str:
    return reverse(
        "evaluations:assessment_detail",
        kwargs={"pk": assessment.cycle_id, "number": assessment.indicator.number},
    )


# What each e-mail subject says: the indicator and what happened to it, so an inbox list
# reads "[SPBE Monev] 2.1 SDM Pemdi dikembalikan oleh asesor" rather than "Diajukan".
SUBJECTS = {
    Kind.ASSIGNED: gettext_lazy("%(i)s ditugaskan ke unit Anda"),
    Kind.SUBMITTED: gettext_lazy("%(i)s diajukan untuk direviu"),
    Kind.RETURNED: gettext_lazy("%(i)s dikembalikan oleh asesor"),
    Kind.APPROVED: gettext_lazy("%(i)s disetujui asesor"),
    Kind.MENTION: gettext_lazy("Anda disebut dalam komentar %(i)s"),
    Kind.DUE_SOON: gettext_lazy("%(i)s mendekati batas waktu"),
    Kind.OVERDUE: gettext_lazy("%(i)s lewat batas waktu"),
    Kind.ACTION_OVERDUE: gettext_lazy("Rencana aksi %(i)s terlambat"),
}
SUBJECT_PREFIX = "[SPBE Monev]"
SUBJECT_MAX = 120
# What an action settles: once an indicator is reviewed or decided, nobody still has to review
# it; once it is submitted, nobody still has to fill it in or fix it.
SETTLED_BY_REVIEW = (Kind.SUBMITTED,)
SETTLED_BY_SUBMISSION = (Kind.ASSIGNED, Kind.RETURNED, Kind.DUE_SOON, Kind.OVERDUE)


def absolute_url(path: str) -> str:
    """`path` as a link a mail client can open: prefixed with SITE_URL."""
    if not path or "://" in path:
        return path
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def indicator_label(indicator) -> str:
    """ "2.1 SDM Pemdi": the indicator as subjects and digests name it."""
    return f"{indicator.code} {indicator.short_name}"


def email_subject(note: Notification) -> str:
    """The subject of the e-mail for one notification: the indicator and the action."""
    template = SUBJECTS.get(note.kind)
    if template is not None and note.assessment_id:
        text = str(template) % {"i": indicator_label(note.assessment.indicator)}
    else:  # no indicator to name: the notice itself says what happened, and where
        text = note.message
    text = f"{SUBJECT_PREFIX} {text}"
    return text if len(text) <= SUBJECT_MAX else text[: SUBJECT_MAX - 1] + "…"


def _email_body(note: Notification) -> str:
    return note.message + (f"\n\n{absolute_url(note.url)}" if note.url else "")


def _send_emails(notification_ids: list[int]) -> None:
    """Mail each notification at once, except to people who chose the daily digest: theirs
    wait for `digest_send`."""
    rows = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True, recipient__email_digest=False
    ).select_related("recipient", "assessment__indicator")
    for note in rows:
        if not note.recipient.email:
            continue
        send_mail(
            subject=email_subject(note),
            message=_email_body(note),
            from_email=None,
            recipient_list=[note.recipient.email],
            fail_silently=True,
        )
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())


def digest_send(*, now: datetime.datetime | None = None) -> dict:
    """Send each person who chose the daily digest one e-mail listing what was not yet
    mailed to them (unread notifications; read ones are only marked). Idempotent: a
    notification is in one digest at most (`emailed_at`), so a rerun sends nothing.
    Returns {"emails": n, "notifications": n}."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True, recipient__email_digest=True, created_at__lte=now
        )
        .select_related("recipient", "assessment__indicator")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_person: dict[int, list[Notification]] = {}
    for note in pending:
        by_person.setdefault(note.recipient_id, []).append(note)
    counts = {"emails": 0, "notifications": 0}
    for notes in by_person.values():
        person = notes[0].recipient
        unread = [n for n in notes if n.read_at is None]
        with transaction.atomic():
            if unread and person.email:
                send_mail(
                    subject=_("%(prefix)s Ringkasan harian: %(n)d pemberitahuan baru")
                    % {"prefix": SUBJECT_PREFIX, "n": len(unread)},
                    message=_digest_body(unread),
                    from_email=None,
                    recipient_list=[person.email],
                    fail_silently=True,
                )
                counts["emails"] += 1
                counts["notifications"] += len(unread)
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=now)
    return counts


def _digest_body(notes: list[Notification]) -> str:
    lines = [_("Pemberitahuan SPBE Monev sejak ringkasan terakhir:"), ""]
    for note in notes:
        lines.append(f"- {email_subject(note).removeprefix(SUBJECT_PREFIX).strip()}")
        lines.append(f"  {note.message}")
        if note.url:
            lines.append(f"  {absolute_url(note.url)}")
    lines += ["", _("Ubah pilihan e-mail di halaman profil: %(url)s") % {"url": _profile_url()}]
    return "\n".join(lines)


def _profile_url() -> str:
    return absolute_url(reverse("profile"))


def notifications_settle(*, assessment: Assessment, kinds: Iterable[str]) -> int:
    """Mark read, for every recipient, the unread notifications of `kinds` about
    `assessment`: its item was acted on, so nobody needs to be asked any more."""
    return Notification.objects.filter(
        assessment=assessment, kind__in=list(kinds), read_at__isnull=True
    ).update(read_at=timezone.now())


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
    """Tell the reviewer and the coordinators (they decide) that the indicator waits for
    them; what asked the respondents to act on it is settled."""
    notifications_settle(assessment=assessment, kinds=SETTLED_BY_SUBMISSION)
    notify(
        recipients=assessment_people(assessment, reviewers=True, coordinators=True),
        kind=Kind.SUBMITTED,
        message=_("Indikator %(i)s pada %(c)s diajukan untuk direviu.")
        % {"i": _label(assessment), "c": assessment.cycle.name},
        assessment=assessment,
        exclude=actor,
    )


def notify_returned(*, actor, assessment: Assessment, note: str) -> None:
    notifications_settle(assessment=assessment, kinds=SETTLED_BY_REVIEW)
    notify(
        recipients=assessment_people(assessment, respondents=True),
        kind=Kind.RETURNED,
        message=_("Indikator %(i)s perlu perbaikan: %(note)s")
        % {"i": _label(assessment), "note": note},
        assessment=assessment,
        exclude=actor,
    )


def notify_approved(*, actor, assessment: Assessment) -> None:
    notifications_settle(assessment=assessment, kinds=SETTLED_BY_REVIEW)
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


def overdue_summary_send(*, today: datetime.date | None = None) -> int:
    """Tell each cycle's coordinators, once a day, how many of its open indicators are past
    their deadline (one notice per cycle, not one per indicator: they decide what to chase).
    Idempotent per cycle and day. Returns the notifications written."""
    today = today or timezone.localdate()
    overdue: dict[int, int] = {}
    cycles: dict[int, Cycle] = {}
    assessments = (
        Assessment.objects.filter(status__in=OPEN_STATUSES)
        .exclude(cycle__state=Cycle.State.SELESAI)
        .select_related("cycle")
        .only(
            "due_date",
            "cycle__id",
            "cycle__name",
            "cycle__instansi_id",
            "cycle__self_assessment_due",
        )
    )
    for assessment in assessments.iterator(chunk_size=1000):
        due = assessment.due_date or assessment.cycle.self_assessment_due
        if due is not None and due < today:
            overdue[assessment.cycle_id] = overdue.get(assessment.cycle_id, 0) + 1
            cycles[assessment.cycle_id] = assessment.cycle
    written = 0
    for cycle_id, count in overdue.items():
        cycle = cycles[cycle_id]
        with transaction.atomic():
            written += len(
                notify(
                    recipients=instansi_people(cycle.instansi_id, [Role.KOORDINATOR]),
                    kind=Kind.OVERDUE,
                    message=_("%(n)d indikator pada %(c)s lewat batas waktu dan belum diajukan.")
                    % {"n": count, "c": cycle.name},
                    url=reverse("evaluations:cycle_detail", kwargs={"pk": cycle_id}),
                    dedupe_key=f"overdue_summary:{cycle_id}:{today.isoformat()}",
                )
            )
    return written
