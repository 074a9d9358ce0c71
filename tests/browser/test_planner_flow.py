"""The coordinator plans the way to 3.00 from the 2023 result (2.91), turns the proposal into
action items, sees them on the plan page, and tries a what-if change."""

import pytest
from django.utils.formats import date_format

from spbe.frameworks.services import shipped_load
from spbe.planning.models import ActionItem
from spbe.planning.selectors import default_due_date
from tests.factories import PASSWORD, build_world
from tests.reports.fixtures import build_dash

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username, password):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()


def test_planner_to_action_plan_and_what_if(page):
    shipped_load()
    dash = build_dash(build_world())
    _login(page, "koord", PASSWORD)

    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Dasbor").click()
    page.get_by_role("link", name="Evaluasi SPBE 2023").click()
    page.get_by_test_id("index-final").wait_for()
    assert page.get_by_test_id("index-final").inner_text() == "2,91"

    page.get_by_role("link", name="Perencana target").click()
    page.get_by_label("Target indeks").fill("3.00")
    page.get_by_role("button", name="Hitung usulan").click()
    page.get_by_role("heading", name="Usulan").wait_for()
    assert page.get_by_test_id("index-after").inner_text() == "3,00"
    proposed = page.locator("#proposal-table tbody tr[data-indicator]").count()
    assert proposed > 0

    page.once("dialog", lambda dialog: dialog.accept())  # "Jadikan ... ?" asks first
    page.get_by_role("button", name="Jadikan rencana aksi").click()
    page.get_by_text(f"{proposed} rencana aksi dibuat dari usulan.").wait_for()
    rows = page.locator("table.action-items tbody tr")
    assert rows.count() == proposed == ActionItem.objects.filter(cycle=dash.cycle_2023).count()
    body = page.locator("main").inner_text()
    for item in ActionItem.objects.select_related("owner_unit"):
        assert item.owner_unit.name in body
    # due: not the cycle's long-past deadline (30 Jun 2024) but the default, never overdue
    assert date_format(default_due_date(dash.cycle_2023), "j M Y") in body
    assert "30 Jun 2024" not in body and "terlambat" not in body
    assert page.get_by_test_id("plan-if-done").inner_text() == "3,00"

    page.get_by_role("link", name="Simulasi").click()
    index = page.locator("#whatif-index")
    assert index.inner_text() == "2,91"
    page.get_by_label("18. ", exact=False).select_option("5")
    page.wait_for_function(
        "() => document.querySelector('#whatif-index').textContent.trim() !== '2,91'"
    )
    assert index.inner_text() != "2,91"
    page.get_by_text("1 indikator diubah.").wait_for()
