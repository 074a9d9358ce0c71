"""The demo hangs together: every indicator is in the state the services would have left it,
the 2024 drops carry the assessors' notes, and the evidence is real files, fresh and stale."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from spbe.demo.data import demo_data, demo_story
from spbe.demo.evidence import demo_pdf
from spbe.demo.loader import demo_load
from spbe.evaluations.models import Assessment, Comment, Cycle, EvidenceLink
from spbe.evaluations.selectors.evidence_status import evidence_status_for_cycle
from spbe.evidence.files import extract_text
from spbe.evidence.models import Document, DocumentRevision
from spbe.evidence.services import document_create, inspect_evidence_upload
from spbe.frameworks.models import Indicator
from spbe.organizations.models import Instansi, Role
from tests.demo.conftest import KALTIM, cycle
from tests.factories import make_user_with_role

pytestmark = pytest.mark.django_db

Status = Assessment.Status


def pemdi_assessments() -> dict[int, Assessment]:
    return {
        a.indicator.number: a
        for a in cycle(2026)
        .assessments.select_related("indicator", "submitted_by", "lead_unit")
        .prefetch_related("stage_values")
    }


def mandiri(assessment: Assessment):
    return next(sv for sv in assessment.stage_values.all() if sv.stage == "mandiri")


def test_every_claimed_indicator_is_where_the_services_would_leave_it(demo):
    current = cycle(2026)
    dokumen_at = min(
        sv.set_at for sv in current.assessments.first().stage_values.filter(stage="dokumen")
    )
    checked = 0
    for number, a in pemdi_assessments().items():
        if a.indicator.source == Indicator.Source.EXTERNAL or a.status == Status.BELUM_DIISI:
            assert a.claimed_value is None, number
            continue
        checked += 1
        own = mandiri(a)
        # The claim is the mandiri value, explained (assessment_submit requires all three).
        assert a.claimed_value == own.value, number
        assert own.fakta.strip() and own.analisis.strip(), number
        submitted = a.status in (Status.DIAJUKAN, Status.PERLU_PERBAIKAN, Status.DISETUJUI)
        assert (a.submitted_by is not None) == submitted, number
        if submitted:
            assert a.submitted_by.username == f"responden-{_slug(a.lead_unit.name)}"
            assert a.submitted_at.date() <= current.self_assessment_due, number
        reviewed = a.status in (Status.PERLU_PERBAIKAN, Status.DISETUJUI)
        assert (a.reviewed_by is not None) == reviewed, number
        if a.status == Status.PERLU_PERBAIKAN:
            assert a.review_note and a.reviewed_at > a.submitted_at, number
        decided = a.status == Status.DISETUJUI
        assert (a.decided_by is not None) == decided, number
        if decided:
            assert a.final_source == Assessment.FinalSource.RESPONDEN
            assert a.reviewed_value is not None
            assert a.submitted_at < a.reviewed_at < a.decided_at < dokumen_at, number
            assert own.set_by.username == "koordinator" and own.set_at == a.decided_at
        else:
            assert own.set_by == a.submitted_by or a.status == Status.DRAF, number
    assert checked >= 15


def test_the_story_shows_each_step_of_the_review(demo):
    assessments = pemdi_assessments()
    statuses = {a.status for a in assessments.values()}
    assert {Status.DRAF, Status.DIAJUKAN, Status.PERLU_PERBAIKAN, Status.DISETUJUI} <= statuses
    # The asesor set a lower level for 4.1 and the koordinator kept the claim, with a note.
    audit = assessments[9]
    assert audit.reviewed_value == Decimal("2.50") < audit.claimed_value
    assert "PKPT" in mandiri(audit).notes
    # Every returned indicator's note is also in its thread, as review_return writes it.
    for a in assessments.values():
        if a.status == Status.PERLU_PERBAIKAN:
            assert Comment.objects.filter(
                assessment=a, kind=Comment.Kind.REVIEW, body=a.review_note
            ).exists()
    assert "Pergub Kaltim Nomor 12 Tahun 2025" in mandiri(assessments[1]).fakta


def test_2024_assessors_explain_the_biggest_drops(demo):
    spec = next(c for c in demo_data()["spbe_cycles"] if c["year"] == 2024)
    drops = sorted(
        (
            (spec["mandiri"][i] - spec["dokumen"][i], i + 1)
            for i in range(len(spec["mandiri"]))
            if spec["dokumen"][i] < spec["mandiri"][i]
        ),
        key=lambda d: (-d[0], d[1]),
    )
    notes = dict(
        cycle(2024)
        .assessments.filter(stage_values__stage="dokumen")
        .values_list("indicator__number", "stage_values__notes")
    )
    for _drop, number in drops[:15]:
        assert len(notes[number]) > 20, number
    # Notes only where the assessors lowered the level.
    lowered = {number for _drop, number in drops}
    assert {n for n, note in notes.items() if note} <= lowered
    a2024 = cycle(2024).assessments.select_related("indicator").get(indicator__number=1)
    assert a2024.claimed_value == Decimal(spec["mandiri"][0]) and a2024.decided_by is not None


def test_evidence_documents_are_real_files_linked_at_their_levels(demo):
    documents = list(
        Document.objects.filter(instansi__instansi_key=KALTIM).select_related("current_revision")
    )
    specs = demo_story()["pemdi_2026"]["documents"]
    assert len(documents) == len(specs) >= 5
    for document in documents:
        revision = document.current_revision
        assert revision.detected_kind == "pdf" and revision.size < 4000
        with revision.file.open("rb") as handle:
            data = handle.read()
        assert Path(revision.file.path).is_file()
        assert document.created_by.username.startswith(("responden-", "koordinator"))
        # The file passes the upload inspection and has the title in its text layer.
        text = extract_text(io.BytesIO(data), "pdf").text
        assert document.title.split()[0] in text
    links = EvidenceLink.objects.filter(assessment__cycle=cycle(2026))
    assert links.count() == sum(len(s["links"]) for s in specs)
    pergub = Document.objects.get(title__startswith="Peraturan Gubernur Kalimantan Timur Nomor 12")
    assert pergub.links.get().note.startswith("Pasal 4 halaman 5")


def test_checklists_mix_complete_missing_and_stale(demo):
    current = cycle(2026)
    by_number = {a.pk: a.indicator.number for a in current.assessments.select_related("indicator")}
    status = {by_number[pk]: s for pk, s in evidence_status_for_cycle(current).items()}
    assert not status[1].kurang_dokumen and status[1].present_count == 3  # 1.1 complete
    assert not status[4].kurang_dokumen and not status[9].kurang_dokumen
    assert status[3].kurang_dokumen and status[3].present_count == 1  # draft only
    # 6.1: its review report is older than two years: flagged, not merely missing.
    stale = status[15].stale
    assert [s.document.title for s in stale] == [
        "Laporan Reviu Proses Bisnis Pemerintah Provinsi Kalimantan Timur Tahun 2023"
    ]
    assert stale[0].freshness.status == "kedaluwarsa"
    fresh_rules = [
        f for s in status.values() for f in s.freshness.values() if f.rule and not f.is_stale
    ]
    assert fresh_rules  # documents under an age rule that are still valid show it too
    with_evidence = [n for n, s in status.items() if s.present_count]
    assert len(with_evidence) >= 8


def test_demo_pdf_is_accepted_by_the_upload_inspection():
    spec = {"title": "Pergub Uji (Arsitektur) Nomor 1", "number": "1/2026", "text": "Pasal 4."}
    data = demo_pdf(spec)
    inspected = inspect_evidence_upload(SimpleUploadedFile("uji.pdf", data))
    assert inspected.detected_kind == "pdf"
    assert "Pergub Uji (Arsitektur) Nomor 1" in extract_text(io.BytesIO(data), "pdf").text


def test_reset_removes_demo_documents_and_files_only(
    demo, settings, django_capture_on_commit_callbacks
):
    province = Instansi.objects.get(instansi_key=KALTIM)
    files = [Path(r.file.path) for r in DocumentRevision.objects.all()]
    assert files and all(f.is_file() for f in files)
    # Somebody's own upload, and a demo document their own cycle relies on, must survive.
    own_user = make_user_with_role(username="budi.kaltim", role=Role.KOORDINATOR, instansi=province)
    own = document_create(
        actor=own_user,
        instansi=province,
        owner_unit=None,
        kind=Document.Kind.LAPORAN,
        title="Laporan milik sendiri",
        upload=SimpleUploadedFile("sendiri.pdf", demo_pdf({"title": "Laporan milik sendiri"})),
    )
    pemdi = cycle(2026)
    own_cycle = Cycle.objects.create(
        instansi=province,
        framework=pemdi.framework,
        year=2026,
        kind=Cycle.Kind.INTERNAL,
        name="Pemantauan internal 2026",
    )
    own_assessment = Assessment.objects.create(
        cycle=own_cycle, indicator=pemdi.assessments.first().indicator
    )
    kept = Document.objects.get(title__startswith="Matriks Integrasi Aplikasi")
    EvidenceLink.objects.create(assessment=own_assessment, document=kept, level=1)

    with django_capture_on_commit_callbacks(execute=True):
        demo_load(reset=True)

    demo_titles = {d["title"] for d in demo_story()["pemdi_2026"]["documents"]}
    assert Document.objects.filter(pk=own.pk).exists()
    assert Document.objects.filter(pk=kept.pk).exists()
    kept_file = Path(kept.current_revision.file.path)
    assert kept_file.is_file()
    gone = [f for f in files if f != kept_file]
    assert gone and not any(f.exists() for f in gone)
    # Reloaded: one of each demo document again (the kept one reused, not duplicated).
    assert Document.objects.filter(title__in=demo_titles).count() == len(demo_titles)
    assert get_user_model().objects.filter(username="budi.kaltim").exists()


def _slug(unit_name: str) -> str:
    return next(u["slug"] for u in demo_data()["units"] if u["name"] == unit_name)


def test_people_were_told_as_the_services_tell_them(demo):
    from spbe.evaluations.models import Notification

    unread = Notification.objects.filter(read_at__isnull=True)
    # The BKD respondent has the return of 2.1 to fix; the asesor the submissions to review.
    bkd = unread.get(recipient__username="responden-bkd")
    assert bkd.kind == Notification.Kind.RETURNED and "talenta digital" in bkd.message
    assert bkd.assessment.indicator.number == 3 and bkd.url
    waiting = {
        n.assessment.indicator.number
        for n in unread.filter(recipient__username="asesor").select_related("assessment__indicator")
    }
    diajukan = {
        n
        for n, a in pemdi_assessments().items()
        if a.status == Status.DIAJUKAN and a.indicator.source != Indicator.Source.EXTERNAL
    }
    assert waiting == diajukan and diajukan
    # Approvals reached the respondents and were read when the koordinator decided.
    approved = Notification.objects.filter(kind=Notification.Kind.APPROVED)
    assert approved.exists() and not approved.filter(read_at__isnull=True).exists()
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()
