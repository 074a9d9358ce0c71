"""Reading an official result file: the XLSX/CSV template or the KemenPANRB report PDF.

Everything here is read-only: an upload becomes a `ParsedImport` (values per indicator and
stage, the assessors' notes, what the report printed) or an `OfficialImportError` listing every
problem, each with its row number ("baris 12: ..."). Nothing is written to the database.

The file type is decided by content (`spbe.evidence.files.inspect_upload`): a PDF goes to the
LHE reader, an XLSX to the template reader; only a file that is plain text and named .csv is
read as CSV.
"""

from __future__ import annotations

import csv
import hashlib
import io
from typing import Any, BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from spbe.evaluations.models import Cycle
from spbe.evidence.files import EvidenceFileError, inspect_upload
from spbe.frameworks.models import Indicator
from spbe.official.parsed import COLUMN_AUTO, OfficialImportError, ParsedImport
from spbe.official.report_pdf import read_pdf
from spbe.official.table import table_values

SHEET_TITLE = "hasil"
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 500


# --- reading an upload -------------------------------------------------------------------------


def read_upload(
    fileobj: BinaryIO,
    *,
    filename: str,
    cycle: Cycle,
    indicators: list[Indicator],
    column: str = COLUMN_AUTO,
) -> ParsedImport:
    """Read an uploaded template or report PDF for `cycle`; raise OfficialImportError."""
    kind, sha256 = _detect(fileobj, filename)
    fileobj.seek(0)
    data = fileobj.read()
    if kind == "pdf":
        return read_pdf(data, filename=filename, sha256=sha256, cycle=cycle, column=column)
    table = _xlsx_rows(data) if kind == "xlsx" else _csv_rows(data)
    values, notes = table_values(table, cycle.framework, indicators)
    return ParsedImport(source=kind, filename=filename, sha256=sha256, values=values, notes=notes)


def _detect(fileobj: BinaryIO, filename: str) -> tuple[str, str]:
    """("xlsx" | "csv" | "pdf", SHA-256) by content; size and zip safety checked first."""
    try:
        inspected = inspect_upload(
            fileobj,
            filename=filename,
            max_bytes=MAX_BYTES,
            max_expanded_bytes=settings.EVIDENCE_MAX_EXPANDED_BYTES,
        )
    except EvidenceFileError as exc:
        if exc.code == "type_not_allowed" and filename.lower().endswith(".csv"):
            return "csv", _sha256(fileobj)
        raise OfficialImportError(_file_type_message(exc.text), code=exc.code) from exc
    if inspected.detected_kind not in ("pdf", "xlsx"):
        raise OfficialImportError(
            _file_type_message(
                _("terdeteksi %(kind)s") % {"kind": inspected.detected_kind.upper()}
            ),
            code="type_not_allowed",
        )
    return inspected.detected_kind, inspected.sha256


def _file_type_message(why: str) -> str:
    return _(
        "Berkas tidak dapat diimpor: %(why)s Unggah templat XLSX, templat CSV (berakhiran .csv) "
        "atau PDF laporan hasil dari Kementerian PANRB."
    ) % {"why": why.rstrip(".") + "."}


def _sha256(fileobj: BinaryIO) -> str:
    fileobj.seek(0)
    digest = hashlib.sha256()
    while chunk := fileobj.read(1024 * 1024):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def _cell(value: Any) -> Any:
    """Strings stripped; numbers kept as they are (a float is turned into a Decimal later)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise OfficialImportError(
            _("Berkas XLSX rusak atau tidak dapat dibaca."), code="xlsx_rusak"
        ) from exc
    try:
        names = workbook.sheetnames
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in names else workbook.worksheets[0]
        rows = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1:
                raise _too_many_rows()
            rows.append((number, [_cell(v) for v in row]))
        return rows
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    if b"\x00" in data:
        raise OfficialImportError(
            _("Berkas .csv ini bukan teks; simpan templat sebagai CSV UTF-8."), code="bukan_csv"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OfficialImportError(
            _(
                "Berkas CSV harus berenkode UTF-8 (byte tidak sah pada posisi %(pos)d). "
                'Simpan ulang sebagai "CSV UTF-8".'
            )
            % {"pos": exc.start},
            code="bukan_utf8",
        ) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for row in reader:
        if reader.line_num > MAX_ROWS + 1:
            raise _too_many_rows()
        rows.append((reader.line_num, [_cell(v) for v in row]))
    return rows


def _too_many_rows() -> OfficialImportError:
    return OfficialImportError(
        _("Berkas berisi lebih dari %(n)d baris; ini bukan templat hasil resmi.") % {"n": MAX_ROWS},
        code="terlalu_banyak_baris",
    )
