"""The index engine against the regulation's worked examples and published results."""

from decimal import Decimal
from fractions import Fraction

import pytest

from spbe.scoring import ScoringError, plan_target, predikat_for, round_half_up, score

from .specs import all_levels, pemdi_spec, spbe_domain_spec, spbe_levels, spbe_spec

SPBE = spbe_spec()
PEMDI = pemdi_spec()
DOMAINS = spbe_domain_spec()


# -- the regulation's worked examples (59/2020 Lampiran §B.3-B.4) -------------------------
def test_aspect_example_levels_3_4_3_2_give_3_00():
    values = all_levels(1) | {"11": 3, "12": 4, "13": 3, "14": 2}
    assert score(SPBE, values).aspects["A2"].value == Decimal("3.00")


def test_domain_example_aspects_3_4_3_give_3_40():
    values = all_levels(1) | {"11": 3, "12": 4, "13": 3, "14": 2}
    values |= {str(n): 4 for n in range(15, 19)} | {"19": 3, "20": 3}
    result = score(SPBE, values)
    assert [result.aspects[a].value for a in ("A2", "A3", "A4")] == [3, 4, 3]
    assert result.domains["D2"].exact == Fraction("3.4")
    assert result.domains["D2"].value == Decimal("3.40")


def test_index_example_from_domain_values_gives_3_28():
    result = score(DOMAINS, {"D1": "3.70", "D2": "3.40", "D3": "3.00", "D4": "3.20"})
    assert result.index_exact == Fraction("3.282")
    assert result.index == Decimal("3.28")


def test_index_equals_sum_of_weighted_levels_over_100():
    values = {str(n): (n % 5) + 1 for n in range(1, 48)}
    result = score(SPBE, values)
    expected = sum(Fraction(i.weight) * values[i.key] for i in SPBE.indicators) / 100
    assert result.index_exact == expected
    nested = sum(Fraction(d.weight) * result.domains[d.code].exact for d in SPBE.domains) / 100
    assert nested == expected


# -- rounding: half up on the exact value ----------------------------------------------
BANYUWANGI_2024 = spbe_levels(
    [5] * 10,
    [5, 5, 5, 5],
    [5, 5, 4, 4],
    [4, 4],  # D2 = 46/10 = 4.60
    [5, 5, 5, 4, 4, 4, 4, 4],
    [4, 4, 3],  # D3 = 46/11
    [5] * 10,
    [5] * 6,
)


def test_banyuwangi_2024_exact_4_765_is_published_4_77():
    result = score(SPBE, BANYUWANGI_2024)
    assert result.domains["D3"].exact == Fraction(46, 11)
    assert result.domains["D3"].value == Decimal("4.18")
    assert result.index_exact == Fraction("4.765")
    assert result.index_exact_decimal == Decimal("4.7650")
    assert result.index == Decimal("4.77")
    assert result.predikat == "Memuaskan"


def test_recomputing_from_rounded_domain_values_would_publish_4_76():
    """Why the engine never sums published domain values: 4.18 instead of 46/11 loses 0.01."""
    rounded = score(DOMAINS, {"D1": "5.00", "D2": "4.60", "D3": "4.18", "D4": "5.00"})
    assert rounded.index == Decimal("4.76")


def test_kominfo_2024_exact_4_745_is_published_4_75():
    values = spbe_levels([5] * 10, [5] * 4, [5] * 4, [5] * 2, [5] * 8, [5] * 3,
                         [4] * 6 + [5] * 4, [4] * 3 + [5] * 3)  # fmt: skip
    result = score(SPBE, values)
    assert result.index_exact == Fraction("4.745")
    assert result.index == Decimal("4.75")


def test_the_lhe_check_rounds_with_the_engine():
    # One rounding rule: the report check must not keep a copy that could drift.
    from spbe.official.lhe import check

    assert check.round_half_up is round_half_up


def test_round_half_up_is_not_bankers_rounding():
    assert round_half_up(Fraction("4.765")) == Decimal("4.77")
    assert round_half_up(Fraction("4.745")) == Decimal("4.75")
    assert round_half_up(Fraction("2.125")) == Decimal("2.13")
    assert round_half_up(Fraction(46, 11)) == Decimal("4.18")
    assert round_half_up(Fraction("-0.005")) == Decimal("-0.01")
    assert round_half_up(Fraction("3.4985"), 4) == Decimal("3.4985")


