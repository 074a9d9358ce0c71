"""One rule for a person limited to one unit, on the dashboards, the evaluation pages, the
evidence panel, planning and the API (docs/permissions.md, "the whole instansi or one's own
units"): instansi-wide figures are 404 for them, their units' indicators and scorecards stay."""

import pytest
from django.urls import reverse

FIGURE_PAGES = [
    "reports:dashboard",
    "reports:points_lost",
    "reports:stages",
    "planning:planner",
    "planning:what_if",
]
FIGURE_APIS = [
    ("get", "/api/cycles/{pk}/scores/"),
    ("get", "/api/cycles/{pk}/dashboard/"),
    ("post", "/api/cycles/{pk}/planner/"),
    ("post", "/api/cycles/{pk}/what-if/"),
]


def _numbers(cycle, unit):
    """Indicator numbers the unit leads or contributes to, and one it does not touch."""
    mine, other = set(), None
    for a in cycle.assessments.select_related("indicator").prefetch_related("contributing_units"):
        units = {a.lead_unit_id, *(u.pk for u in a.contributing_units.all())}
        if unit.pk in units:
            mine.add(a.indicator.number)
        elif other is None:
            other = a.indicator.number
    return mine, other


@pytest.mark.parametrize("name", FIGURE_PAGES)
def test_instansi_wide_figure_pages(dash, login, name):
    url = reverse(name, args=[dash.cycle_2024.pk])
    assert login(dash.world.users["responden_flat"]).get(url).status_code == 404
    assert login(dash.world.users["pimpinan"]).get(url).status_code == 200


@pytest.mark.parametrize(("method", "path"), FIGURE_APIS)
def test_instansi_wide_figure_apis(dash, api, method, path):
    url = path.format(pk=dash.cycle_2024.pk)
    body = {"target": "4.00"} if "planner" in path else {"changes": {"1": "5"}}
    for who, status in (("responden_flat", 404), ("pimpinan", 200)):
        client = api(dash.world.users[who])
        response = client.get(url) if method == "get" else client.post(url, body, format="json")
        assert response.status_code == status, (who, path)


def test_province_comparison_follows_the_same_rule(dash, login, api):
    province = dash.world.province.pk
    assert (
        login(dash.world.users["responden_flat"])
        .get(reverse("reports:province", args=[province]))
        .status_code
        == 404
    )
    url = f"/api/provinces/{province}/comparison/"
    assert api(dash.world.users["responden_flat"]).get(url).status_code == 404
    assert api(dash.world.users["pimpinan"]).get(url).status_code == 200


def test_what_stays_open_to_a_unit_limited_respondent(dash, login):
    cycle, dinkes = dash.cycle_2024, dash.world.dinkes
    client = login(dash.world.users["responden_flat"])
    mine, other = _numbers(cycle, dinkes)
    assert mine and other is not None

    # the cycle list links to their unit's scorecards, not to the dashboard
    html = client.get(reverse("reports:cycle_list")).content.decode()
    assert f'href="{reverse("reports:units", args=[cycle.pk])}"' in html
    assert f'href="{reverse("reports:dashboard", args=[cycle.pk])}"' not in html
    html = client.get(reverse("reports:units", args=[cycle.pk])).content.decode()
    assert dinkes.name in html and dash.world.setda.name not in html
    assert f'href="{reverse("reports:points_lost", args=[cycle.pk])}"' not in html  # no dead link

    # the evaluation: the cycle without its index, their indicators, not the others
    html = client.get(reverse("evaluations:cycle_detail", args=[cycle.pk])).content.decode()
    assert "4,35" not in html  # the mandiri index of 2024
    assert f'href="{reverse("reports:dashboard", args=[cycle.pk])}"' not in html
    assert f'href="{reverse("planning:planner", args=[cycle.pk])}"' not in html
    assert f'href="{reverse("reports:units", args=[cycle.pk])}"' in html
    page = "evaluations:assessment_detail"
    assert client.get(reverse(page, args=[cycle.pk, min(mine)])).status_code == 200
    assert client.get(reverse(page, args=[cycle.pk, other])).status_code == 404

    # the evidence panel answers like the indicator page
    mine_pk = cycle.assessments.get(indicator__number=min(mine)).pk
    other_pk = cycle.assessments.get(indicator__number=other).pk
    assert client.get(reverse("evidence:assessment_panel", args=[mine_pk])).status_code == 200
    assert client.get(reverse("evidence:assessment_panel", args=[other_pk])).status_code == 404

    # the action plan is open (tasks may be theirs), its index projection is not
    html = client.get(reverse("planning:plan", args=[cycle.pk])).content.decode()
    assert 'data-testid="plan-if-done"' not in html
    html = login(dash.world.users["pimpinan"]).get(reverse("planning:plan", args=[cycle.pk]))
    assert 'data-testid="plan-if-done"' in html.content.decode()


def test_instansi_wide_viewers_see_the_figures_everywhere(dash, login):
    cycle = dash.cycle_2024
    client = login(dash.world.users["pimpinan"])
    html = client.get(reverse("reports:cycle_list")).content.decode()
    assert f'href="{reverse("reports:dashboard", args=[cycle.pk])}"' in html
    html = client.get(reverse("evaluations:cycle_detail", args=[cycle.pk])).content.decode()
    assert "4,35" in html
    assert f'href="{reverse("reports:dashboard", args=[cycle.pk])}"' in html
