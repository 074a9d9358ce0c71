"""Property: for any file (bytes, text, cell grids), the levels and efforts readers of
`spbe score` and `spbe plan` return values or raise CsvInputError (never another exception)."""

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from spbe.evaluations.csvinput import CsvInputError, read_efforts, read_levels
from spbe.frameworks.loader import DATA_DIR
from spbe.scoring import FrameworkSpec
from tests.import_properties import ANY_BYTES, IMPORT_SETTINGS, as_csv, grids

SPEC = FrameworkSpec.from_dict(
    yaml.safe_load((DATA_DIR / "spbe-59-2020.yaml").read_text(encoding="utf-8"))
)
VALUES = {
    "indicator": ["1", "2", "13", "47", "48", "x", ""],
    "level": ["0", "1", "3", "5", "2,5", "6", "tiga", ""],
    "effort": ["0", "1.5", "-1", "banyak"],
}


@pytest.mark.parametrize("reader", [read_levels, read_efforts])
def test_any_file_gives_values_or_a_csv_input_error(tmp_path, reader):
    path = tmp_path / "data.csv"

    @IMPORT_SETTINGS
    @given(
        data=st.one_of(
            ANY_BYTES,
            grids(["indicator", "level", "effort", "x"], VALUES, max_rows=6).map(as_csv),
        )
    )
    def check(data):
        path.write_bytes(data)
        try:
            values = reader(path, SPEC)
        except CsvInputError as exc:
            assert str(exc).startswith(str(path))
        else:
            assert all(SPEC.indicator(key) is not None for key in values)

    check()
