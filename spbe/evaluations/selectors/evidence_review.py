"""What the assessor sees before the review: the checks on an indicator's linked documents
and how far they appear to cover the level criteria (spbe.evidence.understanding).

The evaluations app owns the evidence links, so it gathers the data (a bounded number of
queries, whatever the number of links) and hands plain values to the evidence app's pure
checks and coverage functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from spbe.evaluations.models import Assessment, EvidenceLink
from spbe.evidence.models import DocumentReading, DocumentText
from spbe.evidence.selectors import cycle_as_of
from spbe.evidence.understanding.checks import EvidenceFlag, LinkedDocument, evidence_flags
from spbe.evidence.understanding.coverage import Coverage, coverage_of
from spbe.evidence.understanding.issuers import instansi_issuer_key


@dataclass(frozen=True)
class EvidenceReview:
    flags: tuple[EvidenceFlag, ...]
    coverage: Coverage | None
    titles: dict  # document id -> title, for the coverage sentences
    downloads: dict  # document id -> has a file (a page link is possible)


def _topic(indicator) -> str:
    parts = [indicator.name, indicator.short_name or ""]
    for level in indicator.levels or ():
        parts.append(level.get("criteria") or "")
        parts.extend(item.get("text", "") for item in level.get("evidence") or ())
    return " ".join(parts)


def _indicator_counts(cycle_id: int, links: list[EvidenceLink]) -> dict[int, int]:
    """Per linked document: how many indicators of the cycle link it or a file with the same
    SHA-256 (one query)."""
    hashes = {
        link.document.current_revision.sha256: link.document_id
        for link in links
        if link.document.current_revision_id
    }
    if not hashes:
        return {}
    rows = (
        EvidenceLink.objects.filter(
            assessment__cycle_id=cycle_id,
            document__current_revision__sha256__in=list(hashes),
        )
        .values("document__current_revision__sha256")
        .annotate(n=Count("assessment", distinct=True))
    )
    return {hashes[row["document__current_revision__sha256"]]: row["n"] for row in rows}


def _linked(links, readings, counts) -> list[LinkedDocument]:
    out = []
    for link in links:
        document = link.document
        reading = readings.get(document.current_revision_id)
        confirmed = document.confirmed_at is not None
        out.append(
            LinkedDocument(
                document_id=document.pk,
                title=document.title,
                kind=document.kind,
                level=link.level,
                is_draft=document.is_draft if confirmed or reading is None else reading.is_draft,
                issuer=reading.issuer if reading else "",
                issuer_key=reading.issuer_key if reading else "",
                dated=document.document_date or (reading.enacted_on if reading else None),
                freshness_kind=document.freshness_kind,
                indicator_count=counts.get(document.pk, 1),
            )
        )
    return out


def assessment_evidence_review(assessment: Assessment) -> EvidenceReview:
    """Flags and criteria coverage of the assessment's linked documents (4 queries)."""
    cycle = assessment.cycle
    links = list(
        EvidenceLink.objects.filter(assessment=assessment)
        .select_related("document__current_revision")
        .order_by("level", "pk")
    )
    revision_ids = [link.document.current_revision_id for link in links]
    revision_ids = [pk for pk in revision_ids if pk]
    readings = {
        r.revision_id: r for r in DocumentReading.objects.filter(revision_id__in=revision_ids)
    }
    framework = cycle.framework
    age_rules = {
        rule["kind"]: int(rule["max_age_months"]) for rule in (framework.evidence_rules or [])
    }
    indicator = assessment.indicator
    flags = evidence_flags(
        _linked(links, readings, _indicator_counts(cycle.pk, links)),
        instansi_name=cycle.instansi.name,
        instansi_key=instansi_issuer_key(cycle.instansi.name, cycle.instansi.kind),
        levels=list(indicator.levels or ()),
        age_rules=age_rules,
        topic=_topic(indicator),
        as_of=cycle_as_of(cycle),
        many_indicators=settings.EVIDENCE_MANY_INDICATORS,
    )
    texts = DocumentText.objects.filter(revision_id__in=revision_ids).filter(~Q(text=""))
    by_revision = {t.revision_id: t for t in texts.only("revision_id", "text", "page_starts")}
    documents = {}
    for link in links:
        text = by_revision.get(link.document.current_revision_id)
        if text is not None and link.document_id not in documents:
            documents[link.document_id] = (link.document_id, text.text, list(text.page_starts))
    coverage = (
        coverage_of(list(indicator.levels or ()), list(documents.values())) if documents else None
    )
    return EvidenceReview(
        flags=tuple(flags),
        coverage=coverage,
        titles={link.document_id: link.document.title for link in links},
        downloads={link.document_id: bool(link.document.current_revision_id) for link in links},
    )
