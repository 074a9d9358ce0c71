"""The inventory's (and the budget's) view of an uploaded spreadsheet: the header and the data
rows as text, read by the project's one safe reader (`spbe.core.tabular`: size, zip, encoding,
row and cell checks before any row is parsed) with the limits of these imports."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from spbe.core.tabular import TableLimits
from spbe.core.tabular import read_table as read_any_table

MAX_ROWS = 5000
MAX_COLUMNS = 60


def read_table(filename: str, data: bytes) -> tuple[list[str], list[list[str]]]:
    """(header, data rows) of a CSV or XLSX file, every row as long as the header at least;
    ValidationError in Bahasa Indonesia when the file is too big, expands too far, has too
    many rows or columns, holds control characters, or cannot be read."""
    limits = TableLimits(
        max_bytes=settings.EVIDENCE_MAX_UPLOAD_BYTES,
        max_rows=MAX_ROWS,
        max_columns=MAX_COLUMNS,
        max_expanded_bytes=settings.EVIDENCE_MAX_EXPANDED_BYTES,
    )
    rows = read_any_table(data, filename, limits=limits).text_grid()
    if not rows or not any(rows[0]):
        raise ValidationError(_("Berkas kosong: baris pertama harus berisi judul kolom."))
    header = [h.strip() for h in rows[0]]
    return header, [r + [""] * (len(header) - len(r)) for r in rows[1:]]
