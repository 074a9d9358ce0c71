"""A respondent registers an application and a budget item for their unit; the coordinator
sees the duplicate flag, decides it, and generates the Surat Edaran."""

import re

import pytest

from spbe.budget.models import BudgetItem, Letter
from spbe.inventory import services
from spbe.inventory.domains import DOMAINS
from spbe.inventory.models import Application, DuplicateDecision
from tests.factories import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()


def _logout(page):
    page.get_by_role("button", name="Keluar").click()
    page.get_by_role("heading", name="Masuk ke SPBE Monev").wait_for()


def test_register_flag_decide_and_circular(page):
    world = build_world()
    services.inventory_item_create(
        actor=world.users["koordinator"],
        domain=DOMAINS["aplikasi"],
        instansi=world.province,
        values={
            "name": "SIMPEG Provinsi",
            "owner_unit": world.diskominfo,
            "function": "Mengelola data kepegawaian ASN",
        },
    )
    pk = world.province.pk

    _login(page, "respflat")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Inventaris"
    ).click()
    page.get_by_role("link", name="Aplikasi", exact=True).first.click()
    page.get_by_role("link", name="Tambah").click()
    page.get_by_label(re.compile(r"^Nama( \*)?$")).fill("SIMPEG Dinkes")
    page.get_by_label(re.compile(r"^Unit\ pemilik( \*)?$")).select_option(label="Dinkes")
    page.get_by_label(re.compile(r"^Fungsi( \*)?$")).fill(
        "Mengelola data kepegawaian tenaga kesehatan"
    )
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("SIMPEG Dinkes ditambahkan.").wait_for()

    page.goto(f"/belanja-tik/{pk}/?tahun=2027")
    page.get_by_role("link", name="Tambah butir belanja").click()
    page.get_by_label(re.compile(r"^Unit( \*)?$")).select_option(label="Dinkes")
    page.get_by_label(re.compile(r"^Kode\ program( \*)?$")).fill("1.02.01")
    page.get_by_label(re.compile(r"^Kode\ kegiatan( \*)?$")).fill("1.02.01.2.10")
    page.get_by_label(re.compile(r"^Kode\ sub\-kegiatan( \*)?$")).fill("1.02.01.2.10.0001")
    page.get_by_label(re.compile(r"^Uraian( \*)?$")).fill("Pengembangan SIMPEG tenaga kesehatan")
    page.get_by_label(re.compile(r"^Aplikasi\ yang\ dibangun( \*)?$")).fill("SIMPEG Nakes")
    page.get_by_label(re.compile(r"^Kategori( \*)?$")).select_option("aplikasi")
    page.get_by_label(re.compile(r"^Pagu\ \(Rp\)( \*)?$")).fill("350.000.000")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Butir belanja TIK ditambahkan.").wait_for()
    assert BudgetItem.objects.get().amount == 350_000_000
    _logout(page)

    _login(page, "koord")
    page.goto(f"/inventaris/{pk}/duplikasi/")
    row = page.locator("tr[data-pair='SIMPEG Provinsi ~ SIMPEG Dinkes']")
    row.wait_for()
    assert "nama" in row.inner_text() and "mirip" in row.inner_text()
    row.get_by_label("Keputusan").select_option("duplikat")
    row.get_by_label("Konsolidasi ke").select_option(label="SIMPEG Provinsi")
    row.get_by_role("button", name="Putuskan").click()
    page.get_by_text("Keputusan disimpan.").wait_for()
    decision = DuplicateDecision.objects.get()
    assert decision.keep == Application.objects.get(name="SIMPEG Provinsi")

    page.goto(f"/belanja-tik/{pk}/?tahun=2027")
    page.locator("li[data-flag='duplikat']").first.wait_for()
    page.get_by_role("button", name="Buat Surat Edaran (DOCX)").click()
    page.get_by_text("dibuat.", exact=False).wait_for()
    letter = Letter.objects.get()
    page.get_by_role("link", name=f"{letter.number} (DOCX)").wait_for()
