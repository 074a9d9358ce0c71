"""Every typed number of planning accepts the Indonesian decimal comma and thousands dots
(targets, efforts, Rupiah; page and API), and fields show values as the page writes them."""

from decimal import Decimal

from django.urls import reverse

from spbe.evaluations.selectors.figures import cycle_figures
from spbe.frameworks.models import Indicator
from spbe.planning.models import ActionItem, Target
from spbe.planning.selectors import PlannerInput, planner_propose


def test_planner_page_reads_comma_targets_and_thousand_dot_costs(dash, login):
    client = login(dash.world.users["koordinator"])
    url = reverse("planning:planner", args=[dash.cycle_2023.pk])
    costs = {f"cost_{n}": "150.000.000" for n in range(1, 48)}
    html = client.get(url, {"target": "3,00", "effort_1": "1,5", **costs}).content.decode()
    assert "Masukkan sebuah bilangan" not in html and 'id="proposal"' in html
    expected = planner_propose(
        figures=cycle_figures(dash.cycle_2023),
        inputs=PlannerInput(
            target=Decimal("3.00"),
            efforts={"1": Decimal("1.5")},
            costs={str(n): Decimal(150_000_000) for n in range(1, 48)},
        ),
    )
    assert expected.total_cost and "Rp" in html
    # the fields show the values the way the page writes numbers
    assert 'name="target" value="3,00"' in html and 'name="cost_1" value="150.000.000"' in html
    assert 'type="number"' not in html
    client.post(url, {"target": "3,00", "cost_1": "150.000.000", "aksi": "simpan"})
    target = Target.objects.get(cycle=dash.cycle_2023)
    assert target.target_index == Decimal("3.00")
    assert target.efforts["1"]["cost"] == "150000000"


def test_action_item_form_reads_rupiah_and_decimal_comma(dash, login):
    indicator = Indicator.objects.get(framework=dash.cycle_2023.framework, number=1)
    client = login(dash.world.users["koordinator"])
    create = reverse("planning:action_item_create", args=[dash.cycle_2023.pk])
    resp = client.post(
        create,
        {
            "indicator": indicator.pk,
            "target_value": "3,00",
            "description": "Bangun layanan",
            "owner_unit": dash.world.diskominfo.pk,
            "due_date": "2027-03-31",
            "status": "rencana",
            "budget_estimate": "150.000.000",
            "progress_notes": "",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    item = ActionItem.objects.get()
    assert (item.target_value, item.budget_estimate) == (Decimal(3), Decimal(150_000_000))
    edit = reverse("planning:action_item_edit", args=[dash.cycle_2023.pk, item.pk])
    html = client.get(edit).content.decode()
    assert 'value="150.000.000"' in html and 'value="3,00"' in html


def test_planner_api_reads_indonesian_text_numbers(dash, api):
    resp = api(dash.world.users["pimpinan"]).post(
        reverse("api-cycle-planner", args=[dash.cycle_2023.pk]),
        {"target": "3,00", "costs": {"1": "150.000.000"}, "efforts": {"1": "1,5"}},
        format="json",
    )
    assert resp.status_code == 200, resp.json()
    assert resp.json()["target"] == "3.00"
    bad = api(dash.world.users["pimpinan"]).post(
        reverse("api-cycle-planner", args=[dash.cycle_2023.pk]), {"target": "tiga"}, format="json"
    )
    assert bad.status_code == 400 and "bukan angka yang sah" in str(bad.json())
