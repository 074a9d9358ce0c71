"""Reading a spreadsheet safely: CSV (UTF-8, comma or semicolon) or XLSX, with the size of the
file, its uncompressed size (the evidence app's zip-bomb checks) and its row and cell counts
checked BEFORE the rows are parsed."""

from __future__ import annotations

import csv
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from spbe.evidence.files.detect import ZipLimits, check_zip_entries

MAX_ROWS = 5000
MAX_COLUMNS = 60


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()


def _check_counts(rows: list[list[str]]) -> None:
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError(
            _("Berkas berisi lebih dari %(n)s baris data; pecah menjadi beberapa berkas.")
            % {"n": MAX_ROWS}
        )
    if rows and max(len(r) for r in rows) > MAX_COLUMNS:
        raise ValidationError(
            _("Berkas berisi lebih dari %(n)s kolom; hapus kolom yang tidak dipakai.")
            % {"n": MAX_COLUMNS}
        )


def _xlsx_rows(data: bytes) -> list[list[str]]:
    limits = ZipLimits(max_expanded_bytes=settings.EVIDENCE_MAX_EXPANDED_BYTES)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_entries(archive.infolist(), limits)
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("Berkas XLSX rusak dan tidak dapat dibuka.")) from exc
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(_("Berkas XLSX tidak dapat dibaca.")) from exc
    try:
        sheet = workbook.worksheets[0]
        # The sheet's declared size, before any cell is read: rows x columns.
        if (sheet.max_row or 0) > MAX_ROWS + 1 or (sheet.max_column or 0) > MAX_COLUMNS:
            _check_counts([[""] * (sheet.max_column or 0)] * min(sheet.max_row or 0, MAX_ROWS + 2))
        rows = []
        for raw in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in raw])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    except ValidationError:
        raise
    except Exception as exc:  # a damaged sheet fails while rows are read
        raise ValidationError(_("Berkas XLSX tidak dapat dibaca.")) from exc
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _('Berkas CSV harus berenkode UTF-8. Simpan ulang sebagai "CSV UTF-8".')
        ) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = []
    try:
        for raw in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows.append([c.strip() for c in raw])
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as exc:
        raise ValidationError(
            _("Berkas CSV rusak: ada sel yang terlalu panjang atau tanda kutip tidak ditutup.")
        ) from exc
    return rows


def read_table(filename: str, data: bytes) -> tuple[list[str], list[list[str]]]:
    """(header, data rows) of a CSV or XLSX file; ValidationError in Bahasa Indonesia when the
    file is too big, expands too far, has too many rows or columns, or cannot be read."""
    if len(data) > settings.EVIDENCE_MAX_UPLOAD_BYTES:
        raise ValidationError(_("Berkas terlalu besar."))
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif lower.endswith(".csv"):
        rows = _csv_rows(data)
    else:
        raise ValidationError(_("Format berkas harus .xlsx atau .csv."))
    _check_counts(rows)
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows or not any(rows[0]):
        raise ValidationError(_("Berkas kosong: baris pertama harus berisi judul kolom."))
    header = [h.strip() for h in rows[0]]
    return header, [r + [""] * (len(header) - len(r)) for r in rows[1:]]
