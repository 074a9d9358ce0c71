"""Reads of the evidence app: documents (scoped), search, freshness and completeness."""

from spbe.evidence.selectors.documents import (
    document_duplicates,
    document_get,
    document_links,
    document_revisions,
    document_suggestions,
    document_visible,
    revision_get,
)
from spbe.evidence.selectors.reading import ReadingState, document_reading_state, reading_initial
from spbe.evidence.selectors.search import SearchHit, SearchResult, document_search
from spbe.evidence.selectors.status import (
    EvidenceItem,
    EvidenceStatus,
    Freshness,
    StaleDocument,
    add_months,
    assessment_evidence_status,
    cycle_as_of,
    document_freshness,
    evidence_status_for_cycle,
)

__all__ = [
    "EvidenceItem",
    "EvidenceStatus",
    "Freshness",
    "ReadingState",
    "SearchHit",
    "SearchResult",
    "StaleDocument",
    "add_months",
    "assessment_evidence_status",
    "cycle_as_of",
    "document_duplicates",
    "document_freshness",
    "document_reading_state",
    "document_get",
    "document_links",
    "document_revisions",
    "document_search",
    "document_suggestions",
    "document_visible",
    "evidence_status_for_cycle",
    "reading_initial",
    "revision_get",
]
