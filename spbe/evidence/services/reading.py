"""Writes around the background reading of files: the respondent's confirmation of what was
read, and putting lost readings back on the queue.

Confirmation is the only way a reading reaches a document: the reader suggests (kind,
number, date, title, issuer, draft), the respondent edits and confirms, and the document keeps
the confirmed values (the checklist and the checks use those).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from spbe.audit.services import audit_record
from spbe.evidence.models import Document, DocumentRevision
from spbe.evidence.services.documents import document_update
from spbe.evidence.services.files import enqueue_extraction


def document_confirm_reading(*, actor, document: Document, request=None, **fields) -> Document:
    """Save the values the respondent confirmed (any of METADATA_FIELDS, ``is_draft``
    included) and mark the document's data as confirmed; one transaction, audited as a
    confirmation on top of the usual field changes."""
    with transaction.atomic():
        document = document_update(actor=actor, document=document, request=request, **fields)
        document.confirmed_at = timezone.now()
        document.save(update_fields=["confirmed_at", "updated_at"])
        audit_record(
            actor=actor,
            action="evidence.document_confirmed",
            target=document,
            instansi=document.instansi,
            extra={"revision": getattr(document.current_revision, "number", None)},
            request=request,
        )
    return document


def _queued_revision_ids() -> set[int]:
    """Revisions whose reading task is still waiting in the database queue (not lost)."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the backend is in the dependencies
        return set()
    from spbe.evidence.tasks import extract_revision_text

    waiting = DBTaskResult.objects.filter(
        task_path=extract_revision_text.module_path, status="READY"
    ).values_list("args_kwargs", flat=True)
    return {int(job["args"][0]) for job in waiting if job.get("args")}


def revision_requeue_stale(*, older_than: datetime.timedelta | None = None) -> list[int]:
    """Enqueue again the readings lost by a killed server or worker: revisions still
    "sedang dibaca" after ``older_than`` (default EVIDENCE_READ_STALE_MINUTES) with no task
    waiting for them. Returns their ids. No audit event: nothing a user decided changes, the
    same file is only read again."""
    if older_than is None:
        older_than = datetime.timedelta(minutes=settings.EVIDENCE_READ_STALE_MINUTES)
    cutoff = timezone.now() - older_than
    stale = set(
        DocumentRevision.objects.filter(
            text_status=DocumentRevision.TextStatus.PENDING, uploaded_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    ids = sorted(stale - _queued_revision_ids())
    for revision_id in ids:
        enqueue_extraction(revision_id)
    return ids
