"""The target planner: worked cases, and a proof of optimality against exhaustive search.

The brute force below shares no code with the planner: it enumerates every combination of
level steps, computes the published index with Decimal ROUND_HALF_UP, and keeps the
cheapest (effort, then steps). The planner must match it on every random case.
"""

import itertools
import random
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import pytest

from spbe.scoring import FrameworkSpec, ScoringError, knapsack, plan_target, points_lost, score

from .specs import all_levels, pemdi_spec, spbe_spec

SPBE = spbe_spec()
PEMDI = pemdi_spec()
CENT = Decimal("0.01")


# -- worked cases ------------------------------------------------------------------------
def test_target_already_met_needs_nothing():
    plan = plan_target(SPBE, all_levels(3), "3.00")
    assert plan.reachable and plan.changes == () and plan.total_effort == 0
    assert plan.index_after == Decimal("3.00")


def test_cheapest_step_reaches_published_target_by_rounding():
    # 3.00 → 3.01 needs exact >= 3.005: one A1 step (+0.013) is the cheapest at equal effort
    plan = plan_target(SPBE, all_levels(3), "3.01")
    assert plan.reachable and plan.total_steps == 1 and plan.total_effort == 1
    (change,) = plan.changes
    assert change.indicator == "1" and (change.from_value, change.to_value) == (3, 4)
    assert change.index_gain == Decimal("0.0130")
    assert plan.index_after == Decimal("3.01")
    assert "poin indeks" in change.reason


def test_efforts_steer_the_plan_to_cheaper_indicators():
    effort = {str(n): 10 for n in range(1, 48)} | {"45": "0.5"}
    plan = plan_target(SPBE, all_levels(3), "3.05", effort=effort)
    assert [c.indicator for c in plan.changes] == ["45"]
    assert plan.changes[0].to_value == 5 and plan.total_effort == Decimal("1.0")


def test_one_frozen_key_given_as_a_string_is_that_key():
    as_str = plan_target(SPBE, all_levels(3), "3.01", frozen="1")
    as_list = plan_target(SPBE, all_levels(3), "3.01", frozen=["1"])
    assert as_str == as_list
    assert all(c.indicator != "1" for c in as_str.changes)
    # "12" is indicator 12, not indicators 1 and 2
    twelve = plan_target(SPBE, all_levels(3), "3.01", frozen="12")
    assert twelve == plan_target(SPBE, all_levels(3), "3.01", frozen=["12"])
    assert [c.indicator for c in twelve.changes] == ["1"]


def test_frozen_max_steps_and_max_level_are_respected():
    plan = plan_target(
        SPBE, all_levels(3), "3.50", frozen=["45", "46", "47"], max_steps=1, max_level=4
    )
    assert plan.reachable
    for change in plan.changes:
        assert change.indicator not in {"45", "46", "47"}
        assert change.steps == 1 and change.to_value == 4


def test_unreachable_target_gives_the_best_reachable_plan():
    plan = plan_target(SPBE, all_levels(3), "4.50", max_level=4)
    assert not plan.reachable
    assert plan.best_reachable == Decimal("4.00") == plan.index_after
    assert plan.total_steps == 47


def test_per_step_effort_lists():
    effort = {"45": ["1", "9"], "46": ["2", "2"]}
    plan = plan_target(SPBE, all_levels(3), "3.09", effort=effort, frozen=[
        str(n) for n in range(1, 45)] + ["47"])  # fmt: skip
    # 3.09 needs +0.085, three steps of weight 3: 45→5 (1+9) with 46→4 (2) costs 12,
    # 45→4 (1) with 46→5 (2+2) costs 5
    assert plan.total_effort == 5
    assert {(c.indicator, c.to_value) for c in plan.changes} == {("45", 4), ("46", 5)}


def test_pemdi_steps_go_to_the_next_whole_level():
    values = {str(n): "1.17" for n in range(1, 21)}
    plan = plan_target(PEMDI, values, "1.20", frozen=[str(n) for n in range(1, 20)])
    (change,) = plan.changes
    assert (change.indicator, change.from_value, change.to_value) == ("20", Decimal("1.17"), 2)
    assert change.index_gain == Decimal("0.1245")


