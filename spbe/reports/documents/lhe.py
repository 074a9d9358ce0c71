"""Laporan Hasil Evaluasi Internal (PDF) of a cycle and stage, laid out like the official
result reports (cover, summary with the index and predikat, domain and aspect values,
the indicator table, strengths and gaps, recommendation).

The score table ("Nama Indeks | Nilai") and the level table ("No | Indikator | Nilai Tingkat
Kematangan <year>") are ruled, real-text tables in the shape the official reports use, so
`spbe lhe read` of the generated PDF gives back the same levels and index.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from spbe.documents.words import date_long
from spbe.evaluations.models import Cycle
from spbe.evaluations.selectors.evidence_status import evidence_status_for_cycle
from spbe.evaluations.selectors.figures import IndicatorRow
from spbe.planning.selectors import action_items_of
from spbe.reports.documents.common import (
    framework_title,
    index_label,
    logo_data_url,
    render_pdf,
    report_settings_of,
    signatories,
    stage_figure,
)
from spbe.reports.selectors.dashboard import cycle_dashboard
from spbe.reports.selectors.gaps import PointsLostFilter, points_lost_table

POINTS_LOST_SHOWN = 15  # the heaviest gaps; the full ranking is on the page


@dataclass(frozen=True)
class LheRow:
    row: IndicatorRow
    level: object  # the report stage's value
    others: list  # values at every scored stage, in stage order
    evidence_count: int


def lhe_context(cycle: Cycle, stage: str = "") -> dict:
    """Everything the LHE shows, from the dashboard's selectors (one engine)."""
    d = cycle_dashboard(cycle)
    figures = d.figures
    figure = stage_figure(figures, stage)
    result = figure.result
    evidence = evidence_status_for_cycle(cycle)
    rows = [
        LheRow(
            row=row,
            level=row.values.get(figure.stage),
            others=[row.values.get(s.stage) for s in figures.stages],
            evidence_count=evidence[row.assessment_id].link_count
            if row.assessment_id in evidence
            else 0,
        )
        for row in figures.rows
    ]
    _figure, lost = points_lost_table(figures, PointsLostFilter(stage=figure.stage))
    config = report_settings_of(cycle.instansi)
    return {
        "cycle": cycle,
        "framework": cycle.framework,
        "index_label": index_label(cycle.framework),
        "framework_title": framework_title(cycle.framework),
        "instansi": cycle.instansi,
        "figures": figures,
        "figure": figure,
        "result": result,
        "domains": list(result.domains.values()),
        "aspects": list(result.aspects.values()),
        "radar_domains": [(g.name or g.code, g.value) for g in result.domains.values()],
        "radar_aspects": [(g.name or g.code, g.value) for g in result.aspects.values()],
        "trend": d.trend,
        "rows": rows,
        "points_lost": lost[:POINTS_LOST_SHOWN],
        "points_lost_total": sum((p.points for p in lost), start=0),
        "actions": list(action_items_of(cycle)),
        "notes": _notes(figures),
        "gaps": [row for row in figures.rows if row.evidence_missing],
        "value_kind": figures.spec.value_kind,
        "logo": logo_data_url(config),
        "signer_list": list(signatories(config).values()),
        "printed_on": date_long(timezone.localdate()),
    }


def _notes(figures) -> list[tuple[IndicatorRow, list[tuple[str, str]]]]:
    """Per indicator with a note: (stage label, note) in stage order."""
    notes = []
    for row in figures.rows:
        by_stage = [(s.label, row.notes[s.stage]) for s in figures.stages if s.stage in row.notes]
        if by_stage or row.review_note:
            notes.append((row, by_stage))
    return notes


def lhe_pdf(cycle: Cycle, stage: str = "") -> bytes:
    """The LHE of `cycle` at `stage` (default: the latest scored stage) as PDF bytes."""
    return render_pdf("reports/documents/lhe.html", lhe_context(cycle, stage))
