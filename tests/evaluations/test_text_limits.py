"""Explanations have a limit, shown with a counter and enforced on the server for the pages
and the API alike; the page's errors are summarised at the top, linked to the fields."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from spbe.evaluations import services
from spbe.evaluations.models import StageValue
from tests.evaluations.conftest import assessment_of, fill

LIMIT = 5000


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.SPBE_EXPLANATION_MAX_CHARS = LIMIT


def _page(cycle):
    return reverse("evaluations:assessment_detail", kwargs={"pk": cycle.pk, "number": 1})


def test_a_too_long_fakta_is_refused_by_the_service_and_nothing_is_saved(open_cycle, users):
    with pytest.raises(ValidationError) as caught:
        fill(open_cycle, 1, users["responden"], fakta="x" * (LIMIT + 1))
    assert "Paling panjang 5.000 karakter; sekarang 5.001" in caught.value.message_dict["fakta"][0]
    assert (
        not StageValue.objects.filter(assessment=assessment_of(open_cycle, 1))
        .exclude(fakta="")
        .exists()
    )
    fill(open_cycle, 1, users["responden"], fakta="x" * LIMIT)  # the limit itself is fine


def test_the_api_refuses_it_with_a_400_naming_the_field(open_cycle, users, api):
    a = assessment_of(open_cycle, 1)
    response = api(users["responden"]).patch(
        f"/api/assessments/{a.pk}/",
        {"revision": a.revision, "value": "3", "fakta": "F", "analisis": "y" * 204_000},
        format="json",
    )
    assert response.status_code == 400
    assert "analisis" in response.json()["error"]["fields"]


def test_review_notes_have_the_same_limit(open_cycle, users):
    fill(open_cycle, 1, users["responden"], submit=True)
    a = assessment_of(open_cycle, 1)
    with pytest.raises(ValidationError) as caught:
        services.review_return(
            actor=users["asesor"], assessment=a, revision=a.revision, note="n" * (LIMIT + 1)
        )
    assert "note" in caught.value.message_dict


def test_the_page_shows_the_limit_and_a_linked_error_summary_on_top(open_cycle, users, client):
    client.force_login(users["responden"])
    page = client.get(_page(open_cycle)).content.decode()
    assert f'maxlength="{LIMIT}"' in page and "web/app.js" in page
    response = client.post(
        _page(open_cycle),
        {"action": "self", "revision": 1, "value": "2", "fakta": "", "analisis": "", "submit": "1"},
    )
    html = response.content.decode()
    summary = html[
        html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))
    ]
    assert "Periksa isian berikut" in summary
    assert 'href="#id_fakta"' in summary and 'href="#id_analisis"' in summary
    assert html.index("data-error-summary") < html.index('name="fakta"')
