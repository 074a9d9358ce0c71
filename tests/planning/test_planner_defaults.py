"""The planner proposes what a government can do: targets within the framework's range, other
agencies' indices frozen unless their value is stated, one level per indicator per cycle and
an effort growing with the level by default (the framework's stated assumptions), what each
step needs, idempotent "Jadikan rencana aksi", and a URL carrying only what the user set."""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from spbe.evaluations.selectors.figures import cycle_figures
from spbe.frameworks.models import Indicator
from spbe.planning.models import ActionItem
from spbe.planning.selectors import PlannerInput, planner_propose
from tests.reports.fixtures import make_pemdi_cycle


def _planner(cycle):
    return reverse("planning:planner", args=[cycle.pk])


def _pemdi(dash, **extra):
    return make_pemdi_cycle(instansi=dash.world.province, units=[dash.world.diskominfo], **extra)


def _external_numbers(framework) -> set[str]:
    return {
        str(n)
        for n in Indicator.objects.filter(
            framework=framework, source=Indicator.Source.EXTERNAL
        ).values_list("number", flat=True)
    }


@pytest.mark.parametrize("target", ["6", "-1"])
def test_target_outside_the_range_is_refused_on_page_and_api(dash, login, api, target):
    client = login(dash.world.users["koordinator"])
    html = client.get(_planner(dash.cycle_2023), {"target": target}).content.decode()
    assert "Target indeks harus di antara 1,00 dan 5,00." in html
    assert "Target sudah tercapai" not in html and 'id="proposal"' not in html
    resp = api(dash.world.users["koordinator"]).post(
        reverse("api-cycle-planner", args=[dash.cycle_2023.pk]), {"target": target}, format="json"
    )
    assert resp.status_code == 400
    assert "Target indeks harus di antara 1,00 dan 5,00." in str(resp.json())


def test_default_is_one_level_per_indicator_and_effort_growing_with_the_level(dash, login, api):
    framework = dash.cycle_2023.framework
    by_level = framework.planner["effort_by_level"]
    proposal = planner_propose(
        figures=cycle_figures(dash.cycle_2023), inputs=PlannerInput(target=Decimal("3.00"))
    )
    assert proposal.max_steps == framework.planner["max_steps_per_cycle"] == 1
    assert proposal.changes and all(c.change.steps == 1 for c in proposal.changes)
    for c in proposal.changes:
        assert c.change.effort == Decimal(by_level[str(int(c.change.to_value))])
    html = (
        login(dash.world.users["koordinator"])
        .get(_planner(dash.cycle_2023), {"target": "3.00"})
        .content.decode()
    )
    assert "Kenaikan maksimum bawaan: 1 level per indikator per siklus." in html
    assert "ke level 5: 5,00" in html  # the effort assumption, stated
    data = (
        api(dash.world.users["pimpinan"])
        .post(
            reverse("api-cycle-planner", args=[dash.cycle_2023.pk]),
            {"target": "3.00"},
            format="json",
        )
        .json()
    )
    assert data["max_steps"] == 1 and "Kenaikan maksimum bawaan" in data["assumptions"]
    assert all(c["steps"] == 1 for c in data["changes"])
    # an explicit limit lifts the default
    wide = planner_propose(
        figures=cycle_figures(dash.cycle_2023),
        inputs=PlannerInput(target=Decimal("3.50"), max_steps=4),
    )
    assert wide.max_steps == 4 and any(c.change.steps > 1 for c in wide.changes)


def test_every_step_says_what_the_next_level_needs(dash, login):
    proposal = planner_propose(
        figures=cycle_figures(dash.cycle_2023), inputs=PlannerInput(target=Decimal("3.00"))
    )
    levels = {
        str(i.number): {lv["level"]: lv for lv in i.levels}
        for i in Indicator.objects.filter(framework=dash.cycle_2023.framework)
    }
    for c in proposal.changes:
        level = int(c.change.to_value)
        expected = levels[c.change.indicator][level]
        assert [n.level for n in c.needs] == [level]
        assert c.needs[0].criteria == expected["criteria"]
        assert list(c.needs[0].evidence) == [e["text"] for e in expected["evidence"]]
    client = login(dash.world.users["koordinator"])
    html = client.get(_planner(dash.cycle_2023), {"target": "3.00"}).content.decode()
    first = proposal.changes[0]
    assert first.needs[0].criteria in html
    client.post(_planner(dash.cycle_2023), {"target": "3.00", "aksi": "jadikan"})
    item = ActionItem.objects.get(
        cycle=dash.cycle_2023, indicator__number=int(first.change.indicator)
    )
    assert first.needs[0].criteria in item.description
    assert "Naikkan indikator" in item.description


