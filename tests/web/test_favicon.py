"""Every page names its icon; /favicon.ico (asked for by tools that ignore the link) redirects
to it instead of answering 404 on every page."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

ICON = static("web/favicon.svg")


def test_pages_link_the_svg_icon(client, db):
    html = client.get(reverse("login")).content.decode()
    assert f'<link rel="icon" href="{ICON}" type="image/svg+xml">' in html


def test_the_icon_is_a_shipped_svg():
    path = finders.find("web/favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as handle:
        assert handle.read().startswith("<svg")


@pytest.mark.django_db
def test_favicon_ico_redirects_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == ICON
