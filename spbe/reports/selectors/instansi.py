"""One instansi seen from above (the pembina's drill-down from the province comparison): its
results and cycles grouped by framework side by side (SPBE 59/2020 beside Pemdi 8/2026), and
each change of framework explained from the framework data.

Figures: published results and finished cycles from `index_history`, cycles under way from
the engine (`cycles_stage_scores`, their latest scored stage, provisional while incomplete).
Which framework follows which comes from the indicator mappings loaded with the frameworks
(source → target), else from the years each was used. A fixed number of queries whatever
the number of cycles, years or indicators.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from spbe.evaluations.models import Cycle
from spbe.evaluations.selectors import cycle_visible, cycles_stage_scores
from spbe.evaluations.selectors.figures import StageFigure
from spbe.frameworks.models import Framework, IndicatorMapping
from spbe.frameworks.stages import stages_of
from spbe.organizations.models import Instansi
from spbe.reports.selectors.dashboard import with_current_cycle
from spbe.reports.selectors.history import (
    HistoryPoint,
    TrendSeries,
    framework_label,
    frameworks_by_code,
    index_history,
    trend_series,
)


@dataclass
class CycleLine:
    """A cycle of the instansi the user may open, with its latest scored stage (if any)."""

    cycle: Cycle
    headline: StageFigure | None


@dataclass
class FrameworkColumn:
    """Everything of one framework: its yearly results (latest first) and its cycles."""

    code: str
    framework: Framework | None  # None: a framework known only from published results
    label: str
    results: list[HistoryPoint] = field(default_factory=list)
    cycles: list[CycleLine] = field(default_factory=list)

    @property
    def first_year(self) -> int:
        years = [p.year for p in self.results] + [line.cycle.year for line in self.cycles]
        return min(years)


@dataclass(frozen=True)
class FrameworkChange:
    """One change of framework in the instansi's history, in words."""

    year: int
    old_label: str
    new_label: str
    explanation: list[str]


@dataclass
class InstansiOverview:
    instansi: Instansi
    columns: list[FrameworkColumn]
    changes: list[FrameworkChange]
    trend: TrendSeries


def instansi_overview(*, user, instansi: Instansi) -> InstansiOverview:
    """The instansi's frameworks side by side, oldest first, for a user who sees it (the
    caller fetched it with `instansi_get`); cycles only those whose instansi-wide figures the
    user may see."""
    history = index_history([instansi.pk])[instansi.pk]
    cycles = list(cycle_visible(user=user, instansi=instansi, whole_instansi=True))
    scores = cycles_stage_scores(cycles)
    codes = {p.framework_code for p in history} | {c.framework.code for c in cycles}
    frameworks = frameworks_by_code(codes)
    columns: dict[str, FrameworkColumn] = {
        code: FrameworkColumn(
            code=code, framework=frameworks.get(code), label=framework_label(code, frameworks)
        )
        for code in codes
    }
    for point in reversed(history):  # latest first
        columns[point.framework_code].results.append(point)
    for cycle in cycles:  # latest year first
        columns[cycle.framework.code].cycles.append(CycleLine(cycle, _headline(cycle, scores)))
    ordered = sorted(columns.values(), key=lambda c: (c.first_year, c.code))
    current = next((c for c in cycles if c.state != Cycle.State.SELESAI), None)  # latest year
    if current is not None:  # its year shows on the trend as a provisional point
        history = with_current_cycle(history, current, _headline(current, scores))
    return InstansiOverview(
        instansi=instansi,
        columns=ordered,
        changes=_changes(ordered),
        trend=trend_series(history, frameworks),
    )


def _headline(cycle: Cycle, scores: dict) -> StageFigure | None:
    """The cycle's latest scored stage, as its dashboard headlines it."""
    scored = [s for s in stages_of(cycle.framework) if s.code in scores[cycle.pk]]
    if not scored:
        return None
    stage = scored[-1]
    return StageFigure(stage=stage.code, label=stage.label, result=scores[cycle.pk][stage.code])


def _changes(columns: list[FrameworkColumn]) -> list[FrameworkChange]:
    """Each framework that followed another, explained from both frameworks' data."""
    changes = []
    mapped = _mapping_links([c.framework for c in columns if c.framework is not None])
    for old, new in zip(columns, columns[1:], strict=False):
        changes.append(
            FrameworkChange(
                year=new.first_year,
                old_label=old.label,
                new_label=new.label,
                explanation=_explain(old, new, mapped),
            )
        )
    return changes


def _mapping_links(frameworks: list[Framework]) -> Counter:
    """(source framework id, target framework id, kind) → indicator links (1 query)."""
    ids = [fw.pk for fw in frameworks]
    if len(ids) < 2:
        return Counter()
    return Counter(
        IndicatorMapping.objects.filter(
            source__framework_id__in=ids, target__framework_id__in=ids
        ).values_list("source__framework_id", "target__framework_id", "kind")
    )


def _explain(old: FrameworkColumn, new: FrameworkColumn, mapped: Counter) -> list[str]:
    """Why two frameworks' indices are not one line: what replaced what (names and legal
    bases from the data), and what the indicator mapping between them is good for."""
    facts = {"year": new.first_year, "old": old.label, "new": new.label}
    if new.framework is not None:
        facts |= {"name": new.framework.name, "basis": new.framework.legal_basis}
        lines = [
            _("Mulai %(year)s dievaluasi dengan %(name)s (%(basis)s), menggantikan %(old)s.")
            % facts
        ]
    else:
        lines = [_("Mulai %(year)s dievaluasi dengan %(new)s, menggantikan %(old)s.") % facts]
    lines.append(
        _(
            "Indikator, bobot dan rentang predikat kedua kerangka berbeda: indeks %(old)s dan "
            "%(new)s tidak dapat dibandingkan langsung, sehingga grafik tren memutus garisnya."
        )
        % facts
    )
    if old.framework is not None and new.framework is not None:
        kinds = {
            kind: n
            for (source, target, kind), n in mapped.items()
            if (source, target) == (old.framework.pk, new.framework.pk)
        }
        for kind, n in sorted(kinds.items()):
            kind_label = IndicatorMapping.Kind(kind).label
            lines.append(
                ngettext(
                    "%(n)d tautan indikator %(old)s → %(new)s (pemetaan %(kind)s) menunjukkan "
                    "bukti dukung yang dapat dipakai ulang; bukan konversi nilai.",
                    "%(n)d tautan indikator %(old)s → %(new)s (pemetaan %(kind)s) menunjukkan "
                    "bukti dukung yang dapat dipakai ulang; bukan konversi nilai.",
                    n,
                )
                % {**facts, "n": n, "kind": kind_label}
            )
        if new.framework.is_provisional:
            lines.append(
                _("Kerangka %(new)s masih sementara: isinya dari sumber sekunder.") % facts
            )
    return lines
