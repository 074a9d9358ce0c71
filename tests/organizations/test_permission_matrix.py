"""The permission matrix: every role × (inside / outside scope / recursive child) × every
protected page, API endpoint and download of organisations, accounts and audit.

Each row is one request; the columns are the expected status per role. Refusals are 403 (the
user sees the object but may not act) or 404 (outsiders: existence never leaks); never 500.
Anonymous users are sent to the login page (302) by pages and get 401 from the API.
"""

import pytest
from django.urls import reverse

from spbe.organizations.models import RoleGrant
from tests.factories import make_user_with_role

pytestmark = pytest.mark.django_db

ROLES = [
    "administrator",
    "koordinator",
    "asesor",
    "responden",  # on Setda, recursive (Biro Hukum is its child)
    "responden_flat",  # on Dinkes only
    "pimpinan",
    "pembina",  # on the province, recursive: reaches the kabupaten
    "other_koordinator",  # koordinator of another province: outside scope
    "nobody",  # signed in, no role
    "anonymous",
]


def _page(*codes):
    return dict(zip(ROLES, codes, strict=True))


# -- url builders (w = tests.factories.World) -------------------------------------------------
def u(name, *args):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


P = lambda w: w.province.pk  # noqa: E731
K = lambda w: w.kab.pk  # noqa: E731
O = lambda w: w.other.pk  # noqa: E731, E741
RESP = lambda w: w.users["responden"].pk  # noqa: E731
ADMIN = lambda w: w.users["administrator"].pk  # noqa: E731
PEMBINA = lambda w: w.users["pembina"].pk  # noqa: E731


def resp_grant(w):
    return RoleGrant.objects.get(user=w.users["responden"]).pk


def admin_resp_grant(w):
    """A responden grant held by the administrator (a coordinator must not revoke it)."""
    grant, _created = RoleGrant.objects.get_or_create(
        user=w.users["administrator"], role="responden", instansi=w.province, unit=w.dinkes
    )
    return grant.pk


def api(path):
    return lambda w: path.format(
        w=w, resp_grant=resp_grant(w), admin_resp_grant=admin_resp_grant(w)
    )


#                   admin koord asesor resp rflat pimp pemb okoord nobody anon
SEES_PROVINCE = _page(200, 200, 200, 200, 200, 200, 200, 404, 404, 302)
SEES_KAB = _page(200, 404, 404, 404, 404, 404, 200, 404, 404, 302)
SEES_OTHER = _page(200, 404, 404, 404, 404, 404, 404, 200, 404, 302)
MANAGES_PROVINCE = _page(200, 200, 403, 403, 403, 403, 403, 404, 404, 302)
MANAGES_OTHER = _page(200, 404, 404, 404, 404, 404, 404, 200, 404, 302)

