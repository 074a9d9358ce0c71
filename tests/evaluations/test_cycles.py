"""Cycles: opening, the forward-only state machine, finalise/lock, reopen, copy-forward."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from spbe.audit.models import AuditEvent
from spbe.evaluations import services
from spbe.evaluations.models import Assessment, Cycle, EvidenceLink, Stage, StageValue
from spbe.evidence.models import Document
from spbe.evidence.selectors import add_months
from spbe.frameworks.selectors import framework_get
from tests.evaluations.conftest import assessment_of, fill

State = Cycle.State


def test_open_cycle_creates_one_assessment_per_indicator_and_audits(open_cycle, users):
    assert open_cycle.assessments.count() == 47
    assert set(open_cycle.assessments.values_list("status", flat=True)) == {"belum_diisi"}
    event = AuditEvent.objects.get(action="cycle.created", object_id=str(open_cycle.pk))
    assert event.actor == users["koordinator"]


def test_duplicate_cycle_name_is_refused(open_cycle, world, users):
    with pytest.raises(ValidationError, match="sudah ada"):
        services.cycle_create(
            actor=users["koordinator"],
            instansi=world.province,
            framework=open_cycle.framework,
            year=2025,
            kind="evaluasi",
            name="Evaluasi SPBE 2025",
        )


def test_a_review_deadline_before_the_self_assessment_deadline_is_refused(shipped, world, users):
    with pytest.raises(ValidationError) as caught:
        services.cycle_create(
            actor=users["koordinator"],
            instansi=world.province,
            framework=framework_get("spbe-59-2020"),
            year=2026,
            kind="evaluasi",
            name="Evaluasi 2026",
            self_assessment_due=datetime.date(2026, 6, 30),
            review_due=datetime.date(2026, 6, 1),
        )
    assert "sebelum batas penilaian mandiri" in caught.value.message_dict["review_due"][0]
    assert not Cycle.objects.filter(name="Evaluasi 2026").exists()


@pytest.mark.parametrize(
    "role, error",
    [("asesor", PermissionDenied), ("pimpinan", PermissionDenied), ("other_koordinator", Http404)],
)
def test_only_the_coordinator_opens_cycles(shipped, world, role, error):
    with pytest.raises(error):
        services.cycle_create(
            actor=world.users[role],
            instansi=world.province,
            framework=framework_get("spbe-59-2020"),
            year=2025,
            kind="evaluasi",
            name="X",
        )
    assert not Cycle.objects.exists()


def test_states_move_only_forward_one_step(open_cycle, users):
    koord = users["koordinator"]
    with pytest.raises(ValidationError, match="hanya dapat maju"):
        services.cycle_transition(actor=koord, cycle=open_cycle, state=State.PERSIAPAN)
    with pytest.raises(ValidationError, match="hanya dapat maju"):
        services.cycle_transition(actor=koord, cycle=open_cycle, state=State.INTERVIU)
    with pytest.raises(ValidationError, match="Finalisasi"):
        services.cycle_transition(actor=koord, cycle=open_cycle, state=State.SELESAI)
    for state in (State.DOKUMEN, State.INTERVIU, State.FINALISASI):  # visitasi is optional
        open_cycle = services.cycle_transition(actor=koord, cycle=open_cycle, state=state)
    assert open_cycle.state == State.FINALISASI
    events = AuditEvent.objects.filter(action="cycle.state_changed").order_by("pk")
    assert [e.changes["state"] for e in events][-1] == [State.INTERVIU, State.FINALISASI]


def test_finalise_only_from_finalisasi(open_cycle, users):
    with pytest.raises(ValidationError, match="Finalisasi"):
        services.cycle_finalise(actor=users["koordinator"], cycle=open_cycle)


def _finalised(cycle, koord):
    for state in (State.DOKUMEN, State.INTERVIU, State.VISITASI, State.FINALISASI):
        cycle = services.cycle_transition(actor=koord, cycle=cycle, state=state)
    return services.cycle_finalise(actor=koord, cycle=cycle)


def test_finalised_cycle_refuses_every_change(open_cycle, users, world):
    koord = users["koordinator"]
    fill(open_cycle, 1, users["responden"])
    cycle = _finalised(open_cycle, koord)
    assert cycle.is_locked and cycle.finalised_at
    a = assessment_of(cycle, 1)
    before = StageValue.objects.count()
    attempts = [
        lambda: services.stage_value_set(actor=koord, assessment=a, stage="final", value="3"),
        lambda: services.stage_values_set_bulk(
            actor=koord, cycle=cycle, stage="final", values={1: 3}, source="uji"
        ),
        lambda: services.assessment_assign(actor=koord, assessment=a, lead_unit=world.dinkes),
        lambda: services.assessment_decide(
            actor=koord, assessment=a, revision=a.revision, source="responden"
        ),
        lambda: services.comment_add(actor=koord, assessment=a, body="halo"),
        lambda: services.cycle_set_deadlines(
            actor=koord, cycle=cycle, self_assessment_due=None, review_due=None
        ),
        lambda: services.cycle_transition(actor=koord, cycle=cycle, state=State.FINALISASI),
        lambda: services.review_accept(actor=users["asesor"], assessment=a, revision=a.revision),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="Siklus sudah final dan terkunci"):
            attempt()
    assert StageValue.objects.count() == before


def test_reopen_needs_the_coordinator_and_a_reason_which_is_audited(open_cycle, users):
    koord = users["koordinator"]
    cycle = _finalised(open_cycle, koord)
    with pytest.raises(PermissionDenied):
        services.cycle_reopen(actor=users["asesor"], cycle=cycle, reason="Koreksi nilai")
    with pytest.raises(ValidationError, match="Alasan"):
        services.cycle_reopen(actor=koord, cycle=cycle, reason="  ")
    cycle = services.cycle_reopen(actor=koord, cycle=cycle, reason="Koreksi hasil interviu")
    assert cycle.state == State.FINALISASI and not cycle.is_locked
    event = AuditEvent.objects.get(action="cycle.reopened")
    assert event.extra["reason"] == "Koreksi hasil interviu"
    with pytest.raises(ValidationError, match="belum final"):
        services.cycle_reopen(actor=koord, cycle=cycle, reason="lagi lagi")


def test_deadlines(open_cycle, users):
    cycle = services.cycle_set_deadlines(
        actor=users["koordinator"],
        cycle=open_cycle,
        self_assessment_due=datetime.date(2025, 5, 1),
        review_due=datetime.date(2025, 5, 20),
    )
    assert cycle.review_due == datetime.date(2025, 5, 20)
    with pytest.raises(ValidationError, match="sebelum"):
        services.cycle_set_deadlines(
            actor=users["koordinator"],
            cycle=open_cycle,
            self_assessment_due=datetime.date(2025, 5, 1),
            review_due=datetime.date(2025, 4, 1),
        )


# -- copy forward -----------------------------------------------------------------------------
def _document(world, *, freshness="", date=None, archived=False, title="Dok"):
    return Document.objects.create(
        instansi=world.province,
        kind="laporan",
        freshness_kind=freshness,
        title=title,
        document_date=date,
        is_archived=archived,
    )


@pytest.fixture
def previous(open_cycle, world, users):
    """The 2025 cycle with work on indicators 1 (policy) and 45 (chosen service)."""
    koord = users["koordinator"]
    services.assessment_assign(
        actor=koord,
        assessment=assessment_of(open_cycle, 1),
        lead_unit=world.setda,
        contributing_units=[world.dinkes],
        reviewer=users["asesor"],
        due_date=datetime.date(2025, 4, 30),
    )
    fill(open_cycle, 1, users["responden"], fakta="Pergub 5/2024", analisis="Lengkap")
    a45 = assessment_of(open_cycle, 45)
    Assessment.objects.filter(pk=a45.pk).update(subject_name="Layanan Perizinan Online")
    one = assessment_of(open_cycle, 1)
    docs = {
        "plain": _document(world, title="Pergub"),
        # evidence is judged today while the new cycle is open (the evidence engine's rule)
        "fresh": _document(world, freshness="reviu", date=add_months(timezone.localdate(), -3)),
        "stale": _document(world, freshness="reviu", date=datetime.date(2023, 6, 1)),
        "archived": _document(world, archived=True),
    }
    for level, doc in enumerate(docs.values(), start=1):
        EvidenceLink.objects.create(assessment=one, document=doc, level=level)
    return open_cycle, docs


def copy_forward(source, users, world, **overrides):
    """The koordinator opens the province's 2026 cycle copying `source` forward."""
    fields = {
        "actor": users["koordinator"],
        "instansi": world.province,
        "framework": source.framework,
        "year": 2026,
        "kind": "evaluasi",
        "name": "Evaluasi SPBE 2026",
        "copy_from": source,
    }
    return services.cycle_create(**(fields | overrides))


