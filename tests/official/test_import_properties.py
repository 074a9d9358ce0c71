"""Property: for any file (bytes, text, cell grids as CSV or XLSX), the official results import
either previews (and confirms) or raises ValidationError (never another exception), and a
refused import writes nothing."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import event, given
from hypothesis import strategies as st

from spbe.audit.models import AuditEvent
from spbe.evaluations.models import StageValue
from spbe.official import services
from spbe.official.parsed import OPTIONAL_COLUMNS, template_columns
from tests.import_properties import ANY_BYTES, IMPORT_SETTINGS, as_csv, as_xlsx, grids, rolled_back
from tests.official.test_official_import import cycle, people, upload  # noqa: F401

pytestmark = pytest.mark.django_db
# The template columns of the shipped SPBE framework (the cycle fixture's); checked below.
COLUMNS = ["indikator", "nama", "dokumen", "interviu", "visitasi", "final", "catatan_asesor"]
REQUIRED = [c for c in COLUMNS if c not in OPTIONAL_COLUMNS]

LEVELS = ["", "0", "1", "3", "5", "2,5", "2.75", "6", "tiga"]
VALUES = {
    "indikator": ["1", "2", "13", "47", "48", "4.2", ""],
    "nama": ["Kebijakan Internal", ""],
    **{stage: LEVELS for stage in ("dokumen", "interviu", "visitasi", "final")},
    "catatan_asesor": ["", "sudah sesuai"],
}


def _import(cycle, user, filename: str, data: bytes) -> None:  # noqa: F811
    with rolled_back():
        before = (StageValue.objects.count(), AuditEvent.objects.count())
        try:
            file = upload(data, filename)
            result = services.official_import_preview(
                actor=user, cycle=cycle, fileobj=file, filename=filename
            )
            services.official_import_confirm(actor=user, cycle=cycle, token=result.token)
        except ValidationError as exc:
            event("refused")
            assert exc.messages
            assert (StageValue.objects.count(), AuditEvent.objects.count()) == before


def test_any_cell_grid_imports_or_is_refused_cleanly(cycle, people):  # noqa: F811
    assert template_columns(cycle.framework) == COLUMNS

    @IMPORT_SETTINGS
    @given(
        grid=grids(COLUMNS, VALUES, max_rows=6, required=REQUIRED),
        fmt=st.sampled_from(["csv", "xlsx"]),
    )
    def check(grid, fmt):
        data = as_csv(grid) if fmt == "csv" else as_xlsx(grid)
        _import(cycle, people["koordinator"], f"hasil.{fmt}", data)

    check()


def test_any_bytes_import_or_are_refused_cleanly(cycle, people):  # noqa: F811
    @IMPORT_SETTINGS
    @given(
        data=ANY_BYTES,
        name=st.sampled_from(["hasil.csv", "hasil.xlsx", "hasil.xls", "hasil.pdf"]),
    )
    def check(data, name):
        _import(cycle, people["koordinator"], name, data)

    check()
