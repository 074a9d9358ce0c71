"""Error pages with DEBUG off: 403 and 404 in the layout with a way back, 500 standalone."""

import pytest
from django.template.loader import get_template
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import make_user

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.web.error_urls"),
]


@pytest.fixture
def signed_in(client):
    client.force_login(make_user(username="pengguna.uji"))
    return client


@override_settings(DEBUG=False)
def test_permission_denied_renders_the_403_page_in_the_layout(signed_in):
    response = signed_in.get("/uji/ditolak/")
    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Akses ditolak" in html and "403 Forbidden" not in html
    assert f'href="{reverse("home")}"' in html and "Kembali ke Beranda" in html
    assert 'class="topbar"' in html  # the site's header: the user is not stranded


@override_settings(DEBUG=False)
def test_unknown_address_renders_the_404_page(signed_in):
    response = signed_in.get("/tidak-ada/sama-sekali/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html and "Not Found" not in html
    assert "/tidak-ada/sama-sekali/" in html and "Kembali ke Beranda" in html


@override_settings(DEBUG=False)
def test_404_for_a_visitor_who_is_not_signed_in(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@override_settings(DEBUG=False)
def test_unhandled_error_renders_the_standalone_500_page(db):
    client = Client(raise_request_exception=False)
    client.force_login(make_user(username="pengguna.uji"))
    response = client.get("/uji/rusak/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi kesalahan pada server" in html and 'href="/"' in html
    assert "kesalahan uji" not in html  # nothing of the exception leaks to the page


def test_500_page_needs_neither_request_nor_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = get_template("500.html").render()
    assert "Kembali ke Beranda" in html and "<html" in html
