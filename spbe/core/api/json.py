"""How numbers and engine results look in the API's JSON, the same for every app.

`score_json` takes a `spbe.scoring.ScoreResult` (duck-typed: core imports nothing of spbe).
"""

from decimal import Decimal


def decimal_json(value) -> str | None:
    """A Decimal as the API writes it: its exact text ("3.25"), null when missing."""
    return None if value is None else str(value)


def score_json(result) -> dict:
    """The engine's result as JSON: published figures, exact view and both predikat readings."""
    return {
        "index": decimal_json(result.index),
        "index_exact": decimal_json(result.index_exact_decimal),
        "predikat": result.predikat,
        "predikat_exact": result.predikat_exact,
        "predikat_rounded": result.predikat_rounded,
        "predikat_basis": result.predikat_basis,
        "complete": result.complete,
        "coverage": decimal_json(
            round(Decimal(result.coverage.numerator) / Decimal(result.coverage.denominator), 4)
        ),
        "missing": list(result.missing),
        "domains": {c: decimal_json(g.value) for c, g in result.domains.items()},
        "aspects": {c: decimal_json(g.value) for c, g in result.aspects.items()},
    }
