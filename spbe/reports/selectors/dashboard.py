"""The instansi dashboard of one cycle: index and predikat per stage, domains, aspects,
trend and progress. Every figure is the engine's (`cycle_stage_scores`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from spbe.evaluations.models import Assessment, Cycle
from spbe.evaluations.official.selectors import cycle_final_imported
from spbe.evaluations.selectors import cycle_stage_scores
from spbe.frameworks.selectors import framework_engine_spec
from spbe.frameworks.stages import planning_base_stage, stages_of
from spbe.reports.selectors.cycles import IndicatorRow, cycle_indicator_rows
from spbe.reports.selectors.history import (
    SOURCE_PROVISIONAL,
    HistoryPoint,
    TrendSeries,
    frameworks_by_code,
    index_history,
    trend_series,
)
from spbe.scoring import FrameworkSpec, GroupScore, ScoreResult

#: Stacked-progress CSS classes per status (keywords the chart colours by).
STATUS_CLASSES = {
    Assessment.Status.BELUM_DIISI: "belum",
    Assessment.Status.DRAF: "draf",
    Assessment.Status.DIAJUKAN: "diajukan",
    Assessment.Status.PERLU_PERBAIKAN: "perbaikan",
    Assessment.Status.DISETUJUI: "disetujui",
}


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
    """Stage scores (engine) and indicator rows of a cycle, in a fixed number of queries."""
    scores = cycle_stage_scores(cycle)
    stages = [
        StageFigure(stage=s.code, label=s.label, result=scores[s.code])
        for s in stages_of(cycle.framework)
        if s.code in scores
    ]
    return CycleFigures(
        cycle=cycle,
        spec=framework_engine_spec(cycle.framework),
        stages=stages,
        rows=cycle_indicator_rows(cycle, scores),
    )


@dataclass
class CycleDashboard:
    figures: CycleFigures
    domains: list[GroupScore]
    aspects: list[GroupScore]
    progress: list[tuple[str, int, str]]
    total: int
    done: int
    evidence_missing: int
    overdue: list[IndicatorRow]
    trend: TrendSeries
    final_imported: bool = False  # official result imported: evidence not assessed here

    @property
    def radar_domains(self) -> list[tuple[str, object]]:
        return [(g.name or g.code, g.value) for g in self.domains]

    @property
    def radar_aspects(self) -> list[tuple[str, object]]:
        return [(g.name or g.code, g.value) for g in self.aspects]


def cycle_dashboard(cycle: Cycle) -> CycleDashboard:
    """Everything the instansi dashboard shows for one cycle."""
    figures = cycle_figures(cycle)
    headline = figures.headline
    rows = figures.rows
    counts = Counter(row.status for row in rows)
    labels = dict(Assessment.Status.choices)
    history = with_current_cycle(
        index_history([cycle.instansi_id])[cycle.instansi_id], cycle, headline
    )
    frameworks = frameworks_by_code({p.framework_code for p in history})
    return CycleDashboard(
        figures=figures,
        domains=list(headline.result.domains.values()) if headline else [],
        aspects=list(headline.result.aspects.values()) if headline else [],
        progress=[
            (str(labels[status]), counts.get(status, 0), css)
            for status, css in STATUS_CLASSES.items()
        ],
        total=len(rows),
        done=sum(1 for row in rows if row.done),
        evidence_missing=sum(1 for row in rows if row.evidence_missing),
        overdue=[row for row in rows if row.overdue],
        trend=trend_series(history, frameworks),
        final_imported=cycle_final_imported(cycle),
    )


def with_current_cycle(
    history: list[HistoryPoint], cycle: Cycle, headline: StageFigure | None
) -> list[HistoryPoint]:
    """Add a cycle still under way to its trend as a provisional point, so the year it is
    working on (and a change of framework, e.g. SPBE → Pemdi 2026) shows on the chart."""
    if headline is None or any(p.year == cycle.year for p in history):
        return history
    point = HistoryPoint(
        instansi_id=cycle.instansi_id,
        year=cycle.year,
        framework_code=cycle.framework.code,
        index=headline.result.index,
        predikat=headline.result.predikat or "",
        source=SOURCE_PROVISIONAL,
        cycle_id=cycle.pk,
    )
    return sorted([*history, point], key=lambda p: p.year)


def stage_note(figure: StageFigure) -> str:
    """What a stage's figure is: official, or a provisional mean of the filled indicators."""
    if figure.official:
        return ""
    return _("belum lengkap, bukan indeks resmi")
