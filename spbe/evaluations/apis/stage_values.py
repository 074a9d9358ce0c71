"""REST API of stage values: a cycle's values read and set in bulk, one assessment's by hand."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from spbe.core.number_fields import ApiDecimalField
from spbe.evaluations import access, selectors, services
from spbe.evaluations.apis._common import TAG, BaseApi, validated
from spbe.evaluations.apis.assessments import (
    AssessmentOutput,
    RevisionInput,
    assessment_of,
    run_write,
)
from spbe.evaluations.models import StageValue
from spbe.frameworks.stage_fields import StageCodeField


class StageValueInput(RevisionInput):
    revision = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    stage = StageCodeField()
    value = ApiDecimalField(max_digits=4, decimal_places=2, allow_null=True)
    fakta = serializers.CharField(allow_blank=True, required=False, default="")
    analisis = serializers.CharField(allow_blank=True, required=False, default="")
    notes = serializers.CharField(allow_blank=True, required=False, default="")


class StageValuesBulkInput(serializers.Serializer):
    stage = StageCodeField()
    values = serializers.DictField(
        child=ApiDecimalField(max_digits=4, decimal_places=2),
        help_text="nomor indikator → nilai",
    )
    notes = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    source = serializers.CharField(max_length=200)


class CycleStageValuesApi(BaseApi):
    @extend_schema(
        parameters=[OpenApiParameter("stage", str, required=False)],
        responses=inline_serializer(
            "StageValues", {"values": serializers.DictField(child=serializers.DictField())}
        ),
        tags=TAG,
    )
    def get(self, request, pk):
        """Indicator number → {stage: value} for the indicators the user sees."""
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        visible = selectors.assessment_visible(user=request.user, cycle=cycle).values("pk")
        rows = StageValue.objects.filter(assessment__in=visible)
        if request.query_params.get("stage"):
            rows = rows.filter(stage=request.query_params["stage"])
        out: dict[str, dict] = {}
        for number, stage, value in rows.values_list(
            "assessment__indicator__number", "stage", "value"
        ):
            out.setdefault(str(number), {})[stage] = str(value) if value is not None else None
        return Response({"values": out})

    @extend_schema(
        request=StageValuesBulkInput,
        responses=inline_serializer("BulkResult", {"count": serializers.IntegerField()}),
        tags=TAG,
    )
    def post(self, request, pk):
        """Set many values of one stage, all or nothing (0 is refused: only imports hold it)."""
        cycle = selectors.cycle_get(user=request.user, pk=pk, coordinated=True)
        data = validated(StageValuesBulkInput, request, context={"framework": cycle.framework})
        count = services.stage_values_set_bulk(
            actor=request.user,
            cycle=cycle,
            stage=data["stage"],
            values=data["values"],
            notes=data.get("notes"),
            allow_zero=False,
            source=data["source"],
            request=request,
        )
        return Response({"count": count})


class AssessmentStageValueApi(BaseApi):
    @extend_schema(request=StageValueInput, responses=AssessmentOutput, tags=TAG)
    def post(self, request, pk):
        """Koordinator: a stage value entered by hand (dokumen, interviu, visitasi, final)."""
        assessment = assessment_of(request, pk)
        access.ensure_coordinates(request.user, assessment.cycle)
        data = validated(
            StageValueInput, request, context={"framework": assessment.cycle.framework}
        )
        return run_write(
            request,
            assessment,
            lambda: services.stage_value_set(
                actor=request.user, assessment=assessment, request=request, **data
            ),
        )
