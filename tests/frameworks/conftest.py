"""Fixtures for framework tests: the shipped files as editable dicts, and a file writer."""

import copy
from pathlib import Path

import pytest
import yaml

from spbe.frameworks.loader import DATA_DIR
from spbe.frameworks.services import shipped_load

SPBE_FILE = DATA_DIR / "spbe-59-2020.yaml"
PEMDI_FILE = DATA_DIR / "pemdi-8-2026.yaml"
MAPPING_FILE = DATA_DIR / "mappings" / "spbe-59-2020--pemdi-8-2026.yaml"

_CACHE: dict[Path, dict] = {}


def parsed(path: Path) -> dict:
    """A fresh, editable copy of a shipped file's content (parsed once per session)."""
    if path not in _CACHE:
        _CACHE[path] = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return copy.deepcopy(_CACHE[path])


@pytest.fixture
def spbe_data() -> dict:
    return parsed(SPBE_FILE)


@pytest.fixture
def pemdi_data() -> dict:
    return parsed(PEMDI_FILE)


@pytest.fixture
def write_yaml(tmp_path):
    """Write a dict (or raw text/bytes) to a YAML file and return its path."""
    counter = iter(range(1000))

    def write(content, name: str | None = None) -> Path:
        path = tmp_path / (name or f"kerangka-{next(counter)}.yaml")
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(
                yaml.dump(content, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8"
            )
        return path

    return write


@pytest.fixture
def shipped(db):
    """Every shipped framework and mapping loaded."""
    return shipped_load()


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user(username="asesor", password="rahasia-sekali-123")
