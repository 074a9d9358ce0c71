"""REST API of the current user's personal tokens (list, create, revoke)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from spbe.accounts import services
from spbe.accounts.models import PersonalToken
from spbe.core.api.parsers import OBJECT_PARSERS


class TokenOutput(serializers.ModelSerializer):
    class Meta:
        model = PersonalToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"]


class TokenCreateInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)


class TokenCreateOutput(TokenOutput):
    token = serializers.CharField(read_only=True, help_text="Ditampilkan sekali; tidak disimpan.")

    class Meta(TokenOutput.Meta):
        fields = [*TokenOutput.Meta.fields, "token"]


class TokenListApi(APIView):
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = OBJECT_PARSERS

    @extend_schema(responses=TokenOutput(many=True), tags=["akun"])
    def get(self, request):
        tokens = PersonalToken.objects.filter(user=request.user).order_by("-created_at")
        return Response(TokenOutput(tokens, many=True).data)

    @extend_schema(request=TokenCreateInput, responses={201: TokenCreateOutput}, tags=["akun"])
    def post(self, request):
        if isinstance(request.auth, PersonalToken):
            # A leaked token must not be able to mint tokens that outlive its revocation.
            raise exceptions.PermissionDenied(
                _(
                    "Token baru hanya dapat dibuat dari halaman profil atau perintah CLI, "
                    "bukan dengan token API."
                )
            )
        data = TokenCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        token, raw = services.token_create(
            user=request.user, name=data.validated_data["name"], actor=request.user, request=request
        )
        token.token = raw
        return Response(TokenCreateOutput(token).data, status=status.HTTP_201_CREATED)


class TokenDetailApi(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={204: None}, tags=["akun"])
    def delete(self, request, pk):
        token = get_object_or_404(PersonalToken, pk=pk, user=request.user)
        services.token_revoke(token=token, actor=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
