"""REST API of the evaluation cycle: cycles, assessments, stage values, review, comments,
notifications and the score of a cycle per stage.

Same rule as the pages: outsiders 404, read-only roles 403 on every write before the body is
read (`EvaluationWrites`), the services decide the rest. A write based on an old `revision`
answers 409 with the current assessment, so a client can show both versions.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.response import Response

from spbe.core.api.base import BaseApi as CoreBaseApi
from spbe.core.api.base import WritesWhen
from spbe.core.api.params import EXPORT_FORMAT_PARAM, EXPORT_RESPONSES, export_format, query_id
from spbe.core.exports import table_response
from spbe.core.number_fields import ApiDecimalField
from spbe.evaluations import access, selectors, services
from spbe.evaluations.models import Assessment, Comment, Cycle, Notification, StageValue
from spbe.evaluations.services.review import REVIEW_DECISIONS
from spbe.evaluations.tables import assessment_table
from spbe.frameworks.models import Framework
from spbe.frameworks.selectors import framework_engine_spec
from spbe.frameworks.stage_fields import StageCodeField
from spbe.organizations.models import Unit
from spbe.organizations.permissions import ensure
from spbe.organizations.selectors import instansi_get

User = get_user_model()
TAG = ["evaluasi"]


class EvaluationWrites(WritesWhen):
    """Writes refused up front (403) for users whose every role is read-only."""

    def may_write(self, user) -> bool:
        return access.may_write(user)


class BaseApi(CoreBaseApi):
    permission_classes = [EvaluationWrites]


def _valid(serializer_class, request, **kwargs):
    data = serializer_class(data=request.data, **kwargs)
    data.is_valid(raise_exception=True)
    return data.validated_data


# -- serializers ------------------------------------------------------------------------------
class CycleOutput(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework.code")
    framework_version = serializers.IntegerField(source="framework.version")
    is_locked = serializers.BooleanField()

    class Meta:
        model = Cycle
        fields = [
            "id",
            "instansi",
            "framework",
            "framework_version",
            "year",
            "kind",
            "name",
            "state",
            "is_locked",
            "self_assessment_due",
            "review_due",
            "copied_from",
            "created_at",
            "finalised_at",
        ]


class CycleCreateInput(serializers.Serializer):
    instansi = serializers.IntegerField()
    framework = serializers.CharField(help_text="kode kerangka, mis. spbe-59-2020")
    framework_version = serializers.IntegerField(required=False)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    kind = serializers.ChoiceField(choices=Cycle.Kind.choices)
    name = serializers.CharField(max_length=200)
    self_assessment_due = serializers.DateField(required=False, allow_null=True)
    review_due = serializers.DateField(required=False, allow_null=True)
    copy_from = serializers.IntegerField(required=False, allow_null=True)
    copy_parts = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(services.cycles.COPY_PARTS)),
        required=False,
    )
    shift_due_dates = serializers.BooleanField(required=False, default=True)


class StageValueOutput(serializers.ModelSerializer):
    set_by = serializers.CharField(source="set_by.username", default=None, allow_null=True)

    class Meta:
        model = StageValue
        fields = ["stage", "value", "fakta", "analisis", "notes", "set_by", "set_at"]


class AssessmentOutput(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="indicator.number")
    indicator_code = serializers.CharField(source="indicator.code")
    indicator_name = serializers.CharField(source="indicator.short_name")
    reviewer = serializers.CharField(source="reviewer.username", default=None, allow_null=True)
    updated_by = serializers.CharField(source="updated_by.username", default=None, allow_null=True)
    contributing_units = serializers.SerializerMethodField()
    stage_values = StageValueOutput(many=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "cycle",
            "indicator",
            "indicator_code",
            "indicator_name",
            "lead_unit",
            "contributing_units",
            "reviewer",
            "due_date",
            "status",
            "subject_name",
            "claimed_value",
            "reviewed_value",
            "review_note",
            "final_source",
            "revision",
            "updated_by",
            "updated_at",
            "stage_values",
        ]

    def get_contributing_units(self, obj) -> list[int]:
        return sorted(u.pk for u in obj.contributing_units.all())


class RevisionInput(serializers.Serializer):
    revision = serializers.IntegerField(min_value=0)


class AssessmentUpdateInput(RevisionInput):
    value = ApiDecimalField(max_digits=4, decimal_places=2, allow_null=True)
    fakta = serializers.CharField(allow_blank=True, required=False, default="")
    analisis = serializers.CharField(allow_blank=True, required=False, default="")
    subject_name = serializers.CharField(allow_blank=True, required=False, max_length=300)
    submit = serializers.BooleanField(required=False, default=False)


class ReviewInput(RevisionInput):
    decision = serializers.ChoiceField(choices=list(REVIEW_DECISIONS))
    value = ApiDecimalField(max_digits=4, decimal_places=2, required=False, allow_null=True)
    note = serializers.CharField(allow_blank=True, required=False, default="")


class DecideInput(RevisionInput):
    source = serializers.ChoiceField(choices=Assessment.FinalSource.choices)
    value = ApiDecimalField(max_digits=4, decimal_places=2, required=False, allow_null=True)
    note = serializers.CharField(allow_blank=True, required=False, default="")


class AssignInput(serializers.Serializer):
    revision = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    lead_unit = serializers.IntegerField(allow_null=True)
    contributing_units = serializers.ListField(child=serializers.IntegerField(), required=False)
    reviewer = serializers.IntegerField(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)


class StageValueInput(RevisionInput):
    revision = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    stage = StageCodeField()
    value = ApiDecimalField(max_digits=4, decimal_places=2, allow_null=True)
    fakta = serializers.CharField(allow_blank=True, required=False, default="")
    analisis = serializers.CharField(allow_blank=True, required=False, default="")
    notes = serializers.CharField(allow_blank=True, required=False, default="")


class StageValuesBulkInput(serializers.Serializer):
    stage = StageCodeField()
    values = serializers.DictField(
        child=ApiDecimalField(max_digits=4, decimal_places=2),
        help_text="nomor indikator → nilai",
    )
    notes = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    source = serializers.CharField(max_length=200)


class CommentOutput(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", default=None)
    mentions = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "author", "kind", "body", "mentions", "created_at"]


class CommentInput(serializers.Serializer):
    body = serializers.CharField(max_length=5000)


class NotificationOutput(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "url", "assessment", "created_at", "read_at"]


# -- cycles -----------------------------------------------------------------------------------
class CycleListApi(BaseApi):
    @extend_schema(responses=CycleOutput(many=True), tags=TAG)
    def get(self, request):
        return self.paginate(request, selectors.cycle_visible(user=request.user), CycleOutput)

    @extend_schema(request=CycleCreateInput, responses={201: CycleOutput}, tags=TAG)
    def post(self, request):
        try:
            instansi = instansi_get(user=request.user, pk=int(request.data.get("instansi")))
        except (TypeError, ValueError):
            raise serializers.ValidationError({"instansi": [_("Instansi wajib diisi.")]}) from None
        ensure(request.user, "instansi.manage", instansi)
        data = _valid(CycleCreateInput, request)
        frameworks = Framework.objects.filter(code=data["framework"]).order_by("-version")
        if data.get("framework_version"):
            frameworks = frameworks.filter(version=data["framework_version"])
        framework = frameworks.first()
        if framework is None:
            raise serializers.ValidationError({"framework": [_("Kerangka tidak dikenal.")]})
        copy_from = None
        if data.get("copy_from"):
            copy_from = selectors.cycle_get(user=request.user, pk=data["copy_from"])
        cycle = services.cycle_create(
            actor=request.user,
            instansi=instansi,
            framework=framework,
            year=data["year"],
            kind=data["kind"],
            name=data["name"],
            self_assessment_due=data.get("self_assessment_due"),
            review_due=data.get("review_due"),
            copy_from=copy_from,
            copy_parts=set(data.get("copy_parts", services.cycles.COPY_PARTS)),
            shift_due_dates=data["shift_due_dates"],
            request=request,
        )
        return Response(CycleOutput(cycle).data, status=status.HTTP_201_CREATED)


class CycleDetailApi(BaseApi):
    @extend_schema(responses=CycleOutput, tags=TAG)
    def get(self, request, pk):
        return Response(CycleOutput(selectors.cycle_get(user=request.user, pk=pk)).data)


class CycleTransitionApi(BaseApi):
    @extend_schema(
        request=inline_serializer("TransitionInput", {"state": serializers.CharField()}),
        responses=CycleOutput,
        tags=TAG,
    )
    def post(self, request, pk):
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        cycle = services.cycle_transition(
            actor=request.user,
            cycle=cycle,
            state=str(request.data.get("state", "")),
            request=request,
        )
        return Response(CycleOutput(cycle).data)


class CycleFinaliseApi(BaseApi):
    @extend_schema(request=None, responses=CycleOutput, tags=TAG)
    def post(self, request, pk):
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        cycle = services.cycle_finalise(actor=request.user, cycle=cycle, request=request)
        return Response(CycleOutput(cycle).data)


class CycleReopenApi(BaseApi):
    @extend_schema(
        request=inline_serializer("ReopenInput", {"reason": serializers.CharField()}),
        responses=CycleOutput,
        tags=TAG,
    )
    def post(self, request, pk):
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        cycle = services.cycle_reopen(
            actor=request.user,
            cycle=cycle,
            reason=str(request.data.get("reason", "")),
            request=request,
        )
        return Response(CycleOutput(cycle).data)


def _score_dict(result, spec) -> dict:
    """The engine's result as JSON; `missing` names each empty indicator by its number (the
    engine's key, the URL of the indicator page) and its display code ("2.1" in Pemdi)."""

    def groups(items):
        return {code: (str(g.value) if g.value is not None else None) for code, g in items.items()}

    return {
        "index": str(result.index) if result.index is not None else None,
        "index_exact": (
            str(result.index_exact_decimal) if result.index_exact_decimal is not None else None
        ),
        "predikat": result.predikat,
        "predikat_exact": result.predikat_exact,
        "predikat_rounded": result.predikat_rounded,
        "predikat_basis": result.predikat_basis,
        "domains": groups(result.domains),
        "aspects": groups(result.aspects),
        "complete": result.complete,
        "missing": [
            {"number": int(key), "code": spec.indicator(key).code or key} for key in result.missing
        ],
    }


