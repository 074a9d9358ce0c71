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
from spbe.evaluations.selectors import cycle_get
from spbe.reports.selectors.dashboard import cycle_dashboard
from spbe.reports.selectors.gaps import PointsLostFilter, points_lost_table
from spbe.reports.selectors.province import province_comparison, province_get


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
                "progress": serializers.DictField(),
            },
        ),
    )
    def get(self, request, pk):
        cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
        d = cycle_dashboard(cycle)
        figures = d.figures
        _figure, lost = points_lost_table(figures, PointsLostFilter())
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
                        "value": None if p.missing else _dec(p.value),
                        "missing": p.missing,  # ranked at the framework's lowest level
                        "points": _dec(p.points),
                        "lead_unit": p.row.lead_unit.pk if p.row.lead_unit else None,
                        "evidence_missing": p.row.evidence_missing,
                    }
                    for p in lost
                ],
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
