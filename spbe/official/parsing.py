"""Reading an official result file: the XLSX/CSV template or the KemenPANRB report PDF.

Everything here is read-only: an upload becomes a `ParsedImport` (values per indicator and
stage, the assessors' notes, what the report printed) or an `OfficialImportError` listing every
problem, each with its row number ("baris 12: ..."). Nothing is written to the database.

The file type is decided by content (`spbe.evidence.files.inspect_upload`): a PDF goes to the
LHE reader, an XLSX to the template reader; only a file that is plain text and named .csv is
read as CSV.
"""

from __future__ import annotations

import hashlib
from typing import Any, BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from spbe.core.tabular import TableError, TableLimits, cell_value, read_table
from spbe.evaluations.models import Cycle
from spbe.evidence.files import EvidenceFileError, inspect_upload
from spbe.frameworks.models import Indicator
from spbe.official.parsed import COLUMN_AUTO, OfficialImportError, ParsedImport
from spbe.official.report_pdf import read_pdf
from spbe.official.table import table_values

SHEET_TITLE = "hasil"
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 500
MAX_COLUMNS = 30


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
    table = _table_rows(data, kind)
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


# The reader's refusal codes under the names this import has always given them.
_TABLE_CODES = {
    "xlsx_unreadable": "xlsx_rusak",
    "nul_byte": "bukan_csv",
    "control_character": "bukan_csv",
    "not_utf8": "bukan_utf8",
    "too_many_rows": "terlalu_banyak_baris",
}


def _table_rows(data: bytes, kind: str) -> list[tuple[int, list[Any]]]:
    """(row number, cells) of the filled rows, read by the project's one safe reader: strings
    stripped, numbers kept as they are (a float is turned into a Decimal later)."""
    limits = TableLimits(
        max_bytes=MAX_BYTES,
        max_rows=MAX_ROWS,
        max_columns=MAX_COLUMNS,
        max_expanded_bytes=settings.EVIDENCE_MAX_EXPANDED_BYTES,
    )
    try:
        table = read_table(data, None, limits=limits, formats=(kind,), sheet=SHEET_TITLE)
    except TableError as exc:
        raise OfficialImportError(exc.messages, code=_TABLE_CODES.get(exc.code, exc.code)) from exc
    return [(row.number, [cell_value(v) for v in row.cells]) for row in table.rows]