class CycleScoresApi(BaseApi):
    @extend_schema(
        responses=inline_serializer(
            "CycleScores", {"stages": serializers.DictField(child=serializers.DictField())}
        ),
        tags=TAG,
    )
    def get(self, request, pk):
        """Index per stage that has values, from the one scoring engine."""
        # a unit-restricted user sees their indicators, not the instansi's index: 404
        cycle = selectors.cycle_get(user=request.user, pk=pk, whole_instansi=True)
        scores = selectors.cycle_stage_scores(cycle)
        spec = framework_engine_spec(cycle.framework)
        return Response({"stages": {stage: _score_dict(r, spec) for stage, r in scores.items()}})


def _external_json(cycle) -> dict:
    return {
        "indices": [
            {
                "code": row.code,
                "name": row.name,
                "agency": row.agency,
                "raw": row.raw,
                "value": str(row.value),
                "pending": row.pending,
                "indicators": list(row.indicators),
            }
            for row in selectors.cycle_external_indices(cycle)
        ]
    }


class CycleExternalValuesApi(BaseApi):
    @extend_schema(
        responses=inline_serializer(
            "ExternalValues", {"indices": serializers.ListField(child=serializers.DictField())}
        ),
        tags=TAG,
    )
    def get(self, request, pk):
        """The other agencies' indices the cycle's externally sourced indicators take."""
        return Response(_external_json(selectors.cycle_get(user=request.user, pk=pk)))

    @extend_schema(
        request=inline_serializer(
            "ExternalValuesInput",
            {
                "values": serializers.DictField(
                    child=serializers.CharField(allow_null=True, allow_blank=True),
                    help_text="kode indeks → nilai terbit (null: belum terbit)",
                )
            },
        ),
        responses=inline_serializer(
            "ExternalValuesOut", {"indices": serializers.ListField(child=serializers.DictField())}
        ),
        tags=TAG,
    )
    def put(self, request, pk):
        """Record the published indices (koordinator); every value checked, all or nothing."""
        cycle = selectors.cycle_get(user=request.user, pk=pk, coordinated=True)
        values = request.data.get("values") if isinstance(request.data, dict) else None
        if not isinstance(values, dict):
            raise serializers.ValidationError({"values": [_("Kirim objek kode indeks → nilai.")]})
        cycle = services.cycle_set_external_values(
            actor=request.user, cycle=cycle, values=values, request=request
        )
        return Response(_external_json(cycle))


