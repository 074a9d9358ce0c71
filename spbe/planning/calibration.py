"""Reads for calibration: how this instansi's claims fared at review in its past cycles.

History = every earlier cycle (by year) of the same instansi and framework that has final
values; the cycle being planned and any later one are left out, so a forecast never learns
from the result it predicts. Values come from evaluations' stage selectors (2 queries for any
number of cycles); the arithmetic is `spbe.scoring.calibration`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from spbe.evaluations.models import Cycle
from spbe.evaluations.selectors import cycles_stage_values
from spbe.frameworks.models import Indicator
from spbe.frameworks.stages import final_stage, self_assessment_stage
from spbe.planning.assumptions import PlanningAssumptions, planning_assumptions
from spbe.scoring.calibration import Calibration, Observation


@dataclass(frozen=True)
class CycleCalibration:
    """The calibration a plan for ``cycle`` uses, with the facts the page states about it."""

    calibration: Calibration
    assumptions: PlanningAssumptions
    history_cycles: tuple[Cycle, ...]  # earlier cycles that gave at least one observation
    observations: int
    mean_drop: Decimal | None  # average claim − final over the observations, levels

    @property
    def prior_only(self) -> bool:
        return self.observations == 0


def external_keys(framework) -> set[str]:
    """Indicators whose value is another agency's index: no claim, no review, no drop."""
    return {
        str(n)
        for n in Indicator.objects.filter(
            framework=framework, source=Indicator.Source.EXTERNAL
        ).values_list("number", flat=True)
    }


def calibration_history(cycle: Cycle) -> tuple[list[Observation], list[Cycle]]:
    """(claim, final) pairs per indicator from the instansi's earlier finished cycles."""
    framework = cycle.framework
    earlier = list(
        Cycle.objects.filter(
            instansi_id=cycle.instansi_id, framework__code=framework.code, year__lt=cycle.year
        )
        .exclude(pk=cycle.pk)
        .order_by("year", "pk")
    )
    claims = cycles_stage_values(earlier, self_assessment_stage(framework).code)
    finals = cycles_stage_values(earlier, final_stage(framework).code)
    skip = external_keys(framework)
    observations, used = [], []
    for past in earlier:
        pairs = [
            Observation(key, Decimal(claimed), Decimal(finals[past.pk][key]))
            for key, claimed in claims[past.pk].items()
            if key in finals[past.pk] and key not in skip
        ]
        if pairs:
            observations.extend(pairs)
            used.append(past)
    return observations, used


def cycle_calibration(cycle: Cycle) -> CycleCalibration:
    """The calibration for planning ``cycle``: its instansi's history shrunk to the stated
    prior of the framework's planning assumptions (raises AssumptionError without them)."""
    framework = cycle.framework
    assumptions = planning_assumptions(framework.code, framework.evidence_kinds)
    observations, used = calibration_history(cycle)
    calibration = Calibration(
        observations,
        assumptions.prior,
        value_min=framework.value_min,
        value_max=framework.value_max,
    )
    mean = None
    if observations:
        drop = sum((Fraction(o.claimed - o.final) for o in observations), Fraction(0))
        mean = (Decimal(drop.numerator) / Decimal(drop.denominator * len(observations))).quantize(
            Decimal("0.01")
        )
    return CycleCalibration(calibration, assumptions, tuple(used), len(observations), mean)
