"""Check the levels read from a report against the index, domain and aspect values it prints.

The check does not know the framework: it takes a *scorer*, a callable that turns
{indicator number: level} into exact values keyed "index", "D1".., "A1".. . The product's
scorer is `spbe.scoring` fed with the framework data; until the integrator wires that in,
`weighted_scorer()` builds one from a weights table, and `DEFAULT_SCORER` is the table of
PermenPANRB 59/2020 used by the `spbe lhe` command and the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

from .result import LheReadError, LheResult

# levels -> exact values ("index", "D1".."D4", "A1".."A8"; any subset the framework has)
Scorer = Callable[[Mapping[int, int]], Mapping[str, Fraction]]

DOMAIN_NAMES = {
    "D1": "Kebijakan Internal SPBE",
    "D2": "Tata Kelola SPBE",
    "D3": "Manajemen SPBE",
    "D4": "Layanan SPBE",
}
ASPECT_NAMES = {
    "A1": "Kebijakan Internal Tata Kelola SPBE",
    "A2": "Perencanaan Strategis SPBE",
    "A3": "Teknologi Informasi dan Komunikasi",
    "A4": "Penyelenggara SPBE",
    "A5": "Penerapan Manajemen SPBE",
    "A6": "Pelaksanaan Audit TIK",
    "A7": "Layanan Administrasi Pemerintahan Berbasis Elektronik",
    "A8": "Layanan Publik Berbasis Elektronik",
}


def weighted_scorer(
    indicator_weights: Mapping[int, Decimal], groups: Mapping[str, Iterable[int]]
) -> Scorer:
    """A scorer for a weighted-sum framework.

    index = Σ(w·level) / Σw over all indicators (= Σ(w·level)/100 for percentage weights);
    each group (domain or aspect) = Σ(w·level) / Σw over its own indicators.
    Everything is exact (Fraction); rounding happens only when comparing with printed values.
    """
    weights = {int(n): Fraction(Decimal(w)) for n, w in indicator_weights.items()}
    members = {code: tuple(numbers) for code, numbers in groups.items()}
    total = sum(weights.values(), Fraction(0))

    def score(levels: Mapping[int, int]) -> dict[str, Fraction]:
        missing = sorted(set(weights) - set(levels))
        if missing:
            raise LheReadError(
                f"Level indikator {_numbers(missing)} tidak ada, indeks tidak dapat dihitung.",
                code="level_tidak_lengkap",
            )
        values = {"index": sum((weights[n] * levels[n] for n in weights), Fraction(0)) / total}
        for code, numbers in members.items():
            group_weight = sum((weights[n] for n in numbers), Fraction(0))
            values[code] = sum((weights[n] * levels[n] for n in numbers), Fraction(0)) / (
                group_weight
            )
        return values

    return score


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    """Exact half-up rounding of a non-negative Fraction to `places` decimals."""
    scale = 10**places
    scaled = value * scale
    rounded = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    return Decimal(rounded).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def check_lhe(result: LheResult, scorer: Scorer) -> dict[str, Decimal]:
    """Recompute the printed values from `result.levels`; raise LheReadError on any mismatch.

    Each printed value is compared with the computed one rounded half up to the printed number
    of places. Returns the computed, rounded values (for a preview) and marks the result checked.
    """
    computed = scorer(result.levels)
    printed: dict[str, Decimal] = {"index": result.index, **result.domains, **result.aspects}
    rounded: dict[str, Decimal] = {}
    problems: list[str] = []
    for key, printed_value in printed.items():
        if key not in computed:
            continue
        places = max(0, -int(printed_value.as_tuple().exponent))
        value = round_half_up(computed[key], places)
        rounded[key] = value
        if value != printed_value:
            problems.append(f"{_label(key)} tercetak {printed_value}, dihitung dari level {value}")
    if problems:
        raise LheReadError(
            "Nilai yang dibaca tidak cocok: "
            + "; ".join(problems)
            + ". Periksa apakah level indikator terbaca dengan benar.",
            code="nilai_tidak_cocok",
            details={"mismatches": problems},
        )
    result.checked = True
    return rounded


def _label(key: str) -> str:
    if key == "index":
        return "Indeks"
    if key in DOMAIN_NAMES:
        return f"Domain {key} ({DOMAIN_NAMES[key]})"
    if key in ASPECT_NAMES:
        return f"Aspek {key} ({ASPECT_NAMES[key]})"
    return key


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


# --- Provisional framework table -------------------------------------------------------------
# PermenPANRB 59/2020, Lampiran Tabel 7-8: indicator weights (%) by indicator range, and the
# domains and aspects as ranges of indicators. This is NOT the product's scoring: the integrator
# will replace DEFAULT_SCORER with `spbe.scoring` fed with the framework YAML data
# (spbe.frameworks.selectors.engine_spec). Only the `spbe lhe` command and the tests use it.
PERMENPANRB_59_2020_WEIGHTS_BY_RANGE: dict[tuple[int, int], Decimal] = {
    (1, 10): Decimal("1.30"),
    (11, 20): Decimal("2.50"),
    (21, 31): Decimal("1.50"),
    (32, 41): Decimal("2.75"),
    (42, 47): Decimal("3.00"),
}
PERMENPANRB_59_2020_GROUPS_BY_RANGE: dict[str, tuple[int, int]] = {
    "D1": (1, 10),
    "D2": (11, 20),
    "D3": (21, 31),
    "D4": (32, 47),
    "A1": (1, 10),
    "A2": (11, 14),
    "A3": (15, 18),
    "A4": (19, 20),
    "A5": (21, 28),
    "A6": (29, 31),
    "A7": (32, 41),
    "A8": (42, 47),
}


def _expand(ranges: Mapping[tuple[int, int], Decimal]) -> dict[int, Decimal]:
    return {n: w for (first, last), w in ranges.items() for n in range(first, last + 1)}


DEFAULT_SCORER: Scorer = weighted_scorer(
    _expand(PERMENPANRB_59_2020_WEIGHTS_BY_RANGE),
    {
        code: range(first, last + 1)
        for code, (first, last) in PERMENPANRB_59_2020_GROUPS_BY_RANGE.items()
    },
)
