"""A cycle's headline figures without its whole dashboard: what the home pages show.

The coordinator's home shows, for each current cycle, the index per stage, the status
counts, how many indicators are late and how many lack documents. Building the full
`cycle_dashboard` for that (indicator rows with units and notes, the index history and the
trend) made the home the slowest page; `cycle_summaries` computes only these figures, for
several cycles at once, with the same rules as the dashboard (the same engine through
`cycles_stage_scores`, the same overdue and "kurang dokumen" rules), so they always agree.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from spbe.evaluations.models import Assessment, Cycle
from spbe.evaluations.selectors import cycles_stage_scores
from spbe.evaluations.selectors.cache import cached_per_cycle
from spbe.evaluations.selectors.cycles import cycles_final_imported
from spbe.evaluations.selectors.evidence_status import evidence_status_for_cycle
from spbe.evaluations.selectors.figures import (
    DONE_STATUSES,
    StageFigure,
    evidence_gap_texts,
    is_overdue,
)
from spbe.frameworks.stages import stages_of
from spbe.reports.selectors.dashboard import STATUS_CLASSES


@dataclass
class CycleSummary:
    """The figures of one cycle a home page shows; each equals the dashboard's."""

    cycle: Cycle
    stages: list[StageFigure]
    statuses: Counter  # status → number of indicators
    overdue: int
    evidence_missing: int
    final_imported: bool

    @property
    def headline(self) -> StageFigure | None:
        """The latest scored stage (final when there is one), as on the dashboard."""
        return self.stages[-1] if self.stages else None

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    @property
    def done(self) -> int:
        return sum(n for status, n in self.statuses.items() if status in DONE_STATUSES)

    @property
    def progress(self) -> list[tuple[str, int, str]]:
        """(label, count, css class) per status, the dashboard's stacked progress bar."""
        labels = dict(Assessment.Status.choices)
        return [
            (str(labels[status]), self.statuses.get(status, 0), css)
            for status, css in STATUS_CLASSES.items()
        ]


def cycle_summaries(
    cycles: Iterable[Cycle], *, today: datetime.date | None = None
) -> dict[int, CycleSummary]:
    """cycle id → its `CycleSummary` (cycles with `framework` loaded).

    Queries: the engine's scores of all cycles together (2), the statuses and due dates of
    all cycles (1), the official-import check of all cycles (1), and per cycle the evidence
    engine (3, only where documents are judged here); nothing grows with indicators, units,
    documents or history.
    """
    cycles = list(cycles)
    if not cycles:
        return {}
    today = today or timezone.localdate()
    scores = cycles_stage_scores(cycles)
    statuses: dict[int, Counter] = {cycle.pk: Counter() for cycle in cycles}
    overdue: Counter = Counter()
    for cycle_id, status, due_date in Assessment.objects.filter(cycle__in=cycles).values_list(
        "cycle_id", "status", "due_date"
    ):
        statuses[cycle_id][status] += 1
        overdue[cycle_id] += is_overdue(due_date, status, today)
    imported_ids = cycles_final_imported(cycles)
    missing = cached_per_cycle(
        "evidence-missing",
        [cycle for cycle in cycles if cycle.pk not in imported_ids],
        lambda judged: {cycle.pk: _evidence_missing(cycle) for cycle in judged},
        today=today,
    )
    summaries = {}
    for cycle in cycles:
        imported = cycle.pk in imported_ids
        summaries[cycle.pk] = CycleSummary(
            cycle=cycle,
            stages=[
                StageFigure(stage=s.code, label=s.label, result=scores[cycle.pk][s.code])
                for s in stages_of(cycle.framework)
                if s.code in scores[cycle.pk]
            ],
            statuses=statuses[cycle.pk],
            overdue=overdue[cycle.pk],
            evidence_missing=missing.get(cycle.pk, 0),
            final_imported=imported,
        )
    return summaries


def _evidence_missing(cycle: Cycle) -> int:
    """Indicators whose evidence falls short of the claimed level ("kurang dokumen")."""
    return sum(
        1 for status in evidence_status_for_cycle(cycle).values() if evidence_gap_texts(status)
    )
