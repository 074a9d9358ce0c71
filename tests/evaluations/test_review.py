"""Review by the asesor, the koordinator's decision, comments with mentions, reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404

from spbe.audit.models import AuditEvent
from spbe.evaluations import services
from spbe.evaluations.models import Assessment, Comment, Notification, StageValue
from spbe.evaluations.selectors import cycle_score, notification_unread_count
from spbe.organizations.models import Role
from tests.evaluations.conftest import assessment_of, fill
from tests.factories import make_user_with_role


@pytest.fixture
def submitted(open_cycle, users):
    fill(open_cycle, 1, users["responden"], value="4", submit=True)
    return assessment_of(open_cycle, 1)


def test_accept(submitted, users):
    a = services.review_accept(
        actor=users["asesor"], assessment=submitted, revision=submitted.revision
    )
    assert (a.status, a.reviewed_value, a.reviewed_by) == ("disetujui", 4, users["asesor"])
    assert Notification.objects.filter(kind="approved", recipient=users["responden"]).exists()
    assert AuditEvent.objects.filter(action="assessment.accepted").exists()


def test_return_needs_a_note_and_the_respondent_fixes_it(submitted, users):
    asesor, resp = users["asesor"], users["responden"]
    with pytest.raises(ValidationError, match="catatan"):
        services.review_return(
            actor=asesor, assessment=submitted, revision=submitted.revision, note=" "
        )
    a = services.review_return(
        actor=asesor,
        assessment=submitted,
        revision=submitted.revision,
        note="Lampirkan SK penetapan.",
    )
    assert a.status == "perlu_perbaikan"
    assert Comment.objects.get(kind="review").body == "Lampirkan SK penetapan."
    note = Notification.objects.get(kind="returned")
    assert note.recipient == resp and "Lampirkan SK" in note.message
    a = fill(a.cycle, 1, resp, value="3", submit=True)
    assert a.status == "diajukan" and a.claimed_value == 3


def test_set_level_records_the_asesors_level(submitted, users):
    a = services.review_set_level(
        actor=users["asesor"],
        assessment=submitted,
        revision=submitted.revision,
        value="3",
        note="Belum ada reviu berkala.",
    )
    assert (a.status, a.reviewed_value, a.claimed_value) == ("disetujui", 3, 4)
    with pytest.raises(ValidationError, match="bulat"):
        services.review_set_level(
            actor=users["asesor"], assessment=a, revision=a.revision, value="3.5", note="x"
        )


def test_review_decide_dispatches_each_decision_and_refuses_others(submitted, users):
    """The one dispatch the review page and the review API both call."""
    asesor = users["asesor"]
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.review_decide(
            actor=asesor, assessment=submitted, decision="approve", revision=submitted.revision
        )
    assert not AuditEvent.objects.filter(action__startswith="assessment.accepted").exists()
    a = services.review_decide(
        actor=asesor,
        assessment=submitted,
        decision="set_level",
        revision=submitted.revision,
        value="3",
        note="Bukti level 4 belum ada.",
    )
    assert (a.status, a.reviewed_value) == ("disetujui", 3)


def test_only_submitted_indicators_are_reviewed(open_cycle, users):
    a = fill(open_cycle, 1, users["responden"])
    with pytest.raises(ValidationError, match="sudah diajukan"):
        services.review_accept(actor=users["asesor"], assessment=a, revision=a.revision)


def test_who_reviews(open_cycle, users, world):
    other_asesor = make_user_with_role(role=Role.ASESOR, instansi=world.province)
    fill(open_cycle, 1, users["responden"], submit=True)
    fill(open_cycle, 2, users["responden_flat"], submit=True)
    one, two = assessment_of(open_cycle, 1), assessment_of(open_cycle, 2)
    # indicator 1 has a reviewer: another asesor may not; indicator 2 has none: any asesor may
    with pytest.raises(PermissionDenied):
        services.review_accept(actor=other_asesor, assessment=one, revision=one.revision)
    services.review_accept(actor=other_asesor, assessment=two, revision=two.revision)
    for role in ("responden", "pimpinan"):
        with pytest.raises(PermissionDenied):
            services.review_accept(actor=users[role], assessment=one, revision=one.revision)
    with pytest.raises(Http404):
        services.review_accept(actor=users["responden_flat"], assessment=one, revision=one.revision)


def test_coordinator_decides_the_final_self_assessment_level(submitted, users):
    koord = users["koordinator"]
    a = services.review_set_level(
        actor=users["asesor"],
        assessment=submitted,
        revision=submitted.revision,
        value="3",
        note="kurang",
    )
    assert cycle_score(a.cycle, "mandiri").values == {"1": Decimal("4")}  # the claim, so far
    a = services.assessment_decide(actor=koord, assessment=a, revision=a.revision, source="asesor")
    assert StageValue.objects.get(assessment=a, stage="mandiri").value == 3
    assert cycle_score(a.cycle, "mandiri").values == {"1": Decimal("3")}
    a = services.assessment_decide(
        actor=koord, assessment=a, revision=a.revision, source="koordinator", value="5"
    )
    assert (a.final_source, a.status) == ("koordinator", "disetujui")
    assert AuditEvent.objects.filter(action="assessment.decided").count() == 2
    with pytest.raises(PermissionDenied):
        services.assessment_decide(
            actor=users["asesor"], assessment=a, revision=a.revision, source="responden"
        )
    with pytest.raises(ValidationError, match="Pilih level"):
        services.assessment_decide(
            actor=koord, assessment=a, revision=a.revision, source="koordinator"
        )


def test_review_with_stale_revision_is_refused(submitted, users):
    old = submitted.revision
    fresh = assessment_of(submitted.cycle, 1)
    services.review_return(
        actor=users["koordinator"], assessment=fresh, revision=old, note="perbaiki"
    )
    with pytest.raises(services.StaleRevision):
        services.review_accept(actor=users["asesor"], assessment=submitted, revision=old)
    assert Assessment.objects.get(pk=submitted.pk).status == "perlu_perbaikan"


# -- comments ---------------------------------------------------------------------------------
def test_mentions_notify_only_people_who_see_the_indicator(open_cycle, users):
    a = assessment_of(open_cycle, 1)
    services.comment_add(
        actor=users["koordinator"],
        assessment=a,
        body="@resp @asesor mohon cek. @respflat @koordlain @tidakada.",
    )
    comment = Comment.objects.get()
    assert {u.username for u in comment.mentions.all()} == {"resp", "asesor"}
    assert set(
        Notification.objects.filter(kind="mention").values_list("recipient__username", flat=True)
    ) == {"resp", "asesor"}
    assert notification_unread_count(user=users["responden"]) >= 1


def test_comment_access(open_cycle, users):
    a = assessment_of(open_cycle, 1)
    with pytest.raises(PermissionDenied):
        services.comment_add(actor=users["pimpinan"], assessment=a, body="halo")
    with pytest.raises(Http404):
        services.comment_add(actor=users["responden_flat"], assessment=a, body="halo")
    with pytest.raises(ValidationError):
        services.comment_add(actor=users["responden"], assessment=a, body="  ")


def test_mark_read(open_cycle, users):
    services.comment_add(
        actor=users["koordinator"], assessment=assessment_of(open_cycle, 1), body="@resp halo"
    )
    assert notification_unread_count(user=users["responden"]) > 0
    services.notification_mark_read(user=users["responden"])
    assert notification_unread_count(user=users["responden"]) == 0


# -- reminders --------------------------------------------------------------------------------
def test_reminders_are_idempotent_and_emailed(
    open_cycle, users, world, mailoutbox, django_capture_on_commit_callbacks
):
    resp = users["responden"]
    resp.email = "setda@example.go.id"
    resp.save()
    Assessment.objects.filter(cycle=open_cycle, indicator__number=1).update(
        due_date=datetime.date(2025, 5, 3)
    )
    Assessment.objects.filter(cycle=open_cycle, indicator__number=2).update(
        due_date=datetime.date(2025, 4, 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.reminders_send(today=datetime.date(2025, 5, 1), days_before=3)
    # indicator 1: due soon for Setda's respondent; indicator 2: overdue for Dinkes and Setda
    assert counts == {"due_soon": 1, "overdue": 2}
    assert {m.to[0] for m in mailoutbox} == {"setda@example.go.id"}
    assert len(mailoutbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        again = services.reminders_send(today=datetime.date(2025, 5, 1), days_before=3)
        call_command("reminders", "--today", "2025-05-02", "--days", "3")
    assert again == {"due_soon": 0, "overdue": 0}
    assert Notification.objects.filter(kind__in=["due_soon", "overdue"]).count() == 3
    assert len(mailoutbox) == 2


def test_reminders_skip_submitted_and_locked(open_cycle, users):
    Assessment.objects.filter(cycle=open_cycle).update(due_date=datetime.date(2025, 4, 1))
    Assessment.objects.filter(cycle=open_cycle).exclude(indicator__number=1).update(
        status="disetujui"
    )
    counts = services.reminders_send(today=datetime.date(2025, 5, 1))
    assert counts == {"due_soon": 0, "overdue": 1}
