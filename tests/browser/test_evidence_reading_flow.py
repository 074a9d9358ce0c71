"""A respondent uploads a real scan (the Kepmenko 70/2023 decree, turned 90°) through the
indicator's evidence panel; it is read with OCR; the respondent sees the suggested kind,
number and date, corrects nothing and confirms. The asesor then sees the checks (another
government's document) and the criteria coverage on the indicator page."""

import pytest

from spbe.evaluations.models import Assessment, Cycle
from spbe.frameworks.selectors import framework_get, framework_indicators
from spbe.frameworks.services import shipped_load
from tests.factories import PASSWORD, build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.ocr,
    pytest.mark.shared,
    pytest.mark.django_db(transaction=True),
]
SCAN = "kemenko-perekonomian/Kepmenko_70_2023_Tim_Koordinasi_SPBE_scan_miring.pdf"


def _login(page, username):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()


def test_respondent_confirms_what_was_read_and_the_asesor_sees_the_checks(
    page, shared_dir, ocr_engine, settings
):
    settings.EVIDENCE_OCR_ENABLED = True
    settings.EVIDENCE_OCR_MAX_PAGES = 8  # the whole decree: the enactment date is on its last page
    shipped_load()
    world = build_world()
    framework = framework_get("spbe-59-2020")
    cycle = Cycle.objects.create(
        instansi=world.province, framework=framework, year=2024, kind="evaluasi", name="E 2024"
    )
    indicator = next(i for i in framework_indicators(framework) if i.number == 1)
    Assessment.objects.create(cycle=cycle, indicator=indicator, lead_unit=world.setda)

    _login(page, "resp")
    page.goto(f"/evaluasi/{cycle.pk}/indikator/1/")
    panel = page.locator("details.evidence-upload")
    panel.get_by_text("Unggah dokumen baru dan tautkan").click()
    scan = shared_dir / "artifacts" / "bukti-dukung" / SCAN
    panel.get_by_label("Berkas", exact=False).set_input_files(str(scan))
    panel.get_by_label("Jenis dokumen").select_option("lainnya")
    panel.get_by_label("Judul", exact=False).fill("Pindaian SK tim koordinasi")
    panel.get_by_label("Tautkan pada level").select_option("2")
    panel.get_by_role("button", name="Unggah dan tautkan").click()

    reading = page.locator(".evidence-reading")
    # The test server runs tasks at once (ImmediateBackend), so the upload answers after the
    # OCR of the 8 pages; production's database worker answers at once.
    reading.get_by_role("heading", name="Hasil pembacaan berkas").wait_for(timeout=300_000)
    # "sedang dibaca" while the file is read; the panel polls until the suggestions come.
    reading.get_by_role("button", name="Konfirmasi data dokumen").wait_for(timeout=180_000)
    assert "Teks dibaca dengan OCR." in reading.inner_text(), reading.inner_text()
    assert reading.get_by_label("Jenis dokumen").input_value() == "keputusan"
    assert reading.get_by_label("Nomor").input_value() == "70 Tahun 2023"
    assert reading.get_by_label("Tanggal penetapan").input_value().startswith("2023-")
    reading.get_by_role("button", name="Konfirmasi data dokumen").click()
    page.get_by_text("Data dokumen dikonfirmasi.").wait_for()

    page.get_by_role("button", name="Keluar").click()
    page.get_by_role("heading", name="Masuk ke SPBE Monev").wait_for()
    _login(page, "asesor")
    page.goto(f"/evaluasi/{cycle.pk}/indikator/1/")
    review = page.locator(".evidence-review")
    review.get_by_role("heading", name="Telaah bukti sebelum reviu").wait_for()
    flag = review.locator("[data-flag='pemerintah-lain']")
    assert "Kementerian Koordinator Bidang Perekonomian" in flag.inner_text()
    assert review.get_by_role("heading", name="Cakupan kriteria oleh dokumen").is_visible()
    assert review.locator(".coverage-level").count() == 5
