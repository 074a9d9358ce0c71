"""REST API of the comment thread of an assessment."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from spbe.evaluations import services
from spbe.evaluations.apis._common import TAG, BaseApi, validated
from spbe.evaluations.apis.assessments import assessment_of
from spbe.evaluations.models import Comment


class CommentOutput(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", default=None)
    mentions = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "author", "kind", "body", "mentions", "created_at"]


class CommentInput(serializers.Serializer):
    body = serializers.CharField(max_length=5000)


class AssessmentCommentsApi(BaseApi):
    @extend_schema(responses=CommentOutput(many=True), tags=TAG)
    def get(self, request, pk):
        assessment = assessment_of(request, pk)
        comments = (
            Comment.objects.filter(assessment=assessment)
            .select_related("author")
            .prefetch_related("mentions")
        )
        return self.paginate(request, comments, CommentOutput)

    @extend_schema(request=CommentInput, responses={201: CommentOutput}, tags=TAG)
    def post(self, request, pk):
        assessment = assessment_of(request, pk)
        data = validated(CommentInput, request)
        comment = services.comment_add(
            actor=request.user, assessment=assessment, body=data["body"], request=request
        )
        return Response(CommentOutput(comment).data, status=status.HTTP_201_CREATED)
