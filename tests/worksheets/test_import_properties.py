"""Property: for any worksheet edit (any cell value in any column, or any bytes at all), the
worksheet import plans (and confirms) or raises ValidationError (never another exception), and
a refused import writes nothing."""

import io

import pytest
from django.core.exceptions import ValidationError
from hypothesis import event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from spbe.worksheets.services import worksheet_import_confirm, worksheet_import_plan
from spbe.worksheets.xlsx import META_TITLE, worksheet_export
from tests.import_properties import ANY_TEXT, IMPORT_SETTINGS, rolled_back
from tests.worksheets.conftest import edit
from tests.worksheets.test_roundtrip import state

pytestmark = pytest.mark.django_db

VALUES = st.one_of(
    st.none(),
    st.sampled_from(["1", "3", "5", "6", "2,5", "tiga", "=1+1", "Sudah ada Perkada"]),
    ANY_TEXT.map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s)),
    st.integers(min_value=-10, max_value=10),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)


def _import(user, cycle, data: bytes) -> None:
    with rolled_back():
        before = state(cycle)
        try:
            plan = worksheet_import_plan(
                actor=user, cycle=cycle, fileobj=io.BytesIO(data), filename="lk.xlsx"
            )
            if plan.token:
                worksheet_import_confirm(actor=user, cycle=cycle, token=plan.token)
            else:
                assert state(cycle) == before  # a plan with errors writes nothing
        except ValidationError as exc:
            event("refused")
            assert exc.messages
            assert state(cycle) == before


@pytest.mark.parametrize("role", ["responden", "koordinator"])
def test_any_cell_edit_imports_or_is_refused_cleanly(open_cycle, users, role):
    exported = worksheet_export(user=users[role], cycle=open_cycle)
    meta = {
        row[0]: list(row[1:])
        for row in load_workbook(io.BytesIO(exported))[META_TITLE].iter_rows(values_only=True)
    }
    keys = [k for k in meta["columns"] if k]

    @settings(IMPORT_SETTINGS, max_examples=10)  # a workbook edit and plan is ~0.3 s
    @given(
        changes=st.dictionaries(
            st.tuples(st.sampled_from([1, 2]), st.sampled_from(keys)), VALUES, max_size=4
        )
    )
    def check(changes):
        _import(users[role], open_cycle, edit(exported, changes))

    check()


def test_any_bytes_are_refused_cleanly(open_cycle, users):
    @IMPORT_SETTINGS
    @given(data=st.one_of(st.binary(max_size=300), st.just(b"PK\x03\x04")))
    def check(data):
        _import(users["responden"], open_cycle, data)

    check()
