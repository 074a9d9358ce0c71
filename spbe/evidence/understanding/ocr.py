"""OCR of scanned PDFs and photographed/scanned images with OCRmyPDF and Debian's Tesseract.

Scans of Indonesian government documents are often crooked or turned (the Kepmenko scan has
its pages at 90°, a Denpasar Perwali is upside down), so pages are rotated by Tesseract's
orientation detection and deskewed before recognition; the language is Indonesian (``ind``,
Debian package tesseract-ocr-ind). Only the text is kept (OCRmyPDF's sidecar file, pages
separated by form feeds); the searchable PDF it writes is thrown away with its temporary
folder, because the stored evidence file is never changed.

Runs inside the reading sandbox's child process (see `sandbox`), never in a request.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import shutil
import subprocess  # nosec B404 - fixed argument lists, no shell
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

LANGUAGE = "ind"
# Phone photos carry no resolution; 300 dpi is what an A4 scan is made at.
IMAGE_DPI = 300
PAGE_SEPARATOR = "\f"


@dataclass(frozen=True)
class OcrText:
    """Recognised text, one entry per page read (``pages``), and how many pages the file has."""

    pages: tuple[str, ...]
    page_count: int
    truncated: bool


class OcrUnavailable(RuntimeError):
    """OCRmyPDF, Tesseract or its Indonesian language data is not installed."""


@functools.cache
def ocr_engine_problem() -> str:
    """ "" when OCR can run here, else what is missing (for the page and the logs)."""
    # Looked up, never imported here: importing OCRmyPDF patches pdfminer for the whole
    # process, and every later text extraction of a PDF came back empty.
    if importlib.util.find_spec("ocrmypdf") is None:
        return "paket Python ocrmypdf tidak terpasang"
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return "Tesseract tidak terpasang (apt-get install tesseract-ocr tesseract-ocr-ind)"
    try:
        languages = subprocess.run(  # nosec B603 - fixed arguments
            [tesseract, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        ).stdout.split()
    except (OSError, subprocess.TimeoutExpired):
        return "Tesseract tidak dapat dijalankan"
    if LANGUAGE not in languages:
        return "data bahasa Indonesia Tesseract tidak terpasang (apt-get install tesseract-ocr-ind)"
    return ""


def ocr_available() -> bool:
    """Whether scans and images can be read here."""
    return not ocr_engine_problem()


def ocr_file(path: str | Path, kind: str, *, max_pages: int, page_count: int | None) -> OcrText:
    """Recognise the text of a scanned PDF or an image (kind "pdf", "png" or "jpg").

    At most ``max_pages`` pages are recognised (the first ones: number, title and the
    enactment clause of a short decree are there; a long annex is not worth minutes of CPU).
    Raises OcrUnavailable where the engine is missing.
    """
    problem = ocr_engine_problem()
    if problem:
        raise OcrUnavailable(problem)
    total = page_count or 1
    read = min(total, max_pages)
    with tempfile.TemporaryDirectory(prefix="spbe-ocr-") as folder:
        sidecar = Path(folder) / "text.txt"
        # OCRmyPDF's Python API patches pdfminer for the whole process (text extraction of
        # every later PDF came back empty), so it always runs as its own command.
        command = [
            sys.executable,
            "-m",
            "ocrmypdf",
            "--quiet",
            "--language",
            LANGUAGE,
            "--sidecar",
            str(sidecar),
            "--rotate-pages",
            "--deskew",
            "--force-ocr",
            "--output-type",
            "pdf",
            "--optimize",
            "0",
            "--jobs",
            "1",
        ]
        if kind in ("png", "jpg"):
            command += ["--image-dpi", str(IMAGE_DPI)]
        elif read < total:
            command += ["--pages", f"1-{read}"]
        command += [str(path), str(Path(folder) / "out.pdf")]
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # nosec B603
        if done.returncode != 0:
            raise RuntimeError(f"OCRmyPDF exit {done.returncode}: {done.stderr.strip()[-500:]}")
        text = sidecar.read_text(encoding="utf-8", errors="replace")
    pages = tuple(page.strip("\n") for page in text.split(PAGE_SEPARATOR))
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return OcrText(pages=pages[:read], page_count=total, truncated=read < total)


def _quiet_ocrmypdf_logs() -> None:
    # OCRmyPDF logs every page at INFO; the worker's log should say what matters only.
    logging.getLogger("ocrmypdf").setLevel(logging.WARNING)
