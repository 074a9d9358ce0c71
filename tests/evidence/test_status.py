"""Freshness rules around their boundary, completeness for a claimed level ("kurang dokumen"),
the matching table, and the bounded per-cycle version."""

import datetime

import pytest

from spbe.evaluations.models import Assessment
from spbe.evaluations.selectors.evidence_status import (
    assessment_evidence_status,
    evidence_status_for_cycle,
)
from spbe.evaluations.services import evidence_link
from spbe.evidence.matching import EVIDENCE_KIND_MATCHES, document_matches
from spbe.evidence.models import Document
from spbe.evidence.selectors import add_months, document_freshness
from spbe.frameworks.selectors import framework_get

D = datetime.date


@pytest.fixture
def spbe(shipped):
    return framework_get("spbe-59-2020")


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (D(2024, 3, 14), "ok"),  # one day short of 24 months
        (D(2024, 3, 15), "kedaluwarsa"),  # exactly 24 months old: no longer "kurang dari 2 tahun"
        (D(2025, 1, 1), "kedaluwarsa"),
        (D(2022, 3, 15), "ok"),
    ],
)
@pytest.mark.parametrize("kind", ["reviu", "audit"])
def test_review_and_audit_documents_expire_after_24_months(spbe, kind, as_of, status):
    document = Document(kind="laporan", freshness_kind=kind, document_date=D(2022, 3, 15))
    result = document_freshness(document, spbe, as_of)
    assert result.status == status
    assert result.expires_on == D(2024, 3, 15)
    assert result.rule["max_age_months"] == 24
    if status == "kedaluwarsa":
        assert result.is_stale
        assert "15 Maret 2024" in result.reason and "15 Maret 2022" in result.reason


def test_documents_without_a_rule_never_expire_and_undated_ones_cannot_prove_age(spbe):
    plain = Document(kind="pergub", freshness_kind="", document_date=D(2001, 1, 1))
    assert document_freshness(plain, spbe, D(2026, 1, 1)).status == "ok"
    undated = Document(kind="laporan", freshness_kind="reviu", document_date=None)
    result = document_freshness(undated, spbe, D(2026, 1, 1))
    assert result.status == "tanpa_tanggal" and result.is_stale
    assert "tanggal dokumen belum diisi" in result.reason


def test_pemdi_external_index_results_last_12_months(shipped):
    pemdi = framework_get("pemdi-8-2026")
    doc = Document(kind="laporan", freshness_kind="indeks-eksternal", document_date=D(2025, 6, 30))
    assert document_freshness(doc, pemdi, D(2026, 6, 29)).status == "ok"
    assert document_freshness(doc, pemdi, D(2026, 6, 30)).status == "kedaluwarsa"
    # The SPBE framework has no such rule.
    assert document_freshness(doc, framework_get("spbe-59-2020"), D(2030, 1, 1)).status == "ok"


def test_month_arithmetic_clamps_to_the_end_of_the_month():
    assert add_months(D(2022, 2, 28), 24) == D(2024, 2, 28)
    assert add_months(D(2024, 2, 29), 24) == D(2026, 2, 28)
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)


def test_matching_table_is_explicit_for_every_kind_the_shipped_frameworks_use(spbe, shipped):
    used = set(spbe.evidence_kinds) | set(framework_get("pemdi-8-2026").evidence_kinds)
    assert used <= set(EVIDENCE_KIND_MATCHES)
    assert document_matches("kebijakan", kind="pergub", freshness_kind="")
    assert not document_matches("kebijakan", kind="laporan", freshness_kind="")
    assert document_matches("reviu", kind="laporan", freshness_kind="reviu")
    assert not document_matches("reviu", kind="laporan", freshness_kind="")
    assert document_matches("kind-baru-kerangka-lain", kind="lainnya", freshness_kind="")


def _claim(assessment, value):
    """The respondent's claim (`claimed_value`), the one the completeness rule reads."""
    Assessment.objects.filter(pk=assessment.pk).update(claimed_value=value)
    assessment.refresh_from_db()


def test_completeness_for_the_claimed_level(world, assessment, make_document):
    koordinator = world.users["koordinator"]
    # Indicator 1, level 4 requires: L1 draf + notulen, L2 kebijakan, L3 kebijakan,
    # L4 kebijakan + reviu (< 2 years).
    assert assessment_evidence_status(assessment).level is None
    _claim(assessment, "4")
    status = assessment_evidence_status(assessment, as_of=D(2024, 6, 1))
    assert status.level == 4
    assert [(i.level, i.kind, i.state) for i in status.items] == [
        (1, "draf", "kurang"),
        (1, "notulen", "kurang"),
        (2, "kebijakan", "kurang"),
        (3, "kebijakan", "kurang"),
        (4, "kebijakan", "kurang"),
        (4, "reviu", "kurang"),
    ]
    assert status.kurang_dokumen

    pergub = make_document(kind="pergub", title="Pergub 54/2021")
    draft = make_document(kind="dokumen", title="Draf Pergub")
    notulen = make_document(kind="notulen", title="Notulen rapat")
    review = make_document(
        kind="laporan", title="Laporan reviu", freshness_kind="reviu", document_date=D(2022, 5, 2)
    )
    for document, level in ((draft, 1), (notulen, 1), (pergub, 2), (pergub, 3), (pergub, 4)):
        evidence_link(actor=koordinator, assessment=assessment, document=document, level=level)
    evidence_link(actor=koordinator, assessment=assessment, document=review, level=4)

    status = assessment_evidence_status(assessment, as_of=D(2024, 5, 1))
    assert all(item.state == "ada" for item in status.items)
    assert not status.kurang_dokumen and status.present_count == 6

    later = assessment_evidence_status(assessment, as_of=D(2024, 5, 2))
    assert [(i.kind, i.state) for i in later.missing] == [("reviu", "kedaluwarsa")]
    assert [s.document for s in later.stale] == [review]
    assert later.kurang_dokumen

    # An explicit level ignores the claim: level 2 needs nothing stale.
    assert not assessment_evidence_status(assessment, 2, as_of=D(2024, 5, 2)).kurang_dokumen


def test_decimal_claim_uses_its_whole_level(world, assessment):
    _claim(assessment, "2.70")
    assert assessment_evidence_status(assessment).level == 2


def test_cycle_status_in_a_fixed_number_of_queries(
    world, cycle, make_document, django_assert_num_queries
):
    koordinator = world.users["koordinator"]
    assessments = list(cycle.assessments.select_related("cycle", "indicator")[:6])
    document = make_document(kind="pergub")
    for index, target in enumerate(assessments):
        _claim(target, str(index % 5 + 1))
        evidence_link(actor=koordinator, assessment=target, document=document, level=1)
    cycle.refresh_from_db()
    framework = cycle.framework  # noqa: F841 - loaded once, as a page would have it
    with django_assert_num_queries(2):  # assessments with their claims, links
        statuses = evidence_status_for_cycle(cycle)
    assert len(statuses) == cycle.assessments.count() == 47
    assert statuses[assessments[0].pk].level == 1
    assert statuses[assessments[0].pk].link_count == 1
    unclaimed = [s for s in statuses.values() if s.level is None]
    assert len(unclaimed) == 41 and not any(s.kurang_dokumen for s in unclaimed)
    first = assessment_evidence_status(assessments[0])
    assert statuses[assessments[0].pk].items == first.items
