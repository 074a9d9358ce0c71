"""The header on a phone and on a wide screen: a keyboard-operable "Menu" disclosure on narrow
screens, the links inline on wide ones, a readable unread-count badge, and wide tables that
scroll inside their wrapper instead of widening the page."""

import pytest

from spbe.evaluations.models import Cycle, Notification
from spbe.frameworks.selectors import framework_get
from spbe.frameworks.services import shipped_load
from spbe.organizations.models import Role
from tests.factories import PASSWORD, make_instansi, make_user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def koordinator():
    instansi = make_instansi(name="Pemerintah Provinsi Uji Dengan Nama Yang Cukup Panjang")
    user = make_user_with_role(
        username="rahmat", first_name="Rahmat", role=Role.KOORDINATOR, instansi=instansi
    )
    Notification.objects.create(recipient=user, kind=Notification.Kind.SUBMITTED, message="Uji")
    return user


def sign_in(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill("rahmat")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang, Rahmat").wait_for()


def contrast(rgb1, rgb2) -> float:
    def luminance(rgb):
        channels = []
        for value in rgb:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(rgb1), luminance(rgb2)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colours(page, selector, prop):
    value = page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")
    return tuple(
        int(float(x)) for x in value[value.index("(") + 1 : value.index(")")].split(",")[:3]
    )


def test_phone_menu_is_collapsed_and_opens_from_the_keyboard(page, koordinator):
    sign_in(page, 390)
    header = page.get_by_role("banner")
    evaluasi = header.get_by_role("link", name="Evaluasi")
    assert not evaluasi.is_visible()
    assert page.eval_on_selector(".topbar", "e => e.getBoundingClientRect().height") < 80
    menu = header.locator("summary")
    menu.focus()
    page.keyboard.press("Enter")
    evaluasi.wait_for(state="visible")
    page.keyboard.press("Tab")  # the first link of the opened menu is next in tab order
    assert page.evaluate("document.activeElement.textContent.trim()") == "Beranda"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    evaluasi.wait_for(state="hidden")


def test_wide_screen_shows_the_links_without_a_menu_button(page, koordinator):
    sign_in(page, 1280)
    header = page.get_by_role("banner")
    assert header.get_by_role("link", name="Evaluasi").is_visible()
    assert not header.locator("summary").is_visible()
    assert page.eval_on_selector(".topbar", "e => e.getBoundingClientRect().height") < 70


def test_unread_badge_is_readable_against_its_background(page, koordinator):
    sign_in(page, 1280)
    badge = ".topbar .badge"
    page.wait_for_selector(badge)
    text = colours(page, badge, "color")
    background = colours(page, badge, "backgroundColor")
    assert contrast(text, background) >= 4.5
    header = colours(page, ".topbar", "backgroundColor")
    assert contrast(background, header) >= 3  # the pill stands out from the header


def test_wide_table_scrolls_inside_its_wrapper_on_a_phone(page, koordinator):
    shipped_load()
    instansi = koordinator.role_grants.get().instansi
    for year in (2024, 2025, 2026):
        Cycle.objects.create(
            instansi=instansi,
            framework=framework_get("pemdi-8-2026"),
            year=year,
            kind=Cycle.Kind.INTERNAL,
            name=f"Pemantauan internal triwulan keempat tahun {year}",
        )
    sign_in(page, 390)
    page.goto("/evaluasi/")
    wrap = page.locator(".table-wrap").first
    wrap.wait_for()
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")  # there is more to the right
    assert wrap.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
