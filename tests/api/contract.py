"""Shared by the API contract tests: the committed schema and the loaded demo, once a module.

The demo (Kaltim, every role, cycles, evidence files, action items) is loaded in a module-wide
transaction rolled back at the end; each test runs inside it (pytest-django's `db`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.db import transaction
from django.test import override_settings

SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"
ROLES = ("admin", "koordinator", "asesor", "pimpinan", "pembina", "responden-diskominfo")


def committed_schema() -> dict:
    return yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, its evidence files in a folder of this module's own."""
    media = tmp_path_factory.mktemp("media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": None},
        },
    }
    from spbe.demo.loader import demo_load
    from spbe.frameworks.services import shipped_load

    with (
        override_settings(MEDIA_ROOT=media, STORAGES=storages),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        shipped_load()
        yield demo_load()
        transaction.set_rollback(True)