# -- predikat: exact or rounded basis (spbe-framework.md §4.4) ------------------------
PACITAN_3_4985 = spbe_levels(
    [2, 2] + [1] * 8,
    [2, 2, 1, 1],
    [1] * 4,
    [1, 1],
    [5] * 8,
    [5, 4, 4],
    [5] * 9 + [4],
    [5] * 6,
)
LUWU_2_5985 = spbe_levels(
    [2, 2] + [1] * 8, [1] * 4, [1] * 4, [1, 1], [1] * 8, [1] * 3, [5] + [4] * 9, [5] * 6
)
BOVEN_DIGOEL_1_7995 = {
    str(n): int(c) for n, c in enumerate("12211111312311111223312323311122121112131323322", 1)
}


def test_exact_3_4985_publishes_3_50_but_is_baik_by_exact_value():
    result = score(SPBE, PACITAN_3_4985)
    assert result.index_exact_decimal == Decimal("3.4985")
    assert result.index == Decimal("3.50")
    assert result.predikat_exact == "Baik"
    assert result.predikat_rounded == "Sangat Baik"
    assert result.predikat == "Baik"  # 2024 onward: the exact value decides
    assert result.predikat_basis == "exact"
    assert result.predikat_differs


def test_rounded_basis_follows_the_published_figure():
    result = score(SPBE, PACITAN_3_4985, predikat_basis=SPBE.predikat_basis_for(2023))
    assert result.predikat_basis == "rounded"
    assert result.predikat == "Sangat Baik"


def test_luwu_2024_2_5985_is_cukup_by_exact_value():
    result = score(SPBE, LUWU_2_5985)
    assert (result.index_exact_decimal, result.index) == (Decimal("2.5985"), Decimal("2.60"))
    assert (result.predikat, result.predikat_rounded) == ("Cukup", "Baik")


def test_boven_digoel_2023_1_7995_was_cukup_by_rounded_value():
    result = score(SPBE, BOVEN_DIGOEL_1_7995, predikat_basis="rounded")
    assert (result.index_exact_decimal, result.index) == (Decimal("1.7995"), Decimal("1.80"))
    assert result.predikat == "Cukup"
    assert result.predikat_exact == "Kurang"


def test_predikat_bands_are_half_open_with_last_max_inclusive():
    cases = {
        "1.00": "Kurang",
        "1.7999": "Kurang",
        "1.80": "Cukup",
        "3.4985": "Baik",
        "3.50": "Sangat Baik",
        "4.1999": "Sangat Baik",
        "4.20": "Memuaskan",
        "5.00": "Memuaskan",
        "0.30": "Kurang",  # below the lowest band: official results with 0-scored indicators
    }
    for value, name in cases.items():
        assert predikat_for(SPBE, Decimal(value)) == name, value
    with pytest.raises(ValueError):
        predikat_for(SPBE, Decimal("5.01"))


def test_domains_and_aspects_carry_their_predikat():
    result = score(SPBE, BANYUWANGI_2024)
    assert result.domains["D3"].predikat == "Sangat Baik"
    assert result.aspects["A1"].predikat == "Memuaskan"


# -- Pemdi 2026: decimal values, aspects only (pemdi-2026.md §4) -----------------------
ACEH_TENGAH_2026 = {
    "1": "2.0", "2": "1.5", "3": "1.26", "4": "1.3",
    "5": "1.0", "6": "1.0", "7": "1.0", "8": "1.0", "9": "1.0", "10": "1.0",
    "11": "1.5", "12": "1.25", "13": "1.17", "14": "1.0", "15": "1.0", "16": "1.0",
    "17": "2.5", "18": "1.0", "19": "1.0", "20": "1.3",
}  # fmt: skip


def test_pemdi_aceh_tengah_2026():
    result = score(PEMDI, ACEH_TENGAH_2026)
    assert result.index_exact == Fraction("1.2415")
    assert result.index == Decimal("1.24")
    assert result.predikat == "Kurang"
    assert result.domains == {}
    published = {code: group.value for code, group in result.aspects.items()}
    assert published == {
        "1": Decimal("1.75"),
        "2": Decimal("1.28"),
        "3": Decimal("1.00"),
        "4": Decimal("1.17"),
        # Teknologi: with I13 = 1.17 the exact aspect is 1.085, published 1.09. The deck
        # printed 1.08 because its I13 was 7/6 (shown as 1.17); a 2-decimal value cannot
        # carry 7/6, and the index (1.2415 → 1.24) is the same either way.
        "5": Decimal("1.09"),
        "6": Decimal("1.40"),
        "7": Decimal("1.18"),
    }
    assert result.aspects["5"].exact == Fraction("1.085")
    assert result.aspects["4"].exact == Fraction(7, 6)


