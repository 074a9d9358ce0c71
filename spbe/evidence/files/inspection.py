"""``inspect_upload``: one streaming pass over an upload -> hash, size, type, safe name.

The file is read once, in chunks, into SHA-256 (never held whole in memory); the first and last
few KB are kept on the side for type detection. Only DOCX/XLSX are touched again, and only their
zip directory and one small part (see ``detect``). The file is left at position 0 so the caller
can store it.

Extension policy (decided here, for the whole app): the CONTENT decides the type. If the name's
extension is one of the kind's own (e.g. ``.jpeg`` for a JPG) it is kept, lower-cased; if it is
another allowed kind's (a PNG named ``.pdf``) it is replaced; anything else (no extension,
``.exe``, ``.2019``) gets the right extension appended. ``extension_corrected`` tells the UI to
say so. Files are always served with the detected MIME type, never one derived from the name.
"""

import hashlib
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _

from spbe.core.sizes import format_megabytes

from .detect import EXTENSIONS, HEAD_BYTES, MIME_TYPES, TAIL_BYTES, ZipLimits, detect_kind
from .errors import EvidenceFileError
from .names import replace_extension, safe_filename

CHUNK_BYTES = 1024 * 1024
_ALL_ALLOWED_EXTENSIONS = {ext for exts in EXTENSIONS.values() for ext in exts}


@dataclass(frozen=True)
class InspectedFile:
    """What we know about an accepted upload; all of it goes on the file revision."""

    sha256: str
    size: int
    detected_kind: str  # one of detect.ALLOWED_KINDS
    mime_type: str
    safe_filename: str
    original_filename: str
    extension_corrected: bool


def inspect_upload(
    fileobj: BinaryIO,
    *,
    filename: str,
    max_bytes: int,
    max_expanded_bytes: int,
    max_zip_entries: int | None = None,
) -> InspectedFile:
    """Validate an uploaded evidence file and describe it; raise EvidenceFileError if refused.

    ``fileobj`` must be a seekable binary file (Django's UploadedFile is). Limits come from the
    caller (settings.EVIDENCE_MAX_UPLOAD_BYTES / EVIDENCE_MAX_EXPANDED_BYTES).
    """
    sha256, size, head, tail = _hash_and_sample(fileobj, max_bytes=max_bytes)
    limits = ZipLimits(max_expanded_bytes=max_expanded_bytes)
    if max_zip_entries is not None:
        limits = ZipLimits(max_expanded_bytes=max_expanded_bytes, max_entries=max_zip_entries)
    kind = detect_kind(fileobj, head, tail, filename=filename, limits=limits)
    fileobj.seek(0)
    name, corrected = name_for_kind(filename, kind)
    return InspectedFile(
        sha256=sha256,
        size=size,
        detected_kind=kind,
        mime_type=MIME_TYPES[kind],
        safe_filename=name,
        original_filename=filename,
        extension_corrected=corrected,
    )


def _hash_and_sample(fileobj: BinaryIO, *, max_bytes: int) -> tuple[str, int, bytes, bytes]:
    """Stream the file once: SHA-256, size, first HEAD_BYTES and last TAIL_BYTES.

    Stops reading as soon as the size limit is passed, so an oversize upload costs at most
    ``max_bytes`` + one chunk of reading.
    """
    declared = getattr(fileobj, "size", None)
    if isinstance(declared, int) and declared > max_bytes:
        raise _too_large(max_bytes)
    fileobj.seek(0)
    digest = hashlib.sha256()
    size = 0
    head = b""
    tail = b""
    while chunk := fileobj.read(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            fileobj.seek(0)
            raise _too_large(max_bytes)
        digest.update(chunk)
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        tail = (tail + chunk)[-TAIL_BYTES:]
    fileobj.seek(0)
    if size == 0:
        raise EvidenceFileError(
            _("Berkas kosong (0 byte). Pilih berkas yang berisi dokumen."), code="empty"
        )
    return digest.hexdigest(), size, head, tail


def _too_large(max_bytes: int) -> EvidenceFileError:
    return EvidenceFileError(
        _("Berkas terlalu besar. Ukuran paling besar %(limit)s; perkecil atau pecah berkasnya."),
        code="too_large",
        params={"limit": format_megabytes(max_bytes)},
    )


def name_for_kind(filename: str, kind: str) -> tuple[str, bool]:
    """Safe name whose extension agrees with the detected kind; True if we had to change it."""
    name = safe_filename(filename)
    base, dot, ext = name.rpartition(".")
    ext = ext.lower() if dot else ""
    if ext in EXTENSIONS[kind]:
        return name, False
    if ext in _ALL_ALLOWED_EXTENSIONS:
        return replace_extension(name, EXTENSIONS[kind][0]), True
    return safe_filename(f"{name}.{EXTENSIONS[kind][0]}"), True
