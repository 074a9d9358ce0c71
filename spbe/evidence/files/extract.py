"""Text extraction for search and date/number guessing; never raises on odd documents.

Runs in a background task, so it must always return something: any failure becomes an
``ExtractedText`` with an explanatory ``note`` (Bahasa Indonesia, shown to users). Work is
bounded three ways: pages (PDF) or cells (XLSX), characters of output, and wall-clock time
checked between pages. Scans are reported as having no text layer here; OCR lives in
`spbe.evidence.understanding`.
"""

import logging
import os
import time
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

logger = logging.getLogger(__name__)

DEFAULT_MAX_CHARS = 500_000
DEFAULT_MAX_PAGES = 300
DEFAULT_MAX_CELLS = 200_000
DEFAULT_TIME_BUDGET = 60.0  # seconds
# A document with less real text than this (over the pages read) is treated as a scan.
MIN_TEXT_CHARS = 20
# pdfplumber joins letters closer than x_tolerance (3 pt) into one word; some generators
# (e.g. the Kemenko draft) set words so tightly that whole lines become one "word". A page
# with such run-on words is re-read with a tighter tolerance, and the better reading is kept
# (a tighter tolerance splits loosely-set words into letters elsewhere, e.g. Pakpak Bharat).
RUN_ON_WORD_LENGTH = 20
TIGHT_X_TOLERANCE = 1.5

NOTE_SCAN = gettext_noop("dokumen hasil pindai, tidak ada lapisan teks")
NOTE_IMAGE = gettext_noop("gambar, tidak ada teks")

Source = str | os.PathLike | BinaryIO


@dataclass(frozen=True)
class ExtractedText:
    """Extracted text with what the reader should know about it.

    ``page_count``: pages of a PDF, sheets of an XLSX, None where unknown (DOCX, images).
    ``truncated``: a page/cell/character/time bound stopped the reading early.
    ``page_starts``: for a PDF, the offset in ``text`` where each page read begins (so a
    sentence found in the text can be shown with its page number).
    """

    text: str
    page_count: int | None
    has_text_layer: bool
    note: str = ""
    truncated: bool = False
    page_starts: tuple[int, ...] = ()


def extract_text(
    source: Source,
    kind: str,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_cells: int = DEFAULT_MAX_CELLS,
    time_budget: float = DEFAULT_TIME_BUDGET,
) -> ExtractedText:
    """Extract text from a path or binary file of the given detected ``kind``."""
    if kind in ("png", "jpg"):
        return ExtractedText("", None, False, _(NOTE_IMAGE))
    readers = {"pdf": _extract_pdf, "docx": _extract_docx, "xlsx": _extract_xlsx}
    if kind not in readers:
        return ExtractedText("", None, False, _("jenis berkas tidak didukung untuk ekstraksi teks"))
    bounds = _Bounds(max_chars, max_pages, max_cells, time.monotonic() + time_budget)
    try:
        return readers[kind](source, bounds)
    except Exception as exc:  # noqa: BLE001 - any parser failure must become a note
        if is_memory_error(exc):
            # The sandbox's memory limit: reported as refused, not as a damaged file.
            raise MemoryError from exc
        logger.warning("Ekstraksi teks gagal (%s): %r", kind, exc)
        return ExtractedText("", None, False, _failure_note(exc))


def is_memory_error(exc: BaseException) -> bool:
    """MemoryError, also when a parser wrapped it (pdfplumber's PdfminerException does)."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, MemoryError):
            return True
        inner = [a for a in getattr(exc, "args", ()) if isinstance(a, BaseException)]
        exc = inner[0] if inner else (exc.__cause__ or exc.__context__)
        seen += 1
    return False


def _failure_note(exc: Exception) -> str:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        return _("teks tidak dapat dibaca: dokumen dikunci kata sandi")
    return _("teks tidak dapat dibaca: berkas rusak atau formatnya tidak biasa (%(error)s)") % {
        "error": name
    }


@dataclass
class _Bounds:
    max_chars: int
    max_pages: int
    max_cells: int
    deadline: float

    def out_of_time(self) -> bool:
        return time.monotonic() > self.deadline


class _TextSink:
    """Collects pieces of text until max_chars; remembers whether it had to stop."""

    def __init__(self, max_chars: int):
        self.parts: list[str] = []
        self.length = 0
        self.max_chars = max_chars
        self.full = False

    def add(self, piece: str) -> None:
        if self.full or not piece:
            return
        room = self.max_chars - self.length
        if len(piece) >= room:
            piece = piece[:room]
            self.full = True
        self.parts.append(piece)
        self.length += len(piece) + 1

    def text(self) -> str:
        return "\n".join(self.parts)


def _truncation_note(reason: str) -> str:
    return _("teks dipotong: %(reason)s") % {"reason": reason}


# --- PDF ---------------------------------------------------------------------------------


def _extract_pdf(source: Source, bounds: _Bounds) -> ExtractedText:
    """Page by page with pdfplumber; each page's cache is released after reading it."""
    import pdfplumber

    sink = _TextSink(bounds.max_chars)
    stopped = ""
    pages_without_text = pages_read = 0
    starts: list[int] = []
    with pdfplumber.open(source) as pdf:
        page_count = len(pdf.pages)
        for index, page in enumerate(pdf.pages):
            if index >= bounds.max_pages:
                stopped = _("hanya %(n)s halaman pertama dibaca") % {"n": bounds.max_pages}
                break
            if bounds.out_of_time() or sink.full:
                stopped = _("batas waktu atau panjang teks tercapai")
                break
            page_text = _pdf_page_text(page)
            page.close()
            pages_read += 1
            if len(page_text.strip()) < MIN_TEXT_CHARS:
                pages_without_text += 1
            starts.append(min(sink.length, sink.max_chars))
            sink.add(page_text)
    text = sink.text()
    has_text = len("".join(text.split())) >= MIN_TEXT_CHARS
    notes = []
    if not has_text:
        notes.append(_(NOTE_SCAN))
    elif pages_without_text:
        notes.append(
            _("%(n)s dari %(total)s halaman tanpa lapisan teks (hasil pindai)")
            % {"n": pages_without_text, "total": pages_read}
        )
    if sink.full and not stopped:
        stopped = _("batas panjang teks tercapai")
    if stopped:
        notes.append(_truncation_note(stopped))
    return ExtractedText(text, page_count, has_text, "; ".join(notes), bool(stopped), tuple(starts))


