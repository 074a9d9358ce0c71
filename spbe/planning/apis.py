"""REST API of planning: the planner and what-if (computations, nothing saved), the cycle's
target, and action items.

Access: everyone who sees the cycle may read and compute; writes (target, action items) need
the managing role. Outsiders get 404; read-only roles get 403 before the body is read.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from spbe.core.api.json import decimal_json as _dec
from spbe.core.api.json import score_json
from spbe.evaluations.selectors import cycle_get, cycle_visible
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.evidence.models import Document
from spbe.frameworks.models import Indicator
from spbe.frameworks.stage_fields import StageCodeField
from spbe.organizations.models import Unit
from spbe.organizations.permissions import ensure
from spbe.planning import selectors, services
from spbe.planning.models import ActionItem
from spbe.planning.selectors import PlannerInput, Proposal

User = get_user_model()


def _managed_cycle(request, pk):
    """The cycle, 404 for outsiders, 403 for those who see but do not manage it: checked
    before the body is read."""
    return cycle_get(user=request.user, pk=pk, coordinated=True)


# -- planner and what-if ---------------------------------------------------------------------
class PlannerInputSerializer(serializers.Serializer):
    target = serializers.DecimalField(max_digits=4, decimal_places=2)
    stage = StageCodeField(required=False, allow_blank=True)
    efforts = serializers.DictField(
        child=serializers.DecimalField(max_digits=8, decimal_places=2, min_value=Decimal(0)),
        required=False,
    )
    costs = serializers.DictField(
        child=serializers.DecimalField(max_digits=16, decimal_places=0, min_value=Decimal(0)),
        required=False,
    )
    frozen = serializers.ListField(child=serializers.CharField(), required=False)
    max_steps = serializers.IntegerField(min_value=0, required=False, allow_null=True)

    def to_inputs(self) -> PlannerInput:
        d = self.validated_data
        return PlannerInput(
            target=d["target"],
            stage=d.get("stage") or "",
            efforts={str(k): v for k, v in (d.get("efforts") or {}).items()},
            costs={str(k): v for k, v in (d.get("costs") or {}).items()},
            frozen=frozenset(map(str, d.get("frozen") or ())),
            max_steps=d.get("max_steps"),
        )


def _proposal_json(p: Proposal) -> dict:
    plan = p.plan
    return {
        "base_stage": p.base.stage,
        "base_reason": p.base_reason,
        "target": _dec(plan.target),
        "reachable": plan.reachable,
        "best_reachable": _dec(plan.best_reachable),
        "index_before": _dec(plan.index_before),
        "index_after": _dec(plan.index_after),
        "predikat_after": plan.after.predikat,
        "total_effort": _dec(plan.total_effort),
        "total_steps": plan.total_steps,
        "total_cost": _dec(p.total_cost),
        "changes": [
            {
                "indicator": int(c.change.indicator),
                "code": c.row.code,
                "from_value": _dec(c.change.from_value),
                "to_value": _dec(c.change.to_value),
                "steps": c.change.steps,
                "effort": _dec(c.change.effort),
                "cost": _dec(c.cost),
                "index_gain": _dec(c.change.index_gain),
                "lead_unit": c.row.lead_unit.pk if c.row.lead_unit else None,
                "reason": c.reason,
            }
            for c in p.changes
        ],
    }


class PlannerApi(APIView):
    permission_classes = [IsAuthenticated]  # a computation: readers may ask it too

    @extend_schema(tags=["perencanaan"], request=PlannerInputSerializer, responses=dict)
    def post(self, request, pk):
        cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
        data = PlannerInputSerializer(data=request.data, context={"framework": cycle.framework})
        data.is_valid(raise_exception=True)
        proposal = selectors.planner_propose(figures=cycle_figures(cycle), inputs=data.to_inputs())
        return Response(_proposal_json(proposal))


class WhatIfInput(serializers.Serializer):
    stage = StageCodeField(required=False, allow_blank=True)
    changes = serializers.DictField(
        child=serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    )


class WhatIfApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["perencanaan"], request=WhatIfInput, responses=dict)
    def post(self, request, pk):
        cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
        data = WhatIfInput(data=request.data, context={"framework": cycle.framework})
        data.is_valid(raise_exception=True)
        result = selectors.cycle_what_if(
            figures=cycle_figures(cycle),
            stage=data.validated_data.get("stage") or "",
            changes={str(k): v for k, v in data.validated_data["changes"].items()},
        )
        return Response(
            {
                "before": score_json(result.before),
                "after": score_json(result.after),
                "index_delta": _dec(result.index_delta),
                "predikat_changed": result.predikat_changed,
            }
        )


class TargetApi(APIView):
    @extend_schema(tags=["perencanaan"], request=PlannerInputSerializer, responses=dict)
    def put(self, request, pk):
        cycle = _managed_cycle(request, pk)
        data = PlannerInputSerializer(data=request.data, context={"framework": cycle.framework})
        data.is_valid(raise_exception=True)
        target = services.target_set(
            actor=request.user,
            cycle=cycle,
            inputs=data.to_inputs(),
            request=request,
            figures=cycle_figures(cycle),
        )
        return Response({"cycle": cycle.pk, "target_index": _dec(target.target_index)})


# -- action items ----------------------------------------------------------------------------
class ActionItemOutput(serializers.ModelSerializer):
    indicator_number = serializers.IntegerField(source="indicator.number", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = ["id", "cycle", *services.ITEM_FIELDS, "indicator_number", "evidence"]
        fields += ["from_planner", "overdue"]

    def get_overdue(self, item) -> bool:
        return selectors.is_overdue(item)


class ActionItemInput(serializers.Serializer):
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.all())
    target_value = serializers.DecimalField(max_digits=4, decimal_places=2)
    from_value = serializers.DecimalField(
        max_digits=4, decimal_places=2, required=False, allow_null=True
    )
    description = serializers.CharField()
    owner_unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), required=False, allow_null=True
    )
    owner_person = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True
    )
    due_date = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=ActionItem.Status.choices, required=False)
    budget_estimate = serializers.DecimalField(
        max_digits=16, decimal_places=0, required=False, allow_null=True
    )
    effort = serializers.DecimalField(
        max_digits=8, decimal_places=2, required=False, allow_null=True
    )
    progress_notes = serializers.CharField(required=False, allow_blank=True)
    evidence = serializers.PrimaryKeyRelatedField(
        queryset=Document.objects.all(), many=True, required=False
    )


def _check_evidence(cycle, evidence) -> None:
    if any(doc.instansi_id != cycle.instansi_id for doc in evidence):
        raise DjangoValidationError({"evidence": [_("Dokumen harus milik instansi siklus ini.")]})


class ActionItemListApi(APIView):
    @extend_schema(tags=["perencanaan"], responses=ActionItemOutput(many=True))
    def get(self, request, pk):
        cycle = cycle_get(user=request.user, pk=pk)
        return Response(ActionItemOutput(selectors.action_items_of(cycle), many=True).data)

    @extend_schema(tags=["perencanaan"], request=ActionItemInput, responses={201: ActionItemOutput})
    def post(self, request, pk):
        cycle = _managed_cycle(request, pk)
        data = ActionItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        evidence = values.pop("evidence", [])
        _check_evidence(cycle, evidence)
        item = services.action_item_create(
            actor=request.user, cycle=cycle, request=request, evidence=evidence, **values
        )
        return Response(ActionItemOutput(item).data, status=status.HTTP_201_CREATED)


class ActionItemsFromPlanApi(APIView):
    @extend_schema(
        tags=["perencanaan"],
        request=PlannerInputSerializer,
        responses={201: ActionItemOutput(many=True)},
    )
    def post(self, request, pk):
        cycle = _managed_cycle(request, pk)
        data = PlannerInputSerializer(data=request.data, context={"framework": cycle.framework})
        data.is_valid(raise_exception=True)
        items = services.action_items_from_proposal(
            actor=request.user,
            figures=cycle_figures(cycle),
            inputs=data.to_inputs(),
            request=request,
        )
        return Response(ActionItemOutput(items, many=True).data, status=status.HTTP_201_CREATED)


class ActionItemDetailApi(APIView):
    def _item(self, request, pk) -> ActionItem:
        from django.shortcuts import get_object_or_404

        return get_object_or_404(
            ActionItem.objects.select_related("cycle__instansi", "cycle__framework", "indicator")
            .prefetch_related("evidence")
            .filter(cycle__in=cycle_visible(user=request.user)),
            pk=pk,
        )

    @extend_schema(tags=["perencanaan"], responses=ActionItemOutput)
    def get(self, request, pk):
        return Response(ActionItemOutput(self._item(request, pk)).data)

    @extend_schema(tags=["perencanaan"], request=ActionItemInput, responses=ActionItemOutput)
    def patch(self, request, pk):
        item = self._item(request, pk)
        ensure(request.user, "instansi.manage", item.cycle.instansi)
        data = ActionItemInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        evidence = values.pop("evidence", None)
        if evidence is not None:
            _check_evidence(item.cycle, evidence)
        item = services.action_item_update(
            actor=request.user, item=item, request=request, evidence=evidence, **values
        )
        return Response(ActionItemOutput(item).data)

    @extend_schema(tags=["perencanaan"], responses={204: None})
    def delete(self, request, pk):
        item = self._item(request, pk)
        ensure(request.user, "instansi.manage", item.cycle.instansi)
        services.action_item_delete(actor=request.user, item=item, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
