"""The framework's band_boundary decides which predikat a boundary value gets."""

from decimal import Decimal

import pytest

from spbe.scoring import FrameworkSpec, SpecError, predikat_for, score

from .specs import spbe_dict


def _spec(boundary: str) -> FrameworkSpec:
    return FrameworkSpec.from_dict({**spbe_dict(), "band_boundary": boundary})


@pytest.mark.parametrize(
    ("value", "lower", "upper"),
    [
        ("2.60", "Baik", "Cukup"),  # on a boundary: the two rules disagree
        ("3.50", "Sangat Baik", "Baik"),
        ("1.00", "Kurang", "Kurang"),  # the framework's ends belong to their only band
        ("5.00", "Memuaskan", "Memuaskan"),
        ("2.59", "Cukup", "Cukup"),  # inside a band: both agree
        ("0.50", "Kurang", "Kurang"),  # below the lowest band (indicators scored 0)
    ],
)
def test_boundary_value_goes_where_the_framework_says(value, lower, upper):
    assert predikat_for(_spec("lower_inclusive"), Decimal(value)) == lower
    assert predikat_for(_spec("upper_inclusive"), Decimal(value)) == upper


def test_index_result_uses_the_boundary_rule():
    # Every indicator at level 2 and a few at 3 so the index lands exactly on 2.60? Simpler:
    # all at the same level puts the index on that level; 2.60 is not a level, so use bands
    # whose boundary sits on 3.00.
    data = spbe_dict()
    data["bands"] = [
        {"name": "Rendah", "min": "1.00", "max": "3.00"},
        {"name": "Tinggi", "min": "3.00", "max": "5.00"},
    ]
    values = {str(n): 3 for n in range(1, 48)}
    lower = score(FrameworkSpec.from_dict({**data, "band_boundary": "lower_inclusive"}), values)
    upper = score(FrameworkSpec.from_dict({**data, "band_boundary": "upper_inclusive"}), values)
    assert (lower.predikat, upper.predikat) == ("Tinggi", "Rendah")


def test_unknown_boundary_rule_is_refused():
    with pytest.raises(SpecError, match="band_boundary"):
        _spec("both_inclusive")
