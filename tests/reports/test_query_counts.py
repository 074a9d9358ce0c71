"""Every dashboard page runs the same number of queries on small and on 10× larger data."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spbe.evaluations.models import Assessment
from spbe.frameworks.models import Indicator
from spbe.official.models import PublishedResult
from spbe.organizations.models import Unit
from spbe.planning.models import ActionItem
from tests.factories import make_instansi, make_unit

CYCLE_PAGES = [
    "reports:dashboard",
    "reports:points_lost",
    "reports:stages",
    "reports:units",
    "planning:planner",
    "planning:what_if",
    "planning:plan",
]


def _count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url, params or {})
    assert resp.status_code == 200
    return len(ctx.captured_queries)


def _add_action_items(cycle, units, n):
    indicators = list(Indicator.objects.filter(framework=cycle.framework))
    ActionItem.objects.bulk_create(
        ActionItem(
            cycle=cycle,
            indicator=indicators[i % len(indicators)],
            target_value=Decimal(4),
            description=f"Aksi {i}",
            owner_unit=units[i % len(units)],
            due_date=datetime.date(2020, 1, 1) if i % 2 else None,
        )
        for i in range(n)
    )


def _enlarge(dash, factor=10):
    """10× units (leading indicators), kab/kota, years of history and action items."""
    world = dash.world
    province = world.province
    units = [make_unit(instansi=province) for _ in range(4 * factor)]
    for cycle in (dash.cycle_2023, dash.cycle_2024):
        assessments = list(Assessment.objects.filter(cycle=cycle).order_by("pk"))
        for i, a in enumerate(assessments):
            a.lead_unit = units[i % len(units)]
            a.contributing_units.add(*units[i % 7 :: 9])
        Assessment.objects.bulk_update(assessments, ["lead_unit"])
        _add_action_items(cycle, units, 3 * factor)
    for k in range(factor):
        kab = make_instansi(kind="kota", province=province)
        for year in range(2018, 2025):
            PublishedResult.objects.create(
                instansi=kab,
                year=year,
                framework_code="spbe-5-2018" if year < 2021 else "spbe-59-2020",
                index=Decimal("2.00") + Decimal(k) / 100,
                domains={"D1": "2.00"},
                source="uji",
            )
    for year in range(2018, 2020):
        PublishedResult.objects.create(
            instansi=province,
            year=year,
            framework_code="spbe-5-2018",
            index=Decimal("2.10"),
            source="uji",
        )
    assert Unit.objects.filter(instansi=province).count() >= 4 * factor


@pytest.mark.parametrize("role", ["koordinator", "pembina"])
def test_pages_cost_the_same_on_10x_data(dash, login, role):
    client = login(dash.world.users[role])
    _add_action_items(dash.cycle_2023, [dash.world.dinkes, dash.world.setda], 3)
    _add_action_items(dash.cycle_2024, [dash.world.dinkes], 3)
    urls = [
        (reverse(name, args=[cycle.pk]), {})
        for name in CYCLE_PAGES
        for cycle in (dash.cycle_2023, dash.cycle_2024)
    ]
    urls += [
        (reverse("planning:planner", args=[dash.cycle_2023.pk]), {"target": "3.00"}),
        (reverse("reports:points_lost", args=[dash.cycle_2024.pk]), {"unit": dash.world.dinkes.pk}),
        (reverse("reports:province", args=[dash.world.province.pk]), {}),
        (reverse("api-cycle-dashboard", args=[dash.cycle_2024.pk]), {}),
        (reverse("api-province-comparison", args=[dash.world.province.pk]), {}),
    ]
    for url, params in urls:  # warm per-process caches (framework specs)
        _count(client, url, params)
    small = {url + str(params): _count(client, url, params) for url, params in urls}
    _enlarge(dash)
    large = {url + str(params): _count(client, url, params) for url, params in urls}
    assert large == small