class CycleStageValuesApi(BaseApi):
    @extend_schema(
        parameters=[OpenApiParameter("stage", str, required=False)],
        responses=inline_serializer(
            "StageValues", {"values": serializers.DictField(child=serializers.DictField())}
        ),
        tags=TAG,
    )
    def get(self, request, pk):
        """Indicator number → {stage: value} for the indicators the user sees."""
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        visible = selectors.assessment_visible(user=request.user, cycle=cycle).values("pk")
        rows = StageValue.objects.filter(assessment__in=visible)
        if request.query_params.get("stage"):
            rows = rows.filter(stage=request.query_params["stage"])
        out: dict[str, dict] = {}
        for number, stage, value in rows.values_list(
            "assessment__indicator__number", "stage", "value"
        ):
            out.setdefault(str(number), {})[stage] = str(value) if value is not None else None
        return Response({"values": out})

    @extend_schema(
        request=StageValuesBulkInput,
        responses=inline_serializer("BulkResult", {"count": serializers.IntegerField()}),
        tags=TAG,
    )
    def post(self, request, pk):
        """Set many values of one stage, all or nothing (0 is refused: only imports hold it)."""
        cycle = selectors.cycle_get(user=request.user, pk=pk, coordinated=True)
        data = _valid(StageValuesBulkInput, request, context={"framework": cycle.framework})
        count = services.stage_values_set_bulk(
            actor=request.user,
            cycle=cycle,
            stage=data["stage"],
            values=data["values"],
            notes=data.get("notes"),
            allow_zero=False,
            source=data["source"],
            request=request,
        )
        return Response({"count": count})


