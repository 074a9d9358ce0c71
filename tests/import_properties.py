"""Helpers for the import property tests: grids of cells as CSV or XLSX bytes, and one example
run inside a transaction that is always rolled back (hypothesis runs many examples in one
test, with one database fixture)."""

from __future__ import annotations

import contextlib
import csv
import io

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from openpyxl import Workbook

# A few seconds per test: bounded examples, no deadline (the first example warms caches),
# one database fixture for all examples (each example rolls back what it wrote).
IMPORT_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any text, including what breaks importers: NUL and other control characters, quotes,
# separators, line breaks, formulas, long words (no surrogates: they cannot be UTF-8 encoded).
NASTY = ["a\x00b", "\x00", "x\x0by", "\x1b[31m", '"', '";"', "a,b;c\td", "baris\nbaru", "=1+1"]
ANY_TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from([*NASTY, "ä" * 300]),
)
# Any file: random bytes, or random text saved as UTF-8.
ANY_BYTES = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode))


def cells(valid: list[str]) -> st.SearchStrategy[str]:
    """Mostly values an importer accepts, sometimes anything at all."""
    return st.one_of(st.sampled_from(valid), ANY_TEXT) if valid else ANY_TEXT


def grids(columns: list[str], valid: dict[str, list[str]], max_rows: int = 4, required=()):
    """(header, rows): the `required` columns and others drawn from `columns` (sometimes an
    unknown one), and rows whose cells are often valid for their column, so that imports
    succeed as well as fail (a cell of nasty text in a free-text column must not break one)."""

    @st.composite
    def build(draw):
        others = [c for c in columns if c not in required]
        header = [*required, *draw(st.lists(st.sampled_from(others), unique=True))]
        header = header or [draw(st.sampled_from(columns))]
        if draw(st.booleans()) and draw(st.booleans()):
            header.append(draw(ANY_TEXT))
        rows = draw(
            st.lists(
                st.tuples(*(cells(valid.get(name, [])) for name in header)).map(list),
                max_size=max_rows,
            )
        )
        return [header, *rows]

    return build()


def as_csv(grid: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(grid)
    return out.getvalue().encode("utf-8", "surrogatepass")


def as_xlsx(grid: list[list[object]]) -> bytes:
    """The grid as an XLSX; text openpyxl cannot store (control characters) is left out,
    as Excel would never write it."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    for row in grid:
        book.active.append(
            [ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@contextlib.contextmanager
def rolled_back():
    """Run one example in a transaction that is rolled back, whatever happens inside."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
