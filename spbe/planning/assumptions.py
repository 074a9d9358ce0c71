"""The planner's stated assumptions for planning towards the final figure: the calibration
prior, the simulation size and seed, and the lead time of each kind of evidence.

They live as data beside this module, one YAML file per framework code
(``assumptions/<code>.yaml``, format in docs/framework-format.md), read and validated here;
nothing in Python states a drop probability or a number of days.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import yaml

from spbe.scoring.calibration import Prior

DATA_DIR = Path(__file__).resolve().parent / "assumptions"


class AssumptionError(ValueError):
    """An assumptions file that cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class PlanningAssumptions:
    framework: str
    prior: Prior
    simulations: int
    seed: int
    lead_days_default: int
    lead_days: dict[str, int]  # evidence kind → days to prepare it

    def lead_days_of(self, kinds) -> int:
        """Days to prepare a level's evidence: the slowest of its kinds (default if none)."""
        return max((self.lead_days.get(k, self.lead_days_default) for k in kinds), default=0)


def planning_assumptions(framework_code: str, evidence_kinds=None) -> PlanningAssumptions:
    """The validated assumptions of a framework; ``AssumptionError`` when missing or invalid.

    ``evidence_kinds`` (the framework's vocabulary), when given, must contain every kind the
    file names, so a typo cannot silently fall back to the default lead time.
    """
    assumptions = _load(framework_code)
    if evidence_kinds is not None:
        unknown = sorted(set(assumptions.lead_days) - set(evidence_kinds))
        if unknown:
            raise AssumptionError(
                f"Asumsi perencana {framework_code}: jenis bukti tidak dikenal kerangka: "
                + ", ".join(unknown)
            )
    return assumptions


@lru_cache(maxsize=16)
def _load(framework_code: str) -> PlanningAssumptions:
    path = DATA_DIR / f"{framework_code}.yaml"
    if not path.is_file():
        raise AssumptionError(f"Belum ada asumsi perencana untuk kerangka {framework_code}.")
    return parse_assumptions(yaml.safe_load(path.read_text(encoding="utf-8")), where=path.name)


def parse_assumptions(data, *, where: str = "asumsi") -> PlanningAssumptions:
    """Validate one parsed assumptions document (see docs/framework-format.md)."""
    if not isinstance(data, dict):
        raise AssumptionError(f"{where}: isi berkas harus berupa pemetaan.")
    calibration = _mapping(data.get("calibration"), f"{where}: calibration")
    prior = _mapping(calibration.get("prior"), f"{where}: calibration.prior")
    drops = {
        _number(k, f"{where}: calibration.prior.drops kunci"): Fraction(
            _number(v, f"{where}: calibration.prior.drops[{k}]")
        )
        for k, v in _mapping(prior.get("drops"), f"{where}: calibration.prior.drops").items()
    }
    if sum(drops.values()) != 1 or any(p < 0 for p in drops.values()):
        raise AssumptionError(
            f"{where}: calibration.prior.drops harus peluang tak negatif yang berjumlah 1."
        )
    lead = _mapping(data.get("lead_days"), f"{where}: lead_days")
    kinds = _mapping(lead.get("kinds", {}), f"{where}: lead_days.kinds")
    return PlanningAssumptions(
        framework=str(data.get("framework", "")),
        prior=Prior(drops=drops, strength=_count(prior.get("strength"), f"{where}: strength")),
        simulations=_count(calibration.get("simulations"), f"{where}: simulations", low=1),
        seed=_count(calibration.get("seed"), f"{where}: seed"),
        lead_days_default=_count(lead.get("default"), f"{where}: lead_days.default"),
        lead_days={str(k): _count(v, f"{where}: lead_days.kinds.{k}") for k, v in kinds.items()},
    )


def _mapping(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise AssumptionError(f"{what} wajib ada dan berupa pemetaan.")
    return value


def _number(value, what: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise AssumptionError(f"{what}: '{value}' bukan angka.") from None
    if not number.is_finite() or number < 0:
        raise AssumptionError(f"{what}: '{value}' harus angka tak negatif.")
    return number


def _count(value, what: str, *, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise AssumptionError(f"{what}: harus bilangan bulat >= {low}.")
    return value
