"""Building a FrameworkSpec from the framework YAML structure, and refusing bad ones."""

from decimal import Decimal

import pytest

from spbe.scoring import FrameworkSpec, SpecError

from .specs import spbe_dict


def test_from_dict_reads_the_yaml_structure():
    spec = FrameworkSpec.from_dict(spbe_dict())
    assert spec.code == "spbe-59-2020"
    assert len(spec.indicators) == 47 and len(spec.aspects) == 8 and len(spec.domains) == 4
    assert spec.indicator("13").weight == Decimal("2.50")
    assert str(spec.indicator("1").weight) == "1.30"  # kept as written, for display
    assert spec.bands[0].name == "Kurang"


def test_from_dict_ignores_keys_it_does_not_need():
    data = spbe_dict() | {"ladders": {"proses": {"levels": {1: {"name": "Rintisan"}}}}}
    data["indicators"][0] |= {"levels": {1: {"criteria": "..."}}, "source": "evidence"}
    assert FrameworkSpec.from_dict(data).indicator("1").name == ""


def test_predikat_basis_by_year():
    spec = FrameworkSpec.from_dict(spbe_dict())
    assert spec.predikat_basis_for(2023) == "rounded"
    assert spec.predikat_basis_for(2024) == "exact"
    assert spec.predikat_basis_for(None) == "exact"


def _broken(change) -> dict:
    data = spbe_dict()
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["indicators"][0].update(weight="1.40"), "aspek A1"),
        (lambda d: d["domains"][0].update(weight="14.00"), "domain D1"),
        (lambda d: d["indicators"][0].update(weight=1.3), "float"),
        (lambda d: d["indicators"][0].update(aspect="A9"), "A9"),
        (lambda d: d["aspects"][0].update(domain="D9"), "D9"),
        (lambda d: d["indicators"][1].update(number=1), "lebih dari sekali"),
        (lambda d: d["bands"][1].update(min="1.85"), "tidak bersambung"),
        (lambda d: d["bands"][-1].update(max="4.90"), "menutup"),
        (lambda d: d.update(value_kind="pecahan"), "value_kind"),
        (lambda d: d.update(predikat_basis="median"), "predikat_basis"),
        (lambda d: d.pop("bands"), "bands"),
    ],
)
def test_inconsistent_specs_are_refused(change, fragment):
    with pytest.raises(SpecError, match=fragment):
        FrameworkSpec.from_dict(_broken(change))


def test_framework_without_domains_must_weigh_100_over_aspects():
    data = {
        "code": "x",
        "bands": [{"name": "Semua", "min": "1", "max": "5"}],
        "aspects": [{"code": "A", "weight": "60"}, {"code": "B", "weight": "30"}],
        "indicators": [
            {"number": 1, "aspect": "A", "weight": "60"},
            {"number": 2, "aspect": "B", "weight": "30"},
        ],
    }
    with pytest.raises(SpecError, match="100"):
        FrameworkSpec.from_dict(data)