def test_make_action_items_twice_creates_nothing_the_second_time(dash, login, api):
    client = login(dash.world.users["koordinator"])
    url = _planner(dash.cycle_2023)
    client.post(url, {"target": "3.00", "aksi": "jadikan"}, follow=True)
    count = ActionItem.objects.filter(cycle=dash.cycle_2023).count()
    assert count > 0
    resp = client.post(url, {"target": "3.00", "aksi": "jadikan"}, follow=True)
    assert ActionItem.objects.filter(cycle=dash.cycle_2023).count() == count
    html = resp.content.decode()
    assert "rencana aksi ini sudah ada" in html and "dibuat dari usulan" not in html
    resp = api(dash.world.users["koordinator"]).post(
        reverse("api-cycle-action-items-from-plan", args=[dash.cycle_2023.pk]),
        {"target": "3.00"},
        format="json",
    )
    assert resp.status_code == 200 and len(resp.json()) == count
    assert not any(item["created"] for item in resp.json())
    assert ActionItem.objects.filter(cycle=dash.cycle_2023).count() == count


def test_planner_url_carries_only_what_the_user_set(dash, login):
    client = login(dash.world.users["koordinator"])
    url = _planner(dash.cycle_2023)
    # a GET form sends every field; the page answers at the URL of what was set
    resp = client.get(
        url, {"target": "3.00", "band": "", "stage": "", "effort_1": "", "cost_2": ""}
    )
    assert resp.status_code == 302
    assert parse_qs(urlsplit(resp.url).query) == {"target": ["3.00"]}
    html = client.get(resp.url).content.decode()
    assert 'name="max_steps"' in html and 'placeholder="1"' in html
    resp = client.post(url, {"target": "3.00", "effort_1": "2", "cost_1": "", "aksi": "simpan"})
    assert parse_qs(urlsplit(resp.url).query) == {"target": ["3.00"], "effort_1": ["2"]}


def test_other_agencies_indices_are_frozen_unless_their_value_is_given(dash, login, api):
    cycle = _pemdi(dash)
    external = _external_numbers(cycle.framework)
    assert len(external) == 4  # SDI, SJIG, IPS, SDI interoperabilitas (from the framework)
    figures = cycle_figures(cycle)
    plain = planner_propose(figures=figures, inputs=PlannerInput(target=Decimal("5.00")))
    assert not {c.change.indicator for c in plain.changes} & external
    sdi = next(o for o in plain.external if o.index.code == "sdi")
    assert sdi.index.agency == "Bappenas" and sdi.needs  # the index value each level needs
    level, needed = sdi.needs[-1]
    with_sdi = planner_propose(
        figures=figures, inputs=PlannerInput(target=Decimal("5.00"), external={"sdi": needed})
    )
    assert with_sdi.plan.after.values[sdi.numbers[0]] == Decimal(level)
    assert with_sdi.plan.index_after > plain.plan.index_after
    html = (
        login(dash.world.users["koordinator"])
        .get(_planner(cycle), {"target": "3.00"})
        .content.decode()
    )
    assert "dari indeks instansi lain: Bappenas" in html
    assert 'name="frozen_5"' not in html and 'name="external_sdi"' in html
    resp = api(dash.world.users["koordinator"]).post(
        reverse("api-cycle-planner", args=[cycle.pk]),
        {"target": "5.00", "external": {"sdi": "101"}},
        format="json",
    )
    assert resp.status_code == 400


def test_owner_dropdown_shows_full_names(dash, login):
    html = (
        login(dash.world.users["koordinator"])
        .get(reverse("planning:action_item_create", args=[dash.cycle_2023.pk]))
        .content.decode()
    )
    user = dash.world.users["koordinator"]
    # the full name first; the username only beside it, to tell namesakes apart
    assert user.get_full_name() and f">{user.get_full_name()} ({user.username})</option>" in html
    assert f">{user.username}</option>" not in html


def test_what_if_never_renders_none_and_refuses_out_of_range(dash, login):
    cycle = _pemdi(dash, values={n: "2.50" for n in range(1, 20)})  # 20 has no value
    client = login(dash.world.users["koordinator"])
    page = client.get(reverse("planning:what_if", args=[cycle.pk])).content.decode()
    assert 'value="None"' not in page
    url = reverse("planning:what_if_result", args=[cycle.pk])
    html = client.post(url, {"v_1": "6", "tahap": "mandiri"}).content.decode()
    assert "harus di antara 1,00 dan 5,00" in html and 'role="alert"' in html
