"""Property: for any file (bytes, text, cell grids as CSV or XLSX), the budget import either
succeeds or raises ValidationError (never another exception), and a refused import writes
nothing."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import event, given
from hypothesis import strategies as st

from spbe.audit.models import AuditEvent
from spbe.budget import selectors
from spbe.budget.imports import COLUMNS, REQUIRED, budget_import, budget_preview
from spbe.budget.models import BudgetItem
from spbe.frameworks.services import shipped_load
from spbe.inventory.imports.tabular import read_table
from tests.import_properties import ANY_BYTES, IMPORT_SETTINGS, as_csv, as_xlsx, grids, rolled_back

pytestmark = pytest.mark.django_db
REQUIRED_COLUMNS = [name for name, field in COLUMNS.items() if field in REQUIRED]

VALUES = {
    "unit": ["Dinkes", "Dinas Komunikasi dan Informatika", "Dinas Tidak Ada"],
    "kode_program": ["2.16.03", "9.99"],
    "kode_kegiatan": ["2.16.03.1.02", "x"],
    "kode_sub_kegiatan": ["2.16.03.1.02.0001", ""],
    "uraian": ["Aplikasi rujukan", ""],
    "kategori": ["aplikasi", "sdm/kompetensi", "lain"],
    "pagu": ["150.000.000", "Rp 25.500.000", "-1", "sejuta"],
    "status": ["usulan", "?"],
    "indikator": ["15;16", "999", ""],
    "tanggal_konsultasi": ["2026-11-02", "besok", ""],
    "hasil_konsultasi": ["perlu revisi", "", "entah"],
}


def _import(world, framework, filename: str, data: bytes) -> None:
    with rolled_back():
        before = (BudgetItem.objects.count(), AuditEvent.objects.count())
        try:
            header, rows = read_table(filename, data)
            preview = budget_preview(
                instansi=world.province, year=2027, header=header, rows=rows, framework=framework
            )
            budget_import(actor=None, instansi=world.province, preview=preview, framework=framework)
        except ValidationError as exc:
            event("refused")
            assert exc.messages
            assert (BudgetItem.objects.count(), AuditEvent.objects.count()) == before


@pytest.fixture
def framework(world):
    shipped_load()
    return selectors.budget_framework(world.province)


def test_any_cell_grid_imports_or_is_refused_cleanly(world, framework):
    @IMPORT_SETTINGS
    @given(
        grid=grids(list(COLUMNS), VALUES, required=REQUIRED_COLUMNS),
        fmt=st.sampled_from(["csv", "xlsx"]),
    )
    def check(grid, fmt):
        data = as_csv(grid) if fmt == "csv" else as_xlsx(grid)
        _import(world, framework, f"belanja.{fmt}", data)

    check()


def test_any_bytes_import_or_are_refused_cleanly(world, framework):
    @IMPORT_SETTINGS
    @given(
        data=ANY_BYTES,
        name=st.sampled_from(["b.csv", "b.xlsx", "b.xls"]),
    )
    def check(data, name):
        _import(world, framework, name, data)

    check()
