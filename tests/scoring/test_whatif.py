"""What-if: before, after and what moved."""

from decimal import Decimal

import pytest

from spbe.scoring import ScoringError, what_if

from .specs import all_levels, spbe_spec

SPBE = spbe_spec()


def test_raising_one_indicator_moves_its_aspect_domain_and_index():
    result = what_if(SPBE, all_levels(3), {"45": 5})
    assert result.before.index == Decimal("3.00")
    assert result.after.index == Decimal("3.06")
    assert result.index_delta == Decimal("0.06")
    assert result.aspect_deltas["A8"] == Decimal("0.33")
    assert result.domain_deltas["D4"] == Decimal("0.13")
    assert result.domain_deltas["D1"] == Decimal("0.00")
    assert not result.predikat_changed


def test_predikat_change_is_reported():
    values = all_levels(3) | {str(n): 4 for n in range(32, 48)}  # 3.455: Baik
    result = what_if(SPBE, values, {"1": 4, "2": 4, "3": 4, "4": 4})
    assert result.before.predikat == "Baik"
    assert result.after.index_exact_decimal == Decimal("3.5070")
    assert result.predikat_changed
    assert (result.predikat_before, result.predikat_after) == ("Baik", "Sangat Baik")


def test_none_clears_a_value_and_the_result_is_flagged_partial():
    result = what_if(SPBE, all_levels(3), {"1": None})
    assert result.before.complete and not result.after.complete
    assert result.after.missing == ("1",)


def test_a_bad_change_is_refused():
    with pytest.raises(ScoringError, match="45"):
        what_if(SPBE, all_levels(3), {"45": 6})
