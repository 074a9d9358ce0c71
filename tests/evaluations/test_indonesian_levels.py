"""A Pemdi level typed the Indonesian way ("2,75") is 2,75 on the page and in the API; the
field is a text input with a number keypad showing 2,50 (2.50 in English), never the number
widget that read "2,75" as 275."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from spbe.evaluations import services
from spbe.evaluations.models import Cycle
from spbe.frameworks.selectors import framework_get
from tests.evaluations.conftest import assessment_of


@pytest.fixture
def pemdi_cycle(shipped, world):
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
        actor=koord, assessment=assessment_of(cycle, 1), lead_unit=world.setda
    )
    return cycle


def _post(client, cycle, value):
    a = assessment_of(cycle, 1)
    return client.post(
        reverse("evaluations:assessment_detail", args=[cycle.pk, 1]),
        {"action": "self", "revision": a.revision, "value": value, "fakta": "F", "analisis": "A"},
    )


def test_page_reads_the_decimal_comma_and_shows_it_back(pemdi_cycle, users, as_user):
    client = as_user(users["responden"])
    assert _post(client, pemdi_cycle, "2,75").status_code == 302
    assert assessment_of(pemdi_cycle, 1).claimed_value == Decimal("2.75")
    page = client.get(
        reverse("evaluations:assessment_detail", args=[pemdi_cycle.pk, 1])
    ).content.decode()
    field = page[page.index('name="value"') - 200 : page.index('name="value"') + 200]
    assert 'type="text"' in field and 'inputmode="decimal"' in field
    assert 'value="2,75"' in field and 'type="number"' not in page
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        page = client.get(
            reverse("evaluations:assessment_detail", args=[pemdi_cycle.pk, 1]),
            headers={"Accept-Language": "en"},
        ).content.decode()
    assert 'value="2.75"' in page


def test_bad_level_text_is_refused_in_indonesian(pemdi_cycle, users, as_user):
    response = _post(as_user(users["responden"]), pemdi_cycle, "dua koma lima")
    assert "bukan angka yang sah" in response.content.decode()
    assert assessment_of(pemdi_cycle, 1).claimed_value is None


def test_api_reads_the_decimal_comma(pemdi_cycle, users, api):
    a = assessment_of(pemdi_cycle, 1)
    resp = api(users["responden"]).patch(
        f"/api/assessments/{a.pk}/",
        {"revision": a.revision, "value": "2,75", "fakta": "F", "analisis": "A"},
        format="json",
    )
    assert resp.status_code == 200, resp.json()
    assert assessment_of(pemdi_cycle, 1).claimed_value == Decimal("2.75")
