"""Bahasa Indonesia by default, whatever the browser says; English only when chosen."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_english_browser_still_gets_indonesian(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()


def test_the_language_switch_chooses_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/masuk/"})
    response = client.get(reverse("login"))
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_unknown_language_cookie_falls_back_to_indonesian(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(reverse("login"))["Content-Language"] == "id"
