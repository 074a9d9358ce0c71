"""REST API of the inventory, with the pages' permissions (the same services and selectors):
items of each domain, the summary, the duplicate candidates and decisions.

Paths are per instansi (``/api/instansi/{id}/inventory/...``); outsiders get 404, people who
see but may not change get 403, bad payloads 400 with the project's one error shape.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from spbe.core.api.parsers import OBJECT_PARSERS
from spbe.inventory import selectors, services
from spbe.inventory.domains import DOMAINS, Domain
from spbe.inventory.models import Application, DuplicateDecision
from spbe.organizations.permissions import scope_for
from spbe.organizations.selectors import instansi_get

TAG = "inventaris"


def _serializer_for(domain: Domain) -> type[serializers.ModelSerializer]:
    meta = type(
        "Meta",
        (),
        {
            "model": domain.model,
            "fields": ["id", *domain.fields, "updated_at"],
            "read_only_fields": ["id", "updated_at"],
        },
    )
    name = f"Inventory{domain.model.__name__}"
    return type(name, (serializers.ModelSerializer,), {"Meta": meta})


SERIALIZERS = {slug: _serializer_for(d) for slug, d in DOMAINS.items()}


def _values(serializer, domain: Domain, *, partial: bool) -> dict:
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    return data if partial else {k: data.get(k) for k in domain.fields if k in data}


class _DomainApi(generics.GenericAPIView):
    domain: Domain
    parser_classes = OBJECT_PARSERS

    def instansi(self):
        return instansi_get(user=self.request.user, pk=self.kwargs["instansi_pk"])


def _list_api(domain: Domain):
    serializer_class = SERIALIZERS[domain.slug]

    class ListApi(_DomainApi):
        def get_serializer_class(self):
            return serializer_class

        @extend_schema(
            tags=[TAG],
            summary=f"Daftar {domain.slug}",
            operation_id=f"inventory_{domain.slug}_list",
            responses=serializer_class(many=True),
        )
        def get(self, request, instansi_pk):
            qs = selectors.item_list(user=request.user, domain=domain, instansi=self.instansi())
            m2m = [f.name for f in domain.model._meta.many_to_many]
            page = self.paginate_queryset(qs.prefetch_related(*m2m))
            return self.get_paginated_response(serializer_class(page, many=True).data)

        @extend_schema(
            tags=[TAG],
            summary=f"Tambah {domain.slug}",
            operation_id=f"inventory_{domain.slug}_create",
        )
        def post(self, request, instansi_pk):
            instansi = self.instansi()
            data = serializer_class(data=request.data)
            item = services.inventory_item_create(
                actor=request.user,
                domain=domain,
                instansi=instansi,
                values=_values(data, domain, partial=False),
                request=request,
            )
            return Response(serializer_class(item).data, status=status.HTTP_201_CREATED)

    ListApi.__name__ = f"{domain.model.__name__}ListApi"
    return ListApi


def _detail_api(domain: Domain):
    serializer_class = SERIALIZERS[domain.slug]

    class DetailApi(_DomainApi):
        def get_serializer_class(self):
            return serializer_class

        def item(self):
            return selectors.item_get(
                user=self.request.user,
                domain=domain,
                instansi=self.instansi(),
                pk=self.kwargs["pk"],
            )

        @extend_schema(tags=[TAG], operation_id=f"inventory_{domain.slug}_get")
        def get(self, request, instansi_pk, pk):
            return Response(serializer_class(self.item()).data)

        @extend_schema(tags=[TAG], operation_id=f"inventory_{domain.slug}_patch")
        def patch(self, request, instansi_pk, pk):
            item = self.item()
            data = serializer_class(item, data=request.data, partial=True)
            services.inventory_item_update(
                actor=request.user,
                item=item,
                values=_values(data, domain, partial=True),
                request=request,
            )
            return Response(serializer_class(item).data)

        @extend_schema(tags=[TAG], operation_id=f"inventory_{domain.slug}_delete")
        def delete(self, request, instansi_pk, pk):
            services.inventory_item_delete(actor=request.user, item=self.item(), request=request)
            return Response(status=status.HTTP_204_NO_CONTENT)

    DetailApi.__name__ = f"{domain.model.__name__}DetailApi"
    return DetailApi


LIST_APIS = {slug: _list_api(d) for slug, d in DOMAINS.items()}
DETAIL_APIS = {slug: _detail_api(d) for slug, d in DOMAINS.items()}


class InventorySummaryOutput(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField())
    duplicates_found = serializers.IntegerField()
    duplicates_open = serializers.IntegerField()
    consolidated = serializers.IntegerField()


class SummaryApi(APIView):
    @extend_schema(tags=[TAG], responses=InventorySummaryOutput)
    def get(self, request, instansi_pk):
        instansi = instansi_get(user=request.user, pk=instansi_pk)
        summary = selectors.inventory_summary(user=request.user, instansi=instansi)
        return Response(
            {
                "counts": summary.counts,
                "duplicates_found": summary.duplicates_found,
                "duplicates_open": summary.duplicates_open,
                "consolidated": summary.consolidated,
            }
        )


class DuplicatePairOutput(serializers.Serializer):
    a = serializers.CharField(help_text="nama aplikasi A")
    b = serializers.CharField(help_text="nama aplikasi B")
    a_id = serializers.IntegerField()
    b_id = serializers.IntegerField()
    score = serializers.IntegerField()
    reasons = serializers.CharField()
    decision = serializers.CharField(allow_null=True)
    keep_id = serializers.IntegerField(allow_null=True)


class DuplicateDecisionInput(serializers.Serializer):
    a = serializers.IntegerField()
    b = serializers.IntegerField()
    verdict = serializers.ChoiceField(choices=DuplicateDecision.Verdict.choices)
    keep = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class DuplicatesApi(APIView):
    parser_classes = OBJECT_PARSERS

    @extend_schema(tags=[TAG], responses=DuplicatePairOutput(many=True))
    def get(self, request, instansi_pk):
        instansi = instansi_get(user=request.user, pk=instansi_pk)
        # Pairs cross units: only those who see the whole instansi (not a unit's respondent).
        if not scope_for(request.user).sees_whole_instansi(instansi.pk):
            raise PermissionDenied
        return Response([_pair_json(p) for p in selectors.duplicate_pairs(instansi=instansi)])

    @extend_schema(tags=[TAG], request=DuplicateDecisionInput, responses=DuplicatePairOutput)
    def post(self, request, instansi_pk):
        instansi = instansi_get(user=request.user, pk=instansi_pk)
        data = DuplicateDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        apps = Application.objects.filter(instansi=instansi).in_bulk([d["a"], d["b"]])
        if len(apps) != 2:
            raise Http404
        decision = services.duplicate_decide(
            actor=request.user,
            a=apps[d["a"]],
            b=apps[d["b"]],
            verdict=d["verdict"],
            keep=apps.get(d.get("keep")),
            note=d.get("note", ""),
            request=request,
        )
        return Response(
            {"verdict": decision.verdict, "keep_id": decision.keep_id}, status=status.HTTP_200_OK
        )


def _pair_json(p) -> dict:
    return {
        "a": p.a.name,
        "b": p.b.name,
        "a_id": p.a.pk,
        "b_id": p.b.pk,
        "score": p.score,
        "reasons": p.reasons,
        "decision": p.decision.verdict if p.decision else None,
        "keep_id": p.decision.keep_id if p.decision else None,
    }
