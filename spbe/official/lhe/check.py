"""Check the levels read from a report against the index, domain and aspect values it prints.

The check does not know the framework: it takes a *scorer*, a callable that turns
{indicator number: level} into exact values keyed "index", "D1".., "A1".. . There is one
engine: `engine_scorer(spec)` wraps `spbe.scoring.score` for a framework spec (the import
builds it from the cycle's framework, `framework_engine_spec`), and `default_scorer()` is the
same for the shipped PermenPANRB 59/2020 file, used by the `spbe lhe` command.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction

from spbe.scoring import FrameworkSpec, ScoringError, round_half_up, score

from .result import LheReadError, LheResult

# levels -> exact values ("index", "D1".."D4", "A1".."A8"; any subset the framework has)
Scorer = Callable[[Mapping[int, int]], Mapping[str, Fraction]]


def engine_scorer(spec: FrameworkSpec) -> Scorer:
    """A scorer backed by the one scoring engine (`spbe.scoring.score`) for `spec`.

    Levels are scored with ``allow_zero=True`` (a report may hold 0, "not assessed"); the
    exact values of the index, every domain and every aspect are returned, keyed by the
    framework's own codes ("index", "D1".., "A1"..). Missing levels or levels the framework
    cannot score raise LheReadError.
    """

    def score_levels(levels: Mapping[int, int]) -> dict[str, Fraction]:
        try:
            result = score(spec, {str(n): level for n, level in levels.items()}, allow_zero=True)
        except ScoringError as exc:
            raise LheReadError(
                f"Level yang dibaca tidak dapat dinilai: {exc}", code="level_tidak_valid"
            ) from exc
        if not result.complete:
            raise LheReadError(
                f"Level indikator {', '.join(result.missing)} tidak ada, indeks tidak dapat "
                "dihitung.",
                code="level_tidak_lengkap",
            )
        values: dict[str, Fraction] = {"index": result.index_exact}
        for code, group in (*result.domains.items(), *result.aspects.items()):
            values[code] = group.exact
        return values

    return score_levels


@functools.cache
def default_scorer() -> Scorer:
    """The scorer of the shipped framework the LHE reader reads, for the `spbe lhe` command.

    The command reads a report without a database, so it builds the engine's spec from the
    shipped framework file itself (the same file `spbe framework load --shipped` loads). The
    import in the app builds its scorer from the cycle's loaded framework instead.
    """
    from spbe.frameworks.loader import file_check
    from spbe.frameworks.official_reports import lhe_report

    document = file_check(lhe_report().path).document
    return engine_scorer(FrameworkSpec.from_dict(document))


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


def group_names() -> dict[str, str]:
    """Printed names of the domains and aspects ("D1", "A1", ...) of the LHE's framework."""
    from spbe.frameworks.official_reports import lhe_report

    return lhe_report().group_names


def _label(key: str) -> str:
    if key == "index":
        return "Indeks"
    name = group_names().get(key)
    if name is None:
        return key
    return f"{'Domain' if key.startswith('D') else 'Aspek'} {key} ({name})"
