"""REST API of the lembar kerja: download it, import an edited one (dry run or applied).

Same rules as the pages: outsiders 404, read-only roles 403 on the import before the file is
read; the services decide the rest, as the importing user.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiTypes, extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from spbe.evaluations import access
from spbe.evaluations.selectors import cycle_get
from spbe.worksheets import services
from spbe.worksheets.text import show_value
from spbe.worksheets.views import base_url, xlsx_response
from spbe.worksheets.xlsx import XLSX_TYPE, worksheet_export

TAG = ["lembar kerja"]


class ImportWrites(permissions.IsAuthenticated):
    def has_permission(self, request, view):
        return super().has_permission(request, view) and access.may_write(request.user)


class WorksheetImportInput(serializers.Serializer):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(required=False, default=False)


CELL_FIELDS = {
    "column": serializers.CharField(),
    "header": serializers.CharField(),
    "old": serializers.CharField(allow_null=True),
    "new": serializers.CharField(allow_null=True),
    "old_display": serializers.CharField(),
    "new_display": serializers.CharField(),
}
ImportOutput = inline_serializer(
    "WorksheetImportResult",
    {
        "applied": serializers.BooleanField(),
        "cells": serializers.IntegerField(),
        "changes": inline_serializer(
            "WorksheetRowChange",
            {
                "row": serializers.IntegerField(),
                "indicator": serializers.IntegerField(),
                "code": serializers.CharField(),
                "cells": inline_serializer("WorksheetCellChange", CELL_FIELDS, many=True),
            },
            many=True,
        ),
        "errors": serializers.ListField(child=serializers.CharField()),
    },
)


def _plain(value):
    return None if value is None else str(value)


def _changes_json(cycle, plan) -> list[dict]:
    return [
        {
            "row": change.row,
            "indicator": change.number,
            "code": change.code,
            "cells": [
                {
                    "column": cell.column.key,
                    "header": cell.column.header,
                    "old": _plain(cell.old),
                    "new": _plain(cell.new),
                    "old_display": show_value(cycle, cell.column, cell.old),
                    "new_display": show_value(cycle, cell.column, cell.new),
                }
                for cell in change.cells
            ],
        }
        for change in plan.changes
    ]


class WorksheetApi(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={(200, XLSX_TYPE): OpenApiTypes.BINARY}, tags=TAG)
    def get(self, request, pk):
        """The lembar kerja of the cycle (the indicators the user sees) as XLSX."""
        cycle = cycle_get(user=request.user, pk=pk)
        return xlsx_response(
            cycle, worksheet_export(user=request.user, cycle=cycle, base_url=base_url(request))
        )


class WorksheetImportApi(APIView):
    permission_classes = [ImportWrites]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": WorksheetImportInput},
        responses={200: ImportOutput, 400: ImportOutput},
        tags=TAG,
    )
    def post(self, request, pk):
        """Import an edited worksheet as the requesting user: all or nothing; `dry_run`
        only lists the changes. Refused rows answer 400 with every problem."""
        cycle = cycle_get(user=request.user, pk=pk)
        data = WorksheetImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        plan = services.worksheet_import_plan(
            actor=request.user, cycle=cycle, fileobj=upload, filename=upload.name
        )
        body = {
            "applied": False,
            "cells": plan.cell_count,
            "changes": _changes_json(cycle, plan),
            "errors": plan.errors,
        }
        if plan.errors:
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        if plan.changes and not data.validated_data["dry_run"]:
            try:
                services.worksheet_import_apply(
                    actor=request.user,
                    cycle=cycle,
                    changes=plan.changes,
                    filename=plan.filename,
                    sha256=plan.sha256,
                    request=request,
                )
            except ValidationError as exc:
                body["errors"] = exc.messages
                return Response(body, status=status.HTTP_400_BAD_REQUEST)
            body["applied"] = True
        return Response(body)
