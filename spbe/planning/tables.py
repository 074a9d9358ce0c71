"""The action items of a cycle as an export (spbe.core.exports), as the plan page lists them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from spbe.core.exports import Column
from spbe.planning import selectors


def action_item_table(cycle, items) -> tuple[list[Column], list[dict]]:
    """Columns and rows of `items` (`selectors.action_items_of(cycle)`)."""
    places = 0 if cycle.framework.value_kind == "integer" else 2
    columns = [
        Column("code", _("Kode"), 8),
        Column("indicator", _("Indikator"), 36),
        Column("description", _("Uraian"), 50),
        Column("unit", _("Unit pelaksana"), 30),
        Column("person", _("Penanggung jawab"), 22),
        Column("from_value", _("Level awal"), 11, places=places),
        Column("target_value", _("Level target"), 11, places=places),
        Column("due_date", _("Batas waktu"), 14),
        Column("status", _("Status"), 16),
        Column("overdue", _("Terlambat"), 11),
        Column("budget", _("Anggaran (Rp)"), 16, places=0),
    ]
    rows = [
        {
            "code": item.indicator.code,
            "indicator": item.indicator.short_name or item.indicator.name,
            "description": item.description,
            "unit": item.owner_unit.name if item.owner_unit_id else "",
            "person": item.owner_person.get_username() if item.owner_person_id else "",
            "from_value": item.from_value,
            "target_value": item.target_value,
            "due_date": item.due_date,
            "status": str(item.get_status_display()),
            "overdue": selectors.is_overdue(item),
            "budget": item.budget_estimate,
        }
        for item in items
    ]
    return columns, rows
