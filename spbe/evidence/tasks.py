"""Background work of the evidence app, through Django's tasks interface (django_tasks).

The demo and the tests run tasks at once (ImmediateBackend); production sets
TASKS_BACKEND=database and runs a worker (`spbe db_worker`), so an upload returns at once and
the page says "sedang dibaca" until the reading is stored. Services enqueue with
`transaction.on_commit`, so a task never sees a revision that was rolled back.

Reading a file (text layer, OCR, what the document is) runs in a sandboxed child process
with memory, CPU-time and page limits (`spbe.evidence.understanding.sandbox`); a file that
breaks a limit ends as "dihentikan" with the reason, never as a hung worker.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_tasks import task

from spbe.evidence.files import normalise_for_search
from spbe.evidence.models import DocumentReading, DocumentRevision, DocumentText
from spbe.evidence.tempdirs import READING, temp_dir
from spbe.evidence.understanding import reading as reader
from spbe.evidence.understanding.limits import ReadingLimits
from spbe.evidence.understanding.sandbox import SandboxOutcome, read_in_sandbox

logger = logging.getLogger(__name__)

STATUS = {
    reader.DONE: DocumentRevision.TextStatus.DONE,
    reader.NO_TEXT: DocumentRevision.TextStatus.NO_TEXT,
    reader.FAILED: DocumentRevision.TextStatus.FAILED,
}


@contextlib.contextmanager
def local_copy(revision: DocumentRevision):
    """A path on local disk for the revision's file (object storage has none: copy it to a
    temporary file, removed afterwards)."""
    try:
        yield revision.file.path
        return
    except NotImplementedError:
        pass
    with tempfile.TemporaryDirectory(prefix="spbe-read-", dir=temp_dir(READING)) as folder:
        target = Path(folder) / "berkas"
        with revision.file.open("rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
        yield str(target)


def read_revision_file(path: str, kind: str) -> SandboxOutcome:
    """Read a file within the configured limits: in the sandbox's child process, or in this
    process where EVIDENCE_READ_SANDBOX is off (tests that do not exercise the sandbox)."""
    limits = ReadingLimits.from_settings()
    if settings.EVIDENCE_READ_SANDBOX:
        return read_in_sandbox(path, kind, limits, tmpdir=str(temp_dir(READING)))
    return SandboxOutcome(reader.read_document(path, kind, limits))


@task()
def extract_revision_text(revision_id: int) -> str:
    """Read one file revision (text, OCR, what the document is), store the text (normalised
    for search) and the reading, and set the revision's text status. Returns the status;
    never raises on odd documents."""
    revision = DocumentRevision.objects.filter(pk=revision_id).first()
    if revision is None:
        return "missing"
    try:
        with local_copy(revision) as path:
            outcome = read_revision_file(path, revision.detected_kind)
    except OSError as exc:
        logger.warning("Berkas revisi %s tidak dapat dibuka: %r", revision_id, exc)
        return _store_failure(revision, DocumentRevision.TextStatus.FAILED, _not_found())
    if outcome.reading is None:
        logger.warning("Pembacaan revisi %s dihentikan: %s", revision_id, outcome.limit)
        return _store_failure(revision, DocumentRevision.TextStatus.REFUSED, outcome.refused)
    return _store_reading(revision, outcome.reading)


def _not_found() -> str:
    from django.utils.translation import gettext as _

    return _("berkas tidak ditemukan di penyimpanan")


def _store_failure(revision: DocumentRevision, status: str, note: str) -> str:
    values = {
        "text": "",
        "search_text": "",
        "page_count": None,
        "has_text_layer": False,
        "note": note[:300],
        "page_starts": [],
        "ocr_used": False,
        "ocr_missing": False,
    }
    with transaction.atomic():
        DocumentText.objects.update_or_create(revision=revision, defaults=values)
        DocumentReading.objects.filter(revision=revision).delete()
        DocumentRevision.objects.filter(pk=revision.pk).update(text_status=status)
    return str(status)


def _store_reading(revision: DocumentRevision, reading: reader.DocumentReading) -> str:
    status = STATUS[reading.status]
    text_values = {
        "text": reading.text,
        "search_text": normalise_for_search(reading.text),
        "page_count": reading.page_count,
        "has_text_layer": reading.has_text_layer,
        "note": reading.note[:300],
        "page_starts": reading.page_starts,
        "ocr_used": reading.ocr_used,
        "ocr_missing": reading.ocr_missing,
    }
    facts = reading.document_facts
    reading_values = {
        "kind": facts.kind,
        "document_kind": facts.document_kind,
        "number": (facts.number or "")[:200],
        "year": facts.year,
        "title": (facts.title or "")[:500],
        "enacted_on": facts.enacted_on,
        "signatory": (facts.signatory or "")[:200],
        "issuer": (facts.issuer or "")[:200],
        "issuer_key": (facts.issuer_key or "")[:200],
        "is_draft": facts.is_draft,
        "draft_reasons": list(facts.draft_reasons),
    }
    with transaction.atomic():
        DocumentText.objects.update_or_create(revision=revision, defaults=text_values)
        if reading.text.strip():
            DocumentReading.objects.update_or_create(revision=revision, defaults=reading_values)
        DocumentRevision.objects.filter(pk=revision.pk).update(text_status=status)
    return str(status)
