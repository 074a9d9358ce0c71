"""`spbe check --deploy --fail-level WARNING` is clean with production environment variables."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "production-secret-key-of-enough-length-and-variety-0123456789",
    "ALLOWED_HOSTS": "spbe.kaltimprov.go.id",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_PROXY_SSL_HEADER": "1",
}


def _check(extra: dict[str, str]) -> subprocess.CompletedProcess:
    # the browser tests allow Django's async-unsafe calls in this process: not in production
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "-m", "spbe.cli", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env={**env, **extra},
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = _check(PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout


def test_deploy_check_fails_without_https_settings():
    without_https = {k: v for k, v in PRODUCTION.items() if not k.startswith("SECURE_")}
    result = _check(without_https)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout
