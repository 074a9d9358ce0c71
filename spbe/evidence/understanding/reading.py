"""Read one evidence file: its text (text layer, else OCR) and what the document is.

`read_document` is what the background worker's sandboxed child runs and what `spbe evidence
inspect` prints. It never raises on an odd document: a failure becomes a ``note`` (Bahasa
Indonesia, shown to users), like `spbe.evidence.files.extract_text`, which it builds on.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field

from spbe.evidence.files import extract_text
from spbe.evidence.files.extract import NOTE_IMAGE, NOTE_SCAN, ExtractedText

from .facts import DocumentFacts, understand_text
from .limits import ReadingLimits
from .ocr import OcrUnavailable, ocr_engine_problem, ocr_file

logger = logging.getLogger(__name__)

OCR_KINDS = ("pdf", "png", "jpg")
# Words that say an image is a screenshot of an application rather than a photo.
SCREEN_MARKERS = (
    "http",
    "www.",
    ".go.id",
    "not secure",
    "login",
    "beranda",
    "dashboard",
    "aplikasi",
    "berbasis web",
    ".id",
    "jdih",
)

# Outcome of a reading, stored as the revision's text status.
DONE, NO_TEXT, FAILED = "done", "no_text", "failed"


@dataclass
class DocumentReading:
    """Text of one file and what was read from it. ``page_starts``: offsets in ``text`` where
    each page begins; ``ocr_used``: the text came from OCR; ``ocr_missing``: the file needed
    OCR but the engine is not installed here."""

    text: str = ""
    page_count: int | None = None
    page_starts: list[int] = field(default_factory=list)
    has_text_layer: bool = False
    ocr_used: bool = False
    ocr_missing: bool = False
    truncated: bool = False
    note: str = ""
    status: str = FAILED
    facts: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def document_facts(self) -> DocumentFacts:
        return facts_from_dict(self.facts)


def facts_from_dict(data: dict) -> DocumentFacts:
    """A DocumentFacts back from its JSON form (as the sandbox returns it)."""
    import datetime

    values = dict(data or {})
    if values.get("enacted_on"):
        values["enacted_on"] = datetime.date.fromisoformat(values["enacted_on"])
    values["draft_reasons"] = tuple(values.get("draft_reasons") or ())
    known = DocumentFacts.__dataclass_fields__
    return DocumentFacts(**{k: v for k, v in values.items() if k in known})


def read_document(path: str, kind: str, limits: ReadingLimits) -> DocumentReading:
    """Read the file at ``path`` (detected ``kind``): text layer first, OCR for scans and
    images when ``limits.ocr`` allows it, then the document's facts."""
    extracted = (
        ExtractedText("", None, False, NOTE_IMAGE)
        if kind in ("png", "jpg")
        else extract_text(path, kind, max_pages=limits.max_pages, time_budget=limits.cpu_seconds)
    )
    reading = DocumentReading(
        text=extracted.text,
        page_count=extracted.page_count,
        page_starts=list(extracted.page_starts),
        has_text_layer=extracted.has_text_layer,
        truncated=extracted.truncated,
        note=extracted.note,
        status=_status(extracted),
    )
    if not extracted.has_text_layer and kind in OCR_KINDS and reading.status != FAILED:
        _ocr_into(reading, path, kind, limits)
    facts = understand_text(reading.text, complete=not reading.truncated)
    if kind in ("png", "jpg"):
        facts = _image_kind(facts, reading.text)
    reading.facts = facts.as_dict()
    return reading


def _status(extracted: ExtractedText) -> str:
    if extracted.has_text_layer:
        return DONE
    if extracted.note in {NOTE_SCAN, NOTE_IMAGE} or extracted.page_count:
        return NO_TEXT
    return FAILED if extracted.note else NO_TEXT


def _ocr_into(reading: DocumentReading, path: str, kind: str, limits: ReadingLimits) -> None:
    """Replace an empty text layer with OCR'd text (or say why there is none)."""
    if not limits.ocr:
        return
    if ocr_engine_problem():
        reading.ocr_missing = True
        reading.note = "OCR belum terpasang di server ini; teks hasil pindai tidak dibaca"
        return
    try:
        result = ocr_file(path, kind, max_pages=limits.ocr_max_pages, page_count=reading.page_count)
    except OcrUnavailable:
        reading.ocr_missing = True
        return
    except Exception as exc:  # noqa: BLE001 - a bad scan must become a note, not a crash
        logger.warning("OCR gagal: %r", exc)
        reading.note = f"OCR gagal membaca berkas ({type(exc).__name__})"
        return
    starts, parts, length = [], [], 0
    for page in result.pages:
        starts.append(length)
        parts.append(page)
        length += len(page) + 1
    text = "\n".join(parts)
    reading.ocr_used = True
    reading.text = text
    reading.page_starts = starts
    reading.page_count = reading.page_count or result.page_count
    reading.has_text_layer = False
    reading.truncated = result.truncated
    reading.status = DONE if len("".join(text.split())) >= 20 else NO_TEXT
    note = "teks dibaca dengan OCR"
    if result.truncated:
        note += f"; hanya {len(result.pages)} halaman pertama dari {result.page_count}"
    reading.note = note


def _image_kind(facts: DocumentFacts, text: str) -> DocumentFacts:
    """An image with browser or application words is a screenshot, whatever it shows (a legal
    information site lists regulations: their numbers are not this file's); an image that
    reads as no regulation is a photo."""
    lowered = text.lower()
    if any(marker in lowered for marker in SCREEN_MARKERS):
        return DocumentFacts(kind="tangkapan_layar", evidence={"kind": "kata peramban/aplikasi"})
    if facts.kind != "dokumen":
        return facts
    values = facts.as_dict()
    values["kind"] = "foto"
    return facts_from_dict(values)
