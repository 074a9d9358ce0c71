"""Benchmark of planning for the final figure, measured out of sample on the demo's history.

The demo's Kaltim SPBE 2024 cycle claimed 4,35 at self-assessment (mandiri) and ended 3,79
final. The forecast for those claims is calibrated only from cycles *before* 2024 (the demo
has 2023 with finals but no claims, so that is the stated prior of
spbe/planning/assumptions/spbe-59-2020.yaml), and printed beside the real final and the
uncalibrated claim figure. A second, clearly labelled figure leaves out one indicator at a
time *within* 2024 (not out of sample in time; it shows what one year of own history adds).
Also: forecast and confidence-planning time. Fixed seeds; prints figures, asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spbe.planning.assumptions import parse_assumptions  # noqa: E402
from spbe.scoring import FrameworkSpec, score  # noqa: E402
from spbe.scoring.calibration import (  # noqa: E402
    Calibration,
    Observation,
    expected_published,
    forecast,
)
from spbe.scoring.confident import plan_for_final  # noqa: E402

FRAMEWORK = ROOT / "spbe" / "frameworks" / "data" / "spbe-59-2020.yaml"
ASSUMPTIONS = ROOT / "spbe" / "planning" / "assumptions" / "spbe-59-2020.yaml"
DEMO = ROOT / "spbe" / "demo" / "data" / "kaltim.yaml"
PREDICTED_YEAR = 2024


def load():
    spec = FrameworkSpec.from_dict(yaml.safe_load(FRAMEWORK.read_text("utf-8")))
    assumptions = parse_assumptions(yaml.safe_load(ASSUMPTIONS.read_text("utf-8")))
    cycles = {c["year"]: c for c in yaml.safe_load(DEMO.read_text("utf-8"))["spbe_cycles"]}
    return spec, assumptions, cycles


def keyed(levels) -> dict[str, Decimal]:
    return {str(n): Decimal(v) for n, v in enumerate(levels, start=1)}


def observations(cycle: dict, skip: str | None = None) -> list[Observation]:
    if not cycle.get("mandiri"):
        return []
    claims, finals = keyed(cycle["mandiri"]), keyed(cycle["final"])
    return [Observation(k, claims[k], finals[k]) for k in claims if k != skip]


def calibration(spec, assumptions, obs) -> Calibration:
    return Calibration(obs, assumptions.prior, value_min=spec.value_min, value_max=spec.value_max)


def main() -> None:
    spec, assumptions, cycles = load()
    target = cycles[PREDICTED_YEAR]
    claims, finals = keyed(target["mandiri"]), keyed(target["final"])
    history = [o for year, c in cycles.items() if year < PREDICTED_YEAR for o in observations(c)]
    calib = calibration(spec, assumptions, history)
    started = time.process_time()
    result = forecast(spec, claims, calib, draws=assumptions.simulations, seed=assumptions.seed)
    seconds = time.process_time() - started
    low, high = result.interval
    print("== Perkiraan nilai akhir SPBE 2024 Kaltim (demo), di luar sampel ==")
    print(f"riwayat sebelum {PREDICTED_YEAR}: {len(history)} pasangan klaim–akhir (asumsi awal)")
    print(f"klaim mandiri (tanpa kalibrasi) : {score(spec, claims).index}")
    print(
        f"perkiraan terkalibrasi          : {expected_published(result)} "
        f"(rentang 80%: {low}–{high}; {result.draws} simulasi, benih {result.seed})"
    )
    print(f"nilai akhir sebenarnya          : {score(spec, finals).index}")
    print(f"waktu satu perkiraan            : {seconds * 1000:.0f} ms CPU")

    # within 2024: each indicator predicted from the other 46 (labelled: not out of time)
    errors_prior, errors_loo = [], []
    for key in claims:
        loo = calibration(spec, assumptions, [*history, *observations(target, skip=key)])
        mean_loo = loo.outcome(key, claims[key]).expected
        mean_prior = calib.outcome(key, claims[key]).expected
        errors_loo.append(abs(float(mean_loo - Fraction(finals[key]))))
        errors_prior.append(abs(float(mean_prior - Fraction(finals[key]))))
    print("== Dalam siklus 2024: tiap indikator diramal dari 46 indikator lain (bukan luar waktu)")
    print(
        f"galat mutlak rata-rata per level: asumsi awal {statistics.mean(errors_prior):.2f}, "
        f"satu-keluar {statistics.mean(errors_loo):.2f}"
    )

    base = keyed(cycles[2023]["final"])
    started = time.process_time()
    plan = plan_for_final(
        spec,
        base,
        "3.00",
        calib,
        confidence=Fraction(4, 5),
        draws=assumptions.simulations,
        seed=assumptions.seed,
    )
    seconds = time.process_time() - started
    print("== Rencana 2024 dari nilai akhir 2023 (2,91) menuju 3,00 dengan keyakinan 80% ==")
    print(
        f"klaim yang dituju {plan.plan.index_after}, {plan.plan.total_steps} kenaikan level, "
        f"perkiraan akhir {expected_published(plan.forecast)} "
        f"(rentang {plan.forecast.interval[0]}–{plan.forecast.interval[1]}), "
        f"peluang {float(plan.probability):.0%}; {seconds:.1f} s CPU"
    )


if __name__ == "__main__":
    main()
