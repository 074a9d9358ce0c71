"""Cycle indices come from the engine, per stage, with the predikat rule of the year."""

from decimal import Decimal

import pytest

from spbe.evaluations.models import Stage
from spbe.evaluations.selectors import (
    cycle_external_values,
    cycle_predikat_basis,
    cycle_score,
    cycle_stage_scores,
    cycle_stage_values,
    cycles_stage_values,
)
from tests.evaluations.conftest import set_stage_values

# Kaltim 2024 (spbe/demo/data/kaltim.yaml): levels that reproduce the published stage figures.
MANDIRI_2024 = [
    5,
    5,
    4,
    4,
    5,
    5,
    5,
    5,
    4,
    4,
    5,
    4,
    4,
    4,
    4,
    4,
    4,
    4,
    4,
    4,
    4,
    4,
    3,
    3,
    4,
    3,
    3,
    4,
    3,
    2,
    3,
    5,
    5,
    5,
    5,
    5,
    5,
    5,
    5,
    5,
    4,
    5,
    5,
    5,
    5,
    4,
    4,
]
FINAL_2024 = [
    4,
    4,
    4,
    4,
    4,
    4,
    4,
    4,
    2,
    3,
    4,
    4,
    3,
    3,
    4,
    4,
    4,
    3,
    3,
    3,
    3,
    3,
    3,
    3,
    3,
    2,
    3,
    3,
    3,
    2,
    3,
    5,
    5,
    5,
    4,
    4,
    4,
    4,
    4,
    4,
    3,
    5,
    5,
    5,
    4,
    4,
    4,
]


def _by_number(levels):
    return {n: str(level) for n, level in enumerate(levels, start=1)}


def test_each_stage_is_scored_separately(make_cycle):
    cycle = make_cycle(year=2024)
    set_stage_values(cycle, Stage.MANDIRI, _by_number(MANDIRI_2024))
    set_stage_values(cycle, Stage.FINAL, _by_number(FINAL_2024))

    scores = cycle_stage_scores(cycle)

    assert list(scores) == [Stage.MANDIRI, Stage.FINAL]
    assert scores[Stage.MANDIRI].index == Decimal("4.35")
    assert scores[Stage.FINAL].index == Decimal("3.79")
    assert scores[Stage.FINAL].domains["D4"].value == Decimal("4.32")


def test_partial_stage_is_marked_incomplete(make_cycle):
    cycle = make_cycle(year=2026)
    set_stage_values(cycle, Stage.MANDIRI, {1: "3", 2: "4"})
    result = cycle_score(cycle, Stage.MANDIRI)
    assert not result.complete
    assert len(result.missing) == 45


def test_predikat_basis_follows_the_year_unless_the_cycle_overrides(make_cycle):
    assert cycle_predikat_basis(make_cycle(year=2023, name="a")) == "rounded"
    assert cycle_predikat_basis(make_cycle(year=2024, name="b")) == "exact"
    assert cycle_predikat_basis(make_cycle(year=2024, name="c", predikat_basis="rounded")) == (
        "rounded"
    )


def test_pemdi_external_indicators_use_the_recorded_index(make_cycle):
    cycle = make_cycle(code="pemdi-8-2026", year=2026, external_values={"sdi": "25"})
    external = cycle_external_values(cycle)
    assert external["5"] == (Decimal("2.00"), False)
    # SJIG not published yet: counts as 1.00 and is marked pending.
    assert external["6"] == (Decimal("1.00"), True)


def test_many_cycles_stage_values_in_two_queries_like_one(make_cycle, django_assert_num_queries):
    """The bulk form (dashboards' history) and the single form (every index) are one path."""
    cycles = [
        make_cycle(code="pemdi-8-2026", year=2026, name=f"P{n}", external_values={"sdi": sdi})
        for n, sdi in enumerate(("25", "68.75", None))
    ] + [make_cycle(year=2024, name="S")]
    for n, cycle in enumerate(cycles):
        set_stage_values(cycle, Stage.FINAL, {1: str(n + 1), 2: "3"})
    for cycle in cycles:
        cycle.refresh_from_db()
        cycle.framework  # noqa: B018 (loaded, as callers pass them)
    with django_assert_num_queries(2):
        values = cycles_stage_values(cycles, Stage.FINAL)
    assert [values[c.pk]["5"] for c in cycles[:3]] == [
        Decimal("2.00"),
        Decimal("3.75"),
        Decimal("1.00"),
    ]
    assert "5" not in values[cycles[3].pk] and values[cycles[3].pk]["1"] == Decimal("4")
    for cycle in cycles:
        assert cycle_stage_values(cycle, Stage.FINAL) == values[cycle.pk]


@pytest.mark.parametrize("stage", [Stage.DOKUMEN, Stage.FINAL])
def test_official_stages_accept_zero(make_cycle, stage):
    cycle = make_cycle(year=2023)
    set_stage_values(cycle, stage, {n: "1" for n in range(1, 48)} | {47: "0"})
    assert cycle_stage_scores(cycle)[stage].complete
