"""Reads of cycles: the list, one cycle, the per-stage overview and the units × indicators
matrix. Query counts do not grow with the number of indicators, units or values."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from spbe.audit.models import AuditEvent
from spbe.evaluations.access import ensure_coordinates
from spbe.evaluations.models import Assessment, Cycle, StageValue
from spbe.evaluations.selectors.cache import cached_for_cycle
from spbe.frameworks.stages import final_stage, stage_labels
from spbe.organizations.permissions import scope_for
from spbe.scoring import ScoreResult


def cycle_visible(*, user, instansi=None, whole_instansi: bool = False) -> QuerySet[Cycle]:
    """Cycles of the instansi the user sees (a responden sees that their cycles exist);
    `whole_instansi`: only those whose instansi-wide figures the user may see
    (`access.sees_whole_instansi`)."""
    scope = scope_for(user)
    qs = Cycle.objects.filter(scope.instansi_q("instansi")).select_related("instansi", "framework")
    if whole_instansi and not scope.is_admin:
        qs = qs.filter(instansi_id__in=scope.full_instansi_ids)
    if instansi is not None:
        qs = qs.filter(instansi=instansi)
    return qs.order_by("-year", "name")


def cycle_get(*, user, pk, whole_instansi: bool = False, coordinated: bool = False) -> Cycle:
    """One cycle the user sees, else 404 (whether or not it exists). The one lookup of a cycle
    for pages, fragments and the API of every app.

    `whole_instansi`: 404 too unless the user may see its instansi-wide figures (dashboards,
    scores, planner). `coordinated`: 403 unless the user coordinates it (koordinator of its
    instansi, administrator), checked before anything else is read.
    """
    try:
        cycle = cycle_visible(user=user, whole_instansi=whole_instansi).get(pk=pk)
    except (Cycle.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if coordinated:
        ensure_coordinates(user, cycle)
    return cycle


@dataclass
class StageSummary:
    stage: str
    label: str
    result: ScoreResult


@dataclass
class Move:
    number: int
    code: str
    name: str
    before_stage: str
    before: Decimal
    after_stage: str
    after: Decimal

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


@dataclass
class StageOverview:
    stages: list[StageSummary] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)


def cycle_stage_overview(cycle: Cycle) -> StageOverview:
    """Index per stage that has values (mandiri 4.35 → dokumen 3.28 → final 3.79), from the
    engine via `cycle_stage_scores`, and the indicators whose value changed between one
    stage and the next. Cached with the data version (`selectors.cache`)."""
    return cached_for_cycle("stage-overview", cycle, lambda: _cycle_stage_overview(cycle))


def _cycle_stage_overview(cycle: Cycle) -> StageOverview:
    from spbe.evaluations.selectors import cycle_stage_scores

    scores = cycle_stage_scores(cycle)
    labels = stage_labels(cycle.framework)
    overview = StageOverview(
        stages=[StageSummary(stage, labels[stage], result) for stage, result in scores.items()]
    )
    per_indicator: dict[int, dict] = {}
    rows = StageValue.objects.filter(assessment__cycle=cycle, value__isnull=False).values_list(
        "assessment__indicator__number",
        "assessment__indicator__code",
        "assessment__indicator__short_name",
        "stage",
        "value",
    )
    for number, code, name, stage, value in rows:
        entry = per_indicator.setdefault(number, {"code": code, "name": name, "values": {}})
        entry["values"][stage] = value
    stages = list(scores)
    for before_stage, after_stage in zip(stages, stages[1:], strict=False):
        for number in sorted(per_indicator):
            entry = per_indicator[number]
            before = entry["values"].get(before_stage)
            after = entry["values"].get(after_stage)
            if before is not None and after is not None and before != after:
                overview.moves.append(
                    Move(
                        number,
                        entry["code"],
                        entry["name"],
                        before_stage,
                        before,
                        after_stage,
                        after,
                    )
                )
    return overview


@dataclass
class MatrixCell:
    assessment: Assessment
    role: str  # "lead" (penanggung jawab) or "contrib" (kontributor)


@dataclass
class MatrixRow:
    unit: object | None  # None: indicators without a lead unit yet
    cells: list[MatrixCell | None]


@dataclass
class Matrix:
    assessments: list[Assessment]
    rows: list[MatrixRow]
    status_counts: dict[str, int]


def cycle_matrix(*, user, cycle: Cycle) -> Matrix:
    """Units × indicators of a cycle with each cell's status, scoped to what the user sees.

    Rows are the units that lead or contribute to a visible indicator (by name), plus a row
    "belum ditugaskan" for indicators without a lead unit. Three queries whatever the size.
    """
    from spbe.evaluations.selectors.assessments import assessment_visible

    assessments = list(assessment_visible(user=user, cycle=cycle))
    units: dict[int, object] = {}
    roles: dict[tuple[int, int], str] = {}
    unassigned: set[int] = set()
    counts: dict[str, int] = {}
    for a in assessments:
        counts[a.status] = counts.get(a.status, 0) + 1
        if a.lead_unit is not None:
            units[a.lead_unit.pk] = a.lead_unit
            roles[(a.lead_unit.pk, a.pk)] = "lead"
        else:
            unassigned.add(a.pk)
        for unit in a.contributing_units.all():
            units.setdefault(unit.pk, unit)
            roles.setdefault((unit.pk, a.pk), "contrib")
    rows = []
    for unit in sorted(units.values(), key=lambda u: u.name.lower()):
        cells = [
            MatrixCell(a, roles[(unit.pk, a.pk)]) if (unit.pk, a.pk) in roles else None
            for a in assessments
        ]
        rows.append(MatrixRow(unit, cells))
    if unassigned:
        rows.append(
            MatrixRow(
                None, [MatrixCell(a, "lead") if a.pk in unassigned else None for a in assessments]
            )
        )
    return Matrix(assessments=assessments, rows=rows, status_counts=counts)


#: The audit action of an applied official result (written by spbe.official.services); the
#: cycle's own figures read it, so it is defined here, below official.
OFFICIAL_RESULT_ACTION = "import.official_result"


def cycle_final_imported(cycle: Cycle) -> bool:
    """True when the cycle's final values came from an imported official result.

    Its evidence was judged by the national assessors, not linked here, so the dashboards
    say "hasil resmi diimpor; bukti tidak dinilai" instead of counting every indicator as
    "kurang dokumen". One query (the import events of the cycle).
    """
    return cycle.pk in cycles_final_imported([cycle])


def cycles_final_imported(cycles) -> set[int]:
    """The ids of those `cycles` whose final values came from an imported official result
    (`cycle_final_imported` of many cycles), in one query."""
    final_of = {str(cycle.pk): final_stage(cycle.framework).code for cycle in cycles}
    if not final_of:
        return set()
    events = AuditEvent.objects.filter(
        action=OFFICIAL_RESULT_ACTION,
        object_type=Cycle._meta.label_lower,
        object_id__in=list(final_of),
    ).values_list("object_id", "extra")
    return {
        int(object_id)
        for object_id, extra in events
        if final_of[object_id] in (extra or {}).get("stages", [])
    }
