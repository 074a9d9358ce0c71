"""Target planner: the cheapest set of level increases whose published index reaches a target.

How the question becomes an exact integer problem:

- *Reaching the target* means the **published** figure (exact index rounded half up to
  2 decimals) is at least the target, i.e. the exact index is at least target − 0.005. In the
  integer units of ``compiled`` (Σ W·V) that is a whole-number gain to cover.
- *A step* raises an indicator to its next whole level: 3 → 4 on SPBE; on a decimal
  framework such as Pemdi, 1.17 → 2 → 3 (the first step only completes the current level).
  ``max_level`` caps the level (default the framework's value_max); ``max_steps`` caps the
  steps one indicator may take in one cycle; ``frozen`` indicators do not move.
- *Effort* is per step: one number per indicator (every step costs the same, default 1) or a
  list per indicator (the effort of its 1st, 2nd, ... step; the list's length also caps its
  steps). Efforts may be Decimals; they are scaled to integers exactly.
- Every possible gain is a multiple of the gcd of all option gains, so gains and the target
  are divided by it, keeping the DP axis short (SPBE: at most 8,000 cells).
- Ties: least effort, then fewest steps (both folded into one integer cost key), then the
  lowest option number in spec order (deterministic).

The DP in ``knapsack`` is exact, so the plan is a proven optimum. When the target cannot be
reached, the plan is the cheapest one reaching the best published index that *can* be reached.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import ceil, floor, gcd, lcm

from .compiled import VALUE_SCALE, CompiledSpec, compiled
from .engine import ScoreResult, score_units
from .errors import ScoringError
from .knapsack import cheapest_cover
from .rounding import PUBLISHED_PLACES, exact_number, published, readable
from .spec import FrameworkSpec
from .values import Value, parse_values

HALF_CENT = Fraction(1, 2 * 10**PUBLISHED_PLACES)
Effort = Value | Sequence[Value]


@dataclass(frozen=True)
class PlanChange:
    """One indicator's move in a plan, with the figures the UI shows to justify it."""

    indicator: str
    from_value: Decimal
    to_value: Decimal
    effort: Decimal
    steps: int
    index_gain: Decimal  # index points this move adds (exact, shown to 4 decimals)
    gain_per_effort: Decimal | None  # None when the move costs no effort
    reason: str


@dataclass(frozen=True)
class PlanResult:
    target: Decimal
    reachable: bool
    index_before: Decimal
    index_after: Decimal
    total_effort: Decimal
    total_steps: int
    changes: tuple[PlanChange, ...]
    best_reachable: Decimal  # highest published index the allowed steps can give
    before: ScoreResult
    after: ScoreResult


@dataclass(frozen=True)
class _Move:
    """The options of one indicator: option k (1..K) = k steps, with gain and effort."""

    position: int
    levels: tuple[int, ...]  # level after k steps, in hundredths
    gains: tuple[int, ...]  # Σ W·V gain after k steps
    efforts: tuple[Fraction, ...]  # cumulative effort after k steps


def plan_target(
    spec: FrameworkSpec,
    values: Mapping[str, Value | None],
    target: Value,
    *,
    effort: Mapping[str, Effort] | None = None,
    max_level: Value | Mapping[str, Value] | None = None,
    max_steps: int | Mapping[str, int] | None = None,
    frozen: Iterable[str] | str = (),
    allow_zero: bool = False,
    predikat_basis: str | None = None,
) -> PlanResult:
    """The least-effort set of level increases whose published index is at least ``target``.

    ``values`` must hold every indicator (a plan needs a baseline). See the module docstring
    for steps, effort, caps and ties. Raises ``ScoringError`` on bad input.
    """
    comp = compiled(spec)
    units = parse_values(spec, values, allow_zero=allow_zero)
    _require_complete(comp, units)
    goal = _published_target(target)
    # One key given as a plain str (or int) is that key, not its characters ("12" ≠ "1", "2").
    frozen_keys = {str(frozen)} if isinstance(frozen, str | int) else set(map(str, frozen))
    moves = _moves(spec, comp, units, effort or {}, max_level, max_steps, frozen_keys)
    current = sum(w * v for w, v in zip(comp.weights, units, strict=True))
    best_exact = Fraction(current + sum(m.gains[-1] for m in moves), comp.index_denominator)
    best_reachable = published(best_exact)
    reachable = best_reachable >= goal
    picked = _solve(comp, moves, current, goal if reachable else best_reachable)
    return _result(
        spec, comp, units, moves, picked, goal, reachable, best_reachable, predikat_basis
    )


# -- building the options ----------------------------------------------------------------
def _require_complete(comp: CompiledSpec, units: Sequence[int | None]) -> None:
    missing = [key for key, v in zip(comp.keys, units, strict=True) if v is None]
    if missing:
        raise ScoringError(
            "Perencana target membutuhkan nilai semua indikator; belum ada nilai untuk: "
            + ", ".join(missing)
            + "."
        )


def _published_target(target: Value) -> Decimal:
    """The smallest publishable figure (2 decimals) at or above the target."""
    exact = exact_number(target, what="Target indeks")
    cents = ceil(exact * 10**PUBLISHED_PLACES)
    return Decimal(cents).scaleb(-PUBLISHED_PLACES)


def _moves(spec, comp, units, effort, max_level, max_steps, frozen) -> list[_Move]:
    for key in (*effort, *frozen, *_keys_of(max_level), *_keys_of(max_steps)):
        if str(key) not in comp.position:
            raise ScoringError(f"Indikator '{key}' tidak dikenal dalam kerangka {spec.code}.")
    moves = []
    for pos, key in enumerate(comp.keys):
        if key in frozen:
            continue
        move = _move(comp, pos, key, units[pos], effort, max_level, max_steps)
        if move is not None:
            moves.append(move)
    return moves


