"""One unit's scorecard (PDF) for its SKPD head: the indicators it leads and contributes to,
their levels per stage, status, deadlines and evidence gaps (the unit scorecard page's
data)."""

from __future__ import annotations

from django.utils import timezone

from spbe.documents.words import date_long
from spbe.evaluations.models import Cycle
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.organizations.models import Unit
from spbe.reports.documents.common import (
    DocumentError,
    logo_data_url,
    render_pdf,
    report_settings_of,
)
from spbe.reports.selectors.units import UnitScorecard


def scorecard_context(cycle: Cycle, unit: Unit) -> dict:
    """The unit's card built from the cycle's figures (the engine's values)."""
    if unit is None or unit.instansi_id != cycle.instansi_id:
        raise DocumentError("Unit tidak termasuk instansi siklus ini.")
    figures = cycle_figures(cycle)
    card = UnitScorecard(unit=unit)
    for row in figures.rows:
        if row.lead_unit is not None and row.lead_unit.pk == unit.pk:
            card.lead.append(row)
        elif any(u.pk == unit.pk for u in row.contributing_units):
            card.contributing.append(row)
    if not card.lead and not card.contributing:
        raise DocumentError(f"{unit.name} tidak memimpin atau mendukung indikator di siklus ini.")
    return {
        "cycle": cycle,
        "instansi": cycle.instansi,
        "unit": unit,
        "card": card,
        "lines": [
            (row, role, [row.values.get(s.stage) for s in figures.stages])
            for role, rows in (("penanggung jawab", card.lead), ("kontributor", card.contributing))
            for row in rows
        ],
        "stages": figures.stages,
        "value_kind": figures.spec.value_kind,
        "logo": logo_data_url(report_settings_of(cycle.instansi)),
        "printed_on": date_long(timezone.localdate()),
    }


def scorecard_pdf(cycle: Cycle, unit: Unit) -> bytes:
    return render_pdf("reports/documents/scorecard.html", scorecard_context(cycle, unit))
