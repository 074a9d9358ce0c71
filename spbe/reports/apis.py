"""REST API of the dashboards: a cycle's figures and the province comparison.

Read-only; visible to everyone who sees all data of the instansi (outsiders and people limited
to units get 404, as on the pages). Numbers are strings
(exact decimals), computed by the one scoring engine.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from spbe.core.api.json import decimal_json as _dec
from spbe.core.api.json import score_json
from spbe.core.api.params import EXPORT_FORMAT_PARAM, EXPORT_RESPONSES, export_format, query_id
from spbe.core.exports import table_response
from spbe.evaluations.selectors import cycle_get
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.frameworks.stages import is_stage
from spbe.reports.selectors.dashboard import cycle_dashboard
from spbe.reports.selectors.gaps import (
    PointsLostFilter,
    points_lost_table,
    points_lost_unvalued,
)
from spbe.reports.selectors.province import province_comparison, province_get
from spbe.reports.selectors.units import unit_scorecards
from spbe.reports.tables import points_lost_export, unit_ranking_export


class CycleDashboardApi(APIView):
    @extend_schema(
        tags=["dasbor"],
        responses=inline_serializer(
            "CycleDashboard",
            {
                "cycle": serializers.IntegerField(),
                "stages": serializers.ListField(child=serializers.DictField()),
                "headline_stage": serializers.CharField(allow_null=True),
                "points_lost": serializers.ListField(child=serializers.DictField()),
                "points_lost_stage": serializers.CharField(allow_null=True),
                "not_assessed": serializers.ListField(child=serializers.DictField()),
                "progress": serializers.DictField(),
            },
        ),
    )
    def get(self, request, pk):
        cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
        d = cycle_dashboard(cycle)
        figures = d.figures
        lost_figure, lost = points_lost_table(figures, PointsLostFilter())
        unvalued = points_lost_unvalued(figures, lost_figure, PointsLostFilter())
        return Response(
            {
                "cycle": cycle.pk,
                "stages": [
                    {"stage": s.stage, "official": s.official, **score_json(s.result)}
                    for s in figures.stages
                ],
                "headline_stage": figures.headline.stage if figures.headline else None,
                "points_lost": [
                    {
                        "indicator": p.row.number,
                        "code": p.row.code,
                        "weight": _dec(p.row.weight),
                        "value": _dec(p.value),
                        "missing": False,  # indicators without a value: `not_assessed`
                        "points": _dec(p.points),
                        "lead_unit": p.row.lead_unit.pk if p.row.lead_unit else None,
                        "evidence_missing": p.row.evidence_missing,
                    }
                    for p in lost
                ],
                # the ranked stage: the planner's base (latest complete stage)
                "points_lost_stage": lost_figure.stage if lost_figure else None,
                "not_assessed": [{"indicator": row.number, "code": row.code} for row in unvalued],
                "progress": {
                    "total": d.total,
                    "done": d.done,
                    "by_status": {label: count for label, count, _css in d.progress},
                    "evidence_missing": d.evidence_missing,
                    "evidence_not_assessed": d.final_imported,
                    "overdue": [row.number for row in d.overdue],
                },
            }
        )


class ProvinceComparisonApi(APIView):
    @extend_schema(
        tags=["dasbor"],
        parameters=[OpenApiParameter("year", int, required=False)],
        responses=inline_serializer(
            "ProvinceComparison",
            {
                "province": serializers.IntegerField(),
                "year": serializers.IntegerField(allow_null=True),
                "pemda_average": serializers.CharField(allow_null=True),
                "pemda_average_count": serializers.IntegerField(),
                "rows": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request, pk):
        province = province_get(user=request.user, pk=pk)
        try:
            year = int(request.query_params["year"])
        except (KeyError, ValueError):
            year = None
        c = province_comparison(user=request.user, province=province, year=year)
        return Response(
            {
                "province": province.pk,
                "year": c.year,
                "years": c.years,
                "pemda_average": _dec(c.average),
                "pemda_average_count": c.average_count,
                "rows": [
                    {
                        "instansi": row.instansi.pk,
                        "name": row.instansi.name,
                        "index": _dec(row.point.index) if row.point else None,
                        "predikat": row.point.predikat if row.point else None,
                        "source": row.point.source if row.point else None,
                        "verified": row.point.verified if row.point else None,
                        "domains": {k: _dec(v) for k, v in row.point.domains.items()}
                        if row.point
                        else {},
                        "trend": [
                            {"year": p.year, "index": _dec(p.index), "verified": p.verified}
                            for p in row.history
                        ],
                    }
                    for row in c.rows
                ],
            }
        )


POINTS_LOST_PARAMS = [
    EXPORT_FORMAT_PARAM,
    OpenApiParameter("tahap", str, description="kode tahap kerangka siklus (mis. mandiri)"),
    OpenApiParameter("domain", str),
    OpenApiParameter("aspek", str),
    OpenApiParameter("unit", int),
]


class PointsLostExportApi(APIView):
    @extend_schema(parameters=POINTS_LOST_PARAMS, responses=EXPORT_RESPONSES, tags=["laporan"])
    def get(self, request, pk):
        """The points-lost table (filters as on the page) as CSV (default) or XLSX."""
        fmt = export_format(request)
        unit = query_id(request, "unit")
        cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
        figures = cycle_figures(cycle)
        stage = request.query_params.get("tahap", "")
        filters = PointsLostFilter(
            stage=stage if is_stage(cycle.framework, stage) else "",
            domain=request.query_params.get("domain", ""),
            aspect=request.query_params.get("aspek", ""),
            unit=unit,
        )
        _figure, rows = points_lost_table(figures, filters)
        columns, data = points_lost_export(figures, rows)
        return table_response(
            columns=columns,
            rows=data,
            filename=f"poin-hilang-{cycle.pk}",
            fmt=fmt,
            title=cycle.name,
        )


class UnitRankingExportApi(APIView):
    @extend_schema(parameters=[EXPORT_FORMAT_PARAM], responses=EXPORT_RESPONSES, tags=["laporan"])
    def get(self, request, pk):
        """The unit ranking (completion of the indicators each unit leads) as CSV or XLSX."""
        fmt = export_format(request)
        cycle = cycle_get(user=request.user, pk=pk)
        cards = unit_scorecards(user=request.user, figures=cycle_figures(cycle), unit_id=None)
        columns, data = unit_ranking_export(cards)
        return table_response(
            columns=columns,
            rows=data,
            filename=f"peringkat-unit-{cycle.pk}",
            fmt=fmt,
            title=cycle.name,
        )
