"""Is a zip archive (DOCX, XLSX) safe to open? Checked on its central directory, before any
part is decompressed: the one zip-bomb check for evidence files and every spreadsheet import.

Why declared sizes are enough: Python's ``zipfile`` (used by python-docx and openpyxl) never
yields more bytes for an entry than its declared ``file_size``, so the sum of declared sizes
bounds what any later reader can expand, and one part's declared size bounds that part.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from spbe.core.errors import CodedValidationError
from spbe.core.sizes import format_megabytes

DEFAULT_MAX_ZIP_ENTRIES = 5000
# Ordinary DOCX/XLSX parts compress 3-20x; a ratio above this on a sizeable entry is a bomb.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """What an archive may expand to: in total, per part (None: no limit of its own) and in
    number of parts."""

    max_expanded_bytes: int
    max_entries: int = DEFAULT_MAX_ZIP_ENTRIES
    max_entry_bytes: int | None = None


class UnsafeArchiveError(CodedValidationError):
    """An archive refused before opening; ``code`` is stable (zip_bomb, zip_encrypted, ...)."""


def check_zip_entries(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Refuse archives that are dangerous to open, before anything decompresses them."""
    if len(infos) > limits.max_entries:
        raise UnsafeArchiveError(
            _("Arsip berisi terlalu banyak bagian (%(count)s; paling banyak %(limit)s)."),
            code="zip_too_many_entries",
            params={"count": len(infos), "limit": limits.max_entries},
        )
    total = 0
    for info in infos:
        _check_entry_name(info.filename)
        if info.flag_bits & 0x1:
            raise UnsafeArchiveError(
                _("Arsip berisi bagian yang terenkripsi; simpan berkas tanpa kata sandi."),
                code="zip_encrypted",
            )
        total += info.file_size
        if total > limits.max_expanded_bytes:
            raise _zip_bomb(limits.max_expanded_bytes)
        if limits.max_entry_bytes is not None and info.file_size > limits.max_entry_bytes:
            raise _zip_bomb(limits.max_entry_bytes)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_CHECK_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise _zip_bomb(limits.max_expanded_bytes)


def _zip_bomb(limit: int) -> UnsafeArchiveError:
    return UnsafeArchiveError(
        _(
            "Arsip (DOCX/XLSX) mengembang terlalu besar saat dibuka (batas %(limit)s) atau "
            "rasio kompresinya tidak wajar; berkas ditolak demi keamanan."
        ),
        code="zip_bomb",
        params={"limit": format_megabytes(limit)},
    )


def _check_entry_name(name: str) -> None:
    """No absolute paths, drive letters or ".." components: they escape an extraction folder."""
    normalised = name.replace("\\", "/")
    parts = normalised.split("/")
    if normalised.startswith("/") or re.match(r"^[A-Za-z]:", normalised) or ".." in parts:
        raise UnsafeArchiveError(
            _("Arsip berisi nama bagian yang berbahaya (%(name)s); berkas ditolak."),
            code="zip_unsafe_path",
            params={"name": name[:80]},
        )
