"""Where the index loses points, and where the assessors lowered the respondents' levels."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from spbe.evaluations.selectors.figures import CycleFigures, IndicatorRow, StageFigure
from spbe.scoring import points_lost


@dataclass(frozen=True)
class PointsLostFilter:
    """The table's filters, as read from the querystring (empty = all)."""

    stage: str = ""
    domain: str = ""
    aspect: str = ""
    unit: int | None = None

    def keeps(self, row: IndicatorRow) -> bool:
        if self.domain and row.domain_code != self.domain:
            return False
        if self.aspect and row.aspect_code != self.aspect:
            return False
        if self.unit is not None:
            units = {u.pk for u in row.contributing_units}
            if row.lead_unit is not None:
                units.add(row.lead_unit.pk)
            return self.unit in units
        return True


@dataclass(frozen=True)
class PointsLostRow:
    row: IndicatorRow
    value: Decimal  # the level ranked: the framework's lowest for an indicator without one
    points: Decimal  # index points lost against the top level (engine, exact)
    missing: bool = False  # no value at this stage yet ("belum bernilai")


def points_lost_table(
    figures: CycleFigures, filters: PointsLostFilter
) -> tuple[StageFigure | None, list[PointsLostRow]]:
    """The engine's points-lost ranking of one stage (default: the latest), filtered.

    An indicator without a value at that stage is ranked at the framework's lowest level
    and flagged `missing`: the heaviest gaps are often the ones nobody has filled in yet.
    """
    figure = figures.stage(filters.stage) if filters.stage else None
    figure = figure or figures.headline
    if figure is None:
        return None, []
    by_key = {row.key: row for row in figures.rows}
    ranked = points_lost(
        figures.spec, figure.result.values, allow_zero=True, missing_as="value_min"
    )
    rows = [
        PointsLostRow(
            row=by_key[item.indicator], value=item.value, points=item.points, missing=item.missing
        )
        for item in ranked
        if item.indicator in by_key and filters.keeps(by_key[item.indicator])
    ]
    return figure, rows


@dataclass(frozen=True)
class StageCell:
    stage: str
    value: Decimal | None
    lowered: bool  # below the value of an earlier stage
    note: str


@dataclass(frozen=True)
class StageComparisonRow:
    row: IndicatorRow
    cells: list[StageCell]

    @property
    def lowered(self) -> bool:
        return any(cell.lowered for cell in self.cells)

    @property
    def drop(self) -> Decimal | None:
        """First value minus last value (how far the level fell across the stages)."""
        known = [cell.value for cell in self.cells if cell.value is not None]
        return known[0] - known[-1] if len(known) > 1 else None


def stage_comparison(figures: CycleFigures, *, only_lowered: bool = False) -> list:
    """Per indicator its value at each scored stage; a cell is `lowered` when it is below the
    highest earlier value (the assessors lowered the claim), with the note of that stage."""
    result = []
    for row in figures.rows:
        cells, highest = [], None
        for figure in figures.stages:
            value = row.values.get(figure.stage)
            lowered = value is not None and highest is not None and value < highest
            cells.append(StageCell(figure.stage, value, lowered, row.notes.get(figure.stage, "")))
            if value is not None:
                highest = value if highest is None else max(highest, value)
        comparison = StageComparisonRow(row=row, cells=cells)
        if not only_lowered or comparison.lowered:
            result.append(comparison)
    return result
