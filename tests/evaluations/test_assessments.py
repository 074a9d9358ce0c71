"""Self-assessment, values per framework, access, concurrency, stage values, assignment."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from spbe.audit.models import AuditEvent
from spbe.evaluations import services
from spbe.evaluations.models import Assessment, Cycle, EvidenceLink, Notification, StageValue
from spbe.evaluations.selectors import claim_warnings, cycle_score, my_tasks
from spbe.evidence.models import Document
from spbe.frameworks.selectors import framework_get
from tests.evaluations.conftest import assessment_of, fill


def test_respondent_saves_a_draft_then_submits(
    open_cycle, users, mailoutbox, django_capture_on_commit_callbacks
):
    resp = users["responden"]
    a = fill(open_cycle, 1, resp, value="4")
    assert (a.status, a.claimed_value, a.revision) == ("draf", Decimal("4.00"), 2)
    mandiri = StageValue.objects.get(assessment=a, stage="mandiri")
    assert (mandiri.value, mandiri.fakta, mandiri.set_by) == (4, "Ada Pergub 12/2024.", resp)
    assert cycle_score(open_cycle, "mandiri").values == {"1": Decimal("4")}
    with django_capture_on_commit_callbacks(execute=True):
        a = services.assessment_submit(actor=resp, assessment=a, revision=a.revision)
    assert a.status == "diajukan" and a.submitted_by == resp
    # the reviewer is told, in-app and by e-mail, and so is the coordinator who decides
    notified = {n.recipient for n in Notification.objects.filter(kind="submitted")}
    assert notified == {users["asesor"], users["koordinator"]}
    assert AuditEvent.objects.filter(action="assessment.submitted").count() == 1
    assert not mailoutbox or mailoutbox[0].to == [users["asesor"].email]


def test_submit_needs_level_fakta_and_analisis(open_cycle, users):
    a = fill(open_cycle, 1, users["responden"], value=None, fakta="", analisis="")
    with pytest.raises(ValidationError) as exc:
        services.assessment_submit(actor=users["responden"], assessment=a, revision=a.revision)
    assert set(exc.value.message_dict) == {"value", "fakta", "analisis"}
    assert assessment_of(open_cycle, 1).status == "draf"


def test_submitted_indicator_is_not_editable_by_the_respondent(open_cycle, users):
    fill(open_cycle, 1, users["responden"], submit=True)
    with pytest.raises(ValidationError, match="Diajukan"):
        fill(open_cycle, 1, users["responden"], value="5")


def test_self_assessment_closes_after_the_mandiri_stage(open_cycle, users):
    services.cycle_transition(actor=users["koordinator"], cycle=open_cycle, state="dokumen")
    with pytest.raises(ValidationError, match="ditutup"):
        fill(open_cycle, 1, users["responden"])


@pytest.mark.parametrize(
    "value, message",
    [("3.5", "bilangan bulat"), ("6", "6"), ("0", "0"), ("abc", "bukan angka")],
)
def test_invalid_levels_on_an_integer_framework(open_cycle, users, value, message):
    with pytest.raises(ValidationError, match=message):
        fill(open_cycle, 1, users["responden"], value=value)
    assert assessment_of(open_cycle, 1).revision == 1  # nothing written (assignment was 1)
    assert not StageValue.objects.exists()


@pytest.fixture
def pemdi_cycle(shipped, world, users):
    cycle = services.cycle_create(
        actor=users["koordinator"],
        instansi=world.province,
        framework=framework_get("pemdi-8-2026"),
        year=2026,
        kind="evaluasi",
        name="Pemdi",
    )
    services.cycle_transition(actor=users["koordinator"], cycle=cycle, state="mandiri")
    services.assessment_assign(
        actor=users["koordinator"], assessment=assessment_of(cycle, 1), lead_unit=world.setda
    )
    return cycle


def test_decimal_framework_takes_two_places(pemdi_cycle, users):
    a = fill(pemdi_cycle, 1, users["responden"], value="3.25")
    assert a.claimed_value == Decimal("3.25")
    with pytest.raises(ValidationError, match="desimal|2"):
        fill(pemdi_cycle, 1, users["responden"], value="3.255")
    with pytest.raises(ValidationError):
        fill(pemdi_cycle, 1, users["responden"], value="5.01")


def test_respondent_of_another_unit_gets_404_and_read_only_roles_403(open_cycle, users):
    with pytest.raises(Http404):
        fill(open_cycle, 1, users["responden_flat"])  # Dinkes does not work on indicator 1
    with pytest.raises(Http404):
        fill(open_cycle, 1, users["other_koordinator"])
    for role in ("pimpinan", "pembina", "asesor"):
        with pytest.raises(PermissionDenied):
            fill(open_cycle, 1, users[role])
    # a contributing unit's respondent may fill in
    assert fill(open_cycle, 2, users["responden"]).status == "draf"


def test_stale_revision_is_refused_and_nothing_is_overwritten(open_cycle, users):
    resp, koord = users["responden"], users["koordinator"]
    mine = assessment_of(open_cycle, 1)
    theirs = assessment_of(open_cycle, 1)
    services.assessment_save(
        actor=koord,
        assessment=theirs,
        revision=theirs.revision,
        value="2",
        fakta="Versi koordinator",
        analisis="A",
    )
    with pytest.raises(services.StaleRevision) as exc:
        services.assessment_save(
            actor=resp,
            assessment=mine,
            revision=mine.revision,
            value="5",
            fakta="Versi responden",
            analisis="B",
        )
    assert "sudah diubah oleh Rahmat" in exc.value.messages[0]
    assert "perubahan Anda tidak disimpan" in exc.value.messages[0]
    assert exc.value.current.claimed_value == Decimal("2")
    assert StageValue.objects.get(assessment=mine, stage="mandiri").fakta == "Versi koordinator"


def test_claim_warnings_compare_typical_evidence_with_linked_documents(open_cycle, users, world):
    """The warnings word the evidence engine's missing items: a claim at level 4 needs the
    typical evidence of levels 1..4, each linked at its level and matching its kind
    (`spbe.evidence.matching`); a review must be < 2 years old on the day it is judged."""
    a = fill(open_cycle, 1, users["responden"], value="4")
    assert claim_warnings(a) == [
        "Level 1 mengharuskan draf atau konsep; belum ada",
        "Level 1 mengharuskan undangan, notulen, daftar hadir, foto rapat; belum ada",
        "Level 2 mengharuskan kebijakan atau keputusan yang ditetapkan; belum ada",
        "Level 3 mengharuskan kebijakan atau keputusan yang ditetapkan; belum ada",
        "Level 4 mengharuskan kebijakan atau keputusan yang ditetapkan; belum ada",
        "Level 4 mengharuskan dokumen reviu atau evaluasi < 2 tahun; belum ada",
    ]

    def link(kind, level, **fields):
        document = Document.objects.create(
            instansi=world.province, kind=kind, title=f"{kind} {level}", **fields
        )
        EvidenceLink.objects.create(assessment=a, document=document, level=level)

    link("laporan", 4, freshness_kind="reviu", document_date=datetime.date(2022, 1, 1))
    assert claim_warnings(a)[-1] == (
        "Level 4 mengharuskan dokumen reviu atau evaluasi < 2 tahun; "
        "yang ditautkan sudah terlalu lama atau tidak bertanggal"
    )
    link("laporan", 4, freshness_kind="reviu", document_date=timezone.localdate())
    # a report is not a policy: the fallback that accepted any linked document is gone
    assert len(claim_warnings(a)) == 5
    assert "Level 4 mengharuskan kebijakan" in claim_warnings(a)[-1]
    link("dokumen", 1)  # the draft
    link("notulen", 1)
    for level in (2, 3, 4):
        link("pergub", level)
    assert claim_warnings(a) == []
    # level 1 lists a draft and minutes: with no documents at all both are missing
    b = fill(open_cycle, 2, users["responden_flat"], value="1")
    assert len(claim_warnings(b)) == 2 and "Level 1 mengharuskan" in claim_warnings(b)[0]


# -- stage values -----------------------------------------------------------------------------
def test_coordinator_sets_an_external_stage_by_hand(open_cycle, users):
    a = assessment_of(open_cycle, 1)
    row = services.stage_value_set(
        actor=users["koordinator"],
        assessment=a,
        stage="dokumen",
        value="3",
        fakta="F",
        analisis="A",
    )
    assert row.value == 3 and row.set_by == users["koordinator"]
    with pytest.raises(ValidationError, match="hanya boleh pada hasil resmi"):
        services.stage_value_set(actor=users["koordinator"], assessment=a, stage="final", value=0)
    with pytest.raises(ValidationError, match="Tahap"):
        services.stage_value_set(actor=users["koordinator"], assessment=a, stage="mandiri", value=3)
    with pytest.raises(PermissionDenied):
        services.stage_value_set(actor=users["asesor"], assessment=a, stage="final", value=3)


def test_bulk_values_are_all_or_nothing_and_audited(open_cycle, users):
    koord = users["koordinator"]
    with pytest.raises(ValidationError) as exc:
        services.stage_values_set_bulk(
            actor=koord,
            cycle=open_cycle,
            stage="final",
            values={1: 3, 2: "2.5", 99: 1},
            source="uji",
        )
    assert len(exc.value.messages) == 2
    assert not StageValue.objects.exists()
    values = {n: Decimal(3) for n in range(1, 48)} | {47: Decimal(0)}
    with pytest.raises(ValidationError, match="0"):
        services.stage_values_set_bulk(
            actor=koord, cycle=open_cycle, stage="final", values=values, source="uji"
        )
    count = services.stage_values_set_bulk(
        actor=koord,
        cycle=open_cycle,
        stage="final",
        values=values,
        notes={1: "catatan"},
        allow_zero=True,
        source="LHE 2025",
    )
    assert count == 47
    assert cycle_score(open_cycle, "final", official=True).complete
    event = AuditEvent.objects.get(action="stage_values.bulk_set")
    assert event.extra["source"] == "LHE 2025" and event.changes["47"] == [None, "0.00"]
    assert assessment_of(open_cycle, 3).revision == 1  # stale forms on it are now refused


def test_bulk_writer_leaves_equal_values_alone_and_keeps_notes_without_values(open_cycle, users):
    koord, asesor_note = users["koordinator"], "Belum ada reviu."
    services.stage_values_set_bulk(
        actor=koord, cycle=open_cycle, stage="final", values={1: 3, 2: 3}, source="uji"
    )
    first = StageValue.objects.get(assessment__indicator__number=1, stage="final").set_at
    revision = assessment_of(open_cycle, 1).revision
    written = services.stage_values_write(
        actor=koord,
        cycle=open_cycle,
        values={1: {"final": "3"}, 2: {"final": "4", "dokumen": "2"}},
        notes={5: asesor_note},
        notes_stage="final",
    )
    assert written.per_stage == {
        "dokumen": {"created": 1, "changed": 0, "unchanged": 0},
        "final": {"created": 0, "changed": 1, "unchanged": 1},
    }
    assert written.changes == {(2, "final"): ["3.00", "4.00"], (2, "dokumen"): [None, "2.00"]}
    assert StageValue.objects.get(assessment__indicator__number=1, stage="final").set_at == first
    assert assessment_of(open_cycle, 1).revision == revision  # nothing changed on it
    note = StageValue.objects.get(assessment__indicator__number=5, stage="final")
    assert (note.value, note.notes) == (None, asesor_note)
    assert assessment_of(open_cycle, 5).revision == 1
    with pytest.raises(ValidationError) as exc:
        services.stage_values_write(
            actor=koord, cycle=open_cycle, values={1: {"final": "9"}, 99: {"final": "3"}}
        )
    assert len(exc.value.messages) == 2


# -- assignment -------------------------------------------------------------------------------
def test_assignment_notifies_the_units_respondents(
    open_cycle, users, world, mailoutbox, django_capture_on_commit_callbacks
):
    users["responden_flat"].email = "dinkes@example.go.id"
    users["responden_flat"].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_assign(
            actor=users["koordinator"],
            assessment=assessment_of(open_cycle, 5),
            lead_unit=world.dinkes,
            due_date=datetime.date(2025, 6, 1),
        )
    note = Notification.objects.get(
        kind="assigned", recipient=users["responden_flat"], assessment__indicator__number=5
    )
    assert "Indikator 5." in note.message and "01-06-2025" in note.message
    assert [m.to for m in mailoutbox] == [["dinkes@example.go.id"]]
    assert AuditEvent.objects.filter(action="assessment.assigned").count() == 3


def test_reviewer_must_be_an_asesor_and_units_of_the_instansi(open_cycle, users, world):
    a = assessment_of(open_cycle, 5)
    with pytest.raises(ValidationError, match="Asesor"):
        services.assessment_assign(
            actor=users["koordinator"],
            assessment=a,
            lead_unit=world.dinkes,
            reviewer=users["responden"],
        )
    with pytest.raises(ValidationError, match="instansi"):
        services.assessment_assign(
            actor=users["koordinator"], assessment=a, lead_unit=world.other_unit
        )


def test_bulk_assignment_changes_only_what_is_given(open_cycle, users, world):
    ids = list(
        Assessment.objects.filter(cycle=open_cycle, indicator__number__in=[1, 10, 11]).values_list(
            "pk", flat=True
        )
    )
    changed = services.assessments_assign_bulk(
        actor=users["koordinator"], cycle=open_cycle, assessment_ids=ids, lead_unit=world.dinkes
    )
    assert changed == 3
    one = assessment_of(open_cycle, 1)
    assert one.lead_unit == world.dinkes and one.reviewer == users["asesor"]  # reviewer kept
    with pytest.raises(ValidationError, match="Tidak ada yang diubah"):
        services.assessments_assign_bulk(
            actor=users["koordinator"], cycle=open_cycle, assessment_ids=ids
        )
    other = Cycle.objects.create(
        instansi=world.province,
        framework=open_cycle.framework,
        year=2024,
        kind="internal",
        name="lain",
    )
    with pytest.raises(ValidationError, match="bukan milik"):
        services.assessments_assign_bulk(
            actor=users["koordinator"], cycle=other, assessment_ids=ids, due_date=None
        )


def test_my_tasks_lists_the_units_indicators(open_cycle, users):
    numbers = [a.indicator.number for a in my_tasks(user=users["responden"])]
    assert numbers == [1, 2]  # lead on 1, contributing on 2
    assert [a.indicator.number for a in my_tasks(user=users["responden_flat"])] == [2]
    assert list(my_tasks(user=users["pimpinan"])) == []
