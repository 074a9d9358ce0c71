"""Fixtures for the `spbe score/plan/history` tests: CSV writers and Kaltim's demo levels."""

from io import StringIO

import pytest
from django.core.management import call_command

from spbe.demo.data import demo_data
from spbe.frameworks.services import shipped_load


@pytest.fixture
def shipped(db):
    return shipped_load()


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file in tmp_path and return its path as a string."""

    def write(content, name="data.csv") -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return write


def levels_csv(levels, header="indicator,level") -> str:
    """CSV text from a list of levels (indicator 1, 2, ...) or a {indicator: level} dict."""
    items = levels.items() if isinstance(levels, dict) else enumerate(levels, start=1)
    return header + "\n" + "".join(f"{n},{v}\n" for n, v in items)


def kaltim_levels(year: int, stage: str = "final") -> list[int]:
    cycle = next(c for c in demo_data()["spbe_cycles"] if c["year"] == year)
    return cycle[stage]


def run(command, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()