def test_copy_forward_same_framework(previous, world, users):
    source, docs = previous
    cycle = copy_forward(source, users, world)
    one = assessment_of(cycle, 1)
    assert one.lead_unit == world.setda and one.reviewer == users["asesor"]
    assert list(one.contributing_units.all()) == [world.dinkes]
    assert one.due_date == datetime.date(2026, 4, 30)  # shifted by a year
    assert one.status == "draf" and one.claimed_value is None
    explanation = StageValue.objects.get(assessment=one, stage=Stage.MANDIRI)
    assert (explanation.fakta, explanation.value) == ("Pergub 5/2024", None)
    assert assessment_of(cycle, 45).subject_name == "Layanan Perizinan Online"
    linked = set(EvidenceLink.objects.filter(assessment=one).values_list("document", flat=True))
    # a reviu of 3 months ago is < 24 months old today; June 2023 is not; archived never.
    assert linked == {docs["plain"].pk, docs["fresh"].pk}
    assert AuditEvent.objects.get(action="cycle.created", object_id=str(cycle.pk)).extra[
        "copied"
    ] == {"assignments": 2, "explanations": 1, "subjects": 1, "evidence": 2}


def test_copy_forward_can_clear_due_dates_and_skip_parts(previous, world, users):
    source, _docs = previous
    cycle = copy_forward(
        source,
        users,
        world,
        kind="internal",
        name="Pemantauan Q1",
        copy_parts={"assignments"},
        shift_due_dates=False,
    )
    one = assessment_of(cycle, 1)
    assert one.lead_unit == world.setda and one.due_date is None
    assert one.status == "belum_diisi"
    assert not StageValue.objects.filter(assessment__cycle=cycle).exists()
    assert not EvidenceLink.objects.filter(assessment__cycle=cycle).exists()