PAGE_CASES = [
    ("instansi inside", "get", u("organizations:instansi_detail", P), None, SEES_PROVINCE),
    ("instansi recursive child", "get", u("organizations:instansi_detail", K), None, SEES_KAB),
    ("instansi outside", "get", u("organizations:instansi_detail", O), None, SEES_OTHER),
    ("unit create inside", "get", u("organizations:unit_create", P), None, MANAGES_PROVINCE),
    ("unit create outside", "get", u("organizations:unit_create", O), None, MANAGES_OTHER),
    (
        "unit edit recursive child",
        "get",
        lambda w: reverse("organizations:unit_edit", args=[w.biro.pk]),
        None,
        _page(200, 200, 403, 403, 404, 403, 403, 404, 404, 302),
    ),
    (
        "unit edit outside",
        "get",
        lambda w: reverse("organizations:unit_edit", args=[w.other_unit.pk]),
        None,
        MANAGES_OTHER,
    ),
    (
        "unit deactivate inside",
        "post",
        lambda w: reverse("organizations:unit_toggle", args=[w.dinkes.pk]),
        {},
        _page(302, 302, 403, 404, 403, 403, 403, 404, 404, 302),
    ),
    ("members inside", "get", u("organizations:member_list", P), None, MANAGES_PROVINCE),
    ("members outside", "get", u("organizations:member_list", O), None, MANAGES_OTHER),
    ("member edit inside", "get", u("organizations:member_edit", P, RESP), None, MANAGES_PROVINCE),
    (
        "member edit: administrator account",
        "get",
        u("organizations:member_edit", P, ADMIN),
        None,
        _page(200, 403, 403, 403, 403, 403, 403, 404, 404, 302),
    ),
    ("member create inside", "get", u("organizations:member_create", P), None, MANAGES_PROVINCE),
    (
        "member disable inside",
        "post",
        u("organizations:member_toggle", P, RESP),
        {},
        _page(302, 302, 403, 403, 403, 403, 403, 404, 404, 302),
    ),
    (
        "member disable: pembina",
        "post",
        u("organizations:member_toggle", P, PEMBINA),
        {},
        _page(302, 403, 403, 403, 403, 403, 403, 404, 404, 302),
    ),
    (
        "member reset password: pembina",
        "post",
        u("organizations:member_reset_password", P, PEMBINA),
        {"password": ""},
        _page(200, 403, 403, 403, 403, 403, 403, 404, 404, 302),
    ),
    (
        "member reset password inside",
        "post",
        u("organizations:member_reset_password", P, RESP),
        {"password": ""},
        MANAGES_PROVINCE,
    ),
    (
        "grant role inside",
        "post",
        u("organizations:grant_create", P, RESP),
        {"role": "pimpinan"},
        _page(302, 302, 403, 403, 403, 403, 403, 404, 404, 302),
    ),
    (
        "grant role: administrator account",
        "post",
        u("organizations:grant_create", P, ADMIN),
        {"role": "pimpinan"},
        _page(403, 403, 403, 403, 403, 403, 403, 404, 404, 302),
    ),
    (
        "revoke role inside",
        "post",
        lambda w: reverse("organizations:grant_revoke", args=[w.province.pk, resp_grant(w)]),
        {},
        _page(302, 302, 403, 403, 403, 403, 403, 404, 404, 302),
    ),
    ("import units page", "get", u("organizations:import", P, "unit"), None, MANAGES_PROVINCE),
    ("import users page", "get", u("organizations:import", P, "pengguna"), None, MANAGES_PROVINCE),
    (
        "import template download",
        "get",
        u("organizations:import_template", P, "unit", "xlsx"),
        None,
        MANAGES_PROVINCE,
    ),
    (
        "import template outside",
        "get",
        u("organizations:import_template", O, "pengguna", "csv"),
        None,
        MANAGES_OTHER,
    ),
    ("audit page inside", "get", u("audit:event_list", P), None, MANAGES_PROVINCE),
    ("audit page outside", "get", u("audit:event_list", O), None, MANAGES_OTHER),
    ("audit CSV inside", "get", u("audit:event_export", P), None, MANAGES_PROVINCE),
    ("audit CSV outside", "get", u("audit:event_export", O), None, MANAGES_OTHER),
    ("profile", "get", u("profile"), None, _page(200, 200, 200, 200, 200, 200, 200, 200, 200, 302)),
]


def _api(*codes):
    return dict(zip(ROLES, codes, strict=True))


A_SEES_PROVINCE = _api(200, 200, 200, 200, 200, 200, 200, 404, 404, 401)
A_MANAGES_READ = _api(200, 200, 403, 403, 403, 403, 403, 404, 404, 401)
# Writes: roles without any managing role are refused up front (403), before validation.
A_MANAGES_WRITE = _api(200, 200, 403, 403, 403, 403, 403, 404, 403, 401)

