"""The demo behaves like the product: with DEBUG off the static files are served (WhiteNoise),
unknown addresses get the project's 404 page, and `spbe demo` runs where `make run` says it
is the demo (SPBE_DEMO) yet still refuses a production-looking configuration."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

ROOT = Path(django_settings.BASE_DIR)


def test_static_files_are_served_with_debug_off(client, settings):
    assert settings.DEBUG is False  # as pytest-django runs every test
    response = client.get("/static/web/app.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")


def test_an_unknown_address_shows_the_projects_404_not_the_technical_page(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html and "URLconf" not in html


def test_demo_refuses_a_production_configuration(settings):
    settings.DEBUG, settings.SPBE_DEMO = False, False
    with pytest.raises(CommandError, match="SPBE_DEMO=1 atau --force"):
        call_command("demo")


def test_demo_runs_with_debug_off_when_make_run_says_it_is_the_demo(settings, monkeypatch):
    from spbe.web.management.commands import demo

    loaded = []
    monkeypatch.setattr(demo, "demo_load", lambda reset: loaded.append(reset) or _Nothing())
    settings.DEBUG, settings.SPBE_DEMO = False, True
    call_command("demo", "--url", "http://127.0.0.1:8080")
    assert loaded == [False]


class _Nothing:
    changed = False
    created: dict = {}
    accounts: list = []


@pytest.mark.skipif(shutil.which("make") is None, reason="make tidak ada")
def test_make_run_serves_with_debug_off_on_the_chosen_port():
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", "HOST=127.0.0.1:8080"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "collectstatic" in dry
    assert "demo --url http://127.0.0.1:8080" in dry and "runserver 127.0.0.1:8080" in dry
    makefile = (ROOT / "Makefile").read_text()
    assert "run: export DEBUG ?= 0" in makefile and "run: export SPBE_DEMO ?= 1" in makefile
    assert "make run HOST=127.0.0.1:8080" in (ROOT / "README.md").read_text()