def test_copy_forward_across_frameworks_follows_the_mapping(previous, world, users):
    source, docs = previous
    cycle = copy_forward(
        source, users, world, framework=framework_get("pemdi-8-2026"), name="Evaluasi Pemdi 2026"
    )
    # SPBE 1 → Pemdi 1 (1.1) in the shipped mapping.
    target = assessment_of(cycle, 1)
    linked = set(EvidenceLink.objects.filter(assessment=target).values_list("document", flat=True))
    assert linked == {docs["plain"].pk, docs["fresh"].pk}
    assert target.lead_unit == world.setda
    # explanations and subject names do not cross frameworks
    assert not StageValue.objects.filter(assessment__cycle=cycle).exists()
    assert (
        not EvidenceLink.objects.filter(assessment__cycle=cycle).exclude(assessment=target).exists()
    )


def test_copy_from_another_instansi_is_refused(previous, world, users, shipped):
    source, _docs = previous
    with pytest.raises(ValidationError, match="instansi yang sama"):
        services.cycle_create(
            actor=users["administrator"],
            instansi=world.kab,
            framework=source.framework,
            year=2026,
            kind="evaluasi",
            name="X",
            copy_from=source,
        )


def test_copy_forward_keeps_what_the_evidence_engine_judges_fresh(open_cycle, world, users):
    """Copy-forward asks `document_freshness` (the one rule, "kurang dari 2 tahun"): a review
    dated exactly 24 months ago has expired today, one a day younger has not; undated
    reviews and archived documents are never copied."""
    today = timezone.localdate()
    expires_today = add_months(today, -24)
    docs = {
        "young": _document(world, freshness="audit", date=expires_today + datetime.timedelta(1)),
        "expired": _document(world, freshness="audit", date=expires_today),
        "undated": _document(world, freshness="reviu"),
        "archived": _document(world, archived=True),
        "plain": _document(world, date=datetime.date(2001, 1, 1)),
    }
    one = assessment_of(open_cycle, 1)
    for doc in docs.values():
        EvidenceLink.objects.create(assessment=one, document=doc, level=1)
    cycle = copy_forward(open_cycle, users, world, copy_parts={"evidence"})
    linked = set(
        EvidenceLink.objects.filter(assessment__cycle=cycle).values_list("document", flat=True)
    )
    assert linked == {docs["young"].pk, docs["plain"].pk}
