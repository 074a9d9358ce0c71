"""REST API of generated documents: start a generation, poll its status, download the file.

The same service and rules as the page: a document is built in the background (202 with the
status to poll), whoever cannot see the document's data gets 404, whoever sees it but may
not make it 403; downloads are attachments, never cached.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from spbe.evaluations.models import Stage
from spbe.evaluations.selectors import cycle_get
from spbe.organizations.models import Unit
from spbe.reports.models import GeneratedFile
from spbe.reports.selectors.documents import generated_file_get
from spbe.reports.selectors.province import province_get
from spbe.reports.services import generated_file_request
from spbe.reports.views_documents import generated_file_response


class GenerateInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=GeneratedFile.Kind.choices)
    stage = serializers.ChoiceField(choices=Stage.choices, required=False, allow_blank=True)
    unit = serializers.IntegerField(required=False, allow_null=True)
    format = serializers.ChoiceField(
        choices=["pdf", "docx", "zip"], required=False, allow_blank=True
    )


class ProvinceGenerateInput(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="tahun (bawaan: tahun yang dibuka halaman provinsi)",
    )


class GeneratedFileOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    format = serializers.CharField(source="file_format")
    cycle = serializers.IntegerField(source="cycle_id", allow_null=True)
    stage = serializers.CharField()
    unit = serializers.IntegerField(source="unit_id", allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    progress = serializers.IntegerField()
    error = serializers.CharField()
    requested_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    data_version = serializers.CharField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField(allow_null=True)
    filename = serializers.CharField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, generated) -> str | None:
        if generated.status != GeneratedFile.Status.DONE:
            return None
        return reverse("api-generated-file-download", args=[generated.pk])


def _started(generated: GeneratedFile) -> Response:
    """202 with the file's status to poll."""
    generated.refresh_from_db()  # the test/demo backend has already built it
    return Response(GeneratedFileOutput(generated).data, status=status.HTTP_202_ACCEPTED)


class CycleDocumentsApi(APIView):
    @extend_schema(
        tags=["dokumen"],
        request=GenerateInput,
        responses={202: GeneratedFileOutput},
        summary="Mulai membuat dokumen siklus (LHE, Berita Acara, kartu skor, paket unggah)",
    )
    def post(self, request, pk):
        cycle = cycle_get(user=request.user, pk=pk)
        data = GenerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        unit = None
        if data.validated_data.get("unit"):
            unit = Unit.objects.filter(
                pk=data.validated_data["unit"], instansi=cycle.instansi
            ).first()
            if unit is None:
                raise serializers.ValidationError(
                    {"unit": [_("Unit tidak ada di instansi siklus ini.")]}
                )
        generated = generated_file_request(
            user=request.user,
            kind=data.validated_data["kind"],
            cycle=cycle,
            stage=data.validated_data.get("stage", ""),
            unit=unit,
            file_format=data.validated_data.get("format", ""),
            request=request,
        )
        return _started(generated)


class ProvinceDocumentsApi(APIView):
    @extend_schema(
        tags=["dokumen"],
        request=ProvinceGenerateInput,
        responses={202: GeneratedFileOutput},
        summary="Mulai membuat laporan perbandingan kabupaten/kota satu provinsi (PDF)",
    )
    def post(self, request, pk):
        province = province_get(user=request.user, pk=pk)
        data = ProvinceGenerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        generated = generated_file_request(
            user=request.user,
            kind=GeneratedFile.Kind.PROVINCE,
            province=province,
            year=data.validated_data.get("year"),
            request=request,
        )
        return _started(generated)


class DocumentStatusApi(APIView):
    @extend_schema(tags=["dokumen"], responses=GeneratedFileOutput, summary="Status pembuatan")
    def get(self, request, pk):
        return Response(GeneratedFileOutput(generated_file_get(user=request.user, pk=pk)).data)


class DocumentDownloadApi(APIView):
    @extend_schema(
        tags=["dokumen"],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        summary="Unduh dokumen yang sudah selesai",
    )
    def get(self, request, pk):
        return generated_file_response(generated_file_get(user=request.user, pk=pk))
