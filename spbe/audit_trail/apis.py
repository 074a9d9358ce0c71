"""REST API of the audit trail: read-only, the coordinator's instansi only; CSV export."""

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework import permissions, serializers
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from spbe.audit import selectors
from spbe.audit.labels import action_label
from spbe.audit.models import AuditEvent
from spbe.audit_trail.exports import event_csv_response
from spbe.core.api.params import query_id
from spbe.organizations.permissions import ensure
from spbe.organizations.selectors import instansi_get


class EventOutput(serializers.ModelSerializer):
    action_label = serializers.SerializerMethodField()

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor",
            "actor_label",
            "action",
            "action_label",
            "object_type",
            "object_id",
            "object_repr",
            "instansi",
            "changes",
            "extra",
            "ip_address",
            "user_agent",
        ]

    def get_action_label(self, event) -> str:
        return action_label(event.action)


class EventFilterInput(serializers.Serializer):
    instansi = serializers.IntegerField()
    action = serializers.CharField(required=False, allow_blank=True)
    actor = serializers.CharField(required=False, allow_blank=True)
    object = serializers.CharField(required=False, allow_blank=True)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)


FILTER_PARAMS = [
    OpenApiParameter("instansi", int, required=True),
    OpenApiParameter("action", str),
    OpenApiParameter("actor", str),
    OpenApiParameter("object", str),
    OpenApiParameter("date_from", dt.date),
    OpenApiParameter("date_to", dt.date),
]


def _events(request):
    # The instansi is resolved before the other filters are validated: outsiders get 404.
    instansi = instansi_get(user=request.user, pk=query_id(request, "instansi", required=True))
    ensure(request.user, "audit.view", instansi)
    data = EventFilterInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    values = dict(data.validated_data)
    values.pop("instansi")
    values["obj"] = values.pop("object", "")
    return instansi, selectors.event_list(instansi=instansi, **values)


class EventListApi(APIView):
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    @extend_schema(parameters=FILTER_PARAMS, responses=EventOutput(many=True), tags=["audit"])
    def get(self, request):
        _instansi, events = _events(request)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(events, request, view=self)
        return paginator.get_paginated_response(EventOutput(page, many=True).data)


class EventExportApi(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=FILTER_PARAMS, responses={(200, "text/csv"): OpenApiTypes.STR}, tags=["audit"]
    )
    def get(self, request):
        instansi, events = _events(request)
        return event_csv_response(instansi=instansi, events=events)
