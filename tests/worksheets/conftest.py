"""Fixtures for the lembar kerja: the evaluation tests' open cycle, and workbook editing."""

import io

import pytest
from openpyxl import load_workbook

from tests.evaluations.conftest import open_cycle, shipped, world  # noqa: F401
from tests.factories import build_world  # noqa: F401


@pytest.fixture
def users(world):  # noqa: F811
    return world.users


def edit(data: bytes, changes: dict[tuple[int, str], object]) -> bytes:
    """The workbook with cells changed: (indicator number, column key) → new value."""
    book = load_workbook(io.BytesIO(data))
    meta = {row[0]: list(row[1:]) for row in book["_spbe"].iter_rows(values_only=True)}
    keys = [k for k in meta["columns"] if k]
    header = int(meta["header_row"][0])
    sheet = book["Lembar Kerja"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(header + 1, sheet.max_row + 1)}
    for (number, key), value in changes.items():
        cell = sheet.cell(row=rows[number], column=keys.index(key) + 1)
        cell.value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "lembar-kerja.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")
