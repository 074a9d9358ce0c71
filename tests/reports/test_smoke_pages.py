import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "name",
    [
        "reports:dashboard",
        "reports:points_lost",
        "reports:stages",
        "reports:units",
        "planning:planner",
        "planning:what_if",
        "planning:plan",
    ],
)
def test_pages_render(dash, login, name):
    client = login(dash.world.users["koordinator"])
    for cycle in (dash.cycle_2023, dash.cycle_2024):
        resp = client.get(reverse(name, args=[cycle.pk]))
        assert resp.status_code == 200, resp.content[:3000]


def test_province_renders(dash, login):
    client = login(dash.world.users["pembina"])
    resp = client.get(reverse("reports:province", args=[dash.world.province.pk]))
    assert resp.status_code == 200
