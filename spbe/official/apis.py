"""REST API of official results: import preview/confirm for a cycle, published history.

The cycle is resolved before the body is read: outsiders 404, everybody in scope who does not
manage the instansi 403. Published results: reads scoped, writes by managers only (403 up
front), the instansi in the body resolved with the same rule.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from spbe.core.api.params import query_id, query_year
from spbe.core.api.parsers import JSONObjectParser
from spbe.evaluations.selectors import cycle_get
from spbe.frameworks.official_reports import published_framework_labels
from spbe.official import selectors, services
from spbe.official.models import PublishedResult
from spbe.official.parsed import COLUMN_AUTO, COLUMN_PREVIOUS, COLUMN_REPORT, import_stages
from spbe.organizations.api_permissions import ManagerWrites
from spbe.scoring import ScoreResult

TAGS = ["hasil resmi"]


def _text(value: Any) -> Any:
    """Decimals as strings ("1.20"), recursively; everything else unchanged."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _text(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_text(v) for v in value]
    return value


def _score(result: ScoreResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "index": _text(result.index),
        "predikat": result.predikat,
        "complete": result.complete,
        "domains": {code: _text(g.value) for code, g in result.domains.items()},
        "aspects": {code: _text(g.value) for code, g in result.aspects.items()},
    }


class StagesField(serializers.ListField):
    """Repeated form fields (stages=dokumen&stages=final) or one comma-separated value.

    The codes are checked against the importable stages of `context["framework"]` (the
    stages are data, so the field cannot list them when the class is defined).
    """

    child = serializers.CharField(max_length=16)

    def to_internal_value(self, data):
        if len(data) == 1 and isinstance(data[0], str) and "," in data[0]:
            data = [part.strip() for part in data[0].split(",") if part.strip()]
        codes = super().to_internal_value(data)
        importable = import_stages(self.context["framework"])
        unknown = [code for code in codes if code not in importable]
        if unknown:
            raise serializers.ValidationError(
                _("Tahap tidak dikenal: %(s)s. Pilihan: %(c)s.")
                % {"s": ", ".join(unknown), "c": ", ".join(importable)}
            )
        return codes


class PreviewInput(serializers.Serializer):
    file = serializers.FileField()
    stages = StagesField(required=False)
    column = serializers.ChoiceField(
        choices=[COLUMN_AUTO, COLUMN_REPORT, COLUMN_PREVIOUS], default=COLUMN_AUTO
    )


class ConfirmInput(serializers.Serializer):
    token = serializers.CharField()


class OfficialPreviewApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": PreviewInput},
        responses={200: dict},
        tags=TAGS,
        summary="Baca berkas hasil resmi dan tampilkan perbedaannya (belum disimpan)",
    )
    def post(self, request, pk):
        cycle = cycle_get(user=request.user, pk=pk, coordinated=True)
        data = PreviewInput(data=request.data, context={"framework": cycle.framework})
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        preview = services.official_import_preview(
            actor=request.user,
            cycle=cycle,
            fileobj=upload,
            filename=upload.name,
            stages=data.validated_data.get("stages"),
            column=data.validated_data["column"],
            request=request,
        )
        comparison = preview.comparison
        return Response(
            {
                "token": preview.token,
                "source": preview.parsed.source,
                "filename": preview.parsed.filename,
                "sha256": preview.parsed.sha256,
                "stages": preview.stages,
                "counts": comparison["counts"],
                "differences": _text(
                    [
                        {
                            "indicator": row["number"],
                            "code": row["code"],
                            "name": row["name"],
                            "mandiri": row["mandiri"],
                            "stages": {
                                c["stage"]: {
                                    "current": c["current"],
                                    "imported": c["imported"],
                                    "change": c["change"],
                                }
                                for c in row["stages"]
                            },
                        }
                        for row in comparison["rows"]
                    ]
                ),
                "scores": {
                    s["stage"]: {"before": _score(s["before"]), "after": _score(s["after"])}
                    for s in comparison["scores"]
                },
                "mandiri": _score(comparison["mandiri"]),
                "printed": _text(preview.parsed.report),
                "check": _text(comparison["check"]),
                "check_ok": bool(comparison["check"])
                and all(line["match"] for line in comparison["check"]),
            }
        )


class OfficialConfirmApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONObjectParser, FormParser, MultiPartParser]

    @extend_schema(
        request=ConfirmInput,
        responses={200: dict},
        tags=TAGS,
        summary="Terapkan tepat apa yang dipratinjau (semua atau tidak sama sekali)",
    )
    def post(self, request, pk):
        cycle = cycle_get(user=request.user, pk=pk, coordinated=True)
        data = ConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        outcome = services.official_import_confirm(
            actor=request.user, cycle=cycle, token=data.validated_data["token"], request=request
        )
        return Response(
            {
                "stages": outcome.per_stage,
                "written": outcome.written,
                "notes": outcome.notes,
                "audit_event": outcome.event_id,
            }
        )


class PublishedResultOutput(serializers.ModelSerializer):
    class Meta:
        model = PublishedResult
        fields = [
            "id",
            "instansi",
            "year",
            "framework_code",
            "index",
            "domains",
            "predikat",
            "source",
            "note",
            "verified",
        ]


class PublishedResultInput(serializers.Serializer):
    instansi = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    framework_code = serializers.ChoiceField(choices=list(published_framework_labels()))
    index = serializers.CharField(max_length=10, required=False, allow_blank=True)
    domains = serializers.DictField(child=serializers.CharField(max_length=10), required=False)
    predikat = serializers.CharField(max_length=40, required=False, allow_blank=True)
    source = serializers.CharField(max_length=300)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    verified = serializers.BooleanField(default=True)
    replace = serializers.BooleanField(default=False)


class PublishedResultListApi(GenericAPIView):
    permission_classes = [ManagerWrites]
    serializer_class = PublishedResultOutput

    @extend_schema(
        parameters=[
            OpenApiParameter("instansi", int, required=False),
            OpenApiParameter("year", int, required=False),
        ],
        responses=PublishedResultOutput(many=True),
        tags=TAGS,
    )
    def get(self, request):
        qs = selectors.published_results_visible(
            user=request.user,
            instansi=query_id(request, "instansi"),
            year=query_year(request),
        )
        page = self.paginate_queryset(qs)
        if page is None:
            return Response(PublishedResultOutput(qs, many=True).data)
        return self.get_paginated_response(PublishedResultOutput(page, many=True).data)

    @extend_schema(
        request=PublishedResultInput,
        responses={201: PublishedResultOutput, 200: PublishedResultOutput},
        tags=TAGS,
        summary="Catat indeks terpublikasi; tahun yang sudah ada hanya diganti dengan replace",
    )
    def post(self, request):
        try:
            pk = int(request.data.get("instansi"))
        except (TypeError, ValueError):
            raise ValidationError({"instansi": [_("Instansi wajib diisi.")]}) from None
        instansi = selectors.instansi_for_history(user=request.user, pk=pk)
        data = PublishedResultInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("instansi")
        existed = PublishedResult.objects.filter(instansi=instansi, year=values["year"]).exists()
        record = services.published_result_record(
            actor=request.user, instansi=instansi, request=request, **values
        )
        return Response(
            PublishedResultOutput(record).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )
