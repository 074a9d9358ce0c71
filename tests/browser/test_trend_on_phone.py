"""On a 390px phone the trend chart fits the screen: every year (the 2026 point of a cycle
under way included) and the legend are visible without scrolling sideways, and no hidden
helper text widens the page; a wide screen shows the wide drawing."""

from decimal import Decimal

import pytest

from spbe.frameworks.services import shipped_load
from spbe.official.models import PublishedResult
from tests.factories import PASSWORD, build_world
from tests.reports.fixtures import build_dash, make_pemdi_cycle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _visible_trend(page):
    figure = page.locator("figure.chart-trend")
    svgs = figure.locator("svg.chart-svg")
    shown = [svgs.nth(i) for i in range(svgs.count()) if svgs.nth(i).is_visible()]
    assert len(shown) == 1
    return figure, shown[0]


def test_trend_chart_fits_a_phone_screen(page):
    shipped_load()
    dash = build_dash(build_world())
    cycle = make_pemdi_cycle(instansi=dash.world.province)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill("pimpinan")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()
    page.goto(f"/laporan/siklus/{cycle.pk}/")

    figure, svg = _visible_trend(page)
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert figure.evaluate("el => el.scrollWidth <= el.clientWidth")  # nothing to scroll to
    assert "chart-compact" in svg.get_attribute("class")
    # the last year and the whole legend are drawn inside the visible box
    for locator in (svg.locator("text.year", has_text="2026"), svg.locator("g.legend")):
        inner = locator.bounding_box()
        assert box["x"] <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"]
    # text stays legible once scaled down: the year labels are at least 10px high
    assert svg.locator("text.year").first.bounding_box()["height"] >= 10

    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways page
    # nor on the province view, with a news-only value marked in its scrolled table
    PublishedResult.objects.create(
        instansi=dash.world.province,
        year=2025,
        framework_code="spbe-59-2020",
        index=Decimal("4.13"),
        source="berita",
        verified=False,
    )
    page.goto(f"/laporan/provinsi/{dash.world.province.pk}/?tahun=2025")
    page.get_by_text("belum terverifikasi", exact=False).first.wait_for(state="attached")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _visible_trend(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    _figure, wide = _visible_trend(page)
    assert "chart-compact" not in wide.get_attribute("class")