def _pdf_page_text(page) -> str:
    """Text of one page; re-read with a tighter tolerance when words run together."""
    try:
        text = page.extract_text() or ""
        if _spacing_faults(text) and any(len(w) >= RUN_ON_WORD_LENGTH for w in text.split()):
            tight = page.extract_text(x_tolerance=TIGHT_X_TOLERANCE) or ""
            if _spacing_faults(tight) < _spacing_faults(text):
                text = tight
        return text
    except Exception as exc:  # noqa: BLE001 - one broken page must not lose the others
        if is_memory_error(exc):
            raise MemoryError from exc
        logger.warning("Halaman PDF %s tidak terbaca: %r", getattr(page, "page_number", "?"), exc)
        return ""


def _spacing_faults(text: str) -> int:
    """Run-on words plus words split into single letters: lower means better spacing."""
    words = text.split()
    run_on = sum(1 for w in words if len(w) >= RUN_ON_WORD_LENGTH)
    split = sum(1 for w in words if len(w) == 1 and w.isalpha())
    return run_on + split


# --- DOCX --------------------------------------------------------------------------------


def _extract_docx(source: Source, bounds: _Bounds) -> ExtractedText:
    """Paragraphs and tables in document order (python-docx has no page concept)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(source)
    sink = _TextSink(bounds.max_chars)
    for child in document.element.body.iterchildren():
        if sink.full or bounds.out_of_time():
            break
        if child.tag.endswith("}p"):
            sink.add(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            _add_table(Table(child, document), sink)
    text = sink.text()
    has_text = bool(text.strip())
    note = "" if has_text else _("dokumen tidak berisi teks")
    if sink.full:
        note = _truncation_note(_("batas panjang teks tercapai"))
    return ExtractedText(text, None, has_text, note, sink.full)


def _add_table(table, sink: _TextSink) -> None:
    """One line per row, cells separated by " | "; merged cells repeat, so dedupe neighbours."""
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = cell.text.strip()
            if value and (not cells or cells[-1] != value):
                cells.append(value)
        sink.add(" | ".join(cells))


# --- XLSX --------------------------------------------------------------------------------


def _extract_xlsx(source: Source, bounds: _Bounds) -> ExtractedText:
    """Cell values sheet by sheet, read-only (streaming) and bounded by cell count."""
    import openpyxl

    workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    sink = _TextSink(bounds.max_chars)
    cells_seen = 0
    stopped = ""
    try:
        sheet_count = len(workbook.sheetnames)
        for sheet in workbook.worksheets:
            sink.add(f"## {sheet.title}")
            for row in sheet.iter_rows(values_only=True):
                cells_seen += len(row)
                if cells_seen > bounds.max_cells:
                    stopped = _("hanya %(n)s sel pertama dibaca") % {"n": bounds.max_cells}
                elif bounds.out_of_time() or sink.full:
                    stopped = _("batas waktu atau panjang teks tercapai")
                if stopped:
                    break
                values = [str(v).strip() for v in row if v is not None and str(v).strip()]
                sink.add("\t".join(values))
            if stopped:
                break
    finally:
        workbook.close()
    text = sink.text()
    has_text = any(line and not line.startswith("## ") for line in sink.parts)
    note = _truncation_note(stopped) if stopped else ("" if has_text else _("lembar kerja kosong"))
    return ExtractedText(text, sheet_count, has_text, note, bool(stopped))
