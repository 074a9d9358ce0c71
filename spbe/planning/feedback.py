"""Feedback once the final result is in: per indicator, what the plan aimed at, what was
claimed at self-assessment and what the final (imported or finalised) level is.

The plan is the cycle's action items (the highest target level of each indicator's
non-cancelled items); claims and finals are the engine's stage values. The calibration of
later cycles reads the same claim/final pairs (`spbe.planning.calibration`), so the result of
this cycle updates the next plan without any extra step.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from spbe.evaluations.selectors.figures import CycleFigures
from spbe.frameworks.stages import final_stage, self_assessment_stage
from spbe.planning.models import ActionItem


@dataclass(frozen=True)
class FeedbackRow:
    code: str
    name: str
    planned: Decimal | None
    claimed: Decimal | None
    final: Decimal | None

    @property
    def claim_drop(self) -> Decimal | None:
        if self.claimed is None or self.final is None:
            return None
        return self.claimed - self.final

    @property
    def plan_met(self) -> bool | None:
        if self.planned is None or self.final is None:
            return None
        return self.final >= self.planned


@dataclass(frozen=True)
class Feedback:
    rows: list[FeedbackRow]
    claimed_index: Decimal | None
    final_index: Decimal | None


def cycle_feedback(figures: CycleFigures) -> Feedback | None:
    """Plan vs claim vs final per indicator (1 query beyond the figures); None until the
    cycle has a final stage."""
    framework = figures.cycle.framework
    final = figures.stage(final_stage(framework).code)
    if final is None:
        return None
    claim = figures.stage(self_assessment_stage(framework).code)
    planned: dict[str, Decimal] = {}
    for number, value in (
        ActionItem.objects.filter(cycle=figures.cycle)
        .exclude(status=ActionItem.Status.BATAL)
        .values_list("indicator__number", "target_value")
    ):
        key = str(number)
        planned[key] = max(planned.get(key, value), value)
    rows = [
        FeedbackRow(
            code=row.code,
            name=row.short_name or row.name,
            planned=planned.get(row.key),
            claimed=claim.result.values.get(row.key) if claim else None,
            final=final.result.values.get(row.key),
        )
        for row in figures.rows
    ]
    return Feedback(rows, claim.result.index if claim else None, final.result.index)
