"""File names that are safe to store, show and send back in a Content-Disposition header.

Uploaded names come from the user's machine: they may carry a Windows path, quotes that break
the header, control characters, or nothing usable at all. We keep a readable ASCII base name
(accents folded, so "Peraturan Walikota Denpasar.pdf" stays recognisable) and keep the original
name only for display, through ``content_disposition``'s ``filename*`` parameter.
"""

import re
import unicodedata
from urllib.parse import quote

MAX_NAME_LENGTH = 120
FALLBACK_NAME = "berkas"

_NOT_ALLOWED = re.compile(r"[^A-Za-z0-9._-]+")
_REPEATED_SEPARATORS = re.compile(r"([-_.])[-_.]*")


def _fold_to_ascii(text: str) -> str:
    """ "Lampiran Ü é" -> "Lampiran U e": readable in every browser and file system."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _split_extension(name: str) -> tuple[str, str]:
    """Split "a.b.PDF" into ("a.b", "pdf"); an extension is 1-5 letters or digits."""
    base, dot, ext = name.rpartition(".")
    if dot and re.fullmatch(r"[A-Za-z0-9]{1,5}", ext):
        return base, ext.lower()
    return name, ""


def safe_filename(name: str | None, *, max_length: int = MAX_NAME_LENGTH) -> str:
    """Return a safe, readable file name for ``name``; never empty.

    Strips any directory part (both / and \\), control characters and quotes, folds accents,
    turns spaces into dashes, keeps letters, digits, dash, underscore and dot, removes leading
    dots (no hidden files, no "..") and limits the length while keeping the extension.
    """
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _fold_to_ascii(name).strip()
    name = re.sub(r"\s+", "-", name)
    name = _NOT_ALLOWED.sub("", name)
    name = _REPEATED_SEPARATORS.sub(r"\1", name)
    base, ext = _split_extension(name)
    base = base.strip("._-") or FALLBACK_NAME
    room = max_length - (len(ext) + 1 if ext else 0)
    base = base[: max(room, 1)].rstrip("._-") or FALLBACK_NAME
    return f"{base}.{ext}" if ext else base


def replace_extension(filename: str, extension: str) -> str:
    """Give ``filename`` the extension ``extension`` (without dot), replacing a known one."""
    base, _ext = _split_extension(filename)
    return f"{base}.{extension}"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """Build a Content-Disposition value: ASCII ``filename`` plus RFC 5987 ``filename*``.

    Old clients read ``filename`` (the safe ASCII name); modern browsers read ``filename*``
    and show the original name, accents included. Serve evidence as ``attachment`` (default):
    never let a browser render an uploaded file inside our origin.
    """
    cleaned = "".join(ch for ch in (filename or "") if unicodedata.category(ch)[0] != "C")
    cleaned = cleaned.replace("\\", "/").rsplit("/", 1)[-1].strip() or FALLBACK_NAME
    ascii_name = safe_filename(cleaned)
    disposition = "inline" if inline else "attachment"
    value = f'{disposition}; filename="{ascii_name}"'
    if cleaned != ascii_name:
        value += f"; filename*=UTF-8''{quote(cleaned, safe='')}"
    return value
