"""What-if: the engine's answer for changed levels, nothing saved."""

from decimal import Decimal

from django.urls import reverse

from spbe.evaluations.models import StageValue
from spbe.frameworks.selectors import framework_engine_spec
from spbe.scoring import score
from spbe.web.charts import fmt_id
from tests.reports.fixtures import FINAL_2023, by_number


def test_what_if_fragment_updates_index_without_saving(dash, login):
    client = login(dash.world.users["pimpinan"])  # read-only roles may simulate
    url = reverse("planning:what_if_result", args=[dash.cycle_2023.pk])
    values = {f"v_{k}": v for k, v in by_number(FINAL_2023).items()}
    values.update({"v_18": "5", "v_29": "4", "tahap": "final"})
    before = StageValue.objects.count()
    resp = client.post(url, values, headers={"HX-Request": "true"})
    assert resp.status_code == 200
    html = resp.content.decode()
    spec = framework_engine_spec(dash.cycle_2023.framework)
    expected = score(
        spec,
        {str(k): v for k, v in (by_number(FINAL_2023) | {18: "5", 29: "4"}).items()},
        predikat_basis="rounded",
    )
    assert f'id="whatif-index">{fmt_id(expected.index)}<' in html
    assert expected.index > Decimal("2.91")
    assert "2 indikator diubah" in html
    for group in expected.domains.values():
        assert fmt_id(group.value) in html
    assert "<html" not in html
    assert StageValue.objects.count() == before


def test_what_if_rejects_values_outside_the_framework(dash, login):
    client = login(dash.world.users["koordinator"])
    url = reverse("planning:what_if_result", args=[dash.cycle_2023.pk])
    html = client.post(url, {"v_1": "9", "tahap": "final"}).content.decode()
    assert 'role="alert"' in html


def test_what_if_page_404_for_outsiders(dash, login):
    client = login(dash.world.users["other_koordinator"])
    assert client.get(reverse("planning:what_if", args=[dash.cycle_2023.pk])).status_code == 404
    url = reverse("planning:what_if_result", args=[dash.cycle_2023.pk])
    assert client.post(url, {"v_1": "3"}).status_code == 404
