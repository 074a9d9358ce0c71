"""The one way a table leaves the app as a file: CSV (UTF-8 with BOM, so Excel reads it
right) or XLSX, from columns and rows. Every page and API endpoint with a table uses it.

Values keep their type: numbers are numbers (a number cell in XLSX, a plain number with a
decimal point in CSV), dates are dates; text that a spreadsheet would run as a formula is
written as text. Imports no app.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

FORMATS = ("csv", "xlsx")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Spreadsheet formula injection: a cell starting with these is executed by Excel.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column of an exported table: the row key, its header, its width in XLSX and,
    for numbers, how many decimals the XLSX cell shows (None: as stored)."""

    key: str
    header: str
    width: int = 16
    places: int | None = None


Row = Mapping[str, object]


def safe_text(value: str) -> str:
    """Text a spreadsheet shows and never executes (CSV cannot mark a cell as text)."""
    return "'" + value if value[:1] in _FORMULA_START else value


def _csv_value(value) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_text(str(value))


def csv_lines(columns: list[Column], rows: Iterable[Row]) -> Iterator[str]:
    """The table as CSV text, line by line (header first, BOM before it), for streaming."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    writer.writerow([column.header for column in columns])
    yield "\ufeff" + flush()
    for row in rows:
        writer.writerow([_csv_value(row.get(column.key)) for column in columns])
        yield flush()


def _xlsx_value(value) -> object:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal | dt.date):
        return value
    return str(value)


def xlsx_bytes(columns: list[Column], rows: Iterable[Row], *, title: str) -> bytes:
    """The table as an XLSX workbook (one sheet, bold frozen header, widths, number formats),
    written in openpyxl's streaming mode so a long table stays small in memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Data")
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column in columns:
            value = _xlsx_value(row.get(column.key))
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, even when it starts with "="
            elif column.places is not None and isinstance(value, int | float | Decimal):
                cell.number_format = "0" if column.places == 0 else "0." + "0" * column.places
            elif isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_response(
    *, columns: list[Column], rows: Iterable[Row], filename: str, fmt: str, title: str = ""
) -> HttpResponse:
    """The table as a download named `filename`.csv/.xlsx; `fmt` must be one of FORMATS
    (callers check it: an unknown format is their 404 or 400)."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    name = f"{filename}-{stamp}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(columns, rows), content_type=CSV_TYPE)
    elif fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(columns, rows, title=title or filename), content_type=XLSX_TYPE
        )
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