def test_planner_refuses_incomplete_values_and_bad_options():
    with pytest.raises(ScoringError, match="belum ada nilai"):
        plan_target(SPBE, all_levels(3) | {"1": None}, "3.5")
    with pytest.raises(ScoringError, match="negatif"):
        plan_target(SPBE, all_levels(3), "3.5", effort={"1": "-1"})
    with pytest.raises(ScoringError, match="tidak dikenal"):
        plan_target(SPBE, all_levels(3), "3.5", frozen=["99"])
    with pytest.raises(ScoringError, match="float"):
        plan_target(SPBE, all_levels(3), 3.5)


def test_points_lost_ranks_weight_times_gap():
    rows = points_lost(SPBE, all_levels(4) | {"1": 1, "45": 3})
    assert (rows[0].indicator, rows[0].points) == ("45", Decimal("0.06"))
    assert (rows[1].indicator, rows[1].points) == ("1", Decimal("0.052"))
    assert (rows[2].indicator, rows[2].points) == ("42", Decimal("0.03"))
    assert rows[-1].points == Decimal("0.013")
    assert [r.points for r in rows] == sorted((r.points for r in rows), reverse=True)


def test_points_lost_leaves_out_missing_values_unless_counted_at_the_lowest_level():
    values = all_levels(4) | {"1": 1}
    del values["45"]  # weight 3, no value yet
    assert "45" not in {r.indicator for r in points_lost(SPBE, values)}
    rows = points_lost(SPBE, values, missing_as="value_min")
    assert len(rows) == len(SPBE.keys)
    missing = next(r for r in rows if r.indicator == "45")
    assert missing.missing and missing.value == SPBE.value_min == 1
    assert missing.points == Decimal("0.12")  # 3 × (5 − 1) / 100: the biggest gap, first
    assert rows[0] == missing
    assert not any(r.missing for r in rows if r.indicator != "45")
    pemdi = points_lost(PEMDI, {}, missing_as="value_min")
    assert all(r.missing and r.value == PEMDI.value_min for r in pemdi)
    with pytest.raises(ScoringError, match="missing_as"):
        points_lost(SPBE, values, missing_as="nol")


# -- optimality against exhaustive search --------------------------------------------------
def _random_spec(rng: random.Random, n: int, kind: str, grain: int) -> FrameworkSpec:
    """Random weights summing to 100, in multiples of 1/grain (100: hundredths)."""
    cuts = sorted(rng.sample(range(1, 100 * grain), n - 1))
    units = [b - a for a, b in zip([0, *cuts], [*cuts, 100 * grain], strict=True)]
    weights = [Decimal(u) / grain for u in units]
    aspect_of = [rng.choice("AB") if n > 2 else "A" for _ in range(n)]
    aspect_of[0], aspect_of[-1] = "A", "B"
    aspects = [
        {
            "code": a,
            "weight": str(sum(w for w, x in zip(weights, aspect_of, strict=True) if x == a)),
        }
        for a in "AB"
    ]
    return FrameworkSpec.from_dict(
        {
            "code": "acak",
            "value_kind": kind,
            "bands": [
                {"name": "Rendah", "min": "1", "max": "3"},
                {"name": "Tinggi", "min": "3", "max": "5"},
            ],
            "aspects": aspects,
            "indicators": [
                {"number": i + 1, "aspect": a, "weight": str(w)}
                for i, (w, a) in enumerate(zip(weights, aspect_of, strict=True))
            ],
        }
    )


def _random_case(rng: random.Random, grain: int = 100):
    n = rng.randint(3, 6)
    kind = rng.choice(["integer", "decimal"])
    spec = _random_spec(rng, n, kind, grain)
    keys = [i.key for i in spec.indicators]
    if kind == "integer":
        values = {k: Decimal(rng.randint(1, 5)) for k in keys}
    else:
        values = {k: Decimal(rng.randint(100, 500)) / 100 for k in keys}
    effort, max_steps, max_level = {}, {}, {}
    for k in keys:
        style = rng.randint(0, 3)
        if style == 1:
            effort[k] = Decimal(rng.randint(0, 40)) / 4
        elif style == 2:
            effort[k] = [Decimal(rng.randint(1, 30)) / 10 for _ in range(rng.randint(1, 4))]
        elif style == 3:
            effort[k] = rng.randint(1, 5)
        if rng.random() < 0.3:
            max_steps[k] = rng.randint(0, 3)
        if rng.random() < 0.2:
            max_level[k] = rng.randint(2, 5)
    frozen = [k for k in keys if rng.random() < 0.15]
    before = sum(i.weight * values[i.key] for i in spec.indicators) / 100
    target = (before + Decimal(rng.randint(-20, 250)) / 100).quantize(CENT)
    if rng.random() < 0.2:
        target += Decimal("0.004")  # a target with 3 decimals
    return spec, values, target, effort, max_steps, max_level, frozen


