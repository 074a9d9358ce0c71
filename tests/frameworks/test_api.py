"""Read-only API: list of frameworks, one framework with its indicators."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_requires_authentication(shipped, client):
    response = client.get("/api/frameworks/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_api_lists_frameworks(shipped, client, member):
    client.force_login(member)
    data = client.get("/api/frameworks/").json()
    by_code = {row["code"]: row for row in data}
    assert by_code["spbe-59-2020"]["indicator_count"] == 47
    assert by_code["pemdi-8-2026"]["status"] == "provisional"


def test_api_framework_detail_returns_indicators(shipped, client, member):
    client.force_login(member)
    data = client.get("/api/frameworks/spbe-59-2020/").json()
    assert len(data["indicators"]) == 47
    first = data["indicators"][0]
    assert (first["number"], first["weight"], first["aspect"], first["domain"]) == (
        1,
        "1.30",
        "A1",
        "D1",
    )
    assert len(first["levels"]) == 5
    assert [d["code"] for d in data["domains"]] == ["D1", "D2", "D3", "D4"]
    assert data["predikat_basis_by_year"] == {"2023": "rounded"}


def test_api_unknown_framework_is_404(shipped, client, member):
    client.force_login(member)
    assert client.get("/api/frameworks/tidak-ada/").status_code == 404


def test_api_schema_documents_framework_endpoints(client, member):
    client.force_login(member)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/frameworks/{code}/" in schema
