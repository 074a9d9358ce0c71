"""REST API of organisations: instansi, units, users (colleagues) and role grants.

Reads are scoped by selectors (objects outside the scope answer 404); writes need a managing
role (403 up front for everybody else) and `ensure(..., "...manage", instansi)`.
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from spbe.core.api.base import BaseApi as CoreBaseApi
from spbe.core.api.params import EXPORT_FORMAT_PARAM, EXPORT_RESPONSES, export_format, query_id
from spbe.core.api.parsers import OBJECT_PARSERS
from spbe.core.exports import table_response
from spbe.organizations import grants, selectors, services
from spbe.organizations.api_permissions import ManagerWrites
from spbe.organizations.models import Instansi, Role, RoleGrant, Unit, UnitKind
from spbe.organizations.permissions import ensure, scope_for
from spbe.organizations.tables import member_table

User = get_user_model()


def _instansi_from_body(request) -> Instansi:
    """The instansi a write targets, resolved before validating anything else:
    404 when the user does not see it, 403 when they see but do not manage it."""
    raw = request.data.get("instansi")
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise ValidationError({"instansi": [_("Instansi wajib diisi.")]}) from None
    instansi = selectors.instansi_get(user=request.user, pk=pk)
    ensure(request.user, "instansi.manage", instansi)
    return instansi


class BaseApi(CoreBaseApi):
    permission_classes = [ManagerWrites]
    parser_classes = OBJECT_PARSERS


def _instansi_from_query(request) -> Instansi | None:
    """The instansi of `?instansi=` (400 when not an id, 404 when not visible), else None."""
    pk = query_id(request, "instansi")
    return None if pk is None else selectors.instansi_get(user=request.user, pk=pk)


# -- instansi --------------------------------------------------------------------------------
class InstansiOutput(serializers.ModelSerializer):
    class Meta:
        model = Instansi
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "code",
            "instansi_key",
            "province",
            "is_active",
        ]


class InstansiListApi(BaseApi):
    @extend_schema(responses=InstansiOutput(many=True), tags=["organisasi"])
    def get(self, request):
        return self.paginate(request, selectors.instansi_visible(user=request.user), InstansiOutput)


class InstansiDetailApi(BaseApi):
    @extend_schema(responses=InstansiOutput, tags=["organisasi"])
    def get(self, request, pk):
        return Response(InstansiOutput(selectors.instansi_get(user=request.user, pk=pk)).data)


# -- units -----------------------------------------------------------------------------------
class UnitOutput(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = [
            "id",
            "instansi",
            "name",
            "short_name",
            "kind",
            "parent",
            "is_coordinator",
            "is_active",
        ]


class UnitInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    short_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=UnitKind.choices, required=False)
    parent = serializers.IntegerField(required=False, allow_null=True)
    is_coordinator = serializers.BooleanField(required=False)


class UnitCreateInput(UnitInput):
    instansi = serializers.IntegerField()


class UnitUpdateInput(UnitInput):
    name = serializers.CharField(max_length=200, required=False)
    is_active = serializers.BooleanField(required=False)


def _parent(instansi, pk):
    if pk is None:
        return None
    return get_object_or_404(Unit, pk=pk, instansi=instansi)


class UnitListApi(BaseApi):
    @extend_schema(
        parameters=[OpenApiParameter("instansi", int, required=False)],
        responses=UnitOutput(many=True),
        tags=["organisasi"],
    )
    def get(self, request):
        instansi = _instansi_from_query(request)
        qs = selectors.unit_visible(user=request.user, instansi=instansi, include_inactive=True)
        return self.paginate(request, qs, UnitOutput)

    @extend_schema(request=UnitCreateInput, responses={201: UnitOutput}, tags=["organisasi"])
    def post(self, request):
        instansi = _instansi_from_body(request)
        data = UnitCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("instansi")
        values["parent"] = _parent(instansi, values.get("parent"))
        unit = services.unit_create(
            actor=request.user, instansi=instansi, request=request, **values
        )
        return Response(UnitOutput(unit).data, status=status.HTTP_201_CREATED)


class UnitDetailApi(BaseApi):
    @extend_schema(responses=UnitOutput, tags=["organisasi"])
    def get(self, request, pk):
        return Response(UnitOutput(selectors.unit_get(user=request.user, pk=pk)).data)

    @extend_schema(request=UnitUpdateInput, responses=UnitOutput, tags=["organisasi"])
    def patch(self, request, pk):
        unit = selectors.unit_get(user=request.user, pk=pk)
        ensure(request.user, "unit.manage", unit)
        data = UnitUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        is_active = values.pop("is_active", None)
        if "parent" in values:
            values["parent"] = _parent(unit.instansi, values["parent"])
        if values:
            unit = services.unit_update(actor=request.user, unit=unit, request=request, **values)
        if is_active is not None:
            unit = services.unit_set_active(
                actor=request.user, unit=unit, is_active=is_active, request=request
            )
        return Response(UnitOutput(unit).data)


# -- users -----------------------------------------------------------------------------------
class GrantOutput(serializers.ModelSerializer):
    class Meta:
        model = RoleGrant
        fields = ["id", "user", "role", "instansi", "unit", "recursive", "granted_by", "granted_at"]


class UserOutput(serializers.ModelSerializer):
    # Only the grants in instansi the requester sees (selectors.colleague_list).
    roles = GrantOutput(source="visible_grants", many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "position",
            "phone",
            "is_active",
            "roles",
        ]


class UserCreateInput(serializers.Serializer):
    instansi = serializers.IntegerField()
    username = serializers.CharField(max_length=150)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    position = serializers.CharField(max_length=200, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    role = serializers.ChoiceField(choices=Role.choices)
    unit = serializers.IntegerField(required=False, allow_null=True)
    recursive = serializers.BooleanField(required=False, default=False)
    password = serializers.CharField(required=False, allow_blank=True, write_only=True)


class UserCreateOutput(UserOutput):
    generated_password = serializers.CharField(read_only=True, allow_null=True)

    class Meta(UserOutput.Meta):
        fields = [*UserOutput.Meta.fields, "generated_password"]


class UserUpdateInput(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    position = serializers.CharField(max_length=200, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)


def _user_get(request, pk):
    user = get_object_or_404(selectors.colleague_list(user=request.user), pk=pk)
    return user


def _managing_instansi(request, member) -> Instansi:
    """The instansi in whose name the requester changes `member` (for the audit trail)."""
    scope = scope_for(request.user)
    visible = member.visible_grants
    for grant in visible:
        if scope.is_admin or grant.instansi_id in scope.manage_instansi_ids:
            return grant.instansi
    return visible[0].instansi if visible else None


class UserListApi(BaseApi):
    @extend_schema(responses=UserOutput(many=True), tags=["organisasi"])
    def get(self, request):
        return self.paginate(request, selectors.colleague_list(user=request.user), UserOutput)

    @extend_schema(request=UserCreateInput, responses={201: UserCreateOutput}, tags=["organisasi"])
    def post(self, request):
        instansi = _instansi_from_body(request)
        data = UserCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("instansi")
        values["unit"] = _parent(instansi, values.get("unit"))
        user, generated = services.member_create(
            actor=request.user, instansi=instansi, request=request, **values
        )
        user = _user_get(request, user.pk)
        user.generated_password = generated
        return Response(UserCreateOutput(user).data, status=status.HTTP_201_CREATED)


class UserExportApi(BaseApi):
    @extend_schema(
        parameters=[OpenApiParameter("instansi", int, required=True), EXPORT_FORMAT_PARAM],
        responses=EXPORT_RESPONSES,
        tags=["organisasi"],
    )
    def get(self, request):
        """The members of an instansi the user manages, as CSV (default) or XLSX."""
        fmt = export_format(request)
        instansi = selectors.instansi_get(
            user=request.user, pk=query_id(request, "instansi", required=True)
        )
        ensure(request.user, "instansi.manage", instansi)
        columns, rows = member_table(selectors.member_list(instansi=instansi))
        return table_response(
            columns=columns, rows=rows, filename=f"pengguna-{instansi.pk}", fmt=fmt
        )


class UserDetailApi(BaseApi):
    @extend_schema(responses=UserOutput, tags=["organisasi"])
    def get(self, request, pk):
        return Response(UserOutput(_user_get(request, pk)).data)

    @extend_schema(request=UserUpdateInput, responses=UserOutput, tags=["organisasi"])
    def patch(self, request, pk):
        member = _user_get(request, pk)
        ensure(request.user, "user.manage", member)
        data = UserUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        is_active = values.pop("is_active", None)
        instansi = _managing_instansi(request, member)
        if values:
            member = services.member_update(
                actor=request.user, instansi=instansi, user=member, request=request, **values
            )
        if is_active is not None:
            member = services.member_set_active(
                actor=request.user,
                instansi=instansi,
                user=member,
                is_active=is_active,
                request=request,
            )
        return Response(UserOutput(_user_get(request, pk)).data)


# -- role grants -----------------------------------------------------------------------------
class GrantCreateInput(serializers.Serializer):
    instansi = serializers.IntegerField()
    user = serializers.IntegerField()
    role = serializers.ChoiceField(choices=Role.choices)
    unit = serializers.IntegerField(required=False, allow_null=True)
    recursive = serializers.BooleanField(required=False, default=False)


class GrantListApi(BaseApi):
    @extend_schema(
        parameters=[OpenApiParameter("instansi", int, required=False)],
        responses=GrantOutput(many=True),
        tags=["organisasi"],
    )
    def get(self, request):
        instansi = _instansi_from_query(request)
        if instansi is not None:
            ensure(request.user, "grant.manage", instansi)
        return self.paginate(
            request, selectors.grant_list(user=request.user, instansi=instansi), GrantOutput
        )

    @extend_schema(request=GrantCreateInput, responses={201: GrantOutput}, tags=["organisasi"])
    def post(self, request):
        instansi = _instansi_from_body(request)
        data = GrantCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        member = get_object_or_404(selectors.colleague_list(user=request.user), pk=values["user"])
        grant = grants.grant_create(
            actor=request.user,
            instansi=instansi,
            user=member,
            role=values["role"],
            unit=_parent(instansi, values.get("unit")),
            recursive=values["recursive"],
            request=request,
        )
        return Response(GrantOutput(grant).data, status=status.HTTP_201_CREATED)


class GrantDetailApi(BaseApi):
    def _get(self, request, pk):
        return get_object_or_404(selectors.grant_list(user=request.user), pk=pk)

    @extend_schema(responses=GrantOutput, tags=["organisasi"])
    def get(self, request, pk):
        return Response(GrantOutput(self._get(request, pk)).data)

    @extend_schema(responses={204: None}, tags=["organisasi"])
    def delete(self, request, pk):
        grant = self._get(request, pk)
        ensure(request.user, "grant.manage", grant.instansi)
        grants.grant_revoke(actor=request.user, grant=grant, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
