"""Irreversible actions ask first and say what will happen (declining changes nothing), and a
double click sends a form once: app.js, attached from data attributes (no inline script)."""

import pytest

from spbe.audit.models import AuditEvent
from spbe.evaluations.models import Cycle
from spbe.frameworks.selectors import framework_get
from spbe.frameworks.services import shipped_load
from tests.factories import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username, password):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()


def _cycle(world):
    from spbe.evaluations import services

    return services.cycle_create(
        actor=world.users["koordinator"],
        instansi=world.province,
        framework=framework_get("spbe-59-2020"),
        year=2026,
        kind=Cycle.Kind.EVALUASI,
        name="Evaluasi Uji 2026",
    )


def test_stage_transition_asks_first_and_a_double_click_moves_one_step(page):
    shipped_load()
    world = build_world()
    cycle = _cycle(world)
    _login(page, "koord", PASSWORD)
    page.goto(f"/evaluasi/{cycle.pk}/")
    assert page.locator("script[src$='web/app.js']").count() == 1
    assert page.locator("script:not([src])").count() == 0  # nothing inline (CSP later)

    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Pindah tahap").click()
    page.wait_for_timeout(300)
    assert asked and "tidak dapat kembali ke tahap ini" in asked[0]
    cycle.refresh_from_db()
    assert cycle.state == Cycle.State.PERSIAPAN  # declined: nothing changed

    page.on("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.get_by_role("button", name="Pindah tahap").dblclick()
    page.wait_for_load_state("networkidle")
    cycle.refresh_from_db()
    assert cycle.state == Cycle.State.MANDIRI
    assert AuditEvent.objects.filter(action="cycle.state_changed").count() == 1


def test_a_plain_form_is_sent_once_on_a_double_click(page):
    world = build_world()
    _login(page, "koord", PASSWORD)
    page.goto("/profil/")
    page.get_by_label("Nama token").fill("skrip ganda")
    page.get_by_role("button", name="Buat token").dblclick()
    page.get_by_text("Token baru Anda").wait_for()
    assert world.users["koordinator"].api_tokens.filter(name="skrip ganda").count() == 1
