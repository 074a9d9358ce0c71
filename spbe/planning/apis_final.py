"""REST API of planning for the final figure: a computation, nothing saved (issue 14 §2)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from spbe.evaluations.selectors import cycle_get
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.frameworks.stage_fields import StageCodeField
from spbe.planning.final_plan import final_plan_propose, final_proposal_json
from spbe.planning.selectors import PlannerInput


class FinalPlanInput(serializers.Serializer):
    target = serializers.DecimalField(max_digits=4, decimal_places=2)
    confidence = serializers.DecimalField(
        max_digits=3,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("0.99"),
        required=False,
        allow_null=True,
    )
    stage = StageCodeField(required=False, allow_blank=True)
    max_steps = serializers.IntegerField(min_value=0, required=False, allow_null=True)


class FinalPlanApi(APIView):
    """POST {target, confidence?, stage?, max_steps?} → the plan judged on the expected final
    index: `expected_index`, `interval`, `probability`, `steps`, `next_year`, `assumption`."""

    permission_classes = [IsAuthenticated]  # a computation: readers may ask it too

    @extend_schema(tags=["perencanaan"], request=FinalPlanInput, responses=dict)
    def post(self, request, pk):
        cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
        data = FinalPlanInput(data=request.data, context={"framework": cycle.framework})
        data.is_valid(raise_exception=True)
        d = data.validated_data
        confidence = d.get("confidence")
        # a Django ValidationError (bad base stage, missing assumptions) becomes a 400 in
        # the project's exception handler, with its Indonesian message
        proposal = final_plan_propose(
            figures=cycle_figures(cycle),
            inputs=PlannerInput(
                target=d["target"], stage=d.get("stage") or "", max_steps=d.get("max_steps")
            ),
            confidence=Fraction(confidence) if confidence is not None else None,
        )
        return Response(final_proposal_json(proposal, cycle.pk))
