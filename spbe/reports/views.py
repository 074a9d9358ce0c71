"""Dashboard pages: instansi dashboard, points lost, stage comparison, unit scorecards and
the province view. Thin: reads come from `spbe.reports.selectors`, access from the one rule.
Every page runs a fixed number of queries whatever the amount of data."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from spbe.core.exports import FORMATS, table_response
from spbe.evaluations.access import sees_whole_instansi
from spbe.evaluations.selectors import cycle_get, cycle_visible
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.frameworks.stages import is_stage
from spbe.organizations.models import Instansi
from spbe.organizations.permissions import can
from spbe.organizations.selectors import instansi_get
from spbe.reports.selectors.dashboard import cycle_dashboard
from spbe.reports.selectors.documents import generated_files_of_province
from spbe.reports.selectors.gaps import (
    PointsLostFilter,
    points_lost_table,
    points_lost_unvalued,
    stage_comparison,
)
from spbe.reports.selectors.instansi import instansi_overview
from spbe.reports.selectors.province import (
    AVERAGE_LABEL,
    province_comparison,
    province_get,
    province_trend,
)
from spbe.reports.selectors.units import unit_scorecards
from spbe.reports.tables import points_lost_export as points_lost_export_table
from spbe.reports.tables import unit_ranking_export as unit_ranking_table


def _int_or_none(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _cycle_context(request, cycle) -> dict:
    return {"cycle": cycle, "manages": can(request.user, "instansi.manage", cycle.instansi)}


@login_required
def cycle_list(request):
    """The cycles the user sees: the dashboard of those whose instansi-wide figures they may
    see, their units' scorecards of the others (a person limited to units)."""
    page = Paginator(cycle_visible(user=request.user), settings.SPBE_LIST_PAGE_SIZE)
    page = page.get_page(request.GET.get("hal"))
    for cycle in page.object_list:
        cycle.whole = sees_whole_instansi(request.user, cycle)
    province_cycles = cycle_visible(user=request.user, whole_instansi=True).filter(
        instansi__kind="provinsi"
    )
    provinces = Instansi.objects.filter(pk__in=province_cycles.values("instansi_id"))
    return render(
        request,
        "reports/cycle_list.html",
        {"cycles": page.object_list, "page": page, "provinces": provinces.order_by("name")},
    )


@login_required
def dashboard(request, pk):
    cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
    return render(
        request,
        "reports/dashboard.html",
        {**_cycle_context(request, cycle), "d": cycle_dashboard(cycle)},
    )


def _points_lost_filter(cycle, query) -> PointsLostFilter:
    """The page's filters (stage, domain, aspect, unit) from its query string."""
    return PointsLostFilter(
        stage=query.get("tahap", "") if is_stage(cycle.framework, query.get("tahap")) else "",
        domain=query.get("domain", ""),
        aspect=query.get("aspek", ""),
        unit=_int_or_none(query.get("unit")),
    )


@login_required
def points_lost(request, pk):
    cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
    figures = cycle_figures(cycle)
    filters = _points_lost_filter(cycle, request.GET)
    figure, rows = points_lost_table(figures, filters)
    units = {}
    for row in figures.rows:
        for unit in [row.lead_unit, *row.contributing_units]:
            if unit is not None:
                units[unit.pk] = unit
    context = {
        **_cycle_context(request, cycle),
        "figures": figures,
        "figure": figure,
        "rows": rows,
        "filters": filters,
        "units": sorted(units.values(), key=lambda u: u.name),
        "total": sum((r.points for r in rows), start=0),
        "unvalued": points_lost_unvalued(figures, figure, filters),
        "default_stage": not filters.stage,
    }
    template = "reports/_points_lost_table.html" if request.htmx else "reports/points_lost.html"
    return render(request, template, context)


@login_required
def stages(request, pk):
    chosen = _int_or_none(request.GET.get("siklus"))
    if chosen and chosen != pk:
        return redirect("reports:stages", pk=chosen)
    cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
    figures = cycle_figures(cycle)
    only_lowered = request.GET.get("turun") == "1"
    return render(
        request,
        "reports/stages.html",
        {
            **_cycle_context(request, cycle),
            "figures": figures,
            "rows": stage_comparison(figures, only_lowered=only_lowered),
            "only_lowered": only_lowered,
            "cycles": cycle_visible(
                user=request.user, instansi=cycle.instansi, whole_instansi=True
            ),
        },
    )


@login_required
def unit_cards(request, pk, unit_pk=None):
    cycle = cycle_get(user=request.user, pk=pk)
    figures = cycle_figures(cycle)
    cards = unit_scorecards(user=request.user, figures=figures, unit_id=unit_pk)
    if unit_pk is not None and not cards:
        raise Http404
    ranking = [
        (card.unit.short_name or card.unit.name, card.completion)
        for card in cards
        if card.completion is not None
    ]
    return render(
        request,
        "reports/units.html",
        {**_cycle_context(request, cycle), "cards": cards, "ranking": ranking, "single": unit_pk},
    )


def _bar_label(row) -> str:
    """The instansi's short name; "*" marks an unverified value (explained under the table)."""
    name = row.instansi.short_name or row.instansi.name
    return f"{name}*" if row.point and not row.point.verified else name


@login_required
def province(request, pk):
    instansi = province_get(user=request.user, pk=pk)
    sort = request.GET.get("urut", "indeks")
    desc = request.GET.get("arah", "turun") != "naik"
    comparison = province_comparison(
        user=request.user,
        province=instansi,
        year=_int_or_none(request.GET.get("tahun")),
        sort=sort,
        desc=desc,
    )
    own = comparison.province_row
    label = _bar_label(own) if own else instansi.short_name or instansi.name
    bars = [(_bar_label(row), row.point.index if row.point else None) for row in comparison.rows]
    return render(
        request,
        "reports/province.html",
        {
            "c": comparison,
            "province": instansi,
            "sort": sort,
            "desc": desc,
            "trend": province_trend(comparison),
            "bars": bars,
            "avg_label": _(AVERAGE_LABEL),
            "highlight": label,
            "files": generated_files_of_province(user=request.user, province=instansi),
        },
    )


@login_required
def points_lost_export(request, pk, fmt):
    """The points-lost table, with the page's filters, as CSV or XLSX."""
    if fmt not in FORMATS:
        raise Http404
    cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
    figures = cycle_figures(cycle)
    _figure, rows = points_lost_table(figures, _points_lost_filter(cycle, request.GET))
    columns, data = points_lost_export_table(figures, rows)
    return table_response(
        columns=columns, rows=data, filename=f"poin-hilang-{cycle.pk}", fmt=fmt, title=cycle.name
    )


@login_required
def unit_ranking_export(request, pk, fmt):
    """The unit ranking of the unit page (the units the user sees) as CSV or XLSX."""
    if fmt not in FORMATS:
        raise Http404
    cycle = cycle_get(user=request.user, pk=pk)
    cards = unit_scorecards(user=request.user, figures=cycle_figures(cycle), unit_id=None)
    columns, data = unit_ranking_table(cards)
    return table_response(
        columns=columns, rows=data, filename=f"peringkat-unit-{cycle.pk}", fmt=fmt, title=cycle.name
    )


@login_required
def instansi(request, pk):
    """One instansi from above (the pembina's drill-down): its frameworks side by side and
    each framework change explained; read-only, cycles open on their dashboards."""
    target = instansi_get(user=request.user, pk=pk)
    return render(
        request,
        "reports/instansi.html",
        {"o": instansi_overview(user=request.user, instansi=target)},
    )
