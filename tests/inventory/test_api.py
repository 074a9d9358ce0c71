"""Inventory API: the pages' permissions, the one error shape, the schema."""

import pytest

from spbe.inventory.models import Application, DuplicateDecision

pytestmark = pytest.mark.django_db


def _url(world, path):
    return f"/api/instansi/{world.province.pk}/inventory/{path}"


def test_respondent_creates_for_own_unit_only(world, api):
    client = api(world.users["responden_flat"])
    ok = client.post(
        _url(world, "aplikasi/"),
        {"name": "SIKDA", "owner_unit": world.dinkes.pk, "media": "mobile"},
        format="json",
    )
    assert ok.status_code == 201, ok.json()
    assert ok.json()["owner_unit"] == world.dinkes.pk
    refused = client.post(
        _url(world, "aplikasi/"), {"name": "X", "owner_unit": world.diskominfo.pk}, format="json"
    )
    assert refused.status_code == 403
    bad = client.post(_url(world, "aplikasi/"), {"owner_unit": world.dinkes.pk}, format="json")
    assert bad.status_code == 400 and "name" in bad.json()["error"]["fields"]
    assert list(Application.objects.values_list("name", flat=True)) == ["SIKDA"]


def test_reads_scoped_and_outsiders_get_404(world, api):
    koord = api(world.users["koordinator"])
    for unit in (world.dinkes, world.diskominfo):
        koord.post(
            _url(world, "aplikasi/"), {"name": "SMS Gateway", "owner_unit": unit.pk}, format="json"
        )
    listed = api(world.users["responden_flat"]).get(_url(world, "aplikasi/")).json()
    assert [r["owner_unit"] for r in listed["results"]] == [world.dinkes.pk]
    assert api(world.users["other_koordinator"]).get(_url(world, "aplikasi/")).status_code == 404
    assert (
        api(world.users["pimpinan"]).get(_url(world, "summary/")).json()["counts"]["aplikasi"] == 2
    )
    pairs = koord.get(_url(world, "duplicates/")).json()
    assert pairs[0]["a"] == pairs[0]["b"] == "SMS Gateway" and pairs[0]["score"] >= 90
    assert api(world.users["responden_flat"]).get(_url(world, "duplicates/")).status_code == 403


def test_decision_through_the_api(world, api):
    koord = api(world.users["koordinator"])
    ids = [
        koord.post(
            _url(world, "aplikasi/"), {"name": "SMS Gateway", "owner_unit": u.pk}, format="json"
        ).json()["id"]
        for u in (world.dinkes, world.diskominfo)
    ]
    body = {"a": ids[0], "b": ids[1], "verdict": "duplikat", "keep": ids[1]}
    assert (
        api(world.users["pimpinan"])
        .post(_url(world, "duplicates/"), body, format="json")
        .status_code
        == 403
    )
    response = koord.post(_url(world, "duplicates/"), body, format="json")
    assert response.status_code == 200 and response.json()["keep_id"] == ids[1]
    assert DuplicateDecision.objects.get().keep_id == ids[1]
    assert koord.get(_url(world, "duplicates/")).json()[0]["decision"] == "duplikat"


def test_patch_and_delete_are_audited(world, api):
    from spbe.audit.models import AuditEvent

    client = api(world.users["responden_flat"])
    pk = client.post(
        _url(world, "infrastruktur/"),
        {"name": "Server Dinkes", "owner_unit": world.dinkes.pk, "kind": "perangkat"},
        format="json",
    ).json()["id"]
    assert (
        client.patch(
            _url(world, f"infrastruktur/{pk}/"), {"location": "Samarinda"}, format="json"
        ).status_code
        == 200
    )
    assert client.delete(_url(world, f"infrastruktur/{pk}/")).status_code == 204
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "inventory.infrastructure_created",
        "inventory.infrastructure_updated",
        "inventory.infrastructure_deleted",
    ]


def test_schema_documents_the_inventory_endpoints(world, api):
    schema = api(world.users["koordinator"]).get("/api/schema/", HTTP_ACCEPT="application/json")
    paths = schema.json()["paths"]
    assert "/api/instansi/{instansi_pk}/inventory/aplikasi/" in paths
    assert "/api/instansi/{instansi_pk}/inventory/duplicates/" in paths
