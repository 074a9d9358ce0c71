"""The Sekda opens the home page on a phone and reads, in one screen, the figure against the
target with the gap, the causes, and finds the report button."""

from decimal import Decimal

import pytest
from django.urls import reverse

from spbe.core.numbers import fmt_id
from spbe.evaluations.selectors import cycle_stage_scores
from spbe.frameworks.services import shipped_load
from spbe.planning.models import Target
from tests.factories import PASSWORD, build_world
from tests.reports.fixtures import make_pemdi_cycle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_sekdas_home_shows_target_and_gap(page):
    shipped_load()
    world = build_world()
    # 15 of 20 indicators filled in: a provisional figure
    cycle = make_pemdi_cycle(
        instansi=world.province, values={n: "2.60" for n in range(1, 16)}, units=[world.dinkes]
    )
    Target.objects.create(cycle=cycle, target_index=Decimal("3.00"))
    result = cycle_stage_scores(cycle)["mandiri"]
    assert not result.complete
    gap = Decimal("3.00") - result.index

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill("pimpinan")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()

    figure = page.get_by_test_id("target-gap")
    expected = f"{fmt_id(result.index, 2)} sementara — target 3,00: kurang {fmt_id(gap, 2)}"
    assert " ".join(figure.inner_text().split()) == expected
    assert figure.is_visible() and figure.bounding_box()["y"] < 844  # in the first screen
    assert page.get_by_test_id("causes").is_visible()
    button = page.get_by_test_id("report-button")
    button.focus()
    assert page.evaluate("document.activeElement.dataset.testid") == "report-button"
    assert button.get_attribute("href") == reverse("reports:documents", args=[cycle.pk])
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways page
