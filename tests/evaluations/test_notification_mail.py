"""Notifications as people receive them: absolute links, subjects that name the indicator and
the action, the coordinator told what needs a decision, read once acted on, a daily digest."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from spbe.accounts.services import user_email_preference_set
from spbe.audit.models import AuditEvent
from spbe.evaluations import services
from spbe.evaluations.models import Assessment, Notification
from tests.evaluations.conftest import assessment_of, fill

SITE = "https://spbe.kaltimprov.go.id"


@pytest.fixture
def mailed(users, settings):
    """Everybody concerned has an address; links are made from SITE."""
    settings.SITE_URL = SITE
    for name in ("responden", "asesor", "koordinator"):
        users[name].email = f"{name}@kaltimprov.go.id"
        users[name].save()
    return users


def _mail_to(mailoutbox, user):
    return [m for m in mailoutbox if m.to == [user.email]]


def test_a_returned_indicator_mails_an_absolute_link_with_a_subject_naming_it(
    open_cycle, mailed, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fill(open_cycle, 1, mailed["responden"], submit=True)
        a = assessment_of(open_cycle, 1)
        services.review_return(
            actor=mailed["asesor"], assessment=a, revision=a.revision, note="Lampirkan SK."
        )
    indicator = a.indicator
    (mail,) = [m for m in _mail_to(mailoutbox, mailed["responden"]) if "dikembalikan" in m.subject]
    assert mail.subject == (
        f"[SPBE Monev] {indicator.code} {indicator.short_name} dikembalikan oleh asesor"
    )
    path = reverse(
        "evaluations:assessment_detail", kwargs={"pk": open_cycle.pk, "number": indicator.number}
    )
    assert f"{SITE}{path}" in mail.body
    assert not re.search(r"(?m)^/", mail.body)  # no bare relative path left


def test_the_coordinator_is_told_of_a_submission(
    open_cycle, mailed, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fill(open_cycle, 1, mailed["responden"], submit=True)
    note = Notification.objects.get(recipient=mailed["koordinator"], kind="submitted")
    assert note.assessment == assessment_of(open_cycle, 1)
    (mail,) = _mail_to(mailoutbox, mailed["koordinator"])
    assert "diajukan untuk direviu" in mail.subject


def test_the_coordinator_gets_one_overdue_summary_per_cycle_and_day(open_cycle, users):
    Assessment.objects.filter(cycle=open_cycle, indicator__number__in=[1, 2, 3]).update(
        due_date=datetime.date(2025, 4, 1)
    )
    day = datetime.date(2025, 5, 1)
    assert services.overdue_summary_send(today=day) == 1
    assert services.overdue_summary_send(today=day) == 0
    call_command("reminders", "--today", "2025-05-01")
    (note,) = Notification.objects.filter(recipient=users["koordinator"], kind="overdue")
    assert note.message.startswith("3 indikator pada Evaluasi SPBE 2025 lewat batas waktu")
    assert note.url == reverse("evaluations:cycle_detail", kwargs={"pk": open_cycle.pk})


def test_reviewing_marks_the_submission_notices_read_for_everybody(open_cycle, users):
    fill(open_cycle, 1, users["responden"], submit=True)
    waiting = Notification.objects.filter(kind="submitted", read_at__isnull=True)
    assert {n.recipient for n in waiting} >= {users["asesor"], users["koordinator"]}
    a = assessment_of(open_cycle, 1)
    services.review_return(actor=users["asesor"], assessment=a, revision=a.revision, note="SK?")
    assert not Notification.objects.filter(kind="submitted", read_at__isnull=True).exists()
    # and the fix settles the "perlu perbaikan" notice
    assert Notification.objects.filter(kind="returned", read_at__isnull=True).exists()
    fill(open_cycle, 1, users["responden"], value="3", submit=True)
    assert not Notification.objects.filter(kind="returned", read_at__isnull=True).exists()


def test_a_decision_by_the_coordinator_settles_the_submission(open_cycle, users):
    fill(open_cycle, 1, users["responden"], submit=True)
    a = assessment_of(open_cycle, 1)
    services.assessment_decide(
        actor=users["koordinator"], assessment=a, revision=a.revision, source="responden"
    )
    assert not Notification.objects.filter(kind="submitted", read_at__isnull=True).exists()


def test_digest_people_get_one_daily_mail_and_a_rerun_sends_nothing(
    open_cycle, mailed, mailoutbox, django_capture_on_commit_callbacks
):
    koord = mailed["koordinator"]
    user_email_preference_set(user=koord, email_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        fill(open_cycle, 1, mailed["responden"], submit=True)
        fill(open_cycle, 2, mailed["responden"], submit=True)
    assert not _mail_to(mailoutbox, koord)  # nothing at once for a digest reader
    assert _mail_to(mailoutbox, mailed["asesor"])  # the others still get theirs at once
    call_command("digest")
    (digest,) = _mail_to(mailoutbox, koord)
    assert digest.subject == "[SPBE Monev] Ringkasan harian: 2 pemberitahuan baru"
    assert digest.body.count(f"{SITE}/evaluasi/") == 2
    assert services.digest_send() == {"emails": 0, "notifications": 0}
    assert len(_mail_to(mailoutbox, koord)) == 1


def test_the_digest_is_chosen_on_the_profile_page_and_audited(client, users):
    koord = users["koordinator"]
    client.force_login(koord)
    page = client.get(reverse("profile")).content.decode()
    assert "Satu ringkasan harian" in page
    response = client.post(reverse("email_preference"), {"email_digest": "1"})
    assert response.status_code == 302
    koord.refresh_from_db()
    assert koord.email_digest
    assert AuditEvent.objects.filter(action="user.preferences_changed", actor=koord).exists()
