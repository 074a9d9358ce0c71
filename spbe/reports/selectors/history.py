"""Index history of many instansi at once: published results plus finished cycles.

Published results (`PublishedResult`, the national report tables and news) are the official
record and win when both exist for a year; a finished official cycle of a year without a
published result contributes its final score from the engine. A fixed number of queries
whatever the number of instansi, years or indicators.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from spbe.evaluations.models import Cycle
from spbe.evaluations.selectors import cycles_score
from spbe.frameworks.models import Framework
from spbe.frameworks.selectors import framework_engine_spec
from spbe.official.models import PublishedResult
from spbe.scoring import FrameworkSpec, ScoreResult

OFFICIAL_KINDS = (Cycle.Kind.EVALUASI, Cycle.Kind.PEMANTAUAN)
SOURCE_PUBLISHED = "terpublikasi"
SOURCE_CYCLE = "siklus"
SOURCE_PROVISIONAL = "sementara"  # a cycle still under way: its latest stage, not a result


@dataclass(frozen=True)
class HistoryPoint:
    """One instansi's index of one year, with where it comes from."""

    instansi_id: int
    year: int
    framework_code: str
    index: Decimal | None
    predikat: str
    domains: dict[str, Decimal | None] = field(default_factory=dict)
    source: str = SOURCE_PUBLISHED
    cycle_id: int | None = None
    verified: bool = True  # False: published from the news only, not in an official report


def finished_cycle_scores(cycles: Iterable[Cycle]) -> dict[int, ScoreResult]:
    """Final-stage scores of many cycles (cycles with `framework` loaded), each at its own
    framework's final stage: exactly `cycle_score(cycle, official=True)` for each, through the
    same selector."""
    return cycles_score(cycles, official=True)


def index_history(instansi_ids: Iterable[int]) -> dict[int, list[HistoryPoint]]:
    """instansi id → its yearly points, oldest first (4 queries for any number of instansi)."""
    ids = list(instansi_ids)
    points: dict[tuple[int, int], HistoryPoint] = {}
    for r in PublishedResult.objects.filter(instansi_id__in=ids).order_by("year"):
        points[(r.instansi_id, r.year)] = HistoryPoint(
            instansi_id=r.instansi_id,
            year=r.year,
            framework_code=r.framework_code,
            index=r.index,
            predikat=r.predikat,
            domains={code: _decimal(v) for code, v in (r.domains or {}).items()},
            verified=r.verified,
        )
    cycles = [
        c
        for c in Cycle.objects.filter(
            instansi_id__in=ids, state=Cycle.State.SELESAI, kind__in=OFFICIAL_KINDS
        )
        .select_related("framework")
        .order_by("year", "kind", "pk")
        if (c.instansi_id, c.year) not in points
    ]
    scores = finished_cycle_scores(cycles)
    for cycle in cycles:
        result = scores[cycle.pk]
        if not result.complete or (cycle.instansi_id, cycle.year) in points:
            continue
        points[(cycle.instansi_id, cycle.year)] = HistoryPoint(
            instansi_id=cycle.instansi_id,
            year=cycle.year,
            framework_code=cycle.framework.code,
            index=result.index,
            predikat=result.predikat or "",
            domains={code: g.value for code, g in result.domains.items()},
            source=SOURCE_CYCLE,
            cycle_id=cycle.pk,
        )
    history: dict[int, list[HistoryPoint]] = {pk: [] for pk in ids}
    for (instansi_id, _year), point in sorted(points.items(), key=lambda kv: kv[0][1]):
        history[instansi_id].append(point)
    return history


def frameworks_by_code(codes: Iterable[str]) -> dict[str, Framework]:
    """The latest loaded version of each framework code (1 query); unknown codes are absent."""
    found: dict[str, Framework] = {}
    for fw in Framework.objects.filter(code__in=set(codes)).order_by("code", "-version"):
        found.setdefault(fw.code, fw)
    return found


@dataclass(frozen=True)
class TrendSeries:
    """What `{% trend_chart %}` needs: points per framework, the breaks and the bands."""

    points: list[tuple[int, Decimal | None, str]]
    breaks: list[tuple[int, str]]
    bands: list[tuple[str, Decimal, Decimal, int, int]]
    # (year, series) of the points not final yet (a cycle under way): drawn hollow
    provisional: list[tuple[int, str]] = field(default_factory=list)


def trend_series(
    history: list[HistoryPoint], frameworks: dict[str, Framework], *, name: str = ""
) -> TrendSeries:
    """Chart data of one instansi's history; each framework is its own line, and a change of
    framework between two years is a break (5/2018 → 59/2020, SPBE → Pemdi 2026)."""
    points, breaks, provisional = [], [], []
    years_of: dict[str, list[int]] = defaultdict(list)
    previous = None
    for point in history:
        label = framework_label(point.framework_code, frameworks)
        if point.source == SOURCE_PROVISIONAL:
            label = _("%(framework)s (sementara)") % {"framework": label}
        elif not point.verified:
            label = _("%(framework)s (belum terverifikasi)") % {"framework": label}
        series = f"{name} · {label}" if name else label
        points.append((point.year, point.index, series))
        if point.source == SOURCE_PROVISIONAL:
            provisional.append((point.year, series))
        years_of[point.framework_code].append(point.year)
        if previous is not None and previous.framework_code != point.framework_code:
            old = framework_label(previous.framework_code, frameworks)
            breaks.append((point.year, _("%(old)s → %(new)s") % {"old": old, "new": label}))
        previous = point
    bands = []
    for code, years in years_of.items():
        fw = frameworks.get(code)
        if fw is None:
            continue
        spec: FrameworkSpec = framework_engine_spec(fw)
        bands.extend((b.name, b.min, b.max, min(years), max(years)) for b in spec.bands)
    return TrendSeries(points=points, breaks=breaks, bands=bands, provisional=provisional)


def framework_label(code: str, frameworks: dict[str, Framework]) -> str:
    fw = frameworks.get(code)
    return fw.short_name if fw else code


def _decimal(raw) -> Decimal | None:
    if raw in (None, ""):
        return None
    return Decimal(str(raw))
