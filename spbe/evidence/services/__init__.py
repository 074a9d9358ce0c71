"""Writes of the evidence app (documents, file revisions, evidence links, storage upkeep)."""

from spbe.evidence.services.documents import (
    METADATA_FIELDS,
    document_create,
    document_set_archived,
    document_update,
    inspect_evidence_upload,
    revision_upload,
)
from spbe.evidence.services.links import (
    document_create_and_link,
    evidence_link,
    evidence_unlink,
)
from spbe.evidence.services.reading import document_confirm_reading, revision_requeue_stale
from spbe.evidence.services.storage import evidence_orphan_files, evidence_orphan_files_delete

__all__ = [
    "METADATA_FIELDS",
    "document_confirm_reading",
    "document_create",
    "document_create_and_link",
    "document_set_archived",
    "document_update",
    "evidence_link",
    "evidence_orphan_files",
    "evidence_orphan_files_delete",
    "evidence_unlink",
    "inspect_evidence_upload",
    "revision_requeue_stale",
    "revision_upload",
]
