"""The API beyond the matrix: scoped lists, 403 before validation, error shape, writes."""

import pytest

from spbe.accounts.services import token_create
from spbe.audit.models import AuditEvent
from spbe.organizations.models import RoleGrant, Unit

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, raw = token_create(user=user, name="uji", actor=user)
    return {"HTTP_AUTHORIZATION": f"Token {raw}"}


def test_unit_list_is_scoped(client, world):
    data = client.get("/api/units/", **_auth(world.users["responden"])).json()
    assert {u["name"] for u in data["results"]} == {"Sekretariat Daerah", "Biro Hukum"}
    data = client.get(f"/api/units/?instansi={world.other.pk}", **_auth(world.users["responden"]))
    assert data.status_code == 404


def test_instansi_list_is_scoped(client, world):
    data = client.get("/api/instansi/", **_auth(world.users["pembina"])).json()
    assert {i["name"] for i in data["results"]} == {world.province.name, world.kab.name}


def test_read_only_write_is_403_before_validation(client, world):
    response = client.patch(
        f"/api/units/{world.dinkes.pk}/",
        {"kind": "bukan-jenis"},
        content_type="application/json",
        **_auth(world.users["pimpinan"]),
    )
    assert response.status_code == 403
    body = response.json()["error"]
    assert body["code"] == "permission_denied" and body["fields"] == {}


def test_coordinator_writes_are_validated_with_indonesian_messages(client, world):
    auth = _auth(world.users["koordinator"])
    response = client.post(
        "/api/units/",
        {"instansi": world.province.pk, "name": "Dinas Kesehatan"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400
    assert "sudah ada" in str(response.json()["error"]["fields"])
    response = client.post(
        "/api/units/",
        {"instansi": world.province.pk, "name": "Dinas Pangan", "parent": world.setda.pk},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    assert Unit.objects.get(name="Dinas Pangan").parent == world.setda


def test_api_user_create_returns_generated_password_once(client, world):
    response = client.post(
        "/api/users/",
        {
            "instansi": world.province.pk,
            "username": "eka",
            "role": "responden",
            "unit": world.dinkes.pk,
        },
        content_type="application/json",
        **_auth(world.users["koordinator"]),
    )
    assert response.status_code == 201
    assert len(response.json()["generated_password"]) >= 12
    assert AuditEvent.objects.filter(action="user.created").exists()


def test_api_user_disable(client, world):
    target = world.users["responden"]
    response = client.patch(
        f"/api/users/{target.pk}/",
        {"is_active": False},
        content_type="application/json",
        **_auth(world.users["koordinator"]),
    )
    assert response.status_code == 200
    target.refresh_from_db()
    assert not target.is_active
    assert AuditEvent.objects.get(action="user.disabled").instansi == world.province


def test_user_roles_show_only_grants_in_instansi_the_requester_sees(client, world):
    asesor = world.users["asesor"]
    RoleGrant.objects.create(user=asesor, role="asesor", instansi=world.other)
    auth = _auth(world.users["responden_flat"])
    detail = client.get(f"/api/users/{asesor.pk}/", **auth).json()
    assert [g["instansi"] for g in detail["roles"]] == [world.province.pk]
    listed = client.get("/api/users/", **auth).json()["results"]
    seen = {g["instansi"] for user in listed for g in user["roles"]}
    assert seen == {world.province.pk}
    admin = client.get(f"/api/users/{asesor.pk}/", **_auth(world.users["administrator"])).json()
    assert {g["instansi"] for g in admin["roles"]} == {world.province.pk, world.other.pk}


def test_user_list_queries_do_not_grow_with_grants(client, world, django_assert_max_num_queries):
    auth = _auth(world.users["koordinator"])
    for user in world.users.values():
        RoleGrant.objects.get_or_create(user=user, role="pimpinan", instansi=world.other)
    with django_assert_max_num_queries(8):
        client.get("/api/users/", **auth)


@pytest.mark.parametrize("body", ["[1, 2]", "null", '"teks"', "3"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/units/"),
        ("post", "/api/users/"),
        ("post", "/api/role-grants/"),
        ("patch", "/api/units/{dinkes}/"),
        ("patch", "/api/users/{resp}/"),
        ("post", "/api/tokens/"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_clear_400(client, world, method, path, body):
    client.force_login(world.users["koordinator"])
    url = path.format(dinkes=world.dinkes.pk, resp=world.users["responden"].pk)
    response = getattr(client, method)(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "objek JSON" in response.json()["error"]["message"]


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", "²", "9" * 30])
@pytest.mark.parametrize("path", ["/api/units/", "/api/role-grants/", "/api/audit-events/"])
def test_a_bad_instansi_parameter_is_a_400(client, world, path, value):
    response = client.get(path, {"instansi": value}, **_auth(world.users["koordinator"]))
    assert response.status_code == 400
    assert "instansi" in response.json()["error"]["fields"]


def test_audit_api_needs_the_instansi_parameter(client, world):
    response = client.get("/api/audit-events/", **_auth(world.users["koordinator"]))
    assert response.status_code == 400
    assert "wajib" in str(response.json()["error"]["fields"]["instansi"])


def test_anonymous_gets_401_with_the_error_shape(client):
    response = client.get("/api/units/")
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_schema_lists_the_endpoints(client, world):
    client.force_login(world.users["koordinator"])
    body = client.get("/api/schema/").content.decode()
    for path in (
        "/api/instansi/",
        "/api/units/",
        "/api/users/",
        "/api/role-grants/",
        "/api/tokens/",
        "/api/audit-events/",
    ):
        assert path in body
