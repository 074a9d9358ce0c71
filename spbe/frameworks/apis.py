"""Read-only REST API for frameworks: one thin view per operation, its own serializers."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from spbe.frameworks import selectors


class FrameworkOutput(serializers.Serializer):
    urn = serializers.CharField()
    code = serializers.CharField()
    version = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    legal_basis = serializers.CharField()
    status = serializers.CharField()
    criteria_status = serializers.CharField()
    value_kind = serializers.CharField()
    value_min = serializers.DecimalField(max_digits=6, decimal_places=2)
    value_max = serializers.DecimalField(max_digits=6, decimal_places=2)
    predikat_basis = serializers.CharField()
    indicator_count = serializers.IntegerField()
    loaded_at = serializers.DateTimeField()


class LevelOutput(serializers.Serializer):
    level = serializers.IntegerField()
    criteria = serializers.CharField()
    evidence = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))


class IndicatorOutput(serializers.Serializer):
    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    weight = serializers.DecimalField(max_digits=6, decimal_places=2)
    aspect = serializers.CharField(source="aspect.code")
    domain = serializers.CharField(source="aspect.parent.code", default=None, allow_null=True)
    ladder = serializers.CharField()
    subject_chosen = serializers.BooleanField()
    source = serializers.CharField()
    external_index = serializers.CharField(allow_blank=True)
    levels = LevelOutput(many=True)


class GroupOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    weight = serializers.DecimalField(max_digits=6, decimal_places=2)
    domain = serializers.CharField(source="parent.code", default=None, allow_null=True)


class FrameworkDetailOutput(FrameworkOutput):
    indicator_count = None
    predikat_basis_by_year = serializers.DictField(child=serializers.CharField())
    bands = serializers.ListField(child=serializers.DictField())
    ladders = serializers.DictField()
    evidence_rules = serializers.ListField(child=serializers.DictField())
    external_indices = serializers.DictField()
    notes = serializers.CharField(allow_blank=True)
    domains = GroupOutput(many=True, source="domain_rows")
    aspects = GroupOutput(many=True, source="aspect_rows")
    indicators = IndicatorOutput(many=True, source="indicator_rows")


class FrameworkListApi(APIView):
    @extend_schema(
        operation_id="frameworks_list",
        summary="Daftar kerangka evaluasi yang dimuat",
        responses=FrameworkOutput(many=True),
    )
    def get(self, request):
        return Response(FrameworkOutput(selectors.framework_list(), many=True).data)


class FrameworkDetailApi(APIView):
    @extend_schema(
        operation_id="frameworks_retrieve",
        summary="Satu kerangka (versi terbaru, atau ?version=N) beserta indikatornya",
        responses=FrameworkDetailOutput,
    )
    def get(self, request, code: str):
        version = request.query_params.get("version")
        framework = selectors.framework_get_or_404(
            code, int(version) if version and version.isdigit() else None
        )
        # Rows fetched once, in a bounded number of queries, then attached for the serializer.
        groups = list(selectors.framework_groups(framework))
        framework.domain_rows = [g for g in groups if g.kind == g.Kind.DOMAIN]
        framework.aspect_rows = [g for g in groups if g.kind == g.Kind.ASPECT]
        framework.indicator_rows = list(selectors.framework_indicators(framework))
        return Response(FrameworkDetailOutput(framework).data)
