"""Consolidation per year (exact totals by unit, category, indicator, domain) and the flags."""

import pytest

from spbe.budget import selectors
from spbe.frameworks.selectors import framework_get
from spbe.frameworks.services import shipped_load
from spbe.inventory import services as inventory
from spbe.inventory.domains import DOMAINS


@pytest.fixture
def spbe(db):
    shipped_load()
    return framework_get("spbe-59-2020")


def test_totals_by_unit_category_indicator_domain(world, add_item, spbe):
    i15 = spbe.indicators.get(code="15")
    i16 = spbe.indicators.get(code="16")
    add_item(world.dinkes, amount=150_000_000, indicators=[i15])
    add_item(world.dinkes, amount=25_250_000, category="keamanan", indicators=[i15, i16])
    add_item(world.diskominfo, amount=1_000_000_001, category="infrastruktur", indicators=[i16])
    add_item(world.diskominfo, amount=999, status="dibatalkan")
    add_item(world.dinkes, amount=5, fiscal_year=2026)
    figures = selectors.consolidation(instansi=world.province, year=2027)
    assert figures.items == 3 and figures.total == 1_175_250_001
    assert dict(figures.by_unit) == {
        "Dinas Komunikasi dan Informatika": 1_000_000_001,
        "Dinas Kesehatan": 175_250_000,
    }
    assert dict(figures.by_category) == {
        "Infrastruktur": 1_000_000_001,
        "Aplikasi": 150_000_000,
        "Keamanan": 25_250_000,
    }
    by_indicator = {k.split(" ")[1]: v for k, v in figures.by_indicator}
    assert by_indicator == {"15": 175_250_000, "16": 1_025_250_001}
    # 15 and 16 are in the same domain: an item counts once per domain.
    assert [v for _k, v in figures.by_domain] == [1_175_250_001]
    assert selectors.indicator_costs(
        instansi=world.province, year=2027, framework_code="spbe-59-2020"
    ) == {"15": 175_250_000, "16": 1_025_250_001}


def test_flags(world, add_item, spbe):
    simpeg = inventory.inventory_item_create(
        actor=world.users["koordinator"],
        domain=DOMAINS["aplikasi"],
        instansi=world.province,
        values={"name": "SIMPEG", "owner_unit": world.diskominfo, "function": "kepegawaian"},
    )
    builds = add_item(
        world.dinkes, builds_application="SIMPEG", description="Aplikasi SIMPEG Dinkes"
    )
    linked = add_item(
        world.diskominfo,
        applications=[simpeg],
        description="Pemeliharaan SIMPEG",
    )
    flags = selectors.budget_flags(instansi=world.province, year=2027)
    assert [(m.item, m.other, m.planned) for m in flags.builds_existing] == [
        (builds, "SIMPEG", False)
    ]
    assert builds in flags.unlinked and linked not in flags.unlinked
    assert set(flags.unconsulted) == {builds, linked}
    reasons = flags.needs_review()[builds.pk]
    assert any(r.startswith("mirip SIMPEG (Diskominfo, sudah ada") for r in reasons)


def test_planned_by_another_unit_and_action_plan_without_budget(world, add_item, spbe):
    from spbe.evaluations.models import Cycle
    from spbe.planning.models import ActionItem

    first = add_item(world.dinkes, builds_application="Aplikasi Antrian Online")
    second = add_item(world.setda, builds_application="Antrian Online")
    flags = selectors.budget_flags(instansi=world.province, year=2027)
    pairs = {(m.item.pk, m.other, m.planned) for m in flags.builds_existing}
    assert (first.pk, "Antrian Online", True) in pairs and (
        second.pk,
        "Aplikasi Antrian Online",
        True,
    ) in pairs
    cycle = Cycle.objects.create(
        instansi=world.province, framework=spbe, year=2026, kind="evaluasi", name="E"
    )
    i15, i16 = spbe.indicators.get(code="15"), spbe.indicators.get(code="16")
    ActionItem.objects.create(
        cycle=cycle, indicator=i15, target_value=3, description="Arsitektur aplikasi"
    )
    ActionItem.objects.create(cycle=cycle, indicator=i16, target_value=3, description="Pusat data")
    add_item(world.diskominfo, indicators=[i16])
    flags = selectors.budget_flags(instansi=world.province, year=2027)
    assert [a.indicator.code for a in flags.action_without_budget] == ["15"]
