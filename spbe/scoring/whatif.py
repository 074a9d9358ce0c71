"""What-if: the same values with some indicators changed, and what moves.

Deltas are of the *published* figures (what a user sees change on the page); the exact
index delta is given too because two published figures can differ by 0.01 while the exact
values moved less.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .engine import GroupScore, ScoreResult, score
from .values import Value


@dataclass(frozen=True)
class WhatIfResult:
    before: ScoreResult
    after: ScoreResult
    index_delta: Decimal | None
    index_delta_exact: Fraction | None
    domain_deltas: dict[str, Decimal | None]
    aspect_deltas: dict[str, Decimal | None]

    @property
    def predikat_before(self) -> str | None:
        return self.before.predikat

    @property
    def predikat_after(self) -> str | None:
        return self.after.predikat

    @property
    def predikat_changed(self) -> bool:
        return self.before.predikat != self.after.predikat


def what_if(
    spec,
    values: Mapping[str, Value | None],
    changes: Mapping[str, Value | None],
    *,
    allow_zero: bool = False,
    predikat_basis: str | None = None,
) -> WhatIfResult:
    """Score ``values`` and ``values`` updated with ``changes`` (``None`` clears a value).

    Both sets are validated like ``score``; a bad change raises ``ScoringError`` naming it.
    """
    before = score(spec, values, allow_zero=allow_zero, predikat_basis=predikat_basis)
    merged = {str(k): v for k, v in values.items()}
    merged.update({str(k): v for k, v in changes.items()})
    after = score(spec, merged, allow_zero=allow_zero, predikat_basis=predikat_basis)
    return WhatIfResult(
        before=before,
        after=after,
        index_delta=_delta(before.index, after.index),
        index_delta_exact=_delta(before.index_exact, after.index_exact),
        domain_deltas=_group_deltas(before.domains, after.domains),
        aspect_deltas=_group_deltas(before.aspects, after.aspects),
    )


def _delta(old, new):
    return None if old is None or new is None else new - old


def _group_deltas(
    before: dict[str, GroupScore], after: dict[str, GroupScore]
) -> dict[str, Decimal | None]:
    return {code: _delta(before[code].value, after[code].value) for code in before}
