"""`spbe plan`: JSON keys, reachable and unreachable targets, effort files, bad input."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError

from spbe.frameworks.selectors import framework_engine_spec, framework_get
from spbe.scoring import plan_target
from tests.cli.conftest import kaltim_levels, levels_csv, run

pytestmark = pytest.mark.django_db

JSON_KEYS = {"reachable", "index_before", "index_after", "total_effort", "changes"}


def plan_json(path, *options, framework="spbe-59-2020") -> dict:
    out, _ = run("plan", "--framework", framework, path, "--json", *options)
    return json.loads(out)


@pytest.fixture
def kaltim_2023(write):
    return write(levels_csv(kaltim_levels(2023)))


def test_reachable_target(shipped, kaltim_2023):
    # today's behaviour before the planner's defaults: no step cap, effort 1 per step
    data = plan_json(kaltim_2023, "--target", "3.00", "--max-steps", "4", "--effort-flat")
    assert set(data) >= JSON_KEYS
    assert data["reachable"] is True
    assert data["index_before"] == "2.91"
    assert Decimal(data["index_after"]) >= Decimal("3.00")
    assert data["total_effort"] == "3"
    for change in data["changes"]:
        assert {"indicator", "from", "to", "effort", "reason"} <= set(change)
        assert Decimal(change["to"]) > Decimal(change["from"])


def test_total_effort_equals_the_engine(shipped, kaltim_2023, write):
    effort = write("indicator,effort\n37,5\n38,4\n42,2.5\n11,0.5\n", "effort.csv")
    data = plan_json(
        kaltim_2023, "--target", "3.10", "--effort", effort, "--max-steps", "1", "--effort-flat"
    )
    spec = framework_engine_spec(framework_get("spbe-59-2020"))
    levels = {str(n): v for n, v in enumerate(kaltim_levels(2023), start=1)}
    expected = plan_target(
        spec,
        levels,
        Decimal("3.10"),
        effort={"37": Decimal(5), "38": Decimal(4), "42": Decimal("2.5"), "11": Decimal("0.5")},
        max_steps=1,
    )
    assert data["total_effort"] == str(expected.total_effort)
    assert data["index_after"] == str(expected.index_after)
    assert [c["indicator"] for c in data["changes"]] == [int(c.indicator) for c in expected.changes]
    assert sum(Decimal(c["effort"]) for c in data["changes"]) == expected.total_effort
    assert all(c["to"] == str(Decimal(c["from"]) + 1) for c in data["changes"])


def test_unreachable_target_exits_zero_with_best(shipped, kaltim_2023):
    data = plan_json(kaltim_2023, "--target", "4.90", "--max-steps", "1")
    assert data["reachable"] is False
    assert data["best_reachable"] == data["index_after"] == "3.75"
    out, _ = run(
        "plan", "--framework", "spbe-59-2020", kaltim_2023, "--target", "4.90", "--max-steps", "1"
    )
    assert "TIDAK TERCAPAI" in out and "Indeks tertinggi yang bisa dicapai: 3.75" in out


def test_frozen_and_max_level(shipped, kaltim_2023):
    data = plan_json(kaltim_2023, "--target", "3.00", "--frozen", "37,38,42", "--max-level", "4")
    moved = {c["indicator"] for c in data["changes"]}
    assert data["reachable"] is True
    assert not moved & {37, 38, 42}
    assert all(Decimal(c["to"]) <= 4 for c in data["changes"])


def test_human_table_has_reasons(shipped, kaltim_2023):
    out, _ = run(
        "plan",
        "--framework",
        "spbe-59-2020",
        kaltim_2023,
        "--target",
        "3.00",
        "--max-steps",
        "4",
        "--effort-flat",
    )
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("INDIKATOR"))
    assert header.split() == ["INDIKATOR", "NAMA", "DARI", "KE", "USAHA", "ALASAN"]
    assert any("Layanan Pengaduan Publik" in line and "poin indeks" in line for line in lines)


def test_target_already_met(shipped, kaltim_2023):
    data = plan_json(kaltim_2023, "--target", "2.50")
    assert data["reachable"] is True and data["changes"] == [] and data["total_effort"] == "0"


def test_pemdi_decimal_levels(shipped, write):
    path = write(levels_csv({n: "1.17" for n in range(1, 21)}))
    data = plan_json(path, "--target", "2.00", "--include-external", framework="pemdi-8-2026")
    assert data["reachable"] is True and data["index_before"] == "1.17"
    assert all(c["from"] == "1.17" for c in data["changes"])


def test_defaults_are_the_frameworks_assumptions(shipped, kaltim_2023):
    """One level per indicator per cycle and an effort growing with the level reached, as on
    the planner page; --max-steps 4 --effort-flat is the plan without them."""
    framework = framework_get("spbe-59-2020")
    data = plan_json(kaltim_2023, "--target", "3.00")
    assert data["assumptions"]["max_steps"] == framework.planner["max_steps_per_cycle"] == 1
    assert all(c["steps"] == 1 for c in data["changes"])
    by_level = framework.planner["effort_by_level"]
    assert data["assumptions"]["effort"] == by_level
    for change in data["changes"]:
        assert Decimal(change["effort"]) == Decimal(by_level[str(int(Decimal(change["to"])))])
    spec = framework_engine_spec(framework)
    levels = {str(n): v for n, v in enumerate(kaltim_levels(2023), start=1)}
    today = plan_json(kaltim_2023, "--target", "3.00", "--max-steps", "4", "--effort-flat")
    assert today["total_effort"] == str(plan_target(spec, levels, Decimal("3.00")).total_effort)


def test_pemdi_external_indicators_stay_unless_asked(shipped, write):
    from spbe.frameworks.models import Indicator

    external = sorted(
        Indicator.objects.filter(
            framework=framework_get("pemdi-8-2026"), source=Indicator.Source.EXTERNAL
        ).values_list("number", flat=True)
    )
    assert external  # SDI, SJIG, IPS, SDI interoperabilitas
    path = write(levels_csv({n: "1.17" for n in range(1, 21)}))
    data = plan_json(path, "--target", "1.50", framework="pemdi-8-2026")
    assert data["assumptions"]["external_unchanged"] == external
    assert not {c["indicator"] for c in data["changes"]} & set(external)
    asked = plan_json(path, "--target", "5.00", "--include-external", framework="pemdi-8-2026")
    assert {c["indicator"] for c in asked["changes"]} & set(external)
    out, _ = run("plan", "--framework", "pemdi-8-2026", path, "--target", "1.50")
    assert "dari indeks instansi lain" in out


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("tiga", "--target 'tiga' bukan angka"),
        ("6", "--target 6 di luar rentang"),
        ("NaN", "bukan angka"),
    ],
)
def test_bad_target(shipped, kaltim_2023, target, message):
    with pytest.raises(CommandError, match=message):
        run("plan", "--framework", "spbe-59-2020", kaltim_2023, "--target", target)


def test_incomplete_levels_refused(shipped, write):
    path = write(levels_csv({n: 3 for n in range(1, 46)}))
    with pytest.raises(CommandError, match="membutuhkan nilai semua indikator.*46, 47"):
        run("plan", "--framework", "spbe-59-2020", path, "--target", "3.00")


def test_bad_effort_file(shipped, kaltim_2023, write):
    effort = write("indicator,effort\n1,2\n99,1\n", "effort.csv")
    with pytest.raises(CommandError, match=r"effort\.csv baris 3: indikator 99 tidak ada"):
        run("plan", "--framework", "spbe-59-2020", kaltim_2023, "--target", "3", "--effort", effort)


def test_unknown_frozen_indicator(shipped, kaltim_2023):
    with pytest.raises(CommandError, match="Indikator '99' tidak dikenal"):
        run("plan", "--framework", "spbe-59-2020", kaltim_2023, "--target", "3", "--frozen", "99")


def test_bad_level_file(shipped, write):
    with pytest.raises(CommandError, match=r"data\.csv baris 2: indikator 48 tidak ada"):
        run("plan", "--framework", "spbe-59-2020", write(levels_csv({48: 3})), "--target", "3")
