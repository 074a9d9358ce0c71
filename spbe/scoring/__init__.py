"""The one scoring engine: index, roll-ups, rounding, predikat, what-if and target planner.

Plain Python with no Django import. Frameworks arrive as ``FrameworkSpec`` data; nothing in
this package knows an indicator number, a weight or a band of SPBE or Pemdi.

Public API::

    FrameworkSpec.from_dict(d)                        # parsed framework YAML → spec
    score(spec, values, *, allow_zero=False, predikat_basis=None) -> ScoreResult
    what_if(spec, values, changes, ...) -> WhatIfResult
    plan_target(spec, values, target, *, effort=None, max_level=None, max_steps=None,
                frozen=(), ...) -> PlanResult
    points_lost(spec, values, *, missing_as=None) -> list[PointsLost]
    calibration.Calibration(observations, prior, ...)  # claim → final level distributions
    calibration.forecast(spec, claims, calibration, *, draws, seed) -> Forecast
    confident.plan_for_final(spec, values, target, calibration, *, confidence=None, ...)
    convert_external(table, raw) -> ExternalValue       # Pemdi: SDI, SJIG, IPS, IKASANDI
    predikat_for(spec, value) -> str
    round_half_up(value, places=2) -> Decimal
"""

from .engine import GroupScore, ScoreResult, score
from .errors import ScoringError, SpecError
from .external import ExternalValue, convert_external
from .gaps import PointsLost, points_lost
from .planner import PlanChange, PlanResult, plan_target
from .predikat import predikat_for
from .rounding import round_half_up
from .spec import AspectSpec, DomainSpec, FrameworkSpec, IndicatorSpec, PredikatBand
from .whatif import WhatIfResult, what_if

__all__ = [
    "AspectSpec",
    "ExternalValue",
    "DomainSpec",
    "FrameworkSpec",
    "GroupScore",
    "IndicatorSpec",
    "PlanChange",
    "PlanResult",
    "PointsLost",
    "PredikatBand",
    "ScoreResult",
    "ScoringError",
    "SpecError",
    "WhatIfResult",
    "convert_external",
    "plan_target",
    "points_lost",
    "predikat_for",
    "round_half_up",
    "score",
    "what_if",
]
