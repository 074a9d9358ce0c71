"""Start-up stays light: `django.setup()` in a new process (every gunicorn worker, every
command) imports neither the OpenAPI generator nor numpy, and the URLconf (a worker's first
request) not WeasyPrint; they load when a schema is generated, the planner runs or a PDF is
made. The schema still describes the token scheme (the extension is found)."""

import os
import subprocess
import sys

from django.conf import settings


def _probe(code: str) -> str:
    """The last line `code` prints in a new Python process with the project's settings."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    out = subprocess.run(  # noqa: S603 - this interpreter, a fixed probe
        [sys.executable, "-c", f"import sys, django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env=env,
    )
    return out.stdout.strip().splitlines()[-1]


def test_setup_imports_neither_the_schema_generator_nor_numpy():
    heavy = "('drf_spectacular.extensions', 'drf_spectacular.openapi', 'numpy')"
    assert _probe(f"print(sorted(m for m in {heavy} if m in sys.modules))") == "[]"


def test_the_urls_load_without_weasyprint():
    """About 30 MB with Pango and fontTools, in every worker, before this change."""
    code = "from django.urls import get_resolver; get_resolver().url_patterns; "
    assert _probe(code + "print('weasyprint' in sys.modules)") == "False"


def test_the_schema_still_has_the_token_scheme(api, django_user_model):
    user = django_user_model.objects.create_user(username="skema", password="x-Pass-1234!")
    response = api(user).get("/api/schema/")
    assert response.status_code == 200
    assert b"tokenAuth" in response.content
