"""Evaluations' answers to evidence's questions about links (`spbe.evidence.registry`).

Evidence may not import evaluations (evaluations own `EvidenceLink`), so the link facts its
pages and services need are registered from `EvaluationsConfig.ready`.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from spbe.evaluations.access import assessment_q
from spbe.evaluations.models import Assessment, Cycle, EvidenceLink
from spbe.evidence.registry import LinkProvider
from spbe.organizations.permissions import scope_for


def linked_document_q(scope) -> Exists:
    """Condition on Document: it supports an indicator the scope's units lead or contribute to."""
    return Exists(
        EvidenceLink.objects.filter(
            document=OuterRef("pk"),
            assessment__in=Assessment.objects.filter(
                Q(lead_unit_id__in=scope.unit_ids) | Q(contributing_units__in=scope.unit_ids)
            ),
        )
    )


def document_uses(*, user, document):
    """Where the document is offered as evidence (cycle, indicator, level), limited to the
    assessments the user sees."""
    return (
        EvidenceLink.objects.filter(document=document)
        .filter(assessment_q(scope_for(user), "assessment"))
        .select_related("assessment__cycle", "assessment__indicator")
        .distinct()
        .order_by("-assessment__cycle__year", "assessment__indicator__order", "level")
    )


def library_framework(instansi):
    """The framework of the instansi's latest cycle (None when it has no cycle yet)."""
    cycle = (
        Cycle.objects.filter(instansi=instansi)
        .select_related("framework")
        .order_by("-year", "-pk")
        .first()
    )
    return cycle.framework if cycle else None


def file_lock_reason(document) -> str | None:
    """A new file, or new facts the evidence rules read (kind, date, freshness, link, draft),
    would change what the asesor approved: refused while the document is evidence of an
    approved indicator in a cycle not yet final (`ensure_evidence_editable`)."""
    link = (
        EvidenceLink.objects.filter(
            document=document, assessment__status=Assessment.Status.DISETUJUI
        )
        .exclude(assessment__cycle__state=Cycle.State.SELESAI)
        .select_related("assessment__indicator", "assessment__cycle")
        .order_by("assessment__indicator__order")
        .first()
    )
    if link is None:
        return None
    return _(
        "Dokumen ini menjadi bukti indikator %(code)s (%(cycle)s) yang sudah disetujui asesor; "
        "minta asesor mengembalikannya sebelum mengganti berkasnya atau mengubah jenis, "
        "tanggal, masa berlaku, tautan, atau status drafnya."
    ) % {"code": link.assessment.indicator.code, "cycle": link.assessment.cycle.name}


PROVIDER = LinkProvider(
    linked_document_q=linked_document_q,
    document_uses=document_uses,
    library_framework=library_framework,
    file_lock_reason=file_lock_reason,
)
