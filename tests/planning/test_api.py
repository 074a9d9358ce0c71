"""Dashboard and planning API: engine figures, permissions (404 outsiders, 403 read-only)."""

from decimal import Decimal

from django.urls import reverse

from spbe.frameworks.models import Indicator
from spbe.planning.models import ActionItem, Target


def test_dashboard_api_gives_engine_figures(dash, api):
    resp = api(dash.world.users["pimpinan"]).get(
        reverse("api-cycle-dashboard", args=[dash.cycle_2024.pk])
    )
    assert resp.status_code == 200
    data = resp.json()
    assert [(s["stage"], s["index"]) for s in data["stages"]] == [
        ("mandiri", "4.35"),
        ("dokumen", "3.28"),
        ("final", "3.79"),
    ]
    assert data["stages"][-1]["domains"]["D4"] == "4.32"
    assert len(data["points_lost"]) == 47
    assert data["progress"]["total"] == 47
    assert (
        api(dash.world.users["other_koordinator"])
        .get(reverse("api-cycle-dashboard", args=[dash.cycle_2024.pk]))
        .status_code
        == 404
    )


def test_planner_api_and_what_if(dash, api):
    client = api(dash.world.users["pimpinan"])
    resp = client.post(
        reverse("api-cycle-planner", args=[dash.cycle_2023.pk]),
        {"target": "3.00", "efforts": {"42": "2"}, "frozen": ["38"]},
        format="json",
    )
    assert resp.status_code == 200, resp.json()
    data = resp.json()
    assert data["index_before"] == "2.91" and Decimal(data["index_after"]) >= Decimal("3.00")
    assert all(c["indicator"] != 38 for c in data["changes"])
    resp = client.post(
        reverse("api-cycle-what-if", args=[dash.cycle_2023.pk]),
        {"changes": {"18": "5"}},
        format="json",
    )
    assert resp.status_code == 200
    assert Decimal(resp.json()["after"]["index"]) > Decimal("2.91")
    bad = client.post(
        reverse("api-cycle-planner", args=[dash.cycle_2023.pk]), {"target": "x"}, format="json"
    )
    assert bad.status_code == 400 and "error" in bad.json()


def test_writes_need_the_managing_role(dash, api):
    body = {"target": "3.00"}
    for role in ("pimpinan", "pembina", "asesor"):
        client = api(dash.world.users[role])
        assert (
            client.put(
                reverse("api-cycle-target", args=[dash.cycle_2023.pk]), {}, format="json"
            ).status_code
            == 403
        )  # before the (empty, invalid) body is validated
        assert (
            client.post(
                reverse("api-cycle-action-items-from-plan", args=[dash.cycle_2023.pk]),
                body,
                format="json",
            ).status_code
            == 403
        )
    outsider = api(dash.world.users["other_koordinator"])
    assert (
        outsider.put(
            reverse("api-cycle-target", args=[dash.cycle_2023.pk]), body, format="json"
        ).status_code
        == 404
    )
    assert not Target.objects.exists() and not ActionItem.objects.exists()


def test_action_item_api_crud(dash, api):
    koord = api(dash.world.users["koordinator"])
    resp = koord.post(
        reverse("api-cycle-action-items-from-plan", args=[dash.cycle_2023.pk]),
        {"target": "3.00"},
        format="json",
    )
    assert resp.status_code == 201
    created = resp.json()
    assert created and all(item["from_planner"] for item in created)
    indicator = Indicator.objects.get(framework=dash.cycle_2023.framework, number=1)
    resp = koord.post(
        reverse("api-cycle-action-items", args=[dash.cycle_2023.pk]),
        {
            "indicator": indicator.pk,
            "target_value": "5",
            "description": "Perbarui kebijakan",
            "budget_estimate": "1000000",
        },
        format="json",
    )
    assert resp.status_code == 201
    pk = resp.json()["id"]
    url = reverse("api-action-item", args=[pk])
    reader = api(dash.world.users["pimpinan"])
    assert reader.get(url).status_code == 200
    assert reader.patch(url, {"status": "selesai"}, format="json").status_code == 403
    assert reader.delete(url).status_code == 403
    assert api(dash.world.users["other_koordinator"]).get(url).status_code == 404
    resp = koord.patch(url, {"status": "berjalan"}, format="json")
    assert resp.status_code == 200 and resp.json()["status"] == "berjalan"
    listing = reader.get(reverse("api-cycle-action-items", args=[dash.cycle_2023.pk])).json()
    assert len(listing) == len(created) + 1
    assert koord.delete(url).status_code == 204
    assert not ActionItem.objects.filter(pk=pk).exists()


def test_province_api(dash, api, settings):
    settings.SPBE_PEMDA_AVERAGE_MIN = 3
    resp = api(dash.world.users["pembina"]).get(
        reverse("api-province-comparison", args=[dash.world.province.pk]), {"year": 2024}
    )
    assert resp.status_code == 200
    data = resp.json()
    assert {row["instansi"] for row in data["rows"]} == {
        dash.world.province.pk,
        dash.world.kab.pk,
    }
    assert Decimal(data["pemda_average"]).quantize(Decimal("0.01")) == Decimal("3.46")
