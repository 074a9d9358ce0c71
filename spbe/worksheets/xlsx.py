"""The lembar kerja as an XLSX workbook: written styled for printing, read back safely.

Sheets: "Lembar Kerja" (title, a legend, the header row, one row per indicator), "Bukti Dukung"
(one linked row per evidence document) and a hidden "_spbe" sheet naming the cycle and the
column keys, so an edited file is read by key whatever language its headers are in.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from spbe.core.tabular import Table, TableError, TableLimits, read_sheets
from spbe.evaluations.models import Cycle
from spbe.evidence.files import EvidenceFileError, inspect_upload
from spbe.worksheets.columns import LEVEL, Column, worksheet_columns
from spbe.worksheets.selectors import WorksheetRow, worksheet_rows

FORMAT = "spbe-lembar-kerja-1"
SHEET_TITLE = "Lembar Kerja"
EVIDENCE_TITLE = "Bukti Dukung"
META_TITLE = "_spbe"
HEADER_ROW = 4
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _number_format(cycle: Cycle) -> str:
    # Excel shows the decimal separator of the reader's locale: "2,50" in Indonesian.
    return "0" if cycle.framework.value_kind == "integer" else "0.00"


def _set(cell, value) -> None:
    """Write a value; text is always text (a FAKTA starting with "=" is never a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


# -- writing ----------------------------------------------------------------------------------
def worksheet_workbook(
    *, cycle: Cycle, columns: list[Column], rows: list[WorksheetRow], exported_by: str = ""
) -> bytes:
    """The workbook as bytes: frozen header, widths, wrap, level validation, print setup."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    _title(sheet, cycle, len(columns))
    _header(sheet, columns)
    number_format = _number_format(cycle)
    for offset, row in enumerate(rows, start=1):
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=HEADER_ROW + offset, column=index)
            _set(cell, row.cells.get(column.key))
            cell.alignment = _WRAP
            cell.border = _BORDER
            if column.kind == LEVEL:
                cell.number_format = number_format
            if column.editable:
                cell.fill = _EDITABLE_FILL
    _validate_levels(sheet, cycle, columns, len(rows))
    _print_setup(sheet, len(columns))
    _evidence_sheet(book.create_sheet(EVIDENCE_TITLE), rows)
    _meta_sheet(book.create_sheet(META_TITLE), cycle, columns, exported_by)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _title(sheet, cycle: Cycle, width: int) -> None:
    sheet.cell(row=1, column=1, value=_("Lembar Kerja %(name)s") % {"name": cycle.name})
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    info = " · ".join(
        [
            str(cycle.instansi),
            str(cycle.year),
            cycle.framework.short_name,
            _("tahap %(state)s") % {"state": cycle.get_state_display()},
            _("diekspor %(when)s") % {"when": timezone.localtime().strftime("%d-%m-%Y %H.%M")},
        ]
    )
    _set(sheet.cell(row=2, column=1), info)
    _set(
        sheet.cell(row=3, column=1),
        _(
            "Kolom berlatar kuning dapat diubah sesuai peran Anda, lalu unggah kembali berkas "
            "ini dari halaman siklus. Kolom lain hanya dibaca; jangan ubah kolom Revisi."
        ),
    )
    sheet.cell(row=3, column=1).font = Font(italic=True)
    for row in (1, 2, 3):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _header(sheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=column.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 45
    # header row and the indicator's number, code and name stay in view while scrolling
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=4)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{HEADER_ROW}"


def _validate_levels(sheet, cycle: Cycle, columns: list[Column], count: int) -> None:
    """Level cells accept only the framework's range (whole levels or decimals)."""
    if not count:
        return
    framework = cycle.framework
    low, high = Decimal(framework.value_min), Decimal(framework.value_max)
    integer = framework.value_kind == "integer"
    bounds = (str(int(low)), str(int(high))) if integer else (str(low), str(high))
    validation = DataValidation(
        type="whole" if integer else "decimal",
        operator="between",
        formula1=bounds[0],
        formula2=bounds[1],
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Level tidak sah"),
        error=_("Isi level %(low)s sampai %(high)s.")
        % {"low": bounds[0].replace(".", ","), "high": bounds[1].replace(".", ",")},
    )
    first, last = HEADER_ROW + 1, HEADER_ROW + count
    for index, column in enumerate(columns, start=1):
        if column.kind == LEVEL and column.editable:
            letter = get_column_letter(index)
            validation.add(f"{letter}{first}:{letter}{last}")
    sheet.add_data_validation(validation)


def _print_setup(sheet, width: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.gridLines = True
    sheet.oddFooter.center.text = _("Halaman &P dari &N")
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _evidence_sheet(sheet, rows: list[WorksheetRow]) -> None:
    headers = [(_("Nomor"), 7), (_("Kode"), 7), (_("Level"), 7), (_("Judul dokumen"), 70)]
    for index, (header, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    line = 2
    for row in rows:
        for item in row.evidence:
            sheet.cell(row=line, column=1, value=row.cells["number"])
            _set(sheet.cell(row=line, column=2), row.cells["code"])
            sheet.cell(row=line, column=3, value=item.level)
            title = sheet.cell(row=line, column=4)
            _set(title, item.title)
            title.hyperlink = item.url
            title.style = "Hyperlink"
            line += 1


def _meta_sheet(sheet, cycle: Cycle, columns: list[Column], exported_by: str) -> None:
    sheet.append(["format", FORMAT])
    sheet.append(["cycle", cycle.pk])
    sheet.append(["framework", cycle.framework.code, cycle.framework.version])
    sheet.append(["header_row", HEADER_ROW])
    sheet.append(["columns", *(column.key for column in columns)])
    sheet.append(["exported_at", timezone.now().isoformat(timespec="seconds")])
    sheet.append(["exported_by", exported_by])
    sheet.sheet_state = "hidden"


# -- reading ----------------------------------------------------------------------------------
@dataclass
class SheetRow:
    """One data row of an edited worksheet: its row number in the sheet, cells by key."""

    row: int
    cells: dict[str, object]


def read_worksheet(fileobj: BinaryIO, *, filename: str, cycle: Cycle) -> tuple[list[SheetRow], str]:
    """The data rows of an uploaded worksheet of `cycle`, and the file's SHA-256.

    Before anything is parsed: the size, the zip's declared expansion and part count
    (`spbe.core.zipcheck`) and that it is an XLSX; then the sheets are read by the project's
    one safe reader, which counts rows and columns while streaming. Raises ValidationError
    (Bahasa Indonesia).
    """
    sha256 = _inspect(fileobj, filename)
    fileobj.seek(0)
    limits = TableLimits(
        max_bytes=settings.WORKSHEET_MAX_BYTES,
        max_rows=settings.WORKSHEET_MAX_ROWS,
        max_columns=settings.WORKSHEET_MAX_COLUMNS,
        header_rows=HEADER_ROW,
        max_expanded_bytes=settings.WORKSHEET_MAX_EXPANDED_BYTES,
    )
    try:
        sheets = read_sheets(fileobj.read(), limits=limits, names=[META_TITLE, SHEET_TITLE])
    except TableError as exc:
        if exc.code in ("too_many_rows", "too_many_columns", "too_many_cells"):
            raise _too_large(limits.max_rows, limits.max_columns) from exc
        raise ValidationError(_("Lembar kerja ditolak: %(why)s") % {"why": exc.text}) from exc
    keys = _meta_keys(sheets, cycle)
    return _data_rows(sheets[SHEET_TITLE], keys), sha256


def _inspect(fileobj: BinaryIO, filename: str) -> str:
    try:
        inspected = inspect_upload(
            fileobj,
            filename=filename,
            max_bytes=settings.WORKSHEET_MAX_BYTES,
            max_expanded_bytes=settings.WORKSHEET_MAX_EXPANDED_BYTES,
        )
    except EvidenceFileError as exc:
        raise ValidationError(_("Lembar kerja ditolak: %(why)s") % {"why": exc.text}) from exc
    if inspected.detected_kind != "xlsx":
        raise ValidationError(
            _("Lembar kerja harus berkas XLSX (terdeteksi %(kind)s).")
            % {"kind": inspected.detected_kind.upper()}
        )
    return inspected.sha256


def _meta_keys(sheets: dict[str, Table], cycle: Cycle) -> list[str]:
    if META_TITLE not in sheets or SHEET_TITLE not in sheets:
        raise ValidationError(
            _(
                "Berkas ini bukan lembar kerja SPBE Monev (lembar %(sheet)s tidak ada). Unduh "
                "lembar kerja dari halaman siklus, ubah, lalu unggah kembali."
            )
            % {"sheet": META_TITLE if SHEET_TITLE in sheets else SHEET_TITLE}
        )
    meta = {}
    for line in sheets[META_TITLE].rows:
        if line.number > 21:
            break
        if line.cells[0]:
            meta[str(line.cells[0])] = list(line.cells[1:])
    if (meta.get("format") or [None])[0] != FORMAT:
        raise ValidationError(_("Format lembar kerja tidak dikenal; unduh lembar kerja baru."))
    if str((meta.get("cycle") or [None])[0]) != str(cycle.pk):
        raise ValidationError(
            _("Lembar kerja ini milik siklus lain (ID %(other)s), bukan %(name)s (ID %(id)s).")
            % {"other": (meta.get("cycle") or ["?"])[0], "name": cycle.name, "id": cycle.pk}
        )
    keys = [str(k) for k in meta.get("columns", []) if k]
    if "number" not in keys or "revision" not in keys:
        raise ValidationError(_("Lembar kerja rusak: daftar kolom pada lembar _spbe hilang."))
    return keys


def _data_rows(sheet: Table, keys: list[str]) -> list[SheetRow]:
    rows: list[SheetRow] = []
    for line in sheet.rows:
        # only the worksheet's own columns are read; anything to their right is not ours
        values = line.cells[: len(keys)]
        if line.number <= HEADER_ROW or not any(v not in (None, "") for v in values):
            continue
        cells = {key: values[i] if i < len(values) else None for i, key in enumerate(keys)}
        rows.append(SheetRow(line.number, cells))
    return rows


def _too_large(rows: int, columns: int) -> ValidationError:
    return ValidationError(
        _("Lembar kerja terlalu besar (paling banyak %(rows)s baris dan %(columns)s kolom).")
        % {"rows": rows, "columns": columns}
    )


def worksheet_export(*, user, cycle: Cycle, base_url: str = "") -> bytes:
    """The lembar kerja of `cycle` as `user` sees it (None: every indicator), as XLSX bytes."""
    return worksheet_workbook(
        cycle=cycle,
        columns=worksheet_columns(cycle.framework),
        rows=worksheet_rows(user=user, cycle=cycle, base_url=base_url),
        exported_by=user.get_username() if user is not None else "",
    )


def worksheet_filename(cycle: Cycle) -> str:
    return f"lembar-kerja-{cycle.pk}-{cycle.year}.xlsx"
