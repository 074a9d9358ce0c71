"""Start-up stays light: `django.setup()` in a new process (every gunicorn worker, every
command) imports neither the OpenAPI generator nor numpy; they load when a schema is generated
or the planner runs. The schema still describes the token scheme (the extension is found)."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = (
    "import sys, django; django.setup(); "
    "print(sorted(m for m in ('drf_spectacular.extensions', 'drf_spectacular.openapi', 'numpy')"
    " if m in sys.modules))"
)


def test_setup_imports_neither_the_schema_generator_nor_numpy():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    out = subprocess.run(  # noqa: S603 - this interpreter, a fixed probe
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env=env,
    )
    assert out.stdout.strip() == "[]"


def test_the_schema_still_has_the_token_scheme(api, django_user_model):
    user = django_user_model.objects.create_user(username="skema", password="x-Pass-1234!")
    response = api(user).get("/api/schema/")
    assert response.status_code == 200
    assert b"tokenAuth" in response.content


def test_the_urls_load_without_weasyprint():
    """Every worker imports the URLconf at its first request; WeasyPrint (about 30 MB with
    Pango and fontTools) loads with the first PDF instead."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    probe = (
        "import sys, django; django.setup(); from django.urls import get_resolver; "
        "get_resolver().url_patterns; print('weasyprint' in sys.modules)"
    )
    out = subprocess.run(  # noqa: S603 - this interpreter, a fixed probe
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env=env,
    )
    assert out.stdout.strip().splitlines()[-1] == "False"
