"""A coordinator creates a unit and a respondent account for it through the pages; the
respondent then logs in and sees only their own unit."""

import pytest

from tests.factories import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESPONDENT_PASSWORD = "Mahakam-Lestari-2026"


def _login(page, username, password):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()


def test_coordinator_creates_unit_and_respondent(page):
    world = build_world()
    _login(page, "koord", PASSWORD)

    page.get_by_role("link", name="Instansi & unit").click()
    page.get_by_role("heading", name=world.province.name).wait_for()
    page.get_by_role("link", name="Tambah unit").click()
    page.get_by_label("Nama unit").fill("Dinas Pariwisata")
    page.get_by_label("Nama pendek").fill("Dispar")
    page.get_by_label("Jenis").select_option("dinas")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Unit Dinas Pariwisata dibuat.").wait_for()
    assert page.locator("tr[data-unit='Dinas Pariwisata']").count() == 1

    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Pengguna"
    ).click()
    page.get_by_role("link", name="Tambah pengguna").click()
    page.get_by_label("Nama pengguna").fill("dewi.dispar")
    page.get_by_label("Nama depan").fill("Dewi")
    page.get_by_label("Peran").select_option("responden")
    page.get_by_label("Unit", exact=True).select_option(label="Dispar")
    page.get_by_label("Kata sandi awal").fill(RESPONDENT_PASSWORD)
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Akun dewi.dispar dibuat.").wait_for()
    page.get_by_role("link", name="dewi.dispar").wait_for()
    page.get_by_role("button", name="Keluar").click()
    page.get_by_role("heading", name="Masuk ke SPBE Monev").wait_for()

    _login(page, "dewi.dispar", RESPONDENT_PASSWORD)
    units = page.locator("ul.my-units li")
    assert units.count() == 1
    assert "Dinas Pariwisata" in units.first.inner_text()
    # Her nav offers no coordinator pages, and the instansi page lists her unit only.
    assert page.get_by_role("link", name="Jejak audit").count() == 0
    page.get_by_role("link", name="Instansi & unit").click()
    rows = page.locator("tbody tr[data-unit]")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-unit") == "Dinas Pariwisata"
    assert page.get_by_text("Dinas Kesehatan").count() == 0
    assert page.get_by_role("link", name="Tambah unit").count() == 0
