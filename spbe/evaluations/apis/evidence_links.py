"""REST API of evidence links (a document offered as evidence of an assessment at a level).

Evaluations own the links; the routes keep their place under /api/evidence-links/ and the
"bukti dukung" tag, and writes pass evidence's own up-front check (`EvidenceWrites`).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from spbe.evaluations import services
from spbe.evaluations.models import Assessment, EvidenceLink
from spbe.evaluations.selectors import assessment_get
from spbe.evaluations.services.evidence_links import evidence_upload
from spbe.evidence import selectors
from spbe.evidence.apis import TAGS, BaseApi, DocumentMetadataInput, _owner_unit


class LinkInput(serializers.Serializer):
    assessment = serializers.IntegerField()
    document = serializers.IntegerField()
    level = serializers.IntegerField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class LinkOutput(serializers.ModelSerializer):
    class Meta:
        model = EvidenceLink
        fields = ["id", "assessment", "document", "level", "note", "linked_by", "linked_at"]


class UploadInput(DocumentMetadataInput):
    assessment = serializers.IntegerField()
    level = serializers.IntegerField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    file = serializers.FileField()


class UploadOutput(serializers.Serializer):
    link = LinkOutput()
    reused = serializers.BooleanField(
        help_text="Berkas yang sama sudah menjadi bukti indikator ini: tidak ada dokumen baru."
    )
    message = serializers.CharField()


def _assessment(user, pk) -> Assessment:
    return assessment_get(user=user, pk=pk)


class LinkCreateApi(BaseApi):
    @extend_schema(request=LinkInput, responses={201: LinkOutput}, tags=TAGS)
    def post(self, request):
        data = LinkInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        assessment = _assessment(request.user, values["assessment"])
        document = selectors.document_get(user=request.user, pk=values["document"])
        link = services.evidence_link(
            actor=request.user,
            assessment=assessment,
            document=document,
            level=values["level"],
            note=values.get("note", ""),
            request=request,
        )
        return Response(LinkOutput(link).data, status=status.HTTP_201_CREATED)


class LinkDetailApi(BaseApi):
    @extend_schema(responses=LinkOutput, tags=TAGS)
    def get(self, request, pk):
        link = get_object_or_404(EvidenceLink, pk=pk)
        _assessment(request.user, link.assessment_id)
        return Response(LinkOutput(link).data)

    @extend_schema(responses={204: None}, tags=TAGS)
    def delete(self, request, pk):
        link = get_object_or_404(EvidenceLink.objects.select_related("document"), pk=pk)
        link.assessment = _assessment(request.user, link.assessment_id)
        services.evidence_unlink(actor=request.user, link=link, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LinkUploadApi(BaseApi):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": UploadInput},
        responses={201: UploadOutput, 200: UploadOutput},
        tags=TAGS,
        description=(
            "Unggah berkas dan tautkan sebagai bukti indikator dalam satu langkah (keduanya "
            "atau tidak sama sekali). Berkas yang sama (SHA-256) yang sudah menjadi bukti "
            "indikator ini tidak diunggah lagi: jawabannya 200 dengan dokumen itu (`reused`)."
        ),
    )
    def post(self, request):
        data = UploadInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        assessment = _assessment(request.user, values.pop("assessment"))
        values["owner_unit"] = _owner_unit(assessment.cycle.instansi_id, values.get("owner_unit"))
        done = evidence_upload(
            actor=request.user,
            assessment=assessment,
            level=values.pop("level"),
            note=values.pop("note", ""),
            upload=values.pop("file"),
            request=request,
            **values,
        )
        body = {"link": LinkOutput(done.link).data, "reused": done.reused, "message": done.message}
        return Response(body, status=status.HTTP_200_OK if done.reused else status.HTTP_201_CREATED)
