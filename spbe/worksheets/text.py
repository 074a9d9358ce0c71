"""Changes in words, the same on the preview page, in the API and from the command line."""

from __future__ import annotations

from decimal import Decimal

from spbe.core.numbers import fmt_id
from spbe.evaluations.models import Cycle
from spbe.worksheets.changes import CellChange, RowChange
from spbe.worksheets.columns import LEVEL

TEXT_PREVIEW = 60


def show_value(cycle: Cycle, column, value) -> str:
    """A cell as people read it: levels Indonesian style ("2,50", "3"), long text cut."""
    if value is None or value == "":
        return "–"
    if column.kind == LEVEL:
        number = Decimal(value)
        if cycle.framework.value_kind == "integer" and number == int(number):
            return str(int(number))
        return fmt_id(number, 2)
    text = str(value).replace("\n", " ")
    return text if len(text) <= TEXT_PREVIEW else text[: TEXT_PREVIEW - 1] + "…"


def describe_change(cycle: Cycle, change: RowChange, cell: CellChange) -> str:
    return (
        f"baris {change.row} · indikator {change.code} · {cell.column.header}: "
        f"{show_value(cycle, cell.column, cell.old)} → {show_value(cycle, cell.column, cell.new)}"
    )
