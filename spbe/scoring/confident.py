"""Planning for the final figure: the least-effort plan whose *final* index reaches a target
with a stated probability, given how claims fared at review (``calibration``).

Two changes to the plain planner (``plan_target``), both explainable:

1. **Evidence likely to be accepted first.** Each step's effort is divided by the probability
   that its claimed level survives review (``Outcome.accepted``), so the optimum prefers
   steps whose evidence assessors tend to accept: a step accepted half the time costs double.
2. **Aim above the target.** The plan is made for a claim target ``t`` ≥ target, and ``t`` is
   the lowest published figure (found by bisection over cents) whose plan's simulated final
   index reaches the target in at least ``confidence`` of the simulations. When even the
   highest reachable claims fall short, the plan for the highest reachable figure is returned
   with ``confident=False``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor

from .calibration import Calibration, Forecast, forecast
from .compiled import VALUE_SCALE, compiled
from .planner import Effort, PlanResult, _published_target, plan_target
from .rounding import PUBLISHED_PLACES
from .spec import FrameworkSpec
from .values import Value, parse_values

#: Below this acceptance a step's effort is not scaled further (it would dwarf every other).
MIN_ACCEPTANCE = Fraction(1, 20)
CENT = Decimal(1).scaleb(-PUBLISHED_PLACES)


@dataclass(frozen=True)
class ConfidentPlan:
    plan: PlanResult  # the engine's plan for `claim_target` (efforts as the caller gave them)
    forecast: Forecast  # simulated final index of the planned claims
    target: Decimal
    confidence: Fraction | None  # None: plain plan, only forecast
    claim_target: Decimal  # the published claim figure the plan was made for
    probability: Fraction  # P(final published index ≥ target) in the simulation
    confident: bool  # probability ≥ confidence (always True for a plain plan that is reachable)


def plan_for_final(
    spec: FrameworkSpec,
    values: Mapping[str, Value | None],
    target: Value,
    calibration: Calibration,
    *,
    confidence: Fraction | None = None,
    effort: Mapping[str, Effort] | None = None,
    max_level: Value | Mapping[str, Value] | None = None,
    max_steps: int | Mapping[str, int] | None = None,
    frozen: Iterable[str] = (),
    keep: Iterable[str] = (),
    allow_zero: bool = False,
    predikat_basis: str | None = None,
    draws: int = 2000,
    seed: int = 2024,
) -> ConfidentPlan:
    """A plan and the final index it can expect; with ``confidence``, the plan that reaches
    ``target`` in that share of simulated reviews (module docstring).

    ``frozen`` indicators do not move in the plan; ``keep`` indicators also keep their value
    in the simulation (external indices, values no assessor will change).
    """
    goal = _published_target(target)
    frozen = list(map(str, frozen))
    keep = list(map(str, keep))

    def plan_at(claim_target: Decimal, weighted: Mapping | None) -> PlanResult:
        return plan_target(
            spec,
            values,
            claim_target,
            effort=weighted if weighted is not None else effort,
            max_level=max_level,
            max_steps=max_steps,
            frozen=frozen,
            allow_zero=allow_zero,
            predikat_basis=predikat_basis,
        )

    def simulate(plan: PlanResult) -> Forecast:
        return forecast(
            spec,
            plan.after.values,
            calibration,
            draws=draws,
            seed=seed,
            frozen=keep,
            allow_zero=allow_zero,
            predikat_basis=predikat_basis,
        )

    if confidence is None:
        plan = plan_at(goal, None)
        sim = simulate(plan)
        p = sim.probability_at_least(goal)
        return ConfidentPlan(plan, sim, goal, None, goal, p, plan.reachable)

    weighted = acceptance_weighted_efforts(spec, values, calibration, effort, allow_zero)
    best = plan_at(goal, weighted).best_reachable
    low, high = goal, max(goal, best)
    found = None
    while low <= high:  # bisection over whole cents of the claim target
        mid = (low + (high - low) / 2).quantize(CENT, rounding="ROUND_FLOOR")
        plan = plan_at(mid, weighted)
        sim = simulate(plan)
        p = sim.probability_at_least(goal)
        if p >= confidence:
            found, high = (mid, plan, sim, p), mid - CENT
        else:
            low = mid + CENT
    if found is None:
        plan = plan_at(max(goal, best), weighted)
        sim = simulate(plan)
        found = (max(goal, best), plan, sim, sim.probability_at_least(goal))
    claim_target, plan, sim, p = found
    return ConfidentPlan(plan, sim, goal, confidence, claim_target, p, p >= confidence)


def acceptance_weighted_efforts(spec, values, calibration, effort, allow_zero) -> dict:
    """Per indicator, the effort of each step divided by the chance its level is accepted."""
    comp = compiled(spec)
    units = parse_values(spec, values, allow_zero=allow_zero)
    top = int(comp.value_max // VALUE_SCALE)
    weighted = {}
    for key, value in zip(comp.keys, units, strict=True):
        if value is None:
            continue
        first = floor(Fraction(value, VALUE_SCALE)) + 1
        levels = range(first, top + 1)
        base = _efforts_for(key, effort, len(levels))
        weighted[key] = [
            (
                Decimal(str(e))
                / _as_decimal(max(MIN_ACCEPTANCE, calibration.outcome(key, level).accepted))
            ).quantize(Decimal("0.01"))  # a short denominator keeps the planner's DP small
            for e, level in zip(base, levels, strict=False)
        ]
    return weighted


def _efforts_for(key, effort, steps) -> list:
    raw = (effort or {}).get(key, 1)
    if isinstance(raw, list | tuple):
        return list(raw)
    return [raw] * steps


def _as_decimal(p: Fraction) -> Decimal:
    return (Decimal(p.numerator) / Decimal(p.denominator)).quantize(Decimal("0.0001"))