def _keys_of(option) -> Iterable[str]:
    return option.keys() if isinstance(option, Mapping) else ()


def _move(comp, pos, key, value, effort, max_level, max_steps) -> _Move | None:
    first = floor(Fraction(value, VALUE_SCALE)) + 1  # next whole level above the current value
    steps = _cap_level(comp, key, max_level) - first + 1
    limit = _per_indicator(max_steps, key)
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise ScoringError(f"Batas langkah indikator {key} harus bilangan bulat >= 0.")
        steps = min(steps, limit)
    per_step = _step_efforts(key, _per_indicator(effort, key), steps)
    steps = min(steps, len(per_step))
    if steps <= 0:
        return None
    levels = tuple((first + k) * VALUE_SCALE for k in range(steps))
    weight = comp.weights[pos]
    cumulative, total = [], Fraction(0)
    for cost in per_step[:steps]:
        total += cost
        cumulative.append(total)
    return _Move(
        position=pos,
        levels=levels,
        gains=tuple(weight * (level - value) for level in levels),
        efforts=tuple(cumulative),
    )


def _step_efforts(key: str, raw, steps: int) -> list[Fraction]:
    """Effort of each step: a list as given (its length caps the steps) or one repeated value."""
    if raw is None:
        raw = 1
    if isinstance(raw, Sequence) and not isinstance(raw, str):
        efforts = [exact_number(e, what=f"Usaha indikator {key}") for e in raw]
    else:
        efforts = [exact_number(raw, what=f"Usaha indikator {key}")] * max(steps, 0)
    if any(e < 0 for e in efforts):
        raise ScoringError(f"Usaha indikator {key} tidak boleh negatif.", indicator=key)
    return efforts


def _cap_level(comp: CompiledSpec, key: str, max_level) -> int:
    """Highest whole level the indicator may reach: its own cap, never above value_max."""
    top = comp.value_max // VALUE_SCALE
    raw = _per_indicator(max_level, key)
    if raw is None:
        return top
    return min(top, floor(exact_number(raw, what=f"Level maksimum indikator {key}")))


def _per_indicator(option, key: str):
    """A per-indicator setting: from a mapping (keys as str or int), or the same for all."""
    if isinstance(option, Mapping):
        return option.get(key, option.get(int(key))) if key.isdigit() else option.get(key)
    return option


# -- solving -----------------------------------------------------------------------------
def _solve(comp: CompiledSpec, moves: list[_Move], current: int, goal: Decimal) -> list[int]:
    """Steps per move (0 = stay) of the least-effort plan publishing at least ``goal``."""
    need = ceil((Fraction(goal) - HALF_CENT) * comp.index_denominator)
    required = need - current
    if required <= 0 or not moves:
        return [0] * len(moves)
    unit = 0
    for move in moves:
        for gain in move.gains:
            unit = gcd(unit, gain)
    effort_scale = lcm(*(e.denominator for m in moves for e in m.efforts))
    tie_room = sum(len(m.gains) for m in moves) + 1  # fewest steps breaks effort ties
    groups = [
        [
            (gain // unit, int(e * effort_scale) * tie_room + k)
            for k, (gain, e) in enumerate(zip(m.gains, m.efforts, strict=True), start=1)
        ]
        for m in moves
    ]
    picked = cheapest_cover(groups, -(-required // unit))
    if picked is None:  # cannot happen: the goal is at most the best reachable figure
        raise AssertionError("target planner: reachable goal without a plan")
    return picked


# -- the answer --------------------------------------------------------------------------
def _result(spec, comp, units, moves, picked, goal, reachable, best, basis) -> PlanResult:
    new_units = list(units)
    changes = []
    for move, k in zip(moves, picked, strict=True):
        if k:
            new_units[move.position] = move.levels[k - 1]
            changes.append(_change(comp, move, units[move.position], k))
    before = score_units(spec, units, predikat_basis=basis)
    after = score_units(spec, new_units, predikat_basis=basis)
    return PlanResult(
        target=goal,
        reachable=reachable,
        index_before=before.index,
        index_after=after.index,
        total_effort=_decimal(sum((Fraction(c.effort) for c in changes), Fraction(0))),
        total_steps=sum(c.steps for c in changes),
        changes=tuple(changes),
        best_reachable=best,
        before=before,
        after=after,
    )


def _change(comp: CompiledSpec, move: _Move, value: int, k: int) -> PlanChange:
    key = comp.keys[move.position]
    gain = Fraction(move.gains[k - 1], comp.index_denominator)
    effort = move.efforts[k - 1]
    ratio = readable(gain / effort) if effort else None
    from_value, to_value = (
        _decimal(Fraction(value, 100)),
        _decimal(Fraction(move.levels[k - 1], 100)),
    )
    per_effort = f"{ratio} poin per satuan usaha" if ratio is not None else "tanpa usaha"
    return PlanChange(
        indicator=key,
        from_value=from_value,
        to_value=to_value,
        effort=_decimal(effort),
        steps=k,
        index_gain=readable(gain),
        gain_per_effort=ratio,
        reason=f"Naik {from_value} → {to_value}: +{readable(gain)} poin indeks ({per_effort}).",
    )


def _decimal(value: Fraction) -> Decimal:
    """Exact Decimal of a terminating fraction (efforts, gains); 3 stays 3, 2.5 stays 2.5."""
    return Decimal(value.numerator) / Decimal(value.denominator)
