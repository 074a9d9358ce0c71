"""Fixtures shared by the whole suite: private media, the ../shared reference folder, the API
client and the browser."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("SPBE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path, tmp_path_factory):
    """Every test writes evidence files (and temporary files) into its own folders, never into
    ./media or the shared temporary folder. The temporary folder is not inside `tmp_path`, which
    tests use as an empty output folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    temp = tmp_path_factory.mktemp("spbe-tmp")
    settings.SPBE_TEMP_DIR = temp
    settings.FILE_UPLOAD_TEMP_DIR = str(temp / "unggahan")
    (temp / "unggahan").mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media", "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _reading_in_process(settings):
    """Uploads are read in this process and without OCR unless a test asks for the sandbox
    (EVIDENCE_READ_SANDBOX) or OCR (EVIDENCE_OCR_ENABLED): a child process per upload and
    OCR of every scan would make the suite minutes slower. tests/evidence covers both."""
    settings.EVIDENCE_READ_SANDBOX = False
    settings.EVIDENCE_OCR_ENABLED = False


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Every test starts with an empty cache, and cycle figures are computed afresh: tests
    write levels and links straight through the ORM, without the audit event every service
    writes, which is what changes the cached figures' data version in production
    (spbe/evaluations/selectors/cache.py). tests/reports/test_figures_cache.py turns the
    cache on and writes through the services."""
    from django.core.cache import cache

    settings.SPBE_FIGURES_CACHE_SECONDS = 0
    cache.clear()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder with published results and real documents; skip where absent."""
    path = Path(settings.SHARED_DIR)
    if not (path / "reference").is_dir():
        pytest.skip(f"folder shared tidak ada di {path}")
    return path


@pytest.fixture
def api():
    """`api(user)`: a DRF test client authenticated as `user` (anonymous without one)."""
    from rest_framework.test import APIClient

    def make(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; never downloads a browser.

    Skipped where Chromium is absent, unless SPBE_REQUIRE_BROWSER=1 (set by .ci/run),
    where a missing browser is a failure.
    """
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("SPBE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}")
        pytest.skip(f"Chromium tidak ditemukan di {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls that the
    # test makes around it are ordinary synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def ocr_engine():
    """OCRmyPDF with Tesseract's Indonesian data. Skipped where absent, unless CI=true or
    SPBE_REQUIRE_OCR=1 (set by .ci/run, which installs it): there a missing engine fails."""
    from spbe.evidence.understanding.ocr import ocr_engine_problem

    problem = ocr_engine_problem()
    if problem:
        if os.environ.get("CI") == "true" or os.environ.get("SPBE_REQUIRE_OCR") == "1":
            pytest.fail(f"OCR tidak tersedia: {problem}")
        pytest.skip(f"OCR tidak tersedia: {problem}")
    return True


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
