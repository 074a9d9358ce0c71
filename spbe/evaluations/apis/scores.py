"""REST API of a cycle's figures: the score per stage and the external indices it takes."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from spbe.evaluations import selectors, services
from spbe.evaluations.apis._common import TAG, BaseApi
from spbe.frameworks.selectors import framework_engine_spec


def _score_dict(result, spec) -> dict:
    """The engine's result as JSON; `missing` names each empty indicator by its number (the
    engine's key, the URL of the indicator page) and its display code ("2.1" in Pemdi)."""

    def groups(items):
        return {code: (str(g.value) if g.value is not None else None) for code, g in items.items()}

    return {
        "index": str(result.index) if result.index is not None else None,
        "index_exact": (
            str(result.index_exact_decimal) if result.index_exact_decimal is not None else None
        ),
        "predikat": result.predikat,
        "predikat_exact": result.predikat_exact,
        "predikat_rounded": result.predikat_rounded,
        "predikat_basis": result.predikat_basis,
        "domains": groups(result.domains),
        "aspects": groups(result.aspects),
        "complete": result.complete,
        "missing": [
            {"number": int(key), "code": spec.indicator(key).code or key} for key in result.missing
        ],
    }


class CycleScoresApi(BaseApi):
    @extend_schema(
        responses=inline_serializer(
            "CycleScores", {"stages": serializers.DictField(child=serializers.DictField())}
        ),
        tags=TAG,
    )
    def get(self, request, pk):
        """Index per stage that has values, from the one scoring engine."""
        # a unit-restricted user sees their indicators, not the instansi's index: 404
        cycle = selectors.cycle_get(user=request.user, pk=pk, whole_instansi=True)
        scores = selectors.cycle_stage_scores(cycle)
        spec = framework_engine_spec(cycle.framework)
        return Response({"stages": {stage: _score_dict(r, spec) for stage, r in scores.items()}})


def _external_json(cycle) -> dict:
    return {
        "indices": [
            {
                "code": row.code,
                "name": row.name,
                "agency": row.agency,
                "raw": row.raw,
                "value": str(row.value),
                "pending": row.pending,
                "indicators": list(row.indicators),
            }
            for row in selectors.cycle_external_indices(cycle)
        ]
    }


class CycleExternalValuesApi(BaseApi):
    @extend_schema(
        responses=inline_serializer(
            "ExternalValues", {"indices": serializers.ListField(child=serializers.DictField())}
        ),
        tags=TAG,
    )
    def get(self, request, pk):
        """The other agencies' indices the cycle's externally sourced indicators take."""
        return Response(_external_json(selectors.cycle_get(user=request.user, pk=pk)))

    @extend_schema(
        request=inline_serializer(
            "ExternalValuesInput",
            {
                "values": serializers.DictField(
                    child=serializers.CharField(allow_null=True, allow_blank=True),
                    help_text="kode indeks → nilai terbit (null: belum terbit)",
                )
            },
        ),
        responses=inline_serializer(
            "ExternalValuesOut", {"indices": serializers.ListField(child=serializers.DictField())}
        ),
        tags=TAG,
    )
    def put(self, request, pk):
        """Record the published indices (koordinator); every value checked, all or nothing."""
        cycle = selectors.cycle_get(user=request.user, pk=pk, coordinated=True)
        values = request.data.get("values") if isinstance(request.data, dict) else None
        if not isinstance(values, dict):
            raise serializers.ValidationError({"values": [_("Kirim objek kode indeks → nilai.")]})
        cycle = services.cycle_set_external_values(
            actor=request.user, cycle=cycle, values=values, request=request
        )
        return Response(_external_json(cycle))
