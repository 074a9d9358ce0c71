"""Reads for evaluation cycles. Every index shown anywhere comes through `cycle_score`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from spbe.evaluations.models import Assessment, Cycle, StageValue
from spbe.evaluations.selectors.cache import cached_per_cycle
from spbe.frameworks import stages as framework_stages
from spbe.frameworks.models import Indicator
from spbe.frameworks.selectors import framework_engine_spec
from spbe.scoring import ScoreResult, convert_external, score


def cycle_predikat_basis(cycle: Cycle) -> str:
    """The cycle's own override, else the framework's rule for the evaluation year."""
    spec = framework_engine_spec(cycle.framework)
    return cycle.predikat_basis or spec.predikat_basis_for(cycle.year)


def cycles_external_values(cycles: Iterable[Cycle]) -> dict[int, dict[str, tuple[Decimal, bool]]]:
    """Values of externally sourced indicators of many cycles (`framework` loaded), in one
    query: cycle id → {number: (value, pending)}.

    They come from the other agency's index recorded on the cycle (e.g. SDI 58.20), the same
    at every stage; an index not yet published counts as the framework's missing value.
    """
    cycles = list(cycles)
    external: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for framework_id, number, index_code in Indicator.objects.filter(
        framework__in={c.framework_id for c in cycles}, source=Indicator.Source.EXTERNAL
    ).values_list("framework_id", "number", "external_index"):
        external[framework_id].append((str(number), index_code))
    values: dict[int, dict[str, tuple[Decimal, bool]]] = {}
    for cycle in cycles:
        tables = cycle.framework.external_indices or {}
        values[cycle.pk] = {}
        for number, index_code in external[cycle.framework_id]:
            converted = convert_external(tables[index_code], cycle.external_values.get(index_code))
            values[cycle.pk][number] = (converted.value, converted.pending)
    return values


def cycle_external_values(cycle: Cycle) -> dict[str, tuple[Decimal, bool]]:
    """Values of the cycle's externally sourced indicators: number → (value, pending)."""
    return cycles_external_values([cycle])[cycle.pk]


@dataclass(frozen=True)
class ExternalIndex:
    """One other agency's index a cycle records: as published (`raw`, None = not yet), its
    converted value and the indicators that take it (codes)."""

    code: str
    name: str
    agency: str
    raw: str | None
    value: Decimal
    pending: bool
    indicators: tuple[str, ...]


def cycle_external_indices(cycle: Cycle) -> list[ExternalIndex]:
    """The external indices of the cycle's framework that its indicators use (one query)."""
    tables = cycle.framework.external_indices or {}
    used: dict[str, list[str]] = defaultdict(list)
    for code, index_code in cycle.framework.indicators.filter(
        source=Indicator.Source.EXTERNAL
    ).values_list("code", "external_index"):
        used[index_code].append(code)
    rows = []
    for index_code, indicator_codes in used.items():
        table = tables[index_code]
        raw = cycle.external_values.get(index_code)
        converted = convert_external(table, raw)
        rows.append(
            ExternalIndex(
                code=index_code,
                name=table.get("name", index_code),
                agency=table.get("agency", ""),
                raw=raw,
                value=converted.value,
                pending=converted.pending,
                indicators=tuple(indicator_codes),
            )
        )
    return rows


def cycles_stage_values(cycles: Iterable[Cycle], stage: str) -> dict[int, dict[str, Decimal]]:
    """The engine's input for many cycles at one stage, in two queries whatever their number:
    cycle id → {indicator number: value} (only indicators that have one).

    An externally sourced indicator's value is always the recorded agency index converted
    (`cycles_external_values`), at every stage: the services refuse levels for it, and a stage
    value stored for it anyway (older data) does not count."""
    cycles = list(cycles)
    values: dict[int, dict[str, Decimal]] = {cycle.pk: {} for cycle in cycles}
    if not cycles:
        return values
    for cycle_id, number, value in StageValue.objects.filter(
        assessment__cycle__in=cycles, stage=stage, value__isnull=False
    ).values_list("assessment__cycle_id", "assessment__indicator__number", "value"):
        values[cycle_id][str(number)] = value
    for cycle_id, external in cycles_external_values(cycles).items():
        for number, (value, _pending) in external.items():
            values[cycle_id][number] = value
    return values


