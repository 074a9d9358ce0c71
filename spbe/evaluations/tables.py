"""The indicator table of a cycle page as an export (spbe.core.exports): same rows, same
scope, numbers as numbers."""

from __future__ import annotations

from django.utils.translation import gettext as _

from spbe.core.exports import Column
from spbe.evaluations.models import Cycle


def level_places(cycle: Cycle) -> int:
    return 0 if cycle.framework.value_kind == "integer" else 2


def assessment_table(cycle: Cycle, assessments) -> tuple[list[Column], list[dict]]:
    """Columns and rows of the cycle's indicators the user sees (`assessment_visible`)."""
    columns = [
        Column("number", _("Nomor"), 8),
        Column("code", _("Kode"), 8),
        Column("indicator", _("Indikator"), 45),
        Column("lead_unit", _("Unit penanggung jawab"), 30),
        Column("status", _("Status"), 16),
        Column("claim", _("Level klaim"), 12, places=level_places(cycle)),
        Column("due_date", _("Batas waktu"), 14),
    ]
    rows = [
        {
            "number": a.indicator.number,
            "code": a.indicator.code,
            "indicator": a.indicator.short_name or a.indicator.name,
            "lead_unit": a.lead_unit.name if a.lead_unit else "",
            "status": str(a.get_status_display()),
            "claim": a.claimed_value,
            "due_date": a.due_date,
        }
        for a in assessments
    ]
    return columns, rows
