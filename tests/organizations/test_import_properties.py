"""Property: for any file (bytes, text, cell grids as CSV or XLSX), the units and users import
either succeeds or raises ValidationError (never another exception), and a refused import
writes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from hypothesis import event, given
from hypothesis import strategies as st

from spbe.audit.models import AuditEvent
from spbe.organizations import imports
from spbe.organizations.models import Role, RoleGrant, Unit, UnitKind
from tests.import_properties import ANY_BYTES, IMPORT_SETTINGS, as_csv, as_xlsx, grids, rolled_back

pytestmark = pytest.mark.django_db
User = get_user_model()

UNIT_VALUES = {
    "nama": ["Dinas Perhubungan", "Badan Pendapatan Daerah", "Dinas Kesehatan"],
    "nama_pendek": ["", "Dishub", "Bapenda"],
    "jenis": [*UnitKind.values, "kapal", ""],
    "induk": ["", "Setda", "Sekretariat Daerah", "Tidak Ada"],
    "koordinator": ["", "ya", "tidak", "mungkin"],
}
MEMBER_VALUES = {
    "username": ["budi.santoso", "ani", "koord", ""],
    "nama_depan": ["Budi", ""],
    "email": ["", "budi@example.go.id", "bukan-email"],
    "unit": ["", "Diskominfo", "Dinas Kesehatan", "Tidak Ada"],
    "peran": [*Role.values, "raja", ""],
    "rekursif": ["", "ya", "tidak"],
    "kata_sandi": ["", "Kata-Sandi-Panjang-2026!", "123"],
}
KINDS = {
    "unit": (imports.UNIT_COLUMNS, UNIT_VALUES, imports.units_import, ["nama", "jenis"]),
    "pengguna": (
        imports.MEMBER_COLUMNS,
        MEMBER_VALUES,
        imports.members_import,
        ["username", "peran"],
    ),
}


def _state():
    return (
        Unit.objects.count(),
        User.objects.count(),
        RoleGrant.objects.count(),
        AuditEvent.objects.count(),
    )


def _import(world, kind: str, filename: str, data: bytes) -> None:
    """One import, rolled back afterwards; a refusal must be a ValidationError and leave the
    database as it was."""
    with rolled_back():
        before = _state()
        try:
            rows = imports.parse(kind, filename, data)
            KINDS[kind][2](actor=world.users["administrator"], instansi=world.province, rows=rows)
        except ValidationError as exc:
            event("refused")
            assert exc.messages
            assert _state() == before


@pytest.mark.parametrize("kind", ["unit", "pengguna"])
def test_any_cell_grid_imports_or_is_refused_cleanly(world, kind):
    columns, values, _importer, required = KINDS[kind]

    @IMPORT_SETTINGS
    @given(grid=grids(columns, values, required=required), fmt=st.sampled_from(["csv", "xlsx"]))
    def check(grid, fmt):
        data = as_csv(grid) if fmt == "csv" else as_xlsx(grid)
        _import(world, kind, f"{kind}.{fmt}", data)

    check()


@pytest.mark.parametrize("kind", ["unit", "pengguna"])
def test_any_bytes_import_or_are_refused_cleanly(world, kind):
    @IMPORT_SETTINGS
    @given(
        data=ANY_BYTES,
        name=st.sampled_from(["u.csv", "u.xlsx", "u.xls"]),
    )
    def check(data, name):
        _import(world, kind, name, data)

    check()
