"""The one spreadsheet reader: what it refuses, and that it refuses it before expanding."""

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from spbe.core.tabular import TableError, TableLimits, read_sheets, read_table

LIMITS = TableLimits(max_bytes=1024 * 1024, max_rows=10, max_columns=5)


def _xlsx(rows, title="Sheet") -> bytes:
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _refused(data: bytes, name: str | None, limits: TableLimits = LIMITS, **kw) -> TableError:
    with pytest.raises(TableError) as caught:
        read_table(data, name, limits=limits, **kw)
    return caught.value


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info))
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "code", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "data.xlsx", "legacy_xls", ".xls"),
        (b"a,b\n", "data.xls", "legacy_xls", "simpan sebagai .xlsx"),
        (b"a,b\n", "data.ods", "wrong_format", ".xlsx atau .csv"),
        (b"a,b\n", "data.xlsx", "xlsx_unreadable", "bukan buku kerja Excel"),
        (b"PK\x03\x04 rusak", "data.xlsx", "xlsx_unreadable", "rusak"),
        (b"x" * (1024 * 1024 + 1), "data.csv", "too_large", "1 MB"),
        ("nama\nCaf\xe9\n".encode("latin-1"), "data.csv", "not_utf8", "baris 2"),
        (b"nama\n\xff\xfeS\x00", "data.csv", "nul_byte", "byte NUL (baris 2)"),
        (b"nama\nA\x1bB\n", "data.csv", "control_character", "kode 0x1B"),
        (b'nama\n"tidak ditutup\n' + b"x" * 200_000, "data.csv", "csv_unreadable", "tanda kutip"),
    ],
)
def test_refusals_say_what_and_where(data, name, code, words):
    error = _refused(data, name)
    assert error.code == code
    assert words in error.text


def test_content_decides_an_xlsx_named_csv_is_read_as_xlsx():
    table = read_table(_xlsx([["nama"], ["SIMPEG"]]), "data.csv", limits=LIMITS)
    assert table.format == "xlsx" and [r.cells for r in table.rows] == [("nama",), ("SIMPEG",)]
    assert _refused(_xlsx([["a"]]), "data.csv", formats=("csv",)).code == "wrong_format"


def test_rows_columns_and_cells_are_counted_while_reading():
    many = "\n".join(["nama", *(f"baris {n}" for n in range(11))]).encode()
    assert _refused(many, "data.csv").code == "too_many_rows"
    wide = _refused(b"a,b\n1,2,3,4,5,6\n", "data.csv")
    assert (wide.code, wide.row) == ("too_many_columns", 2)
    cells = TableLimits(max_bytes=1024, max_rows=10, max_columns=5, max_cells=6)
    assert _refused(b"a,b,c\n1,2,3\n4\n", "data.csv", cells).code == "too_many_cells"
    # blank rows and trailing blank cells are not counted; the row numbers stay the file's
    table = read_table(b"a,b,,\n\n\n1,2\n", "data.csv", limits=LIMITS)
    assert [(r.number, r.cells) for r in table.rows] == [(1, ("a", "b")), (4, ("1", "2"))]


def test_a_sheet_declaring_a_far_cell_is_refused_without_building_huge_rows():
    data = _xlsx([["nama"], ["x"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = sheet.replace(b"</sheetData>", far + b"</sheetData>")
    sheet = sheet.replace(b'<dimension ref="A1:A2"/>', b'<dimension ref="A1:XFD1048576"/>')
    started = time.monotonic()
    error = _refused(_replace_part(data, "xl/worksheets/sheet1.xml", sheet), "data.xlsx")
    assert error.code == "too_many_rows"
    assert time.monotonic() - started < 5


def test_an_xlsx_part_over_its_own_limit_is_refused_before_opening():
    data = _xlsx([["nama"], ["x"]])
    limits = TableLimits(max_bytes=1024 * 1024, max_rows=10, max_columns=5, max_part_bytes=4096)
    padded = _replace_part(data, "docProps/app.xml", b" " * 8192)
    assert _refused(padded, "data.xlsx", limits).code == "zip_bomb"


def test_read_sheets_gives_the_named_sheets_it_has():
    book = Workbook()
    book.active.title = "Lembar Kerja"
    book.active.append(["a"])
    book.create_sheet("_spbe").append(["format", "x"])
    out = io.BytesIO()
    book.save(out)
    sheets = read_sheets(out.getvalue(), limits=LIMITS, names=["_spbe", "Tidak Ada"])
    assert list(sheets) == ["_spbe"] and sheets["_spbe"].rows[0].cells == ("format", "x")
