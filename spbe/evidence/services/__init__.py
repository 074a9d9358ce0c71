"""Writes of the evidence app (documents, file revisions, storage upkeep); the links
of documents to indicators are written by spbe.evaluations.services.evidence_links."""

from spbe.evidence.services.documents import (
    METADATA_FIELDS,
    document_create,
    document_set_archived,
    document_update,
    documents_create_many,
    revision_upload,
)
from spbe.evidence.services.files import inspect_evidence_upload
from spbe.evidence.services.reading import document_confirm_reading, revision_requeue_stale
from spbe.evidence.services.storage import evidence_orphan_files, evidence_orphan_files_delete

__all__ = [
    "METADATA_FIELDS",
    "document_confirm_reading",
    "document_create",
    "documents_create_many",
    "document_set_archived",
    "document_update",
    "evidence_orphan_files",
    "evidence_orphan_files_delete",
    "inspect_evidence_upload",
    "revision_requeue_stale",
    "revision_upload",
]