def _brute_force(spec, values, target, effort, max_steps, max_level, frozen):
    """(reachable, least effort, fewest steps, best publishable index) by enumeration."""
    per_indicator = []
    for ind in spec.indicators:
        value = values[ind.key]
        options = [(value, Decimal(0), 0)]
        if ind.key not in frozen:
            top = min(max_level.get(ind.key, 5), 5)
            raw = effort.get(ind.key, 1)
            costs = raw if isinstance(raw, list) else [Decimal(raw)] * 5
            limit = min(max_steps.get(ind.key, 99), len(costs))
            level = int(value.to_integral_value(ROUND_FLOOR)) + 1
            total, steps = Decimal(0), 0
            while level <= top and steps < limit:
                total += costs[steps]
                steps += 1
                options.append((Decimal(level), total, steps))
                level += 1
        per_indicator.append((ind.weight, options))
    goal = (target / CENT).to_integral_value(rounding="ROUND_CEILING") * CENT
    combos = []
    for pick in itertools.product(*(opts for _, opts in per_indicator)):
        index = sum(w * v for (w, _), (v, _, _) in zip(per_indicator, pick, strict=True)) / 100
        published = index.quantize(CENT, rounding=ROUND_HALF_UP)
        combos.append((published, sum(p[1] for p in pick), sum(p[2] for p in pick)))
    best_published = max(c[0] for c in combos)
    reachable = best_published >= goal
    floor = goal if reachable else best_published
    effort_min, steps_min = min((e, s) for p, e, s in combos if p >= floor)
    return reachable, effort_min, steps_min, best_published


@pytest.mark.parametrize(
    ("method", "cases", "grain"),
    [
        (None, 300, 100),  # the planner picks the DP variant itself
        ("pareto", 300, 100),  # Pareto fronts forced
        ("array", 300, 20),  # numpy gain-axis DP forced (weights in 0.05 keep it quick)
    ],
)
def test_planner_matches_exhaustive_search_on_random_cases(monkeypatch, method, cases, grain):
    if method is not None:
        monkeypatch.setattr(knapsack, "PYTHON_VS_NUMPY", 0 if method == "pareto" else 10**12)
    rng = random.Random(20261127)
    seen = {"unreachable": 0, "plans": 0, "list efforts": 0}
    for case in range(cases):
        spec, values, target, effort, max_steps, max_level, frozen = _random_case(rng, grain)
        plan = plan_target(
            spec, values, target, effort=effort, max_steps=max_steps, max_level=max_level,
            frozen=frozen,
        )  # fmt: skip
        reachable, least, fewest, best = _brute_force(
            spec, values, target, effort, max_steps, max_level, frozen
        )
        label = f"kasus {case}: target {target}, nilai {values}, usaha {effort}"
        assert plan.reachable == reachable, label
        assert plan.best_reachable == best, label
        assert plan.total_effort == least, label
        assert plan.total_steps == fewest, label
        # the plan is what it says: its own changes give the published index it reports
        after = dict(values) | {c.indicator: c.to_value for c in plan.changes}
        assert score(spec, after).index == plan.index_after, label
        assert plan.index_after >= (target if reachable else best).quantize(CENT, "ROUND_UP")
        assert sum(c.effort for c in plan.changes) == plan.total_effort, label
        seen["unreachable"] += not reachable
        seen["plans"] += bool(plan.changes)
        seen["list efforts"] += any(isinstance(e, list) for e in effort.values())
    assert min(seen.values()) >= cases // 10, seen  # the random cases cover every kind
