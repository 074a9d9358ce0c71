"""Bad input to the API answers 4xx with an Indonesian message, never a 500: JSON bodies that
are not objects, a huge ?limit=, ids and numeric filters too large for any database."""

from __future__ import annotations

import re

import pytest
import yaml
from django.conf import settings

from spbe.accounts.services import token_create

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
SCHEMA = yaml.safe_load(
    (settings.BASE_DIR / "docs" / "api" / "openapi.yaml").read_text(encoding="utf-8")
)


@pytest.fixture
def auth(world):
    user = world.users["koordinator"]
    return {"HTTP_AUTHORIZATION": f"Token {token_create(user=user, name='uji', actor=user)[1]}"}


def _operations(methods):
    for template, item in SCHEMA["paths"].items():
        for method in methods:
            if method in item:
                yield method, template, item[method]


@pytest.mark.parametrize("body", ["null", "[]", '"teks"', "[1, 2]"])
def test_json_bodies_that_are_not_objects_are_400(client, auth, body):
    failures = []
    for method, template, _operation in _operations(("post", "put", "patch")):
        url = re.sub(r"\{[^}]+\}", "1", template)
        response = getattr(client, method)(url, body, content_type="application/json", **auth)
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url}: {response.status_code}")
        elif response.status_code == 400 and "json" in response["Content-Type"]:
            assert response.json()["error"]["message"], url
    assert not failures, "\n".join(failures)
    response = client.post("/api/cycles/", body, content_type="application/json", **auth)
    assert response.status_code == 400
    assert "objek JSON" in response.json()["error"]["message"]


def test_huge_ids_and_filters_are_never_500(client, auth):
    failures = []
    for _method, template, operation in _operations(("get",)):
        url = re.sub(r"\{[^}]+\}", HUGE, template)
        query = "&".join(
            f"{p['name']}={HUGE}"
            for p in operation.get("parameters", [])
            if p.get("in") == "query" and p.get("schema", {}).get("type") == "integer"
        )
        response = client.get(url + ("?" + query if query else ""), **auth)
        if response.status_code >= 500:
            failures.append(f"GET {url}?{query}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_limit_is_capped_and_offset_checked(client, auth, world):
    response = client.get("/api/units/?limit=100000000", **auth)
    assert response.status_code == 200
    response = client.get(f"/api/units/?offset={HUGE}", **auth)
    assert response.status_code == 400
    assert "offset" in response.json()["error"]["fields"]
    from spbe.core.api.pagination import CappedLimitOffsetPagination

    assert CappedLimitOffsetPagination.max_limit == 500
