"""The coordinator generates the Laporan Hasil Evaluasi Internal on the documents page, sees
its progress, and downloads the PDF when it is ready."""

import hashlib
from pathlib import Path

import pytest

from spbe.frameworks.services import shipped_load
from spbe.reports.models import GeneratedFile
from tests.factories import PASSWORD, build_world
from tests.reports.fixtures import build_dash

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The LHE is rendered in the background; on a busy 2-core machine it can take a while.
GENERATION_TIMEOUT_MS = 120_000


def test_coordinator_generates_and_downloads_the_lhe(page):
    shipped_load()
    dash = build_dash(build_world())
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill("koord")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()

    page.goto(f"/laporan/siklus/{dash.cycle_2024.pk}/")
    page.get_by_role("navigation", name="Menu siklus").get_by_role("link", name="Dokumen").click()
    page.get_by_role("heading", name="Laporan Hasil Evaluasi Internal").wait_for()
    page.get_by_label("Tahap").first.select_option("final")
    page.get_by_test_id("generate-lhe").click()

    # The new row shows the progress first (HTMX polls it), then the download link.
    row = page.locator("#generated-rows tr").first
    row.wait_for()
    # First swapped in as asked for (polling every 2 s): a progress bar, no link yet.
    assert row.locator("progress").count() == 1
    assert row.get_attribute("data-status") in ("queued", "running")
    link = row.get_by_role("link", name="Unduh", exact=False)
    link.wait_for(timeout=GENERATION_TIMEOUT_MS)
    generated = GeneratedFile.objects.get()
    assert generated.status == GeneratedFile.Status.DONE
    with page.expect_download() as info:
        link.click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == generated.sha256
    assert info.value.suggested_filename.endswith("2024-final.pdf")
