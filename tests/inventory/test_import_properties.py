"""Property: for any file (bytes, text, cell grids as CSV or XLSX), the applications import
either succeeds or raises ValidationError (never another exception), and a refused import
writes nothing."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import event, given
from hypothesis import strategies as st

from spbe.audit.models import AuditEvent
from spbe.inventory.imports import columns
from spbe.inventory.imports.applications import applications_import, import_preview
from spbe.inventory.imports.tabular import read_table
from spbe.inventory.models import Application
from spbe.organizations.models import Unit
from tests.factories import make_instansi, make_unit
from tests.import_properties import ANY_BYTES, IMPORT_SETTINGS, as_csv, as_xlsx, grids, rolled_back

pytestmark = pytest.mark.django_db

VALUES = {
    "nama_aplikasi": ["SIMPEG", "E-Kinerja", ""],
    "unit_pemilik": ["Dinkes", "Dinas Kesehatan", "Dinas Tidak Ada", ""],
    "unit_pengguna": ["Semua OPD", "Dinkes; Dinas Kesehatan", ""],
    "jenis": ["layanan publik", "administrasi pemerintahan", "x"],
    "status": ["aktif", "tidak aktif", "?"],
    "tahun_pembuatan": ["2019", "dua ribu", "1800"],
    "nilai_kontrak": ["Rp 150.000.000", "150000000", "-5", "banyak"],
    "audit_keamanan_terakhir": ["2024-05-01", "kemarin"],
    "tautan": ["https://simpeg.example.go.id", "bukan url"],
}


@pytest.fixture
def kota():
    instansi = make_instansi(name="Pemerintah Kota Uji", kind="kota", instansi_key="kota-uji")
    make_unit(instansi=instansi, name="Dinas Kesehatan", short_name="Dinkes")
    return instansi


def _import(instansi, filename: str, data: bytes, create: bool) -> None:
    with rolled_back():
        before = (Application.objects.count(), Unit.objects.count(), AuditEvent.objects.count())
        try:
            header, rows = read_table(filename, data)
            preview = import_preview(
                instansi=instansi, header=header, rows=rows, create_missing_units=create
            )
            applications_import(
                actor=None, instansi=instansi, preview=preview, create_missing_units=create
            )
        except ValidationError as exc:
            event("refused")
            assert exc.messages
            after = (Application.objects.count(), Unit.objects.count(), AuditEvent.objects.count())
            assert after == before


def test_any_cell_grid_imports_or_is_refused_cleanly(kota):
    @IMPORT_SETTINGS
    @given(
        grid=grids(list(columns.TEMPLATE_COLUMNS), VALUES, required=["nama_aplikasi"]),
        fmt=st.sampled_from(["csv", "xlsx"]),
        create=st.booleans(),
    )
    def check(grid, fmt, create):
        data = as_csv(grid) if fmt == "csv" else as_xlsx(grid)
        _import(kota, f"aplikasi.{fmt}", data, create)

    check()


def test_any_bytes_import_or_are_refused_cleanly(kota):
    @IMPORT_SETTINGS
    @given(
        data=ANY_BYTES,
        name=st.sampled_from(["a.csv", "a.xlsx", "a.xls"]),
    )
    def check(data, name):
        _import(kota, name, data, create=True)

    check()
