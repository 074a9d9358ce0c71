"""Security headers: CSP without inline scripts, no-store for signed-in users, schema login."""

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_csp_allows_no_inline_script_and_no_other_host(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "http" not in policy
    assert directives["object-src"] == "'none'"


def test_no_page_carries_an_inline_script(client):
    user = make_user(username="andi")
    client.force_login(user)
    for url in (reverse("login"), reverse("home"), reverse("profile")):
        html = client.get(url, follow=True).content.decode()
        for tag in html.split("<script")[1:]:
            assert tag.split(">", 1)[0].strip().startswith("src=") or " src=" in tag.split(">")[0]


def test_signed_in_pages_are_not_cached(client):
    client.force_login(make_user(username="andi"))
    assert client.get(reverse("home"))["Cache-Control"] == "no-store"


def test_token_api_answers_are_not_cached(client):
    from spbe.accounts.services import token_create

    user = make_user(username="andi")
    _token, raw = token_create(user=user, name="x", actor=user)
    response = client.get("/api/tokens/", HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_login_page_may_be_cached_normally(client):
    assert client.get(reverse("login")).get("Cache-Control") != "no-store"


def test_the_api_schema_needs_a_login(client):
    assert client.get("/api/schema/").status_code in (401, 403)
    client.force_login(make_user(username="andi"))
    assert client.get("/api/schema/").status_code == 200


def test_the_api_docs_page_has_no_inline_script(client):
    client.force_login(make_user(username="andi"))
    html = client.get("/api/docs/").content.decode()
    assert "<script>" not in html.replace(" ", "")
