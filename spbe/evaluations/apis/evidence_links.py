"""REST API of evidence links (a document offered as evidence of an assessment at a level).

Evaluations own the links; the routes keep their place under /api/evidence-links/ and the
"bukti dukung" tag, and writes pass evidence's own up-front check (`EvidenceWrites`).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from spbe.evaluations import services
from spbe.evaluations.models import Assessment, EvidenceLink
from spbe.evaluations.selectors import assessment_get
from spbe.evidence import selectors
from spbe.evidence.apis import TAGS, BaseApi


class LinkInput(serializers.Serializer):
    assessment = serializers.IntegerField()
    document = serializers.IntegerField()
    level = serializers.IntegerField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class LinkOutput(serializers.ModelSerializer):
    class Meta:
        model = EvidenceLink
        fields = ["id", "assessment", "document", "level", "note", "linked_by", "linked_at"]


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
