"""REST API of the user's notifications: list, mark read."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response

from spbe.evaluations import selectors, services
from spbe.evaluations.apis._common import TAG, BaseApi
from spbe.evaluations.models import Notification


class NotificationOutput(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "url", "assessment", "created_at", "read_at"]


class NotificationListApi(BaseApi):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("unread", bool, required=False)],
        responses=NotificationOutput(many=True),
        tags=TAG,
    )
    def get(self, request):
        unread = request.query_params.get("unread") in ("1", "true")
        qs = selectors.notification_list(user=request.user, unread_only=unread)
        return self.paginate(request, qs, NotificationOutput)


class NotificationReadApi(BaseApi):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=inline_serializer(
            "NotificationReadInput",
            {"ids": serializers.ListField(child=serializers.IntegerField(), required=False)},
        ),
        responses=inline_serializer("NotificationRead", {"marked": serializers.IntegerField()}),
        tags=TAG,
    )
    def post(self, request):
        ids = request.data.get("ids")
        if ids is not None and not isinstance(ids, list):
            raise serializers.ValidationError({"ids": [_("Harus daftar angka.")]})
        try:
            marked = services.notification_mark_read(
                user=request.user, ids=None if ids is None else [int(i) for i in ids]
            )
        except (TypeError, ValueError, DjangoValidationError):
            raise serializers.ValidationError({"ids": [_("Harus daftar angka.")]}) from None
        return Response({"marked": marked})
