"""Storing evidence files: the upload's inspection, writing the file with its revision row,
and deleting written files again when the writing transaction fails.

An upload is inspected (`spbe.evidence.files.inspect_upload`: type by content, size and
zip-expansion limits from settings) BEFORE anything is written, so a refused upload stores
nothing. An accepted file is written to the private default storage inside the transaction
that records its revision; if that transaction fails after the file was written, the file is
deleted again (no orphan files). Text extraction is enqueued only once the transaction
commits (`transaction.on_commit`). Used by the document services (`documents`).
"""

from __future__ import annotations

import contextlib
import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from spbe.evidence.files import InspectedFile, inspect_upload
from spbe.evidence.models import Document, DocumentRevision

logger = logging.getLogger(__name__)


def inspect_evidence_upload(upload) -> InspectedFile:
    """Inspect an upload with the configured limits; EvidenceFileError (a ValidationError
    keyed on ``upload``) when refused. Nothing is written."""
    try:
        return inspect_upload(
            upload,
            filename=getattr(upload, "name", "") or "",
            max_bytes=settings.EVIDENCE_MAX_UPLOAD_BYTES,
            max_expanded_bytes=settings.EVIDENCE_MAX_EXPANDED_BYTES,
        )
    except ValidationError as exc:
        raise ValidationError({"upload": exc.error_list}) from exc


# -- storing files -----------------------------------------------------------------------------
@contextlib.contextmanager
def delete_files_on_failure():
    """Yield a list to which stored file names are appended; delete them if the block fails.

    This covers the transaction of this service. When the service runs inside a caller's
    larger transaction that rolls back later, Django offers no rollback hook: such files are
    left for `evidence_orphan_files` (see spbe.evidence.services.storage) to find.
    """
    stored: list[tuple[object, str]] = []
    try:
        yield stored
    except BaseException:
        for storage, name in stored:
            with contextlib.suppress(Exception):
                storage.delete(name)
        raise


def add_revision(*, actor, document: Document, upload, inspected: InspectedFile, stored: list):
    """Write the file and its revision row; must run inside the caller's transaction."""
    # Lock the document so two uploads at once cannot take the same revision number.
    Document.objects.select_for_update().filter(pk=document.pk).first()
    number = (document.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = DocumentRevision(
        document=document,
        number=number,
        original_name=(inspected.original_filename or inspected.safe_filename)[:300],
        safe_name=inspected.safe_filename[:200],
        sha256=inspected.sha256,
        size=inspected.size,
        detected_kind=inspected.detected_kind,
        mime_type=inspected.mime_type,
        uploaded_by=actor,
        text_status=DocumentRevision.TextStatus.PENDING,
    )
    upload.seek(0)
    _store(revision, upload, name=inspected.safe_filename)
    stored.append((revision.file.storage, revision.file.name))
    revision.save()
    document.current_revision = revision
    document.save(update_fields=["current_revision", "updated_at"])
    transaction.on_commit(partial(enqueue_extraction, revision.pk))
    return revision


def _store(revision: DocumentRevision, upload, *, name: str) -> None:
    """Write the file to the evidence storage; an unreachable storage is the user's clear
    error (nothing is recorded as uploaded: the caller's transaction rolls back)."""
    try:
        revision.file.save(name, upload, save=False)
    except Exception as exc:  # local disk full, S3 unreachable or refusing: all the same here
        logger.exception("evidence storage write failed")
        raise ValidationError(
            {
                "upload": _(
                    "Penyimpanan bukti sedang tidak dapat dihubungi; berkas tidak tersimpan. "
                    "Coba lagi nanti atau hubungi administrator."
                )
            }
        ) from exc


def enqueue_extraction(revision_id: int) -> None:
    from spbe.evidence.tasks import extract_revision_text

    extract_revision_text.enqueue(revision_id)


def revision_extra(revision: DocumentRevision) -> dict:
    return {
        "revision": revision.number,
        "sha256": revision.sha256,
        "size": revision.size,
        "detected_kind": revision.detected_kind,
        "name": revision.original_name,
    }
