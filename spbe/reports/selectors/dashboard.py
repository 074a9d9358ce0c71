"""The instansi dashboard of one cycle: index and predikat per stage, domains, aspects,
trend and progress. Every figure is the engine's, read through evaluations' cycle figures
(`spbe.evaluations.selectors.figures.cycle_figures`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spbe.evaluations.models import Assessment, Cycle
from spbe.evaluations.selectors.cache import cached_for_cycle
from spbe.evaluations.selectors.cycles import cycle_final_imported
from spbe.evaluations.selectors.figures import (
    CycleFigures,
    IndicatorRow,
    StageFigure,
    cycle_figures,
)
from spbe.reports.selectors.history import (
    SOURCE_PROVISIONAL,
    HistoryPoint,
    TrendSeries,
    frameworks_by_code,
    index_history,
    trend_series,
)
from spbe.scoring import GroupScore

#: Stacked-progress CSS classes per status (keywords the chart colours by).
STATUS_CLASSES = {
    Assessment.Status.BELUM_DIISI: "belum",
    Assessment.Status.DRAF: "draf",
    Assessment.Status.DIAJUKAN: "diajukan",
    Assessment.Status.PERLU_PERBAIKAN: "perbaikan",
    Assessment.Status.DISETUJUI: "disetujui",
}


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
    trend: TrendSeries | None  # None: not computed (`cycle_dashboard(..., trend=False)`)
    final_imported: bool = False  # official result imported: evidence not assessed here

    @property
    def radar_domains(self) -> list[tuple[str, object]]:
        return [(g.name or g.code, g.value) for g in self.domains]

    @property
    def radar_aspects(self) -> list[tuple[str, object]]:
        return [(g.name or g.code, g.value) for g in self.aspects]


def cycle_dashboard(cycle: Cycle, *, trend: bool = True) -> CycleDashboard:
    """Everything the instansi dashboard shows for one cycle. `trend=False` leaves out the
    trend, which scores every finished cycle of the instansi: the home page's summary of a
    cycle shows no trend, and at national scale that history is most of its cost."""
    figures = cycle_figures(cycle)
    headline = figures.headline
    rows = figures.rows
    counts = Counter(row.status for row in rows)
    labels = dict(Assessment.Status.choices)
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
        trend=cycle_trend(cycle, headline) if trend else None,
        final_imported=cycle_final_imported(cycle),
    )


def cycle_trend(cycle: Cycle, headline: StageFigure | None) -> TrendSeries:
    """The instansi's yearly index up to this cycle (the cycle itself as a provisional point
    while under way): the dashboard's trend, also added later to a dashboard made without.
    Cached with the cycle's figures (`spbe.evaluations.selectors.cache`): the history is the
    instansi's own cycles and results, and system-wide imports change the data version too."""
    return cached_for_cycle("trend", cycle, lambda: _cycle_trend(cycle, headline))


def _cycle_trend(cycle: Cycle, headline: StageFigure | None) -> TrendSeries:
    history = with_current_cycle(
        index_history([cycle.instansi_id])[cycle.instansi_id], cycle, headline
    )
    return trend_series(history, frameworks_by_code({p.framework_code for p in history}))


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
