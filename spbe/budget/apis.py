"""REST API of planned ICT spending, with the pages' permissions: the year's items (list and
create), one item (read, change), and the consolidation with its flags."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from spbe.budget import selectors, services
from spbe.budget.models import BudgetItem
from spbe.core.api.params import query_year
from spbe.core.api.parsers import OBJECT_PARSERS
from spbe.organizations.permissions import scope_for
from spbe.organizations.selectors import instansi_get

TAG = "belanja-tik"
YEAR = OpenApiParameter("year", int, description="tahun anggaran", required=True)


class BudgetItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetItem
        fields = [
            "id",
            *services.FIELDS,
            "consultation_date",
            "consultation_outcome",
            "consultation_note",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "consultation_date",
            "consultation_outcome",
            "consultation_note",
            "updated_at",
        ]


class BudgetItemListApi(generics.GenericAPIView):
    serializer_class = BudgetItemSerializer
    parser_classes = OBJECT_PARSERS

    @extend_schema(tags=[TAG], parameters=[YEAR], operation_id="budget_items_list")
    def get(self, request, instansi_pk):
        instansi = instansi_get(user=request.user, pk=instansi_pk)
        qs = selectors.budget_items(
            user=request.user, instansi=instansi, year=query_year(request, required=True)
        )
        page = self.paginate_queryset(
            qs.prefetch_related("indicators", "applications", "infrastructure").order_by("pk")
        )
        return self.get_paginated_response(BudgetItemSerializer(page, many=True).data)

    @extend_schema(tags=[TAG], operation_id="budget_items_create")
    def post(self, request, instansi_pk):
        instansi = instansi_get(user=request.user, pk=instansi_pk)
        data = BudgetItemSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.budget_item_create(
            actor=request.user, instansi=instansi, values=dict(data.validated_data), request=request
        )
        return Response(BudgetItemSerializer(item).data, status=status.HTTP_201_CREATED)


class BudgetItemDetailApi(generics.GenericAPIView):
    serializer_class = BudgetItemSerializer
    parser_classes = OBJECT_PARSERS

    def _item(self, request, instansi_pk, pk):
        instansi = instansi_get(user=request.user, pk=instansi_pk)
        return selectors.budget_item_get(user=request.user, instansi=instansi, pk=pk)

    @extend_schema(tags=[TAG], operation_id="budget_item_get")
    def get(self, request, instansi_pk, pk):
        return Response(BudgetItemSerializer(self._item(request, instansi_pk, pk)).data)

    @extend_schema(tags=[TAG], operation_id="budget_item_patch")
    def patch(self, request, instansi_pk, pk):
        item = self._item(request, instansi_pk, pk)
        data = BudgetItemSerializer(item, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.budget_item_update(
            actor=request.user, item=item, values=dict(data.validated_data), request=request
        )
        return Response(BudgetItemSerializer(item).data)


class BudgetSummaryOutput(serializers.Serializer):
    instansi = serializers.CharField(allow_null=True, help_text="kunci instansi")
    year = serializers.IntegerField()
    items = serializers.IntegerField()
    total = serializers.IntegerField()
    realised = serializers.IntegerField()
    by_unit = serializers.DictField(child=serializers.IntegerField())
    by_category = serializers.DictField(child=serializers.IntegerField())
    by_indicator = serializers.DictField(child=serializers.IntegerField())
    by_domain = serializers.DictField(child=serializers.IntegerField())
    costs = serializers.DictField(child=serializers.IntegerField())
    flags = serializers.DictField(
        help_text="builds_existing, unlinked, unconsulted, action_without_budget"
    )


class BudgetSummaryApi(generics.GenericAPIView):
    serializer_class = BudgetSummaryOutput

    @extend_schema(tags=[TAG], parameters=[YEAR], operation_id="budget_summary")
    def get(self, request, instansi_pk):
        instansi = instansi_get(user=request.user, pk=instansi_pk)
        if not scope_for(request.user).sees_whole_instansi(instansi.pk):
            raise PermissionDenied
        return Response(
            selectors.summary_json(instansi=instansi, year=query_year(request, required=True))
        )
