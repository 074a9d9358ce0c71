"""REST API of assessments: a cycle's list and export, one assessment, its save, submit, assignment.

A write based on an old `revision` answers 409 with the current assessment (`run_write`), so a
client can show both versions.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from spbe.core.api.errors import api_error_body
from spbe.core.api.params import EXPORT_FORMAT_PARAM, EXPORT_RESPONSES, export_format, query_id
from spbe.core.exports import table_response
from spbe.core.number_fields import ApiDecimalField
from spbe.evaluations import access, selectors, services
from spbe.evaluations.apis._common import TAG, BaseApi, validated
from spbe.evaluations.models import Assessment, StageValue
from spbe.evaluations.tables import assessment_table
from spbe.organizations.models import Unit

User = get_user_model()


class StageValueOutput(serializers.ModelSerializer):
    set_by = serializers.CharField(source="set_by.username", default=None, allow_null=True)

    class Meta:
        model = StageValue
        fields = ["stage", "value", "fakta", "analisis", "notes", "set_by", "set_at"]


class AssessmentOutput(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="indicator.number")
    indicator_code = serializers.CharField(source="indicator.code")
    indicator_name = serializers.CharField(source="indicator.short_name")
    reviewer = serializers.CharField(source="reviewer.username", default=None, allow_null=True)
    updated_by = serializers.CharField(source="updated_by.username", default=None, allow_null=True)
    contributing_units = serializers.SerializerMethodField()
    stage_values = StageValueOutput(many=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "cycle",
            "indicator",
            "indicator_code",
            "indicator_name",
            "lead_unit",
            "contributing_units",
            "reviewer",
            "due_date",
            "status",
            "subject_name",
            "claimed_value",
            "reviewed_value",
            "review_note",
            "final_source",
            "revision",
            "updated_by",
            "updated_at",
            "stage_values",
        ]

    def get_contributing_units(self, obj) -> list[int]:
        return sorted(u.pk for u in obj.contributing_units.all())


class RevisionInput(serializers.Serializer):
    revision = serializers.IntegerField(min_value=0)


class AssessmentUpdateInput(RevisionInput):
    value = ApiDecimalField(max_digits=4, decimal_places=2, allow_null=True)
    fakta = serializers.CharField(allow_blank=True, required=False, default="")
    analisis = serializers.CharField(allow_blank=True, required=False, default="")
    subject_name = serializers.CharField(allow_blank=True, required=False, max_length=300)
    submit = serializers.BooleanField(required=False, default=False)


class AssignInput(serializers.Serializer):
    revision = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    lead_unit = serializers.IntegerField(allow_null=True)
    contributing_units = serializers.ListField(child=serializers.IntegerField(), required=False)
    reviewer = serializers.IntegerField(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)


def assessment_of(request, pk) -> Assessment:
    return selectors.assessment_get(user=request.user, pk=pk)


def _fresh(request, assessment) -> Assessment:
    return (
        Assessment.objects.filter(pk=assessment.pk)
        .select_related("indicator", "reviewer", "updated_by")
        .prefetch_related("contributing_units", "stage_values__set_by")
        .get()
    )


def _conflict(request, exc: services.StaleRevision) -> Response:
    current = _fresh(request, exc.current)
    return Response(
        {**api_error_body("conflict", exc.messages[0]), "current": AssessmentOutput(current).data},
        status=status.HTTP_409_CONFLICT,
    )


def run_write(request, assessment, write) -> Response:
    try:
        write()
    except services.StaleRevision as exc:
        return _conflict(request, exc)
    return Response(AssessmentOutput(_fresh(request, assessment)).data)


class CycleAssessmentsApi(BaseApi):
    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, required=False),
            OpenApiParameter("unit", int, required=False),
            OpenApiParameter("reviewer", int, required=False),
        ],
        responses=AssessmentOutput(many=True),
        tags=TAG,
    )
    def get(self, request, pk):
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        qs = selectors.assessment_visible(
            user=request.user,
            cycle=cycle,
            status=request.query_params.get("status") or None,
            # ids too large for the database are refused here (a 400), never sent to it
            unit=query_id(request, "unit"),
            reviewer=query_id(request, "reviewer"),
        ).prefetch_related("stage_values__set_by")
        return self.paginate(request, qs, AssessmentOutput)


class CycleAssessmentsExportApi(BaseApi):
    @extend_schema(parameters=[EXPORT_FORMAT_PARAM], responses=EXPORT_RESPONSES, tags=TAG)
    def get(self, request, pk):
        """The indicator table of the cycle page (the indicators the user sees), CSV/XLSX."""
        fmt = export_format(request)
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        columns, rows = assessment_table(
            cycle, selectors.assessment_visible(user=request.user, cycle=cycle)
        )
        return table_response(
            columns=columns, rows=rows, filename=f"indikator-{cycle.pk}", fmt=fmt, title=cycle.name
        )


class AssessmentDetailApi(BaseApi):
    @extend_schema(responses=AssessmentOutput, tags=TAG)
    def get(self, request, pk):
        return Response(AssessmentOutput(_fresh(request, assessment_of(request, pk))).data)

    @extend_schema(request=AssessmentUpdateInput, responses={200: AssessmentOutput}, tags=TAG)
    def patch(self, request, pk):
        """The respondent's level claim and FAKTA/ANALISIS (with `submit`: also submit)."""
        assessment = assessment_of(request, pk)
        access.ensure_fills_in(request.user, assessment)
        data = validated(AssessmentUpdateInput, request)
        return run_write(
            request,
            assessment,
            lambda: services.assessment_save(
                actor=request.user,
                assessment=assessment,
                revision=data["revision"],
                value=data["value"],
                fakta=data["fakta"],
                analisis=data["analisis"],
                subject_name=data.get("subject_name"),
                submit=data["submit"],
                request=request,
            ),
        )


class AssessmentSubmitApi(BaseApi):
    @extend_schema(request=RevisionInput, responses=AssessmentOutput, tags=TAG)
    def post(self, request, pk):
        assessment = assessment_of(request, pk)
        access.ensure_fills_in(request.user, assessment)
        data = validated(RevisionInput, request)
        return run_write(
            request,
            assessment,
            lambda: services.assessment_submit(
                actor=request.user,
                assessment=assessment,
                revision=data["revision"],
                request=request,
            ),
        )


class AssessmentAssignApi(BaseApi):
    @extend_schema(request=AssignInput, responses=AssessmentOutput, tags=TAG)
    def post(self, request, pk):
        assessment = assessment_of(request, pk)
        access.ensure_coordinates(request.user, assessment.cycle)
        data = validated(AssignInput, request)
        instansi = assessment.cycle.instansi_id

        def unit(pk):
            return None if pk is None else get_object_or_404(Unit, pk=pk, instansi_id=instansi)

        reviewer = None
        if data.get("reviewer"):
            reviewer = get_object_or_404(User, pk=data["reviewer"])
        return run_write(
            request,
            assessment,
            lambda: services.assessment_assign(
                actor=request.user,
                assessment=assessment,
                lead_unit=unit(data["lead_unit"]),
                contributing_units=[unit(u) for u in data.get("contributing_units", [])],
                reviewer=reviewer,
                due_date=data.get("due_date"),
                revision=data.get("revision"),
                request=request,
            ),
        )
