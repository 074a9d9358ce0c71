"""Benchmark of the scoring engine: national recompute and the target planner.

(a) Recompute the SPBE index of 615 instansi × 47 indicators (target < 100 ms).
(b) Plan 200 random 47-indicator cases with random levels, efforts and targets
    (targets: median < 20 ms, worst < 200 ms).

Wall-clock and CPU time are both printed: on a shared 2-core machine the wall clock also
measures the neighbours.

Uses the shipped framework file when it exists, else the 59/2020 reference table inline
(spbe-framework.md §1.2). Fixed seed; prints figures, asserts nothing.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spbe.scoring import FrameworkSpec, plan_target, score  # noqa: E402

SEED = 20261127
INSTANSI = 615
PLANNER_CASES = 200
SHIPPED = ROOT / "spbe" / "frameworks" / "data" / "spbe-59-2020.yaml"


def spbe_spec() -> tuple[FrameworkSpec, str]:
    """The shipped SPBE framework, read straight from its YAML (no database needed)."""
    import yaml

    return FrameworkSpec.from_dict(yaml.safe_load(SHIPPED.read_text("utf-8"))), str(SHIPPED)


def bench_recompute(spec: FrameworkSpec, rng: random.Random) -> None:
    keys = [i.key for i in spec.indicators]
    national = [{k: rng.randint(1, 5) for k in keys} for _ in range(INSTANSI)]
    as_decimal = [{k: Decimal(v) for k, v in row.items()} for row in national]
    for label, rows in (("int", national), ("Decimal", as_decimal)):
        walls, cpus = [], []
        for _ in range(7):
            wall, cpu = time.perf_counter(), time.process_time()
            for values in rows:
                score(spec, values)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        median = statistics.median(walls)
        print(
            f"  nilai {label:7}: {INSTANSI} instansi × {len(keys)} indikator dalam "
            f"{median * 1000:.1f} ms (median 7 kali; terbaik {min(walls) * 1000:.1f} ms; "
            f"CPU {statistics.median(cpus) * 1000:.1f} ms) → {INSTANSI / median:,.0f} indeks/detik"
        )


def bench_planner(spec: FrameworkSpec, rng: random.Random) -> None:
    keys = [i.key for i in spec.indicators]
    spec_weights = {i.key: i.weight for i in spec.indicators}
    times, cpu_times, reachable, steps = [], [], 0, []
    plan_target(spec, {k: 3 for k in keys}, "3.50")  # warm-up (imports, caches)
    for _ in range(PLANNER_CASES):
        values = {k: rng.randint(1, 5) for k in keys}
        effort = {k: Decimal(rng.randint(1, 20)) / 2 for k in keys}
        before = sum(spec_weights[k] * values[k] for k in keys) / 100
        target = min(Decimal("5.00"), before + Decimal(rng.randint(5, 150)) / 100)
        start, cpu = time.perf_counter(), time.process_time()
        plan = plan_target(spec, values, target.quantize(Decimal("0.01")), effort=effort)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
        reachable += plan.reachable
        steps.append(plan.total_steps)
    for label, samples in (("waktu nyata", times), ("waktu CPU", cpu_times)):
        ms = sorted(t * 1000 for t in samples)
        print(
            f"  {label:11}: {PLANNER_CASES} kasus acak × {len(keys)} indikator: median "
            f"{statistics.median(ms):.1f} ms, p90 {ms[int(0.9 * len(ms))]:.1f} ms, "
            f"terburuk {ms[-1]:.1f} ms"
        )
    print(f"  tercapai {reachable}/{PLANNER_CASES}, rata-rata {statistics.mean(steps):.1f} langkah")


def main() -> None:
    spec, source = spbe_spec()
    rng = random.Random(SEED)
    print(f"== bench_scoring (kerangka {spec.code}: {source}; seed {SEED})")
    print("(a) hitung ulang indeks nasional (target < 100 ms)")
    bench_recompute(spec, rng)
    print("(b) perencana target (target median < 20 ms, terburuk < 200 ms)")
    bench_planner(spec, rng)


if __name__ == "__main__":
    main()
