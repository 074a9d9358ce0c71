"""Properties of the one spreadsheet reader (`spbe.core.tabular`), for any input:

- whatever the bytes, it returns a table or raises TableError, never another exception;
- a grid written as CSV or XLSX reads back as the same cells (trailing blanks dropped,
  blank rows skipped with the numbers of the others kept);
- the row, column and cell limits hold exactly: a grid is refused iff it passes one.
"""

import csv
import io
import zipfile

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from spbe.core.tabular import TableError, TableLimits, read_table
from tests.import_properties import as_xlsx

LIMITS = TableLimits(max_bytes=256 * 1024, max_rows=8, max_columns=5)
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text people type: no control characters, no surrogates, no BOM; no ";" or tab either, so
# the first line's separator is the comma the writer uses (sniffing is tested on its own).
CELL_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\ufeff;\t",
    ),
    max_size=12,
)
LINE_BREAKS = st.sampled_from(["", "\n", "\r\n"])


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _expected(grid) -> list[tuple[int, tuple]]:
    """(row number, cells) the reader must give: trailing blank cells dropped, blank rows out."""
    rows = []
    for number, row in enumerate(grid, start=1):
        end = len(row)
        while end and _is_blank(row[end - 1]):
            end -= 1
        if end:
            rows.append((number, tuple(row[:end])))
    return rows


def _csv_bytes(grid, *, bom: bool) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(grid)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def _read(data: bytes, name: str, limits: TableLimits = LIMITS):
    try:
        return read_table(data, name, limits=limits)
    except TableError as exc:
        assert exc.code and exc.messages, exc
        return exc


@FAST
@given(data=st.binary(max_size=600), name=st.sampled_from(["a.csv", "a.xlsx", "a.xls", "a.txt"]))
@example(data=b"a,b\n1,\x00\n", name="a.csv")
@example(data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", name="a.csv")
def test_any_bytes_give_a_table_or_a_table_error(data, name):
    _read(data, name)


@FAST
@given(tail=st.binary(max_size=400))
def test_anything_that_looks_like_a_zip_gives_a_table_or_a_table_error(tail):
    _read(b"PK\x03\x04" + tail, "a.xlsx")


@SLOW
@given(
    parts=st.dictionaries(
        st.sampled_from(
            [
                "[Content_Types].xml",
                "xl/workbook.xml",
                "xl/worksheets/sheet1.xml",
                "xl/sharedStrings.xml",
                "xl/_rels/workbook.xml.rels",
                "_rels/.rels",
            ]
        ),
        st.binary(max_size=200),
        max_size=6,
    )
)
def test_any_zip_of_office_parts_gives_a_table_or_a_table_error(parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    _read(out.getvalue(), "a.xlsx")


@FAST
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
    name=st.sampled_from(["a.csv", "a.xlsx"]),
)
def test_any_text_gives_a_table_or_a_table_error(text, name):
    result = _read(text.encode("utf-8"), name)
    if "\x00" in text and name == "a.csv":
        assert isinstance(result, TableError) and result.code == "nul_byte"


GRIDS = st.lists(st.lists(CELL_TEXT, max_size=5), max_size=8)


@FAST
@given(grid=GRIDS, bom=st.booleans())
def test_a_csv_grid_reads_back_cell_for_cell(grid, bom):
    table = read_table(_csv_bytes(grid, bom=bom), "a.csv", limits=LIMITS)
    assert [(r.number, r.cells) for r in table.rows] == _expected(grid)


@FAST
@given(
    grid=st.lists(st.lists(CELL_TEXT, min_size=1, max_size=4), min_size=1, max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_the_delimiter_is_sniffed(grid, delimiter):
    # a header of plain names, as every template has: the delimiter is the one it uses
    header = [f"kolom{i}" for i in range(3)]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows([header, *grid])
    table = read_table(out.getvalue().encode("utf-8"), "a.csv", limits=LIMITS)
    assert [(r.number, r.cells) for r in table.rows] == _expected([header, *grid])


XLSX_CELLS = st.one_of(
    st.none(),
    CELL_TEXT.filter(lambda s: not s.startswith("=")),  # "=..." would be a formula
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=-(10**8), max_value=10**8).map(lambda n: n / 100),
)


@SLOW
@given(grid=st.lists(st.lists(XLSX_CELLS, max_size=5), max_size=8))
def test_an_xlsx_grid_reads_back_cell_for_cell(grid):
    table = read_table(as_xlsx(grid), "a.xlsx", limits=LIMITS)
    expected = [(n, tuple(None if c == "" else c for c in cells)) for n, cells in _expected(grid)]
    got = [(r.number, tuple(None if c == "" else c for c in r.cells)) for r in table.rows]
    assert got == expected


@FAST
@given(grid=st.lists(st.lists(st.sampled_from(["", "x", " "]), max_size=8), max_size=14))
def test_limits_hold_exactly(grid):
    rows = _expected(grid)
    too_many_rows = len(rows) > LIMITS.max_rows + LIMITS.header_rows
    too_wide = any(len(cells) > LIMITS.max_columns for _, cells in rows)
    result = _read(_csv_bytes(grid, bom=False), "a.csv")
    if too_many_rows or too_wide:
        assert isinstance(result, TableError)
        assert result.code in ("too_many_rows", "too_many_columns")
    else:
        assert not isinstance(result, TableError), result