# -- assessments ------------------------------------------------------------------------------
def _assessment(request, pk) -> Assessment:
    return selectors.assessment_get(user=request.user, pk=pk)


def _fresh(request, assessment) -> Assessment:
    return (
        Assessment.objects.filter(pk=assessment.pk)
        .select_related("indicator", "reviewer", "updated_by")
        .prefetch_related("contributing_units", "stage_values__set_by")
        .get()
    )


def _conflict(request, exc: services.StaleRevision) -> Response:
    current = _fresh(request, exc.current)
    return Response(
        {
            "error": {"code": "conflict", "message": exc.messages[0], "fields": {}},
            "current": AssessmentOutput(current).data,
        },
        status=status.HTTP_409_CONFLICT,
    )


def _run(request, assessment, write) -> Response:
    try:
        write()
    except services.StaleRevision as exc:
        return _conflict(request, exc)
    return Response(AssessmentOutput(_fresh(request, assessment)).data)


class CycleAssessmentsApi(BaseApi):
    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, required=False),
            OpenApiParameter("unit", int, required=False),
            OpenApiParameter("reviewer", int, required=False),
        ],
        responses=AssessmentOutput(many=True),
        tags=TAG,
    )
    def get(self, request, pk):
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        qs = selectors.assessment_visible(
            user=request.user,
            cycle=cycle,
            status=request.query_params.get("status") or None,
            # ids too large for the database are refused here (a 400), never sent to it
            unit=query_id(request, "unit"),
            reviewer=query_id(request, "reviewer"),
        ).prefetch_related("stage_values__set_by")
        return self.paginate(request, qs, AssessmentOutput)


class CycleAssessmentsExportApi(BaseApi):
    @extend_schema(parameters=[EXPORT_FORMAT_PARAM], responses=EXPORT_RESPONSES, tags=TAG)
    def get(self, request, pk):
        """The indicator table of the cycle page (the indicators the user sees), CSV/XLSX."""
        fmt = export_format(request)
        cycle = selectors.cycle_get(user=request.user, pk=pk)
        columns, rows = assessment_table(
            cycle, selectors.assessment_visible(user=request.user, cycle=cycle)
        )
        return table_response(
            columns=columns, rows=rows, filename=f"indikator-{cycle.pk}", fmt=fmt, title=cycle.name
        )


class AssessmentDetailApi(BaseApi):
    @extend_schema(responses=AssessmentOutput, tags=TAG)
    def get(self, request, pk):
        return Response(AssessmentOutput(_fresh(request, _assessment(request, pk))).data)

    @extend_schema(request=AssessmentUpdateInput, responses={200: AssessmentOutput}, tags=TAG)
    def patch(self, request, pk):
        """The respondent's level claim and FAKTA/ANALISIS (with `submit`: also submit)."""
        assessment = _assessment(request, pk)
        access.ensure_fills_in(request.user, assessment)
        data = _valid(AssessmentUpdateInput, request)
        return _run(
            request,
            assessment,
            lambda: services.assessment_save(
                actor=request.user,
                assessment=assessment,
                revision=data["revision"],
                value=data["value"],
                fakta=data["fakta"],
                analisis=data["analisis"],
                subject_name=data.get("subject_name"),
                submit=data["submit"],
                request=request,
            ),
        )


