"""What only a browser shows: a Pemdi level typed the Indonesian way ("2,75") into the level
field stays 2,75 (the browser's number widget turned it into 275), on a phone keypad field."""

import pytest

from spbe.evaluations import services
from spbe.evaluations.models import Assessment, Cycle
from spbe.frameworks.selectors import framework_get
from spbe.frameworks.services import shipped_load
from tests.factories import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_level_typed_with_a_decimal_comma_is_kept(page):
    shipped_load()
    world = build_world()
    koord = world.users["koordinator"]
    cycle = services.cycle_create(
        actor=koord,
        instansi=world.province,
        framework=framework_get("pemdi-8-2026"),
        year=2026,
        kind=Cycle.Kind.EVALUASI,
        name="Evaluasi Pemdi 2026",
    )
    services.cycle_transition(actor=koord, cycle=cycle, state=Cycle.State.MANDIRI)
    services.assessment_assign(
        actor=koord, assessment=cycle.assessments.get(indicator__number=1), lead_unit=world.setda
    )
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill("resp")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()

    page.goto(f"/evaluasi/{cycle.pk}/indikator/1/")
    field = page.locator("form input[name=value]")
    assert field.get_attribute("type") == "text"
    assert field.get_attribute("inputmode") == "decimal"
    field.fill("2,75")
    assert field.input_value() == "2,75"  # the number widget would hold "275" or nothing
    page.get_by_label("FAKTA").fill("Dokumen ada.")
    page.get_by_label("ANALISIS").fill("Memenuhi sebagian level 3.")
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()
    assessment = Assessment.objects.get(cycle=cycle, indicator__number=1)
    assert str(assessment.claimed_value) == "2.75"
    assert page.locator("form input[name=value]").input_value() == "2,75"
