"""Background work of the evidence app, through Django's tasks interface (django_tasks).

The demo and the tests run tasks at once (ImmediateBackend); production sets
TASKS_BACKEND=database and runs a worker. Services enqueue with `transaction.on_commit`, so a
task never sees a revision that was rolled back.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from spbe.evidence.files import extract_text, normalise_for_search
from spbe.evidence.files.extract import NOTE_IMAGE, NOTE_SCAN
from spbe.evidence.models import DocumentRevision, DocumentText

logger = logging.getLogger(__name__)


def _status(result, kind: str) -> str:
    if result.has_text_layer:
        return DocumentRevision.TextStatus.DONE
    readable_without_text = {
        _(NOTE_SCAN),
        _(NOTE_IMAGE),
        _("dokumen tidak berisi teks"),
        _("lembar kerja kosong"),
    }
    if result.note in readable_without_text or result.page_count:
        return DocumentRevision.TextStatus.NO_TEXT
    return DocumentRevision.TextStatus.FAILED


@task()
def extract_revision_text(revision_id: int) -> str:
    """Extract the text of one file revision, store it (normalised for search) and set the
    revision's text status. Returns the status; never raises on odd documents."""
    revision = DocumentRevision.objects.filter(pk=revision_id).first()
    if revision is None:
        return "missing"
    try:
        with revision.file.open("rb") as handle:
            result = extract_text(handle, revision.detected_kind)
    except OSError as exc:
        logger.warning("Berkas revisi %s tidak dapat dibuka: %r", revision_id, exc)
        status, values = (
            DocumentRevision.TextStatus.FAILED,
            {
                "text": "",
                "search_text": "",
                "page_count": None,
                "has_text_layer": False,
                "note": _("berkas tidak ditemukan di penyimpanan"),
            },
        )
    else:
        status = _status(result, revision.detected_kind)
        values = {
            "text": result.text,
            "search_text": normalise_for_search(result.text),
            "page_count": result.page_count,
            "has_text_layer": result.has_text_layer,
            "note": result.note[:300],
        }
    with transaction.atomic():
        DocumentText.objects.update_or_create(revision=revision, defaults=values)
        DocumentRevision.objects.filter(pk=revision.pk).update(text_status=status)
    return str(status)