def cycle_stage_values(cycle: Cycle, stage: str) -> dict[str, Decimal]:
    """Indicator number → value at one stage (only indicators that have one)."""
    return cycles_stage_values([cycle], stage)[cycle.pk]


def cycle_values_score(cycle: Cycle, values, *, official: bool = False) -> ScoreResult:
    """The engine's score of `cycle` for indicator `values` (its framework, its predikat rule).

    The one place a cycle's engine input is put together; `cycle_score` and `cycles_score`
    only differ in how they read the values. `official=True` accepts 0 (imported official
    results may hold indicators not assessed).
    """
    return score(
        framework_engine_spec(cycle.framework),
        values,
        allow_zero=official,
        predikat_basis=cycle_predikat_basis(cycle),
    )


def cycle_score(cycle: Cycle, stage: str = "", *, official: bool = False) -> ScoreResult:
    """The index of a cycle at a stage (default: the framework's final stage), from the one
    scoring engine."""
    stage = stage or framework_stages.final_stage(cycle.framework).code
    return cycle_values_score(cycle, cycle_stage_values(cycle, stage), official=official)


def cycles_score(
    cycles: Iterable[Cycle], stage: str = "", *, official: bool = False
) -> dict[int, ScoreResult]:
    """cycle id → `cycle_score(cycle, stage, official=...)` for many cycles (`framework`
    loaded), reading their values in one query per stage (`cycles_stage_values`); without
    `stage`, each cycle at its own framework's final stage."""
    by_stage: dict[str, list[Cycle]] = {}
    for cycle in cycles:
        code = stage or framework_stages.final_stage(cycle.framework).code
        by_stage.setdefault(code, []).append(cycle)
    scores: dict[int, ScoreResult] = {}
    for code, group in by_stage.items():
        values = cycles_stage_values(group, code)
        scores.update({c.pk: cycle_values_score(c, values[c.pk], official=official) for c in group})
    return scores


def cycle_stage_scores(cycle: Cycle) -> dict[str, ScoreResult]:
    """Every stage that has at least one value → its score (mandiri 4.35 → dokumen 3.28 → …):
    `cycles_stage_scores` of one cycle, sharing its cache."""
    return cycles_stage_scores([cycle])[cycle.pk]


#: The cache kind of a cycle's stage scores (`cycles_stage_scores`).
STAGE_SCORES = "stage-scores"


def cycles_stage_scores(cycles: Iterable[Cycle]) -> dict[int, dict[str, ScoreResult]]:
    """`cycle_stage_scores` of many cycles (`framework` loaded) at once: cycle id → {stage →
    score}, stages in framework order. Two queries (every stored value of the cycles, and the
    external indicators) whatever the number of cycles, stages or indicators; the same
    engine input (`cycles_stage_values`' rule) and call as `cycle_score`; cached per cycle
    with the data version (`selectors.cache`: one more query, none when all are cached)."""
    return cached_per_cycle(STAGE_SCORES, cycles, _cycles_stage_scores)


def _cycles_stage_scores(cycles: list[Cycle]) -> dict[int, dict[str, ScoreResult]]:
    if not cycles:
        return {}
    stored: dict[int, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for cycle_id, stage, number, value in StageValue.objects.filter(
        assessment__cycle__in=cycles, value__isnull=False
    ).values_list("assessment__cycle_id", "stage", "assessment__indicator__number", "value"):
        stored[cycle_id][stage][str(number)] = value
    external = cycles_external_values(cycles)
    scores: dict[int, dict[str, ScoreResult]] = {}
    for cycle in cycles:
        scores[cycle.pk] = {}
        for stage in framework_stages.stages_of(cycle.framework):
            if stage.code not in stored[cycle.pk]:
                continue  # no value at this stage: not scored
            values = dict(stored[cycle.pk][stage.code])
            values.update({number: value for number, (value, _p) in external[cycle.pk].items()})
            scores[cycle.pk][stage.code] = cycle_values_score(
                cycle, values, official=not stage.is_self_assessment
            )
    return scores


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
    claim_explanations,
    cycle_assessments,
    explanation,
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
    "claim_explanations",
    "claim_warnings",
    "ExternalIndex",
    "cycle_assessments",
    "explanation",
    "cycle_external_indices",
    "cycle_external_values",
    "cycles_external_values",
    "cycles_stage_scores",
    "cycles_stage_values",
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
