"""Planning for the final figure (issue 14 §2): the planner's proposal with the final index it
can expect, an interval, a "reach the target with this confidence" mode, and each step's lead
time checked against the cycle's self-assessment deadline (after it, the assessors look).

Everything numeric comes from the engine (`plan_target`, `forecast`, `plan_for_final`); this
module gathers the inputs (base stage, calibration, lead times) and explains the result.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.core.numbers import fmt_id
from spbe.evaluations.selectors.figures import CycleFigures, StageFigure
from spbe.frameworks.models import Indicator
from spbe.planning.assumptions import AssumptionError
from spbe.planning.calibration import CycleCalibration, cycle_calibration, external_keys
from spbe.planning.selectors import PlannerInput, planner_base
from spbe.scoring import ScoringError, plan_target
from spbe.scoring.calibration import expected_published
from spbe.scoring.confident import ConfidentPlan, plan_for_final


@dataclass(frozen=True)
class FinalStep:
    """One level step of the plan, with the evidence lead time that decides when it fits."""

    indicator: str
    code: str
    name: str
    from_value: Decimal
    to_value: Decimal
    accepted: Fraction  # probability the claimed level survives review (calibration)
    lead_days: int  # days to prepare the evidence of every level up to to_value
    ready_on: datetime.date
    this_year: bool  # ready before the self-assessment deadline (or no deadline set)

    @property
    def accepted_percent(self) -> Decimal:
        return _percent(self.accepted)


@dataclass(frozen=True)
class FinalProposal:
    base: StageFigure
    base_reason: str
    result: ConfidentPlan
    calibration: CycleCalibration
    steps: list[FinalStep]  # this year's plan
    next_year: list[FinalStep]  # steps that cannot be ready before the deadline
    deadline: datetime.date | None

    @property
    def expected_index(self) -> Decimal:
        """The expected final index as it would be published (2 decimals)."""
        return expected_published(self.result.forecast)

    @property
    def probability_percent(self) -> Decimal:
        return _percent(self.result.probability)

    @property
    def interval_percent(self) -> Decimal:
        return _percent(self.result.forecast.level)

    @property
    def assumption_text(self) -> str:
        return calibration_sentence(self.calibration, self.result)


def final_plan_propose(
    *,
    figures: CycleFigures,
    inputs: PlannerInput,
    confidence: Fraction | None = None,
    today: datetime.date | None = None,
) -> FinalProposal:
    """The plan for ``inputs.target`` judged on the expected *final* index.

    With ``confidence`` (e.g. 4/5), the plan reaches the target in that share of simulated
    reviews, preferring evidence likely to be accepted. Steps whose evidence cannot be ready
    before the cycle's self-assessment deadline are left out and listed for next year.
    Raises ValidationError (Bahasa Indonesia) on an input that cannot be planned with.
    """
    today = today or timezone.localdate()
    cycle = figures.cycle
    base, reason = planner_base(figures, inputs.stage)
    if base is None or not base.result.complete:
        raise ValidationError(reason if base is None else _("Tahap dasar belum lengkap."))
    try:
        calib = cycle_calibration(cycle)
    except AssumptionError as exc:
        raise ValidationError(str(exc)) from exc
    values = base.result.values
    levels = _indicator_levels(cycle.framework)
    deadline = cycle.self_assessment_due
    caps = _caps_by_deadline(calib, levels, values, today, deadline, figures.spec.value_max)
    keep = external_keys(cycle.framework)
    frozen = set(inputs.frozen) | keep
    try:
        result = plan_for_final(
            figures.spec,
            values,
            inputs.target,
            calib.calibration,
            confidence=confidence,
            effort=inputs.efforts,
            max_level=caps,
            max_steps=inputs.max_steps,
            frozen=frozen,
            keep=keep,
            allow_zero=True,
            predikat_basis=base.result.predikat_basis,
            draws=calib.assumptions.simulations,
            seed=calib.assumptions.seed,
        )
        unbounded = plan_target(
            figures.spec,
            values,
            inputs.target,
            effort=inputs.efforts,
            max_steps=inputs.max_steps,
            frozen=frozen,
            allow_zero=True,
        )
    except ScoringError as exc:
        raise ValidationError(str(exc)) from exc
    step = _step_maker(calib, levels, today, deadline)
    steps = [step(c.indicator, c.from_value, c.to_value) for c in result.plan.changes]
    next_year = [
        step(c.indicator, c.from_value, c.to_value)
        for c in unbounded.changes
        if c.to_value > caps.get(c.indicator, c.to_value)
    ]
    return FinalProposal(base, reason, result, calib, steps, next_year, deadline)


def _indicator_levels(framework) -> dict[str, dict]:
    """indicator key → (code, short name, {level: evidence kinds}) in one query."""
    out = {}
    for ind in Indicator.objects.filter(framework=framework).only(
        "number", "code", "short_name", "name", "levels"
    ):
        out[str(ind.number)] = {
            "code": ind.code,
            "name": ind.short_name or ind.name,
            "kinds": {
                int(level["level"]): [ev.get("kind", "") for ev in level.get("evidence", [])]
                for level in ind.levels
            },
        }
    return out


def _lead_days(calib: CycleCalibration, info: dict, from_value, to_value) -> int:
    """Days to prepare every level above ``from_value`` up to ``to_value`` (one after another:
    level 4's review needs level 3's policy)."""
    first = floor(from_value) + 1
    return sum(
        calib.assumptions.lead_days_of(info["kinds"].get(level, []))
        for level in range(first, int(to_value) + 1)
    )


def _caps_by_deadline(calib, levels, values, today, deadline, value_max) -> dict[str, Decimal]:
    """Highest level per indicator whose evidence can be ready by the deadline."""
    if deadline is None:
        return {}
    days = (deadline - today).days
    caps = {}
    for key, value in values.items():
        info = levels.get(key)
        if info is None:
            continue
        cap = Decimal(floor(value))
        for level in range(floor(value) + 1, int(value_max) + 1):
            if _lead_days(calib, info, value, level) > days:
                break
            cap = Decimal(level)
        caps[key] = max(cap, Decimal(floor(value)))
    return caps


def _step_maker(calib, levels, today, deadline):
    def make(key: str, from_value: Decimal, to_value: Decimal) -> FinalStep:
        info = levels[key]
        lead = _lead_days(calib, info, from_value, to_value)
        ready = today + datetime.timedelta(days=lead)
        return FinalStep(
            indicator=key,
            code=info["code"],
            name=info["name"],
            from_value=from_value,
            to_value=to_value,
            accepted=calib.calibration.outcome(key, to_value).accepted,
            lead_days=lead,
            ready_on=ready,
            this_year=deadline is None or ready <= deadline,
        )

    return make


def calibration_sentence(calib: CycleCalibration, result: ConfidentPlan) -> str:
    """The assumption behind the expected final index, in words, for the page and the CLI."""
    prior = calib.assumptions.prior
    drops = ", ".join(
        _("turun %(d)s level: %(p)s%%")
        % {"d": fmt_id(d, 0 if d == d.to_integral() else 1), "p": fmt_id(_percent(p), 0)}
        for d, p in sorted(prior.drops.items())
    )
    if calib.prior_only:
        history = _("Belum ada riwayat klaim dan hasil akhir instansi ini; dipakai asumsi awal.")
    else:
        history = _(
            "Dikalibrasi dari %(n)d pasangan klaim–hasil akhir pada %(c)d siklus sebelumnya "
            "(rata-rata turun %(drop)s level), disusutkan ke asumsi awal."
        ) % {
            "n": calib.observations,
            "c": len(calib.history_cycles),
            "drop": fmt_id(calib.mean_drop, 2),
        }
    return _(
        "%(history)s Asumsi awal (setara %(s)d pengamatan): %(drops)s. Nilai akhir tiap "
        "indikator diundi dari sebarannya dalam %(n)d simulasi penilaian (benih %(seed)d), "
        "dan tiap simulasi dihitung dengan mesin skor yang sama."
    ) % {
        "history": history,
        "s": prior.strength,
        "drops": drops,
        "n": result.forecast.draws,
        "seed": result.forecast.seed,
    }


def _percent(p: Fraction) -> Decimal:
    return Decimal(p.numerator * 100) / Decimal(p.denominator)


def _two(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def _step_json(step: FinalStep) -> dict:
    return {
        "indicator": step.code,
        "from": str(step.from_value),
        "to": str(step.to_value),
        "accepted_probability": f"{float(step.accepted):.2f}",
        "lead_days": step.lead_days,
        "ready_on": step.ready_on.isoformat(),
        "this_year": step.this_year,
    }


def final_proposal_json(proposal: FinalProposal, cycle_id: int) -> dict:
    """The JSON of `spbe plan --cycle ID --json` and of the API (keys are a contract:
    `expected_index`, `interval`, `steps`; figures as 2-decimal strings)."""
    result = proposal.result
    low, high = result.forecast.interval
    return {
        "cycle": cycle_id,
        "target": _two(result.target),
        "confidence": None if result.confidence is None else f"{float(result.confidence):.2f}",
        "confident": None if result.confidence is None else result.confident,
        "index_before": _two(result.plan.index_before),
        "claim_index": _two(result.plan.index_after),
        "expected_index": _two(expected_published(result.forecast)),
        "interval": [_two(low), _two(high)],
        "interval_level": f"{float(result.forecast.level):.2f}",
        "probability": f"{float(result.probability):.2f}",
        "steps": [_step_json(s) for s in proposal.steps],
        "next_year": [_step_json(s) for s in proposal.next_year],
        "deadline": proposal.deadline.isoformat() if proposal.deadline else None,
        "assumption": proposal.assumption_text,
        "simulations": result.forecast.draws,
        "seed": result.forecast.seed,
    }