def test_pemdi_rejects_more_than_two_decimals():
    with pytest.raises(ScoringError, match="13"):
        score(PEMDI, ACEH_TENGAH_2026 | {"13": "1.1667"})


def test_pemdi_trailing_zeros_are_not_extra_decimals():
    assert score(PEMDI, ACEH_TENGAH_2026 | {"1": "2.000"}).index == Decimal("1.24")


# -- zero, missing, bad input ---------------------------------------------------------
def test_zero_only_with_allow_zero():
    values = all_levels(3) | {str(n): 0 for n in range(32, 47)}
    with pytest.raises(ScoringError, match="0"):
        score(SPBE, values)
    result = score(SPBE, values, allow_zero=True)
    assert result.complete
    assert result.domains["D4"].exact == 9 / Fraction("45.5")  # only indicator 47 (w 3) at 3
    assert result.domains["D4"].value == Decimal("0.20")
    assert result.index_exact == Fraction("1.725")
    assert result.index == Decimal("1.73")
    assert result.predikat == "Kurang"


def test_missing_indicators_give_a_flagged_partial_result():
    values = all_levels(4) | {"1": 2, "2": None, "47": ""}
    del values["46"]
    result = score(SPBE, values)
    assert not result.complete
    assert result.missing == ("2", "46", "47")
    assert not result.domains["D4"].complete and result.domains["D2"].complete
    # partial figures are weighted means over the indicators that have a value
    expected = (Fraction("1.3") * 2 + sum(
        Fraction(i.weight) * 4 for i in SPBE.indicators if i.key not in {"1", "2", "46", "47"}
    )) / (100 - Fraction("1.3") - 6)  # fmt: skip
    assert result.index_exact == expected
    assert result.coverage == Fraction(100 - Fraction("7.3"), 100)


def test_no_values_at_all():
    result = score(SPBE, {})
    assert result.index is None and result.predikat is None and not result.complete
    assert result.aspects["A1"].value is None
    assert len(result.missing) == 47 and result.coverage == 0


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("48", 3, "tidak dikenal"),
        ("3", 6, "di luar rentang"),
        ("3", "0.5", "harus bilangan bulat"),
        ("3", "3.5", "harus bilangan bulat"),
        ("3", 3.0, "float"),
        ("3", "abc", "bukan angka"),
        ("3", True, "bool"),
        ("3", Decimal("NaN"), "bukan angka"),
        ("3", Decimal("sNaN"), "bukan angka"),
        ("3", "sNaN", "bukan angka"),
        ("3", "1e999999999", "terlalu besar"),
        ("3", Decimal("-1E+999999999"), "terlalu besar"),
        ("3", "1e-999999999", "terlalu banyak angka desimal"),
        ("3", "3.001", "lebih dari 2 angka desimal"),
        ("3", -1, "di luar rentang"),
    ],
)
def test_bad_values_raise_a_scoring_error_naming_the_indicator(key, value, fragment):
    with pytest.raises(ScoringError, match=fragment) as raised:
        score(SPBE, all_levels(3) | {key: value})
    assert isinstance(raised.value, ValueError)
    assert key in str(raised.value)


def test_pemdi_value_range():
    with pytest.raises(ScoringError, match="di luar rentang"):
        score(PEMDI, ACEH_TENGAH_2026 | {"20": "5.01"})
    with pytest.raises(ScoringError, match="di luar rentang"):
        score(PEMDI, ACEH_TENGAH_2026 | {"20": "0.99"}, allow_zero=True)


def test_keys_may_be_ints_and_values_decimal_or_str():
    as_int = score(SPBE, {n: 3 for n in range(1, 48)})
    as_str = score(SPBE, {str(n): "3" for n in range(1, 48)})
    as_dec = score(SPBE, {str(n): Decimal("3.00") for n in range(1, 48)})
    assert as_int.index == as_str.index == as_dec.index == Decimal("3.00")
    assert as_int.values["1"] == 3


def test_huge_or_signalling_numbers_are_refused_everywhere_they_are_read():
    from spbe.scoring import what_if

    with pytest.raises(ScoringError, match="bukan angka"):
        what_if(SPBE, all_levels(3), {"3": Decimal("sNaN")})
    with pytest.raises(ScoringError, match="terlalu besar"):
        plan_target(SPBE, all_levels(3), "1e999999999")
    with pytest.raises(ScoringError, match="terlalu besar"):
        plan_target(SPBE, all_levels(3), "3.10", effort={"1": "9e99999999"})
    # the limits leave every real number alone
    assert score(SPBE, all_levels(Decimal("3.000000000000000000000000000000"))).index == 3
