"""Calibration arithmetic on small made-up histories, the seeded forecast, and planning with
confidence (pure engine, no database)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from spbe.scoring import ScoringError, plan_target
from spbe.scoring.calibration import Calibration, Observation, Prior, forecast
from spbe.scoring.confident import plan_for_final

from .specs import all_levels, spbe_spec

SPBE = spbe_spec()
D = Decimal
PRIOR = Prior({D(0): Fraction(1, 2), D(1): Fraction(1, 2)}, strength=2)


def calib(observations, prior=PRIOR):
    return Calibration(observations, prior, value_min=D(1), value_max=D(5))


def test_no_history_is_the_prior():
    outcome = calib([]).outcome("1", 4)
    assert outcome.finals == ((D(3), Fraction(1, 2)), (D(4), Fraction(1, 2)))
    assert outcome.accepted == Fraction(1, 2)
    assert outcome.expected == Fraction(7, 2)


def test_history_shrinks_towards_the_level_pool_and_the_prior():
    # indicator 1 claimed 4 twice, both accepted; indicator 2 claimed 4 twice, both dropped 1
    history = [
        Observation("1", D(4), D(4)),
        Observation("1", D(4), D(4)),
        Observation("2", D(4), D(3)),
        Observation("2", D(4), D(3)),
    ]
    c = calib(history)
    # level pool at 4: n=4 (2 × drop 0, 2 × drop 1) + 2 × prior (½, ½) → ½, ½
    # indicator 1: (2 + 2·½) / (2 + 2) = ¾ accepted
    assert c.drops("1", D(4)) == {D(0): Fraction(3, 4), D(1): Fraction(1, 4)}
    assert c.outcome("2", 4).accepted == Fraction(1, 4)
    # an indicator never claimed at 4 gets the level pool
    assert c.outcome("3", 4).accepted == Fraction(1, 2)
    assert c.outcome("1", 4).own_observations == 2
    assert c.outcome("1", 4).level_observations == 4


def test_finals_never_fall_below_the_lowest_level():
    outcome = calib([]).outcome("1", 1)
    assert outcome.finals == ((D(1), Fraction(1)),)


def test_a_prior_must_be_a_distribution():
    with pytest.raises(ScoringError):
        Prior({D(0): Fraction(1, 2)}, strength=1)


def test_forecast_is_seeded_and_its_interval_contains_the_expected_value():
    claims = all_levels(4)
    one = forecast(SPBE, claims, calib([]), draws=400, seed=7)
    two = forecast(SPBE, claims, calib([]), draws=400, seed=7)
    assert one.indices == two.indices
    low, high = one.interval
    assert low <= one.expected <= high
    # every indicator: 3 or 4 with equal odds → the mean final is close to 3.5
    assert abs(one.expected - D("3.5")) < D("0.05")
    assert low < D("3.5") < high


def test_a_certain_history_gives_a_point_forecast():
    certain = Prior({D(0): Fraction(1)}, strength=1)
    result = forecast(SPBE, all_levels(3), calib([], certain), draws=50)
    assert result.interval == (D("3.00"), D("3.00"))
    assert result.expected == D("3.0000")


def test_confidence_planning_takes_more_steps_and_safer_ones():
    # indicators 1-10 are almost always accepted; the others drop half the time
    history = [Observation(str(n), D(4), D(4)) for n in range(1, 11) for _ in range(20)]
    history += [Observation(str(n), D(4), D(3)) for n in range(11, 48) for _ in range(2)]
    c = calib(history)
    base = all_levels(3)
    plain_plan = plan_target(SPBE, base, "3.10")
    confident = plan_for_final(
        SPBE, base, "3.10", c, confidence=Fraction(4, 5), max_steps=1, draws=300
    )
    plain = plan_for_final(SPBE, base, "3.10", c, max_steps=1, draws=300)
    assert plain.plan.index_after == plain_plan.index_after
    assert confident.plan.total_steps > plain.plan.total_steps
    assert confident.probability >= Fraction(4, 5) > plain.probability
    assert confident.confident
    safe = {str(n) for n in range(1, 11)}
    assert safe <= {change.indicator for change in confident.plan.changes}


def test_an_unreachable_confidence_is_reported_not_hidden():
    c = calib([])
    result = plan_for_final(
        SPBE, all_levels(3), "4.90", c, confidence=Fraction(9, 10), max_steps=1, draws=100
    )
    assert not result.confident
    assert result.probability < Fraction(9, 10)
