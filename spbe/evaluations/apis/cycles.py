"""REST API of cycles: list, open, one cycle, state transition, finalise, reopen."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from spbe.evaluations import selectors, services
from spbe.evaluations.apis._common import TAG, BaseApi, validated
from spbe.evaluations.models import Cycle
from spbe.frameworks.models import Framework
from spbe.organizations.permissions import ensure
from spbe.organizations.selectors import instansi_get


class CycleOutput(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework.code")
    framework_version = serializers.IntegerField(source="framework.version")
    is_locked = serializers.BooleanField()

    class Meta:
        model = Cycle
        fields = [
            "id",
            "instansi",
            "framework",
            "framework_version",
            "year",
            "kind",
            "name",
            "state",
            "is_locked",
            "self_assessment_due",
            "review_due",
            "copied_from",
            "created_at",
            "finalised_at",
        ]


class CycleCreateInput(serializers.Serializer):
    instansi = serializers.IntegerField()
    framework = serializers.CharField(help_text="kode kerangka, mis. spbe-59-2020")
    framework_version = serializers.IntegerField(required=False)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    kind = serializers.ChoiceField(choices=Cycle.Kind.choices)
    name = serializers.CharField(max_length=200)
    self_assessment_due = serializers.DateField(required=False, allow_null=True)
    review_due = serializers.DateField(required=False, allow_null=True)
    copy_from = serializers.IntegerField(required=False, allow_null=True)
    copy_parts = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(services.cycle_open.COPY_PARTS)),
        required=False,
    )
    shift_due_dates = serializers.BooleanField(required=False, default=True)


class CycleListApi(BaseApi):
    @extend_schema(responses=CycleOutput(many=True), tags=TAG)
    def get(self, request):
        return self.paginate(request, selectors.cycle_visible(user=request.user), CycleOutput)

    @extend_schema(request=CycleCreateInput, responses={201: CycleOutput}, tags=TAG)
    def post(self, request):
        try:
            instansi = instansi_get(user=request.user, pk=int(request.data.get("instansi")))
        except (TypeError, ValueError):
            raise serializers.ValidationError({"instansi": [_("Instansi wajib diisi.")]}) from None
        ensure(request.user, "instansi.manage", instansi)
        data = validated(CycleCreateInput, request)
        frameworks = Framework.objects.filter(code=data["framework"]).order_by("-version")
        if data.get("framework_version"):
            frameworks = frameworks.filter(version=data["framework_version"])
        framework = frameworks.first()
        if framework is None:
            raise serializers.ValidationError({"framework": [_("Kerangka tidak dikenal.")]})
        copy_from = None
        if data.get("copy_from"):
            copy_from = selectors.cycle_get(user=request.user, pk=data["copy_from"])
        cycle = services.cycle_create(
            actor=request.user,
            instansi=instansi,
            framework=framework,
            year=data["year"],
            kind=data["kind"],
            name=data["name"],
            self_assessment_due=data.get("self_assessment_due"),
            review_due=data.get("review_due"),
            copy_from=copy_from,
            copy_parts=set(data.get("copy_parts", services.cycle_open.COPY_PARTS)),
            shift_due_dates=data["shift_due_dates"],
            request=request,
        )
        return Response(CycleOutput(cycle).data, status=status.HTTP_201_CREATED)


class CycleDetailApi(BaseApi):
    @extend_schema(responses=CycleOutput, tags=TAG)
    def get(self, request, pk):
        return Response(CycleOutput(selectors.cycle_get(user=request.user, pk=pk)).data)


class CycleTransitionApi(BaseApi):
    @extend_schema(
        request=inline_serializer("TransitionInput", {"state": serializers.CharField()}),
        responses=CycleOutput,
        tags=TAG,
    )
    def post(self, request, pk):
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        cycle = services.cycle_transition(
            actor=request.user,
            cycle=cycle,
            state=str(request.data.get("state", "")),
            request=request,
        )
        return Response(CycleOutput(cycle).data)


class CycleFinaliseApi(BaseApi):
    @extend_schema(request=None, responses=CycleOutput, tags=TAG)
    def post(self, request, pk):
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        cycle = services.cycle_finalise(actor=request.user, cycle=cycle, request=request)
        return Response(CycleOutput(cycle).data)


class CycleReopenApi(BaseApi):
    @extend_schema(
        request=inline_serializer("ReopenInput", {"reason": serializers.CharField()}),
        responses=CycleOutput,
        tags=TAG,
    )
    def post(self, request, pk):
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        cycle = services.cycle_reopen(
            actor=request.user,
            cycle=cycle,
            reason=str(request.data.get("reason", "")),
            request=request,
        )
        return Response(CycleOutput(cycle).data)
