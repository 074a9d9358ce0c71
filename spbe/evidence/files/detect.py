"""Detect an evidence file's type from its content, never from its name.

Only five kinds are accepted: PDF, DOCX, XLSX, PNG, JPG. PDF, PNG and JPG are recognised by
their magic bytes. DOCX and XLSX are zip files: we open the zip's central directory, refuse
anything dangerous in it (zip bomb, encryption, path tricks, too many entries) and then require
the Office part list ([Content_Types].xml) to declare a Word or Excel main document AND the
matching ``word/`` or ``xl/`` parts to be present. A renamed .exe, a zip of random files or a
PPTX is therefore refused whatever its name.

The zip-bomb and path checks are the project's one copy, ``spbe.core.zipcheck``.
"""

import re
import zipfile
from typing import BinaryIO

import filetype
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spbe.core.zipcheck import UnsafeArchiveError, ZipLimits, check_zip_entries

from .errors import EvidenceFileError

ALLOWED_KINDS = ("pdf", "docx", "xlsx", "png", "jpg")
ALLOWED_LABEL = "PDF, DOCX, XLSX, PNG, JPG"

MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
}
# Types a browser may show inside the page (evidence preview): displayed, never executed.
# HTML and SVG can carry script and are never among them.
PREVIEWABLE_MIME_TYPES = frozenset({MIME_TYPES["pdf"], MIME_TYPES["png"], MIME_TYPES["jpg"]})
# Extensions a user may legitimately give each kind; the first is the canonical one.
EXTENSIONS = {
    "pdf": ("pdf",),
    "docx": ("docx",),
    "xlsx": ("xlsx",),
    "png": ("png",),
    "jpg": ("jpg", "jpeg", "jpe"),
}

HEAD_BYTES = 8192
TAIL_BYTES = 2048
CONTENT_TYPES_MAX_BYTES = 1024 * 1024

_PDF_HEADER = re.compile(rb"%PDF-(\d)\.(\d)")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPG_MAGIC = b"\xff\xd8\xff"
_ZIP_MAGIC = b"PK\x03\x04"

_WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_EXCEL_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# Office formats that are zip files too but are not accepted; named so the message is useful.
_OTHER_OFFICE = {
    b"application/vnd.ms-word.document.macroEnabled.main+xml": gettext_noop(
        "DOCM (dokumen Word bermakro)"
    ),
    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml": gettext_noop(
        "XLSM (buku kerja Excel bermakro)"
    ),
    b"presentationml.presentation.main+xml": gettext_noop("PPTX (presentasi PowerPoint)"),
    b"wordprocessingml.template.main+xml": gettext_noop("DOTX (templat Word)"),
    b"spreadsheetml.template.main+xml": gettext_noop("XLTX (templat Excel)"),
}


def not_allowed(detected: str) -> EvidenceFileError:
    """The "type not allowed" refusal, saying what we found and what is allowed."""
    return EvidenceFileError(
        _(
            "Jenis berkas tidak diizinkan: terdeteksi %(detected)s. "
            "Jenis yang diizinkan: %(allowed)s."
        ),
        code="type_not_allowed",
        params={"detected": detected, "allowed": ALLOWED_LABEL},
    )


def detect_kind(
    fileobj: BinaryIO, head: bytes, tail: bytes, *, filename: str, limits: ZipLimits
) -> str:
    """Return one of ALLOWED_KINDS for a seekable file, or raise EvidenceFileError.

    ``head``/``tail`` are the first and last bytes already read while hashing, so PDF and
    images need no further I/O; only zips are re-opened (central directory and one small part).
    """
    if _PDF_HEADER.search(head[:1024]):
        _check_pdf_complete(tail)
        return "pdf"
    if b"%PDF" in head[:1024]:
        raise EvidenceFileError(
            _("Berkas PDF rusak: kepala berkas (header PDF) tidak sah."), code="pdf_corrupt"
        )
    if head.startswith(_PNG_MAGIC):
        return "png"
    if head.startswith(_JPG_MAGIC):
        return "jpg"
    if head.startswith(_OLE_MAGIC):
        raise _legacy_office(filename)
    if head.startswith(_ZIP_MAGIC):
        return _detect_office_zip(fileobj, limits)
    raise not_allowed(_describe_unknown(head))


def _check_pdf_complete(tail: bytes) -> None:
    """A PDF ends with %%EOF; without it the upload was cut off or the file is damaged."""
    if b"%%EOF" not in tail:
        raise EvidenceFileError(
            _(
                "Berkas PDF rusak atau tidak lengkap (penanda akhir berkas tidak ada). "
                "Simpan ulang atau unggah ulang berkasnya."
            ),
            code="pdf_corrupt",
        )


def _legacy_office(filename: str) -> EvidenceFileError:
    """OLE2 container: .doc/.xls (or a password-protected Office file, which is also OLE2)."""
    lower = filename.lower()
    if lower.endswith((".xls", ".xlsx")):
        suggestion = "XLSX"
    elif lower.endswith((".doc", ".docx")):
        suggestion = "DOCX"
    else:
        suggestion = _("DOCX atau XLSX")
    return EvidenceFileError(
        _(
            "Format Office lama (DOC/XLS) atau berkas Office yang dikunci kata sandi tidak "
            "diterima. Buka berkasnya, simpan sebagai %(suggestion)s tanpa kata sandi, lalu "
            "unggah lagi."
        ),
        code="legacy_office",
        params={"suggestion": suggestion},
    )


def _describe_unknown(head: bytes) -> str:
    """A short human name for what we found, for the refusal message."""
    if head.startswith(b"MZ"):
        return _("program Windows (EXE/DLL)")
    if head.startswith(b"\x7fELF"):
        return "program (ELF)"
    guess = filetype.guess(head)
    if guess is not None:
        return guess.extension.upper()
    if _looks_like_text(head):
        return _("teks biasa")
    return _("format tidak dikenal")


def _looks_like_text(head: bytes) -> bool:
    try:
        head[:1024].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in head[:1024]


def _detect_office_zip(fileobj: BinaryIO, limits: ZipLimits) -> str:
    """Open the zip, check it is safe, then decide between DOCX, XLSX or refusal."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            try:
                check_zip_entries(infos, limits)
            except UnsafeArchiveError as exc:
                raise EvidenceFileError(exc.message, code=exc.code, params=exc.params) from exc
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names:
                raise not_allowed(_("arsip ZIP yang bukan dokumen Office"))
            with archive.open("[Content_Types].xml") as part:
                content_types = part.read(CONTENT_TYPES_MAX_BYTES)
    except zipfile.BadZipFile as exc:
        raise EvidenceFileError(
            _("Berkas arsip (DOCX/XLSX) rusak dan tidak dapat dibuka."), code="zip_corrupt"
        ) from exc
    finally:
        fileobj.seek(0)
    return _office_kind(content_types, names)


def _office_kind(content_types: bytes, names: set[str]) -> str:
    """DOCX needs the Word main type and word/ parts; XLSX the Excel main type and xl/ parts."""
    if _WORD_MAIN in content_types and "word/document.xml" in names:
        return "docx"
    if _EXCEL_MAIN in content_types and "xl/workbook.xml" in names:
        return "xlsx"
    for marker, label in _OTHER_OFFICE.items():
        if marker in content_types:
            raise not_allowed(_(label))
    raise not_allowed(_("arsip ZIP yang bukan dokumen Word/Excel yang utuh"))
