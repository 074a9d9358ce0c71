"""The figures of a cycle that dashboards, planning and reports all read: the engine's score
per stage (`StageFigure`) and one row per indicator (`IndicatorRow`), together `CycleFigures`.
Which cycles a user may open is `spbe.evaluations.selectors.cycle_visible/cycle_get`
(`whole_instansi=True` for the instansi-wide figures)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.evaluations.models import Assessment, Cycle
from spbe.evaluations.selectors import cycle_stage_scores
from spbe.evaluations.selectors.cache import cached_for_cycle
from spbe.evaluations.selectors.cycles import cycle_final_imported
from spbe.evaluations.selectors.evidence_status import (
    STALE,
    EvidenceStatus,
    evidence_status_for_cycle,
)
from spbe.frameworks.selectors import framework_engine_spec
from spbe.frameworks.stages import planning_base_stage, stages_of
from spbe.organizations.models import Unit
from spbe.scoring import FrameworkSpec, ScoreResult

#: Statuses that count as work handed in (for completion and the unit ranking).
DONE_STATUSES = frozenset({Assessment.Status.DIAJUKAN, Assessment.Status.DISETUJUI})


@dataclass
class IndicatorRow:
    """One indicator of a cycle with everything the dashboards show about it."""

    assessment_id: int
    number: int
    code: str
    name: str
    short_name: str
    weight: Decimal
    aspect_code: str
    aspect_name: str
    domain_code: str
    domain_name: str
    lead_unit: Unit | None
    contributing_units: list[Unit]
    status: str
    status_label: str
    due_date: datetime.date | None
    overdue: bool
    review_note: str
    notes: dict[str, str] = field(default_factory=dict)  # stage → assessor's note
    values: dict[str, Decimal | None] = field(default_factory=dict)  # stage → engine value
    evidence_missing: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The engine's key of this indicator."""
        return str(self.number)

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES


def is_overdue(due_date: datetime.date | None, status: str, today: datetime.date) -> bool:
    """An indicator is late when its due date has passed and it is not yet approved."""
    return bool(due_date and due_date < today and status != Assessment.Status.DISETUJUI)


def evidence_gap_texts(status: EvidenceStatus) -> list[str]:
    """What the evidence engine found short for the claimed level ("kurang dokumen"): each
    typical evidence item still missing or only stale, then stale linked documents no item
    lists; empty when nothing is short."""
    texts = []
    listed: set[int] = set()
    for item in status.missing:
        facts = {"level": item.level, "text": item.text}
        if item.state == STALE:
            texts.append(_("Level %(level)s: %(text)s (kedaluwarsa)") % facts)
        else:
            texts.append(_("Level %(level)s: %(text)s") % facts)
        listed.update(doc.pk for doc in item.documents)
    for stale in status.stale:
        if stale.document.pk not in listed:
            listed.add(stale.document.pk)
            texts.append(f"{stale.document.title}: {stale.freshness.reason}")
    return texts


def cycle_indicator_rows(
    cycle: Cycle, stage_scores: dict[str, ScoreResult], *, today: datetime.date | None = None
) -> list[IndicatorRow]:
    """One row per indicator in framework order (3 queries + the evidence engine's 3).

    Values per stage are the ones the engine scored (external indices included), taken from
    `stage_scores` (`cycle_stage_scores(cycle)`), so a row never disagrees with an index.
    """
    today = today or timezone.localdate()
    # imported official results were judged on evidence outside the app: nothing to flag
    evidence = {} if cycle_final_imported(cycle) else evidence_status_for_cycle(cycle)
    assessments = (
        Assessment.objects.filter(cycle=cycle)
        .select_related("indicator__aspect__parent", "lead_unit")
        .prefetch_related("contributing_units", "stage_values")
        .order_by("indicator__order")
    )
    status_labels = dict(Assessment.Status.choices)
    rows = []
    for a in assessments:
        ind = a.indicator
        aspect, domain = ind.aspect, ind.aspect.parent
        key = str(ind.number)
        rows.append(
            IndicatorRow(
                assessment_id=a.pk,
                number=ind.number,
                code=ind.code,
                name=ind.name,
                short_name=ind.short_name,
                weight=ind.weight,
                aspect_code=aspect.code,
                aspect_name=aspect.name,
                domain_code=domain.code if domain else "",
                domain_name=domain.name if domain else "",
                lead_unit=a.lead_unit,
                contributing_units=list(a.contributing_units.all()),
                status=a.status,
                status_label=status_labels.get(a.status, a.status),
                due_date=a.due_date,
                overdue=is_overdue(a.due_date, a.status, today),
                review_note=a.review_note,
                notes={sv.stage: sv.notes for sv in a.stage_values.all() if sv.notes},
                values={stage: result.values.get(key) for stage, result in stage_scores.items()},
                evidence_missing=evidence_gap_texts(evidence[a.pk]) if a.pk in evidence else [],
            )
        )
    return rows


@dataclass(frozen=True)
class StageFigure:
    """One stage's score; `official` is False while values are missing ("belum lengkap")."""

    stage: str
    label: str
    result: ScoreResult

    @property
    def official(self) -> bool:
        return self.result.complete


@dataclass
class CycleFigures:
    """The scored stages of a cycle and the indicator rows built from them."""

    cycle: Cycle
    spec: FrameworkSpec
    stages: list[StageFigure]
    rows: list[IndicatorRow]

    @property
    def headline(self) -> StageFigure | None:
        """The latest scored stage (final when there is one)."""
        return self.stages[-1] if self.stages else None

    def stage(self, stage: str) -> StageFigure | None:
        return next((s for s in self.stages if s.stage == stage), None)

    @property
    def latest_complete(self) -> StageFigure | None:
        """The framework's planning base (by default the latest stage whose every indicator
        has a value), see `spbe.frameworks.stages.planning_base_stage`."""
        base = planning_base_stage(
            self.cycle.framework, {s.stage for s in self.stages if s.official}
        )
        return self.stage(base.code) if base else None


def cycle_figures(cycle: Cycle) -> CycleFigures:
    """Stage scores (engine) and indicator rows of a cycle, in a fixed number of queries;
    cached with the data version of the cycle's instansi and the day (`selectors.cache`)."""
    stages, rows = cached_for_cycle("figures", cycle, lambda: _stages_and_rows(cycle))
    return CycleFigures(
        cycle=cycle, spec=framework_engine_spec(cycle.framework), stages=stages, rows=rows
    )


def _stages_and_rows(cycle: Cycle) -> tuple[list[StageFigure], list[IndicatorRow]]:
    scores = cycle_stage_scores(cycle)
    stages = [
        StageFigure(stage=s.code, label=s.label, result=scores[s.code])
        for s in stages_of(cycle.framework)
        if s.code in scores
    ]
    return stages, cycle_indicator_rows(cycle, scores)
