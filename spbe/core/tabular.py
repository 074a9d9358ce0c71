"""Reading an uploaded spreadsheet, CSV or XLSX, safely: the one reader behind every import
(units and users, applications, budget, official results, history, levels, worksheets).

What it guarantees before any importer sees a cell:

- the file is no bigger than ``max_bytes``; its format is decided by its content (a zip is an
  XLSX whatever its name, an OLE2 file is a legacy .xls and is refused with advice), and its
  name must be one the importer accepts;
- an XLSX's zip directory is checked (``spbe.core.zipcheck``: number of parts, total and
  per-part uncompressed size, compression ratio) *before* openpyxl opens it, and the sheet is
  streamed (``read_only=True``) while rows, columns and cells are counted, so a bomb is refused
  without ever expanding in memory;
- a CSV is UTF-8 (with or without BOM), has no NUL byte, its delimiter is sniffed (``,`` ``;``
  or tab) and its rows are counted while read;
- no cell holds a control character (PostgreSQL refuses NUL in text; the others are never
  typed by people and only come from binary files saved as .csv).

Every refusal is a ``TableError`` (a ``ValidationError``: a form error, an API 400) with a
stable ``code`` and, where known, the ``row`` and ``column``; each importer turns it into its
own error type and keeps its own column and meaning checks.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from spbe.core.errors import CodedValidationError
from spbe.core.sizes import format_megabytes
from spbe.core.zipcheck import UnsafeArchiveError, ZipLimits, check_zip_entries

CSV, XLSX = "csv", "xlsx"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (",", ";", "\t")
# A line between the boundaries `str.splitlines` knows.
_LINE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
# C0 control characters other than tab, line feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Blank rows are not counted as rows, but a file of nothing but blank rows must end somewhere.
_BLANK_ROWS_FACTOR = 10
_BLANK_ROWS_MIN = 1000


@dataclass(frozen=True)
class TableLimits:
    """What one import accepts. ``max_rows`` counts the filled rows under the
    ``header_rows`` (blank rows are skipped); ``max_cells`` (None: rows x columns) counts
    filled cells; ``max_expanded_bytes`` and ``max_part_bytes`` bound an XLSX's unzipped
    size in total and for one part (a sheet's XML, the shared strings)."""

    max_bytes: int
    max_rows: int
    max_columns: int
    header_rows: int = 1
    max_cells: int | None = None
    max_expanded_bytes: int = 100 * 1024 * 1024
    max_part_bytes: int = 32 * 1024 * 1024
    max_zip_entries: int = 1000


class TableError(CodedValidationError):
    """A spreadsheet refused before import; ``code`` is stable, ``row`` (the file's row number,
    1 for the first) and ``column`` (1 for the first) are set where the problem is in one cell."""

    def __init__(
        self,
        message,
        *,
        code: str,
        params: dict | None = None,
        row: int | None = None,
        column: int | None = None,
    ):
        super().__init__(message, code=code, params=params)
        self.row, self.column = row, column


@dataclass(frozen=True)
class Row:
    """One filled row: its number in the file (1 for the first) and its cells, trailing blank
    cells dropped. CSV cells are the strings as written; XLSX cells are openpyxl's values
    (str, int, float, bool, datetime, or None for an empty cell)."""

    number: int
    cells: tuple[Any, ...]


@dataclass
class Table:
    format: str  # CSV or XLSX
    rows: list[Row] = field(default_factory=list)

    def text_grid(self) -> list[list[str]]:
        """`grid` with every cell as `cell_text` (what the text importers read)."""
        return [[cell_text(v) for v in row] for row in self.grid()]

    def grid(self) -> list[list[Any]]:
        """Every row from the first to the last filled one, a blank row as ``[]``: for
        importers that number rows by position."""
        grid: list[list[Any]] = []
        for row in self.rows:
            grid.extend([] for _ in range(row.number - 1 - len(grid)))
            grid.append(list(row.cells))
        return grid


def cell_text(value: Any) -> str:
    """A cell as the text an importer reads: stripped; a whole float without ".0" (Excel
    stores 2024 as 2024.0); a date as YYYY-MM-DD; an empty cell as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()


def cell_value(value: Any) -> Any:
    """A cell with its type kept (numbers stay numbers), strings stripped, empty as ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value


def read_table(
    data: bytes,
    filename: str | None,
    *,
    limits: TableLimits,
    formats: Sequence[str] = (CSV, XLSX),
    sheet: str | None = None,
) -> Table:
    """The filled rows of an uploaded CSV or XLSX (for an XLSX, the sheet named ``sheet`` if it
    has one, else the first), or ``TableError``. ``filename`` (None: not checked) must end in
    one of ``formats``; the content decides how the file is read."""
    kind = _detect(data, filename, limits=limits, formats=formats)
    if kind == CSV:
        return Table(CSV, _collect(_csv_records(data), limits))
    return _read_xlsx(data, limits, names=[sheet] if sheet else [], first_if_missing=True)[0][1]


def read_sheets(data: bytes, *, limits: TableLimits, names: Sequence[str]) -> dict[str, Table]:
    """The filled rows of each sheet of ``names`` an XLSX has (sheets it lacks are left out),
    with the same checks as ``read_table``; each sheet is counted against ``limits``."""
    _detect(data, None, limits=limits, formats=(XLSX,))
    return dict(_read_xlsx(data, limits, names=list(names), first_if_missing=False))


# -- detecting --------------------------------------------------------------------------------
def _detect(data: bytes, filename: str | None, *, limits: TableLimits, formats) -> str:
    if len(data) > limits.max_bytes:
        raise TableError(
            _("Berkas terlalu besar (%(size)s; paling banyak %(limit)s)."),
            code="too_large",
            params={
                "size": format_megabytes(len(data)),
                "limit": format_megabytes(limits.max_bytes),
            },
        )
    lower = (filename or "").lower()
    if data.startswith(_OLE_MAGIC) or lower.endswith(".xls"):
        raise TableError(
            _(
                "Format Excel lama (.xls) atau berkas yang dikunci kata sandi tidak diterima. "
                "Buka berkasnya di Excel atau LibreOffice, simpan sebagai .xlsx (Buku Kerja "
                'Excel) atau "CSV UTF-8" tanpa kata sandi, lalu unggah lagi.'
            ),
            code="legacy_xls",
        )
    if filename is not None and not lower.endswith(tuple(f".{f}" for f in formats)):
        raise _wrong_format(formats)
    kind = XLSX if data.startswith(_ZIP_MAGIC) else CSV
    if kind == CSV and lower.endswith(".xlsx"):
        raise _not_xlsx()
    if kind not in formats:
        raise _wrong_format(formats)
    return kind


def _wrong_format(formats) -> TableError:
    if CSV not in formats:
        message = _("Format berkas harus .xlsx (Buku Kerja Excel).")
    elif XLSX not in formats:
        message = _('Format berkas harus .csv (teks "CSV UTF-8").')
    else:
        message = _("Format berkas harus .xlsx atau .csv.")
    return TableError(message, code="wrong_format")


def _not_xlsx() -> TableError:
    return TableError(
        _("Berkas XLSX tidak dapat dibaca: berkasnya rusak atau bukan buku kerja Excel."),
        code="xlsx_unreadable",
    )


# -- CSV --------------------------------------------------------------------------------------
def _csv_records(data: bytes) -> Iterable[tuple[int, Sequence[Any]]]:
    nul = data.find(b"\x00")
    if nul >= 0:
        row = data[:nul].count(b"\n") + 1
        raise TableError(
            _(
                "Berkas CSV berisi byte NUL (baris %(row)s), jadi bukan teks biasa (mungkin "
                'UTF-16 atau berkas biner). Simpan ulang sebagai "CSV UTF-8".'
            ),
            code="nul_byte",
            params={"row": row},
            row=row,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise TableError(
            _(
                "Berkas CSV harus berenkode UTF-8 (byte tidak sah di baris %(row)s). "
                'Simpan ulang sebagai "CSV UTF-8".'
            ),
            code="not_utf8",
            params={"row": row},
            row=row,
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:  # e.g. a field longer than the csv module allows
        raise TableError(
            _(
                "Berkas CSV rusak: ada sel yang terlalu panjang atau tanda kutip yang tidak "
                "ditutup (sekitar baris %(row)s). Simpan ulang dari templat."
            ),
            code="csv_unreadable",
            params={"row": reader.line_num},
            row=reader.line_num,
        ) from exc


def _delimiter(text: str) -> str:
    """The separator the first filled line uses most: comma, semicolon (Indonesian Excel) or
    tab; a comma when it uses none."""
    # Lazily: a 20 MB file is not split into a list of lines to read its header.
    first = next((m.group() for m in _LINE.finditer(text) if m.group().strip()), "")
    counts = [first.count(d) for d in _DELIMITERS]
    return _DELIMITERS[counts.index(max(counts))] if max(counts) else ","


# -- XLSX -------------------------------------------------------------------------------------
def _read_xlsx(
    data: bytes, limits: TableLimits, *, names: list[str], first_if_missing: bool
) -> list[tuple[str, Table]]:
    """(title, table) of the sheets `names` that exist (the first sheet when `names` is
    empty, or when none exists and `first_if_missing`), after the zip checks."""
    zip_limits = ZipLimits(
        max_expanded_bytes=limits.max_expanded_bytes,
        max_entries=limits.max_zip_entries,
        max_entry_bytes=limits.max_part_bytes,
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_entries(archive.infolist(), zip_limits)
    except UnsafeArchiveError as exc:
        raise TableError(exc.message, code=exc.code, params=exc.params) from exc
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise _not_xlsx() from exc
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _not_xlsx() from exc
    try:
        found = [n for n in names if n in workbook.sheetnames]
        if not names or (not found and first_if_missing):
            sheets = workbook.worksheets[:1]
        else:
            sheets = [workbook[n] for n in found]
        return [(s.title, Table(XLSX, _collect(_sheet_rows(s, limits), limits))) for s in sheets]
    except TableError:
        raise
    except Exception as exc:  # a damaged sheet fails while its rows are read
        raise _not_xlsx() from exc
    finally:
        workbook.close()


def _sheet_rows(sheet, limits: TableLimits) -> Iterable[tuple[int, Sequence[Any]]]:
    # One column past the limit is read, so a wider sheet is noticed; never more, so a cell
    # declared at column XFD does not make every row 16,384 cells long.
    rows = sheet.iter_rows(max_col=limits.max_columns + 1, values_only=True)
    return enumerate(rows, start=1)


# -- counting ---------------------------------------------------------------------------------
def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _collect(records: Iterable[tuple[int, Sequence[Any]]], limits: TableLimits) -> list[Row]:
    """The filled rows, refused as soon as a limit is passed (rows, columns, cells)."""
    max_filled = limits.max_rows + limits.header_rows
    max_seen = max(max_filled * _BLANK_ROWS_FACTOR, _BLANK_ROWS_MIN)
    max_cells = limits.max_cells or max_filled * limits.max_columns
    rows: list[Row] = []
    cells = 0
    for number, values in records:
        if number > max_seen:
            raise _too_many_rows(limits)
        end = len(values)
        while end and _blank(values[end - 1]):
            end -= 1
        if not end:
            continue
        if end > limits.max_columns:
            raise TableError(
                _("Baris %(row)s berisi lebih dari %(n)s kolom; hapus kolom yang tidak dipakai."),
                code="too_many_columns",
                params={"row": number, "n": limits.max_columns},
                row=number,
            )
        kept = tuple(values[:end])
        for column, value in enumerate(kept, start=1):
            found = _CONTROL.search(value) if isinstance(value, str) else None
            if found:
                raise _control_character(number, column, found.group())
        cells += sum(1 for value in kept if not _blank(value))
        if cells > max_cells:
            raise TableError(
                _("Berkas berisi lebih dari %(n)s sel terisi; pecah menjadi beberapa berkas."),
                code="too_many_cells",
                params={"n": max_cells},
            )
        rows.append(Row(number, kept))
        if len(rows) > max_filled:
            raise _too_many_rows(limits)
    return rows


def _too_many_rows(limits: TableLimits) -> TableError:
    return TableError(
        _(
            "Terlalu banyak baris: berkas berisi lebih dari %(n)s baris data; pecah menjadi "
            "beberapa berkas."
        ),
        code="too_many_rows",
        params={"n": limits.max_rows},
    )


def _control_character(row: int, column: int, char: str) -> TableError:
    return TableError(
        _(
            "Baris %(row)s kolom %(column)s berisi karakter kendali (kode %(code)s) yang tidak "
            'boleh ada dalam tabel; simpan ulang berkasnya sebagai "CSV UTF-8" atau .xlsx.'
        ),
        code="nul_byte" if char == "\x00" else "control_character",
        params={"row": row, "column": column, "code": f"0x{ord(char):02X}"},
        row=row,
        column=column,
    )
