"""Reads of the evidence app: documents (scoped), search, and freshness (completeness of an
assessment's evidence is evaluations' business)."""

from spbe.evidence.selectors.documents import (
    document_duplicates,
    document_file_lock,
    document_get,
    document_links,
    document_revisions,
    document_suggestions,
    document_visible,
    revision_get,
)
from spbe.evidence.selectors.freshness import (
    Freshness,
    add_months,
    cycle_as_of,
    document_freshness,
)
from spbe.evidence.selectors.reading import ReadingState, document_reading_state, reading_initial
from spbe.evidence.selectors.search import SearchHit, SearchResult, document_search

__all__ = [
    "Freshness",
    "ReadingState",
    "SearchHit",
    "SearchResult",
    "add_months",
    "cycle_as_of",
    "document_duplicates",
    "document_file_lock",
    "document_freshness",
    "document_reading_state",
    "document_get",
    "document_links",
    "document_revisions",
    "document_search",
    "document_suggestions",
    "document_visible",
    "reading_initial",
    "revision_get",
]
