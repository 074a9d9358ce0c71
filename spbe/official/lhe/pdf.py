"""Opening an LHE PDF: size and page limits, its pages' text, ruled tables and characters."""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from .result import LheReadError

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 80  # an LHE has about ten pages; anything far longer is not one

Source = str | os.PathLike[str] | IO[bytes] | bytes

_WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """Whitespace runs as one space, ends stripped (None as "")."""
    return _WS.sub(" ", text or "").strip()


def load_pdf(source: Source) -> bytes:
    """The PDF's bytes from a path, bytes or binary file; LheReadError when it is not one."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise LheReadError("Berkas tidak ditemukan.", code="tidak_ada")
        if path.stat().st_size > MAX_BYTES:
            raise LheReadError(_too_big(), code="terlalu_besar")
        data = path.read_bytes()
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(MAX_BYTES + 1)
        if isinstance(data, str):
            raise LheReadError("Berkas harus dibuka dalam mode biner.", code="bukan_pdf")
        if len(data) > MAX_BYTES:
            raise LheReadError(_too_big(), code="terlalu_besar")
    if not data.strip():
        raise LheReadError("Berkas kosong.", code="bukan_pdf")
    if b"%PDF-" not in data[:1024]:
        raise LheReadError(
            "Berkas ini bukan PDF. Unggah Laporan Hasil Evaluasi/Pemantauan SPBE dalam format PDF "
            "seperti yang dikirim Kementerian PANRB.",
            code="bukan_pdf",
        )
    return data


def _too_big() -> str:
    return f"Berkas lebih besar dari {MAX_BYTES // (1024 * 1024)} MB; ini bukan laporan hasil SPBE."


@dataclass
class Table:
    rows: list[Any]  # pdfplumber Row objects: .bbox and .cells (bboxes, None for merged cells)
    rows_text: list[list[str | None]]


@dataclass
class Page:
    number: int
    text: str
    tables: list[Table]
    chars: list[dict[str, Any]]


def open_pages(data: bytes) -> list[Page]:
    """Every page's text, ruled tables and characters; LheReadError for a bad PDF."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise LheReadError(
                    f"PDF berisi {len(pdf.pages)} halaman; laporan hasil SPBE hanya sekitar "
                    "sepuluh halaman. Periksa kembali berkasnya.",
                    code="format_tidak_dikenal",
                )
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                tables = [Table(t.rows, t.extract()) for t in page.find_tables()]
                pages.append(
                    Page(
                        number=number,
                        text=page.extract_text() or "",
                        tables=tables,
                        chars=list(page.chars),
                    )
                )
            return pages
    except LheReadError:
        raise
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if isinstance(inner, PDFEncryptionError):
            raise LheReadError(
                "PDF ini terenkripsi atau dilindungi kata sandi sehingga tidak dapat dibaca. "
                "Simpan ulang tanpa kata sandi, lalu unggah kembali.",
                code="terenkripsi",
            ) from exc
        raise LheReadError(
            "PDF rusak atau tidak dapat dibaca; unduh ulang laporan dari sumber aslinya.",
            code="pdf_rusak",
        ) from exc
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LheReadError(
            "PDF rusak atau tidak dapat dibaca; unduh ulang laporan dari sumber aslinya.",
            code="pdf_rusak",
        ) from exc
