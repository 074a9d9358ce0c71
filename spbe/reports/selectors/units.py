"""Unit (SKPD) scorecards: each unit's indicators, levels, statuses, overdue items, gaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from spbe.evaluations.selectors.figures import CycleFigures, IndicatorRow
from spbe.organizations.models import Unit
from spbe.organizations.permissions import scope_for


@dataclass
class UnitScorecard:
    unit: Unit
    lead: list[IndicatorRow] = field(default_factory=list)
    contributing: list[IndicatorRow] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for row in self.lead if row.done)

    @property
    def completion(self) -> Decimal | None:
        """Share (%) of the indicators the unit leads that are handed in (diajukan/disetujui)."""
        if not self.lead:
            return None
        return Decimal(self.done * 100) / len(self.lead)

    @property
    def overdue(self) -> list[IndicatorRow]:
        return [row for row in self.lead if row.overdue]

    @property
    def gaps(self) -> list[IndicatorRow]:
        return [row for row in self.lead if row.evidence_missing]


def unit_scorecards(
    *, user, figures: CycleFigures, unit_id: int | None = None
) -> list[UnitScorecard]:
    """Scorecards of the units the user sees that lead or contribute to an indicator,
    ranked by completion (highest first), then by name (1 query beyond `figures`)."""
    units = Unit.objects.filter(scope_for(user).unit_q(), instansi_id=figures.cycle.instansi_id)
    if unit_id is not None:
        units = units.filter(pk=unit_id)
    cards = {unit.pk: UnitScorecard(unit=unit) for unit in units.order_by("name")}
    for row in figures.rows:
        if row.lead_unit is not None and row.lead_unit.pk in cards:
            cards[row.lead_unit.pk].lead.append(row)
        for unit in row.contributing_units:
            if unit.pk in cards:
                cards[unit.pk].contributing.append(row)
    active = [card for card in cards.values() if card.lead or card.contributing]
    return sorted(
        active,
        key=lambda c: (-(c.completion if c.completion is not None else Decimal(-1)), c.unit.name),
    )