class AssessmentSubmitApi(BaseApi):
    @extend_schema(request=RevisionInput, responses=AssessmentOutput, tags=TAG)
    def post(self, request, pk):
        assessment = _assessment(request, pk)
        access.ensure_fills_in(request.user, assessment)
        data = _valid(RevisionInput, request)
        return _run(
            request,
            assessment,
            lambda: services.assessment_submit(
                actor=request.user,
                assessment=assessment,
                revision=data["revision"],
                request=request,
            ),
        )


class AssessmentReviewApi(BaseApi):
    @extend_schema(request=ReviewInput, responses=AssessmentOutput, tags=TAG)
    def post(self, request, pk):
        """Asesor: accept, return with a note, or set the reviewed level with a note."""
        assessment = _assessment(request, pk)
        access.ensure_reviews(request.user, assessment)
        data = _valid(ReviewInput, request)

        def write():
            services.review_decide(
                actor=request.user,
                assessment=assessment,
                decision=data["decision"],
                revision=data["revision"],
                note=data["note"],
                value=data.get("value"),
                request=request,
            )

        return _run(request, assessment, write)


class AssessmentDecideApi(BaseApi):
    @extend_schema(request=DecideInput, responses=AssessmentOutput, tags=TAG)
    def post(self, request, pk):
        """Koordinator: the final self-assessment level (responden, asesor or own)."""
        assessment = _assessment(request, pk)
        access.ensure_coordinates(request.user, assessment.cycle)
        data = _valid(DecideInput, request)
        return _run(
            request,
            assessment,
            lambda: services.assessment_decide(
                actor=request.user,
                assessment=assessment,
                revision=data["revision"],
                source=data["source"],
                value=data.get("value"),
                note=data["note"],
                request=request,
            ),
        )


class AssessmentAssignApi(BaseApi):
    @extend_schema(request=AssignInput, responses=AssessmentOutput, tags=TAG)
    def post(self, request, pk):
        assessment = _assessment(request, pk)
        access.ensure_coordinates(request.user, assessment.cycle)
        data = _valid(AssignInput, request)
        instansi = assessment.cycle.instansi_id

        def unit(pk):
            return None if pk is None else get_object_or_404(Unit, pk=pk, instansi_id=instansi)

        reviewer = None
        if data.get("reviewer"):
            reviewer = get_object_or_404(User, pk=data["reviewer"])
        return _run(
            request,
            assessment,
            lambda: services.assessment_assign(
                actor=request.user,
                assessment=assessment,
                lead_unit=unit(data["lead_unit"]),
                contributing_units=[unit(u) for u in data.get("contributing_units", [])],
                reviewer=reviewer,
                due_date=data.get("due_date"),
                revision=data.get("revision"),
                request=request,
            ),
        )


class AssessmentStageValueApi(BaseApi):
    @extend_schema(request=StageValueInput, responses=AssessmentOutput, tags=TAG)
    def post(self, request, pk):
        """Koordinator: a stage value entered by hand (dokumen, interviu, visitasi, final)."""
        assessment = _assessment(request, pk)
        access.ensure_coordinates(request.user, assessment.cycle)
        data = _valid(StageValueInput, request, context={"framework": assessment.cycle.framework})
        return _run(
            request,
            assessment,
            lambda: services.stage_value_set(
                actor=request.user, assessment=assessment, request=request, **data
            ),
        )


class AssessmentCommentsApi(BaseApi):
    @extend_schema(responses=CommentOutput(many=True), tags=TAG)
    def get(self, request, pk):
        assessment = _assessment(request, pk)
        comments = (
            Comment.objects.filter(assessment=assessment)
            .select_related("author")
            .prefetch_related("mentions")
        )
        return self.paginate(request, comments, CommentOutput)

    @extend_schema(request=CommentInput, responses={201: CommentOutput}, tags=TAG)
    def post(self, request, pk):
        assessment = _assessment(request, pk)
        data = _valid(CommentInput, request)
        comment = services.comment_add(
            actor=request.user, assessment=assessment, body=data["body"], request=request
        )
        return Response(CommentOutput(comment).data, status=status.HTTP_201_CREATED)


# -- notifications ----------------------------------------------------------------------------
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
