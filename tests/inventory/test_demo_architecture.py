"""The demo's made-up inventory and budget: idempotent, marked, removed by reset."""

import pytest

from spbe.budget.models import BudgetItem
from spbe.demo.architecture import architecture_data, architecture_load, architecture_reset
from spbe.frameworks.services import shipped_load
from spbe.inventory.models import Application, DuplicateDecision
from spbe.inventory.selectors import duplicate_pairs
from tests.factories import make_instansi, make_unit

pytestmark = pytest.mark.django_db


def test_load_twice_then_reset(db):
    shipped_load()
    province = make_instansi(name="Pemerintah Provinsi Kalimantan Timur")
    data = architecture_data()
    slugs = {
        row["unit"]
        for key in (
            "applications",
            "infrastructure",
            "services",
            "datasets",
            "business_processes",
            "security",
        )
        for row in data[key]
    }
    slugs |= {row["walidata"] for row in data["datasets"]}
    slugs |= {row["unit"] for row in data["budget"]["items"]}
    units = {slug: make_unit(instansi=province, name=f"Unit {slug}") for slug in sorted(slugs)}
    mine = Application.objects.create(instansi=province, owner_unit=units["bkd"], name="Punya saya")

    first = architecture_load(province, units)
    assert first["inventaris"] > 0 and first["belanja TIK"] == len(data["budget"]["items"])
    assert architecture_load(province, units) == {"inventaris": 0, "belanja TIK": 0}
    assert all(a.description == data["marker"] for a in Application.objects.exclude(pk=mine.pk))
    pairs = duplicate_pairs(instansi=province)
    assert sum(1 for p in pairs if p.a.owner_unit_id != p.b.owner_unit_id) >= 3
    assert DuplicateDecision.objects.count() == 1

    architecture_reset(province)
    assert list(Application.objects.all()) == [mine]
    assert not BudgetItem.objects.exists() and not DuplicateDecision.objects.exists()