API_CASES = [
    ("api instansi inside", "get", api("/api/instansi/{w.province.pk}/"), None, A_SEES_PROVINCE),
    (
        "api instansi recursive child",
        "get",
        api("/api/instansi/{w.kab.pk}/"),
        None,
        _api(200, 404, 404, 404, 404, 404, 200, 404, 404, 401),
    ),
    (
        "api instansi outside",
        "get",
        api("/api/instansi/{w.other.pk}/"),
        None,
        _api(200, 404, 404, 404, 404, 404, 404, 200, 404, 401),
    ),
    (
        "api unit recursive child",
        "get",
        api("/api/units/{w.biro.pk}/"),
        None,
        _api(200, 200, 200, 200, 404, 200, 200, 404, 404, 401),
    ),
    (
        "api unit outside",
        "get",
        api("/api/units/{w.other_unit.pk}/"),
        None,
        _api(200, 404, 404, 404, 404, 404, 404, 200, 404, 401),
    ),
    (
        "api unit update recursive child",
        "patch",
        api("/api/units/{w.biro.pk}/"),
        {"short_name": "BH"},
        A_MANAGES_WRITE,
    ),
    (
        "api unit update outside",
        "patch",
        api("/api/units/{w.other_unit.pk}/"),
        {"short_name": "X"},
        _api(200, 404, 403, 403, 403, 403, 403, 200, 403, 401),
    ),
    (
        "api unit create inside",
        "post",
        api("/api/units/"),
        "unit-create",
        _api(201, 201, 403, 403, 403, 403, 403, 404, 403, 401),
    ),
    (
        "api user colleague",
        "get",
        api("/api/users/{w.users[responden].pk}/"),
        None,
        A_SEES_PROVINCE,
    ),
    (
        "api user update",
        "patch",
        api("/api/users/{w.users[responden].pk}/"),
        {"position": "Analis"},
        A_MANAGES_WRITE,
    ),
    (
        "api user disable: pembina",
        "patch",
        api("/api/users/{w.users[pembina].pk}/"),
        {"is_active": False},
        _api(200, 403, 403, 403, 403, 403, 403, 404, 403, 401),
    ),
    (
        "api user create",
        "post",
        api("/api/users/"),
        "user-create",
        _api(201, 201, 403, 403, 403, 403, 403, 404, 403, 401),
    ),
    (
        "api grants list inside",
        "get",
        api("/api/role-grants/?instansi={w.province.pk}"),
        None,
        A_MANAGES_READ,
    ),
    (
        "api grant create",
        "post",
        api("/api/role-grants/"),
        "grant-create",
        _api(201, 201, 403, 403, 403, 403, 403, 404, 403, 401),
    ),
    (
        "api grant create: oneself",
        "post",
        api("/api/role-grants/"),
        "grant-create-self",
        _api(403, 403, 403, 403, 403, 403, 403, 404, 403, 401),
    ),
    (
        "api grant create: administrator",
        "post",
        api("/api/role-grants/"),
        "grant-create-admin",
        _api(403, 403, 403, 403, 403, 403, 403, 404, 403, 401),
    ),
    (
        "api grant create: member of two instansi",
        "post",
        api("/api/role-grants/"),
        "grant-create-two-instansi",
        _api(201, 403, 403, 403, 403, 403, 403, 404, 403, 401),
    ),
    (
        "api grant revoke",
        "delete",
        api("/api/role-grants/{resp_grant}/"),
        None,
        _api(204, 204, 403, 403, 403, 403, 403, 404, 403, 401),
    ),
    (
        "api grant revoke: administrator's grant",
        "delete",
        api("/api/role-grants/{admin_resp_grant}/"),
        None,
        _api(403, 403, 403, 403, 403, 403, 403, 404, 403, 401),
    ),
    (
        "api audit inside",
        "get",
        api("/api/audit-events/?instansi={w.province.pk}"),
        None,
        A_MANAGES_READ,
    ),
    (
        "api audit outside",
        "get",
        api("/api/audit-events/?instansi={w.other.pk}"),
        None,
        _api(200, 404, 404, 404, 404, 404, 404, 200, 404, 401),
    ),
    (
        "api audit CSV inside",
        "get",
        api("/api/audit-events/export/?instansi={w.province.pk}"),
        None,
        A_MANAGES_READ,
    ),
    (
        "api tokens",
        "get",
        api("/api/tokens/"),
        None,
        _api(200, 200, 200, 200, 200, 200, 200, 200, 200, 401),
    ),
]


def _body(kind, w, role):
    if kind == "unit-create":
        return {"instansi": w.province.pk, "name": "Dinas Baru Matriks", "kind": "dinas"}
    if kind == "user-create":
        return {
            "instansi": w.province.pk,
            "username": "baru.matriks",
            "role": "responden",
            "unit": w.dinkes.pk,
        }
    if kind == "grant-create":
        return {"instansi": w.province.pk, "user": w.users["responden"].pk, "role": "pimpinan"}
    if kind == "grant-create-self":
        me = w.users.get(role, w.users["koordinator"])
        return {"instansi": w.province.pk, "user": me.pk, "role": "koordinator"}
    if kind == "grant-create-admin":
        return {"instansi": w.province.pk, "user": w.users["administrator"].pk, "role": "pimpinan"}
    if kind == "grant-create-two-instansi":
        both = make_user_with_role(role="responden", instansi=w.province, unit=w.dinkes)
        RoleGrant.objects.create(user=both, role="responden", instansi=w.other, unit=w.other_unit)
        return {"instansi": w.province.pk, "user": both.pk, "role": "pimpinan"}
    return kind


def _request(client, world, role, method, url, data, *, is_api):
    if role != "anonymous":
        client.force_login(world.users[role])
    kwargs = {}
    if data is not None:
        kwargs["data"] = _body(data, world, role)
        if is_api:
            kwargs["content_type"] = "application/json"
    return getattr(client, method)(url(world), **kwargs)


def _cases(table):
    return [
        pytest.param(method, url, data, role, expected[role], id=f"{name} | {role}")
        for name, method, url, data, expected in table
        for role in ROLES
    ]


@pytest.mark.parametrize(("method", "url", "data", "role", "expected"), _cases(PAGE_CASES))
def test_pages(client, world, method, url, data, role, expected):
    response = _request(client, world, role, method, url, data, is_api=False)
    assert response.status_code == expected
    if expected == 302 and role == "anonymous":
        assert reverse("login") in response["Location"]


@pytest.mark.parametrize(("method", "url", "data", "role", "expected"), _cases(API_CASES))
def test_api(client, world, method, url, data, role, expected):
    response = _request(client, world, role, method, url, data, is_api=True)
    assert response.status_code == expected, response.content[:300]
