"""Framework specs for the scoring tests, built from small dicts as the YAML would give them.

The real framework files belong to spbe.frameworks; these inline copies of the reference
tables (spbe-framework.md §1, pemdi-2026.md §3) keep the engine tests independent of them.
"""

from decimal import Decimal

from spbe.scoring import FrameworkSpec

SPBE_BANDS = [
    {"name": "Kurang", "min": "1.00", "max": "1.80"},
    {"name": "Cukup", "min": "1.80", "max": "2.60"},
    {"name": "Baik", "min": "2.60", "max": "3.50"},
    {"name": "Sangat Baik", "min": "3.50", "max": "4.20"},
    {"name": "Memuaskan", "min": "4.20", "max": "5.00"},
]
PEMDI_BANDS = [
    {"name": "Kurang", "min": "1.00", "max": "1.50"},
    {"name": "Cukup", "min": "1.50", "max": "2.50"},
    {"name": "Baik", "min": "2.50", "max": "3.50"},
    {"name": "Sangat Baik", "min": "3.50", "max": "4.00"},
    {"name": "Memuaskan", "min": "4.00", "max": "5.00"},
]
SPBE_DOMAINS = {"D1": "13.00", "D2": "25.00", "D3": "16.50", "D4": "45.50"}
# aspect, domain, weight per indicator, number of indicators (Tabel 8 of 59/2020)
SPBE_ASPECTS = [
    ("A1", "D1", "1.30", 10),
    ("A2", "D2", "2.50", 4),
    ("A3", "D2", "2.50", 4),
    ("A4", "D2", "2.50", 2),
    ("A5", "D3", "1.50", 8),
    ("A6", "D3", "1.50", 3),
    ("A7", "D4", "2.75", 10),
    ("A8", "D4", "3.00", 6),
]
# aspect, indicator weights (Lampiran Tabel 1 of 8/2026 per pemdi-2026.md §3)
PEMDI_ASPECTS = [
    ("1", [5, 5]),
    ("2", [5, 5]),
    ("3", [5, 3, 3, 4]),
    ("4", [4, 4, 3, 4]),
    ("5", [5, 5]),
    ("6", [4, 4, 4, 3]),
    ("7", [10, 15]),
]


def spbe_dict() -> dict:
    indicators, aspects, number = [], [], 1
    for code, domain, weight, count in SPBE_ASPECTS:
        aspects.append({"code": code, "domain": domain, "weight": str(Decimal(weight) * count)})
        for _ in range(count):
            indicators.append(
                {"number": number, "code": str(number), "aspect": code, "weight": weight}
            )
            number += 1
    return {
        "urn": "urn:spbe:framework:spbe-59-2020",
        "code": "spbe-59-2020",
        "version": 1,
        "value_kind": "integer",
        "value_min": 1,
        "value_max": 5,
        "predikat_basis": "exact",
        "predikat_basis_by_year": {2023: "rounded"},
        "bands": [dict(b) for b in SPBE_BANDS],
        "band_boundary": "lower_inclusive",
        "domains": [{"code": c, "name": c, "weight": w} for c, w in SPBE_DOMAINS.items()],
        "aspects": aspects,
        "indicators": indicators,
    }


def spbe_spec() -> FrameworkSpec:
    return FrameworkSpec.from_dict(spbe_dict())


def pemdi_spec() -> FrameworkSpec:
    indicators, aspects, number = [], [], 1
    for code, weights in PEMDI_ASPECTS:
        aspects.append({"code": code, "weight": sum(weights)})
        for n, weight in enumerate(weights, start=1):
            indicators.append(
                {"number": number, "code": f"{code}.{n}", "aspect": code, "weight": weight}
            )
            number += 1
    return FrameworkSpec.from_dict(
        {
            "code": "pemdi-8-2026",
            "value_kind": "decimal",
            "value_min": 1,
            "value_max": 5,
            "predikat_basis": "exact",
            "bands": [dict(b) for b in PEMDI_BANDS],
            "aspects": aspects,
            "indicators": indicators,
        }
    )


def spbe_levels(*groups: list[int]) -> dict[str, int]:
    """Levels for indicators 1..47 given per aspect in order A1..A8."""
    flat = [level for group in groups for level in group]
    assert len(flat) == 47
    return {str(n): level for n, level in enumerate(flat, start=1)}


def all_levels(level: int) -> dict[str, int]:
    return {str(n): level for n in range(1, 48)}


def spbe_domain_spec() -> FrameworkSpec:
    """The SPBE index from its four domain values: what a published result row carries.

    Each domain becomes one decimal-valued pseudo-indicator weighted by the domain weight, so
    the engine computes Σ(ID·wD)/100 exactly. Values may be below 1 (official results can
    hold 0-scored indicators, Kab. Banyuasin 2023 has D4 = 0.30).
    """
    bands = [dict(b) for b in SPBE_BANDS]
    bands[0]["min"] = "0.00"
    return FrameworkSpec.from_dict(
        {
            "code": "spbe-59-2020-domains",
            "value_kind": "decimal",
            "value_min": 0,
            "value_max": 5,
            "bands": bands,
            "aspects": [{"code": c, "weight": w} for c, w in SPBE_DOMAINS.items()],
            "indicators": [{"key": c, "aspect": c, "weight": w} for c, w in SPBE_DOMAINS.items()],
        }
    )
