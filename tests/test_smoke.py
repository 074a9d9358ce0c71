"""The project starts: settings load, the login page renders, pages need a login."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_renders_in_indonesian(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Masuk ke SPBE Monev" in response.content.decode()


def test_home_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_login_with_email(client, django_user_model):
    django_user_model.objects.create_user(
        username="budi", email="budi@kaltimprov.go.id", password="rahasia-sekali-123"
    )
    response = client.post(
        reverse("login"),
        {"username": "BUDI@kaltimprov.go.id", "password": "rahasia-sekali-123"},
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_openapi_schema_served(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="skema"))
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"openapi" in response.content
