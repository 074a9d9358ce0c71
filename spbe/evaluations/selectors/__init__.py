"""Reads for evaluation cycles. Every index shown anywhere comes through `cycle_score`."""

from __future__ import annotations

from decimal import Decimal

from spbe.evaluations.models import Assessment, Cycle, Stage, StageValue
from spbe.frameworks.selectors import framework_engine_spec
from spbe.scoring import ScoreResult, convert_external, score


def cycle_predikat_basis(cycle: Cycle) -> str:
    """The cycle's own override, else the framework's rule for the evaluation year."""
    spec = framework_engine_spec(cycle.framework)
    return cycle.predikat_basis or spec.predikat_basis_for(cycle.year)


def cycle_external_values(cycle: Cycle) -> dict[str, tuple[Decimal, bool]]:
    """Values of externally sourced indicators: number → (value, pending).

    They come from the other agency's index recorded on the cycle (e.g. SDI 58.20), the same
    at every stage; an index not yet published counts as the framework's missing value.
    """
    tables = cycle.framework.external_indices or {}
    values: dict[str, tuple[Decimal, bool]] = {}
    for number, index_code in cycle.framework.indicators.filter(source="external").values_list(
        "number", "external_index"
    ):
        converted = convert_external(tables[index_code], cycle.external_values.get(index_code))
        values[str(number)] = (converted.value, converted.pending)
    return values


def cycle_stage_values(cycle: Cycle, stage: str) -> dict[str, Decimal]:
    """Indicator number → value at one stage (only indicators that have one)."""
    values = {
        str(number): value
        for number, value in StageValue.objects.filter(
            assessment__cycle=cycle, stage=stage, value__isnull=False
        ).values_list("assessment__indicator__number", "value")
    }
    for number, (value, _pending) in cycle_external_values(cycle).items():
        values.setdefault(number, value)
    return values


def cycle_score(cycle: Cycle, stage: str = Stage.FINAL, *, official: bool = False) -> ScoreResult:
    """The index of a cycle at a stage, from the one scoring engine.

    `official=True` accepts 0 (imported official results may hold indicators not assessed).
    """
    return score(
        framework_engine_spec(cycle.framework),
        cycle_stage_values(cycle, stage),
        allow_zero=official,
        predikat_basis=cycle_predikat_basis(cycle),
    )


def cycle_stage_scores(cycle: Cycle) -> dict[str, ScoreResult]:
    """Every stage that has at least one value → its score (mandiri 4.35 → dokumen 3.28 → …)."""
    stages_with_values = set(
        StageValue.objects.filter(assessment__cycle=cycle, value__isnull=False)
        .values_list("stage", flat=True)
        .distinct()
    )
    return {
        stage: cycle_score(cycle, stage, official=stage != Stage.MANDIRI)
        for stage in Stage.values
        if stage in stages_with_values
    }


def assessment_for_indicator(cycle: Cycle, number: int) -> Assessment:
    return Assessment.objects.select_related("indicator", "lead_unit").get(
        cycle=cycle, indicator__number=number
    )


# Scoped reads of cycles, assessments, people, evidence warnings and notifications live in
# submodules; they are re-exported here so callers import `spbe.evaluations.selectors`.
from spbe.evaluations.selectors.assessments import (  # noqa: E402
    assessment_get,
    assessment_get_by_number,
    assessment_history,
    assessment_people,
    assessment_visible,
    instansi_people,
    my_tasks,
    unit_respondents,
)
from spbe.evaluations.selectors.cycles import (  # noqa: E402
    cycle_get,
    cycle_matrix,
    cycle_stage_overview,
    cycle_visible,
)
from spbe.evaluations.selectors.evidence import claim_warnings  # noqa: E402
from spbe.evaluations.selectors.notifications import (  # noqa: E402
    notification_list,
    notification_unread_count,
)

__all__ = [
    "assessment_for_indicator",
    "assessment_get",
    "assessment_get_by_number",
    "assessment_history",
    "assessment_people",
    "assessment_visible",
    "claim_warnings",
    "cycle_external_values",
    "cycle_get",
    "cycle_matrix",
    "cycle_predikat_basis",
    "cycle_score",
    "cycle_stage_overview",
    "cycle_stage_scores",
    "cycle_stage_values",
    "cycle_visible",
    "instansi_people",
    "my_tasks",
    "notification_list",
    "notification_unread_count",
    "unit_respondents",
]
