"""Reads around the background reading of a document: is it still being read, what was read,
and the values to suggest for confirmation."""

from __future__ import annotations

from dataclasses import dataclass

from spbe.evidence.models import Document, DocumentReading, DocumentRevision, DocumentText
from spbe.evidence.understanding.ocr import ocr_engine_problem


@dataclass(frozen=True)
class ReadingState:
    """The current revision's reading: ``pending`` while the worker has not finished;
    ``reading`` what was understood (None: nothing readable); ``ocr_problem`` set when the
    file needed OCR and the engine is not installed here."""

    revision: DocumentRevision | None
    text: DocumentText | None
    reading: DocumentReading | None
    ocr_problem: str

    @property
    def pending(self) -> bool:
        return (
            self.revision is not None
            and self.revision.text_status == DocumentRevision.TextStatus.PENDING
        )


def document_reading_state(document: Document) -> ReadingState:
    """What the background reader made of the document's current file (two queries)."""
    revision = document.current_revision
    if revision is None:
        return ReadingState(None, None, None, "")
    text = (
        DocumentText.objects.filter(revision=revision)
        .only("id", "revision_id", "page_count", "note", "ocr_used", "ocr_missing")
        .first()
    )
    reading = DocumentReading.objects.filter(revision=revision).first()
    needs_ocr = revision.text_status == DocumentRevision.TextStatus.NO_TEXT or (
        text is not None and text.ocr_missing
    )
    problem = ocr_engine_problem() if needs_ocr else ""
    return ReadingState(revision, text, reading, problem)


def reading_initial(document: Document, reading: DocumentReading) -> dict:
    """Pre-filled values of the confirmation form: what was read, else what is recorded."""
    return {
        "kind": reading.document_kind or document.kind,
        "title": reading.title or document.title,
        "number": reading.number or document.number,
        "document_date": reading.enacted_on or document.document_date,
        "issuing_unit": reading.issuer or document.issuing_unit,
        "is_draft": reading.is_draft,
    }
