"""A province and its kabupaten/kota side by side, with the mean of all Pemda for reference.

Only verified results count where the page draws a conclusion: the year it opens on is the
latest in which most of the instansi shown have a verified value, and the mean of all Pemda
is taken over verified results and shown only when enough Pemda have one
(`SPBE_PEMDA_AVERAGE_MIN`); a value from the news alone is still listed, marked
"belum terverifikasi".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spbe.frameworks.selectors import framework_engine_spec
from spbe.official.models import PublishedResult
from spbe.organizations.models import Instansi, InstansiKind
from spbe.organizations.permissions import scope_for
from spbe.organizations.selectors import instansi_get
from spbe.reports.selectors.history import (
    HistoryPoint,
    TrendSeries,
    frameworks_by_code,
    index_history,
    trend_series,
)

#: Label of the reference line: the mean over every Pemda of the year (verified results).
AVERAGE_LABEL = gettext_noop("rata-rata Pemda")
PEMDA_KINDS = (InstansiKind.PROVINSI, InstansiKind.KABUPATEN, InstansiKind.KOTA)
SORT_KEYS = ("nama", "indeks")


@dataclass
class ProvinceRow:
    instansi: Instansi
    history: list[HistoryPoint]
    point: HistoryPoint | None  # the selected year's

    @property
    def is_province(self) -> bool:
        return self.instansi.kind == InstansiKind.PROVINSI

    def domain(self, code: str) -> Decimal | None:
        return self.point.domains.get(code) if self.point else None

    def point_of(self, year: int) -> HistoryPoint | None:
        return next((p for p in self.history if p.year == year), None)


@dataclass
class ProvinceComparison:
    province: Instansi
    year: int | None
    years: list[int]
    rows: list[ProvinceRow]
    domains: list[tuple[str, str]]  # (code, name) of the selected year's framework
    averages: dict[int, tuple[Decimal, int]]  # year → (mean of verified Pemda, how many)
    average_min: int = 10  # fewer Pemda than this with a value: the mean is not shown

    @property
    def province_row(self) -> ProvinceRow | None:
        return next((r for r in self.rows if r.instansi.pk == self.province.pk), None)

    @property
    def shown_averages(self) -> dict[int, tuple[Decimal, int]]:
        """The yearly means over enough Pemda to mean something."""
        return {y: found for y, found in self.averages.items() if found[1] >= self.average_min}

    @property
    def average(self) -> Decimal | None:
        found = self.shown_averages.get(self.year)
        return found[0] if found else None

    @property
    def average_count(self) -> int:
        """How many Pemda have a verified value in the selected year."""
        found = self.averages.get(self.year)
        return found[1] if found else 0

    @property
    def has_unverified(self) -> bool:
        return any(not p.verified for row in self.rows for p in row.history)


def pemda_averages() -> dict[int, tuple[Decimal, int]]:
    """year → (mean verified published index of every Pemda that year, number of Pemda):
    1 query. A value from the news alone is left out: it is not comparable yet."""
    return {
        row["year"]: (Decimal(str(row["mean"])), row["n"])
        for row in PublishedResult.objects.filter(
            instansi__kind__in=PEMDA_KINDS, index__isnull=False, verified=True
        )
        .values("year")
        .annotate(mean=Avg("index"), n=Count("pk"))
        .order_by("year")
    }


def province_get(*, user, pk) -> Instansi:
    """A province whose figures the user may see (all of its data), else 404: the same rule
    as a cycle's dashboard (`spbe.evaluations.access.sees_whole_instansi`)."""
    province = instansi_get(user=user, pk=pk)
    if province.kind != InstansiKind.PROVINSI or not scope_for(user).sees_whole_instansi(
        province.pk
    ):
        raise Http404
    return province


def province_comparison(
    *, user, province: Instansi, year: int | None = None, sort: str = "indeks", desc: bool = True
) -> ProvinceComparison:
    """The province and the kab/kota whose figures the user sees (all of their data), for one
    year (default: `default_year`).

    `sort` is "nama", "indeks" or a domain code; rows without a value sort last.
    """
    members = _members(user, province)
    history = index_history([i.pk for i in members])
    years = _years(history)
    if year not in years:
        year = default_year(history)
    rows = [
        ProvinceRow(
            instansi=inst,
            history=history[inst.pk],
            point=next((p for p in history[inst.pk] if p.year == year), None),
        )
        for inst in members
    ]
    codes = {row.point.framework_code for row in rows if row.point}
    frameworks = frameworks_by_code(codes)
    comparison = ProvinceComparison(
        province=province,
        year=year,
        years=years,
        rows=_sorted(rows, sort, desc),
        domains=_domain_columns(rows, frameworks),
        averages=pemda_averages(),
        average_min=settings.SPBE_PEMDA_AVERAGE_MIN,
    )
    return comparison


def _members(user, province: Instansi) -> list[Instansi]:
    """The province and its active kab/kota whose figures `user` sees (all of their data)."""
    scope = scope_for(user)
    members = Instansi.objects.filter(
        Q(pk=province.pk) | Q(province_id=province.pk), is_active=True
    ).filter(scope.instansi_q())
    if not scope.is_admin:
        members = members.filter(pk__in=scope.full_instansi_ids)
    return list(members.order_by("name"))


def province_years(*, user, province: Instansi) -> tuple[list[int], int | None]:
    """The years with a result among what `user` sees of the province, and the year the page
    opens on (`default_year`); ([], None) before any result."""
    history = index_history([i.pk for i in _members(user, province)])
    return _years(history), default_year(history)


def _years(history: dict[int, list[HistoryPoint]]) -> list[int]:
    """The years in which any of the instansi has a point, in order."""
    return sorted({p.year for points in history.values() for p in points})


def default_year(history: dict[int, list[HistoryPoint]]) -> int | None:
    """The latest year in which most of the instansi shown have a verified value; else the
    year with the most verified values (the latest of equals); else the latest year."""
    verified = Counter(
        p.year for points in history.values() for p in points if p.verified and p.index is not None
    )
    most = [year for year, n in verified.items() if 2 * n > len(history)]
    if most:
        return max(most)
    if verified:
        return max(verified, key=lambda year: (verified[year], year))
    years = [p.year for points in history.values() for p in points]
    return max(years) if years else None


def _domain_columns(rows, frameworks) -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    for fw in frameworks.values():
        names.update({d.code: d.name for d in framework_engine_spec(fw).domains})
    codes = sorted({code for row in rows if row.point for code in row.point.domains})
    return [(code, names.get(code, code)) for code in codes]


def _sorted(rows: list[ProvinceRow], sort: str, desc: bool) -> list[ProvinceRow]:
    if sort == "nama":
        return sorted(rows, key=lambda r: r.instansi.name, reverse=desc)

    def value(row: ProvinceRow):
        return row.point.index if sort == "indeks" and row.point else row.domain(sort)

    known = [r for r in rows if value(r) is not None]
    unknown = [r for r in rows if value(r) is None]
    return sorted(known, key=value, reverse=desc) + unknown


def province_trend(comparison: ProvinceComparison) -> TrendSeries:
    """The province's own history (one line per framework, breaks marked) and the mean of
    every Pemda per year as the reference line."""
    own = comparison.province_row
    history = own.history if own else []
    name = comparison.province.short_name or comparison.province.name
    series = trend_series(
        history, frameworks_by_code({p.framework_code for p in history}), name=name
    )
    series.points.extend(
        (year, mean, _(AVERAGE_LABEL)) for year, (mean, _n) in comparison.shown_averages.items()
    )
    return series
