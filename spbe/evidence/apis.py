"""REST API of evidence: documents, file revisions, permission-checked downloads and search
(evidence links are evaluations': `spbe.evaluations.apis.evidence_links`). Same rule as the
pages: outsiders 404; users who change no unit's work (asesor, pimpinan, pembina) get 403 on
writes before the body is read; service errors 400.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from spbe.core.api.base import BaseApi as CoreBaseApi
from spbe.core.api.base import WritesWhen
from spbe.core.api.parsers import JSONObjectParser
from spbe.evidence import access, selectors, services
from spbe.evidence.models import Document, DocumentRevision
from spbe.evidence.views import file_response
from spbe.organizations.models import Unit
from spbe.organizations.selectors import instansi_get

TAGS = ["bukti dukung"]


class EvidenceWrites(WritesWhen):
    """Writes only for users who change some unit's work (responden, koordinator,
    administrator): 403 before the body is read."""

    def may_write(self, user) -> bool:
        return access.can_upload_anywhere(user)


class BaseApi(CoreBaseApi):
    permission_classes = [EvidenceWrites]


# -- serializers -------------------------------------------------------------------------------
class RevisionOutput(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentRevision
        fields = [
            "id",
            "number",
            "original_name",
            "safe_name",
            "sha256",
            "size",
            "detected_kind",
            "mime_type",
            "uploaded_by",
            "uploaded_at",
            "text_status",
            "download_url",
        ]

    def get_download_url(self, revision) -> str:
        return f"/api/revisions/{revision.pk}/download/"


class DocumentOutput(serializers.ModelSerializer):
    current_revision = RevisionOutput(read_only=True)
    # a blank URLField is described as oneOf(uri, empty), which "" matches twice: plain text
    url = serializers.CharField(read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "instansi",
            "owner_unit",
            "kind",
            "freshness_kind",
            "title",
            "number",
            "document_date",
            "issuing_unit",
            "url",
            "is_archived",
            "current_revision",
            "created_at",
            "updated_at",
        ]


class DocumentMetadataInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Document.Kind.choices)
    title = serializers.CharField(max_length=500)
    number = serializers.CharField(max_length=200, required=False, allow_blank=True)
    document_date = serializers.DateField(required=False, allow_null=True)
    issuing_unit = serializers.CharField(max_length=300, required=False, allow_blank=True)
    freshness_kind = serializers.ChoiceField(
        choices=Document.Freshness.choices, required=False, allow_blank=True
    )
    owner_unit = serializers.IntegerField(required=False, allow_null=True)
    url = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class DocumentCreateInput(DocumentMetadataInput):
    instansi = serializers.IntegerField()
    file = serializers.FileField(required=False)


class DocumentUpdateInput(DocumentMetadataInput):
    kind = serializers.ChoiceField(choices=Document.Kind.choices, required=False)
    title = serializers.CharField(max_length=500, required=False)


class RevisionUploadInput(serializers.Serializer):
    file = serializers.FileField()


class SearchHitOutput(serializers.Serializer):
    document = DocumentOutput()
    snippet = serializers.CharField()
    in_text = serializers.BooleanField()


class SearchOutput(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    hits = SearchHitOutput(many=True)


def _instansi_param(request):
    """The `instansi` query parameter as a visible Instansi; None when absent, 404 when
    unknown, out of sight or not a number."""
    raw = request.query_params.get("instansi")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return instansi_get(user=request.user, pk=int(raw))


def _owner_unit(instansi_id, pk):
    if pk is None:
        return None
    return get_object_or_404(Unit, pk=pk, instansi_id=instansi_id)


# -- documents ---------------------------------------------------------------------------------
class DocumentListApi(BaseApi):
    parser_classes = [MultiPartParser, FormParser, JSONObjectParser]

    @extend_schema(
        parameters=[
            OpenApiParameter("instansi", int, required=False),
            OpenApiParameter("kind", str, required=False),
            OpenApiParameter("archived", bool, required=False),
        ],
        responses=DocumentOutput(many=True),
        tags=TAGS,
    )
    def get(self, request):
        instansi = _instansi_param(request)
        qs = selectors.document_visible(
            user=request.user,
            instansi=instansi,
            include_archived=request.query_params.get("archived") in ("1", "true"),
        )
        if request.query_params.get("kind"):
            qs = qs.filter(kind=request.query_params["kind"])
        return self.paginate(request, qs, DocumentOutput)

    @extend_schema(
        request={
            "multipart/form-data": DocumentCreateInput,
            "application/json": DocumentCreateInput,
        },
        responses={201: DocumentOutput},
        tags=TAGS,
        description="Berkas (multipart, field `file`) atau, untuk jenis `tautan`, `url`.",
    )
    def post(self, request):
        try:
            instansi_pk = int(request.data.get("instansi"))
        except (TypeError, ValueError):
            instansi_pk = None
        data = DocumentCreateInput(data=request.data)
        if instansi_pk is None:
            data.is_valid(raise_exception=True)  # says "instansi" is required
        # An instansi out of sight answers 404 before anything else is validated.
        instansi = instansi_get(user=request.user, pk=instansi_pk)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("instansi")
        values["owner_unit"] = _owner_unit(instansi.pk, values.get("owner_unit"))
        document = services.document_create(
            actor=request.user,
            instansi=instansi,
            upload=values.pop("file", None),
            request=request,
            **values,
        )
        return Response(DocumentOutput(document).data, status=status.HTTP_201_CREATED)


class DocumentDetailApi(BaseApi):
    @extend_schema(responses=DocumentOutput, tags=TAGS)
    def get(self, request, pk):
        return Response(DocumentOutput(selectors.document_get(user=request.user, pk=pk)).data)

    @extend_schema(request=DocumentUpdateInput, responses=DocumentOutput, tags=TAGS)
    def patch(self, request, pk):
        document = selectors.document_get(user=request.user, pk=pk)
        data = DocumentUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "owner_unit" in values:
            values["owner_unit"] = _owner_unit(document.instansi_id, values["owner_unit"])
        services.document_update(actor=request.user, document=document, request=request, **values)
        return Response(DocumentOutput(document).data)


class RevisionListApi(BaseApi):
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = None  # every revision of one document, as a plain list

    @extend_schema(responses=RevisionOutput(many=True), tags=TAGS)
    def get(self, request, pk):
        document = selectors.document_get(user=request.user, pk=pk)
        return Response(RevisionOutput(selectors.document_revisions(document), many=True).data)

    @extend_schema(
        request={"multipart/form-data": RevisionUploadInput},
        responses={201: RevisionOutput},
        tags=TAGS,
    )
    def post(self, request, pk):
        document = selectors.document_get(user=request.user, pk=pk)
        data = RevisionUploadInput(data=request.data)
        data.is_valid(raise_exception=True)
        revision = services.revision_upload(
            actor=request.user, document=document, upload=data.validated_data["file"],
            request=request,
        )  # fmt: skip
        return Response(RevisionOutput(revision).data, status=status.HTTP_201_CREATED)


_FILE = OpenApiResponse(OpenApiTypes.BINARY, description="Berkas (attachment)")


class DocumentDownloadApi(BaseApi):
    @extend_schema(responses={(200, "*/*"): _FILE}, tags=TAGS)
    def get(self, request, pk):
        document = selectors.document_get(user=request.user, pk=pk)
        if document.current_revision is None:
            return Response(status=status.HTTP_404_NOT_FOUND)
        return file_response(document.current_revision)


class RevisionDownloadApi(BaseApi):
    @extend_schema(responses={(200, "*/*"): _FILE}, tags=TAGS)
    def get(self, request, pk):
        return file_response(selectors.revision_get(user=request.user, pk=pk))


# -- search ------------------------------------------------------------------------------------
class SearchApi(BaseApi):
    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True),
            OpenApiParameter("instansi", int, required=False),
        ],
        responses=SearchOutput,
        tags=TAGS,
    )
    def get(self, request):
        instansi = _instansi_param(request)
        result = selectors.document_search(
            user=request.user, query=request.query_params.get("q", ""), instansi=instansi
        )
        return Response(SearchOutput(result).data)
