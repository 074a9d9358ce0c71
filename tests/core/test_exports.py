"""The one table export helper: CSV with a BOM for Excel, XLSX with typed cells."""

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from spbe.core.exports import Column, csv_lines, table_response, xlsx_bytes

COLUMNS = [Column("name", "Nama"), Column("level", "Level", places=2), Column("day", "Tanggal")]
ROWS = [
    {"name": '=HYPERLINK("x")', "level": Decimal("3.79"), "day": dt.date(2026, 12, 3)},
    {"name": "Biro Hukum", "level": 4, "day": None},
]


def test_csv_has_bom_numbers_as_numbers_and_no_formulas():
    text = "".join(csv_lines(COLUMNS, ROWS))
    assert text.startswith("\ufeffNama,Level,Tanggal\r\n")
    assert "'=HYPERLINK" in text  # shown as text, never run
    assert ",3.79,2026-12-03\r\n" in text and "Biro Hukum,4,\r\n" in text


def test_xlsx_cells_keep_their_types():
    book = load_workbook(io.BytesIO(xlsx_bytes(COLUMNS, ROWS, title="Uji")))
    sheet = book["Uji"]
    assert [c.value for c in sheet[1]] == ["Nama", "Level", "Tanggal"]
    name, level, day = sheet[2]
    assert name.value == '=HYPERLINK("x")' and name.data_type == "s"
    assert level.value == 3.79 and level.number_format == "0.00"
    assert day.value == dt.datetime(2026, 12, 3)
    assert sheet.freeze_panes == "A2"


def test_response_names_the_file_by_format():
    csv_response = table_response(columns=COLUMNS, rows=ROWS, filename="uji", fmt="csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response["Content-Disposition"].endswith('.csv"')
    xlsx_response = table_response(columns=COLUMNS, rows=ROWS, filename="uji", fmt="xlsx")
    assert xlsx_response["Content-Disposition"].endswith('.xlsx"')
