"""Fixtures for the evidence file tests: real documents from ../shared and small limits."""

from functools import cache

import pytest

from spbe.evidence.files import extract_text

MB = 1024 * 1024
LIMITS = {"max_bytes": 25 * MB, "max_expanded_bytes": 200 * MB}


@pytest.fixture(scope="session")
def bukti(shared_dir):
    """../shared/artifacts/bukti-dukung (skips where ../shared is absent)."""
    return shared_dir / "artifacts" / "bukti-dukung"


@pytest.fixture(scope="session")
def format_resmi(shared_dir):
    return shared_dir / "artifacts" / "format-resmi"


@cache
def _extract_cached(path: str, kind: str):
    return extract_text(path, kind)


@pytest.fixture(scope="session")
def real_text(bukti):
    """Full extraction of a real file, once per session (the big PDFs take seconds)."""

    def read(relative: str, kind: str = "pdf"):
        return _extract_cached(str(bukti / relative), kind)

    return read
