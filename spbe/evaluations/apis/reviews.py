"""REST API of review: the asesor's review of an assessment and the koordinator's decision."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from spbe.core.number_fields import ApiDecimalField
from spbe.evaluations import access, services
from spbe.evaluations.apis._common import TAG, BaseApi, validated
from spbe.evaluations.apis.assessments import (
    AssessmentOutput,
    RevisionInput,
    assessment_of,
    run_write,
)
from spbe.evaluations.models import Assessment
from spbe.evaluations.services.review import REVIEW_DECISIONS


class ReviewInput(RevisionInput):
    decision = serializers.ChoiceField(choices=list(REVIEW_DECISIONS))
    value = ApiDecimalField(max_digits=4, decimal_places=2, required=False, allow_null=True)
    note = serializers.CharField(allow_blank=True, required=False, default="")


class DecideInput(RevisionInput):
    source = serializers.ChoiceField(choices=Assessment.FinalSource.choices)
    value = ApiDecimalField(max_digits=4, decimal_places=2, required=False, allow_null=True)
    note = serializers.CharField(allow_blank=True, required=False, default="")


class AssessmentReviewApi(BaseApi):
    @extend_schema(request=ReviewInput, responses=AssessmentOutput, tags=TAG)
    def post(self, request, pk):
        """Asesor: accept, return with a note, or set the reviewed level with a note."""
        assessment = assessment_of(request, pk)
        access.ensure_reviews(request.user, assessment)
        data = validated(ReviewInput, request)

        def write():
            services.review_decide(
                actor=request.user,
                assessment=assessment,
                decision=data["decision"],
                revision=data["revision"],
                note=data["note"],
                value=data.get("value"),
                request=request,
            )

        return run_write(request, assessment, write)


class AssessmentDecideApi(BaseApi):
    @extend_schema(request=DecideInput, responses=AssessmentOutput, tags=TAG)
    def post(self, request, pk):
        """Koordinator: the final self-assessment level (responden, asesor or own)."""
        assessment = assessment_of(request, pk)
        access.ensure_coordinates(request.user, assessment.cycle)
        data = validated(DecideInput, request)
        return run_write(
            request,
            assessment,
            lambda: services.assessment_decide(
                actor=request.user,
                assessment=assessment,
                revision=data["revision"],
                source=data["source"],
                value=data.get("value"),
                note=data["note"],
                request=request,
            ),
        )
