"""The shipped framework files, read through ``FrameworkSpec.from_dict``, score like the
inline reference specs: the contract between spbe.frameworks' YAML and the engine."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import spbe
from spbe.scoring import FrameworkSpec, score

from .test_engine import ACEH_TENGAH_2026, BANYUWANGI_2024, PACITAN_3_4985

DATA = Path(spbe.__file__).parent / "frameworks" / "data"


def _shipped(name: str) -> FrameworkSpec:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{name} belum ada")
    return FrameworkSpec.from_dict(yaml.safe_load(path.read_text("utf-8")))


def test_shipped_spbe_59_2020():
    spec = _shipped("spbe-59-2020.yaml")
    assert spec.predikat_basis_for(2023) == "rounded"
    assert score(spec, BANYUWANGI_2024).index == Decimal("4.77")
    result = score(spec, PACITAN_3_4985, predikat_basis=spec.predikat_basis_for(2024))
    assert (result.index, result.predikat) == (Decimal("3.50"), "Baik")


def test_shipped_pemdi_8_2026():
    spec = _shipped("pemdi-8-2026.yaml")
    result = score(spec, ACEH_TENGAH_2026)
    assert result.index == Decimal("1.24") and result.predikat == "Kurang"
    assert [g.value for g in result.aspects.values()] == [
        Decimal(v) for v in ("1.75", "1.28", "1.00", "1.17", "1.09", "1.40", "1.18")
    ]
