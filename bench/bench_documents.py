"""Benchmark of document generation: the full Laporan Hasil Evaluasi Internal (PDF) of a
47-indicator cycle (target < 5 s on this machine), from the demo's SPBE 2024 cycle.

Builds a throw-away SQLite database and media folder in a temporary directory (migrate,
shipped frameworks, demo), then times building the context (the selectors, one engine) and
rendering the PDF, three times each. Wall-clock and CPU time are both printed: on a shared
2-core machine the wall clock also measures the neighbours. Prints figures, asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def _setup(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("DEBUG", "1")  # the demo loader refuses to run with DEBUG off
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from spbe.demo.loader import demo_load
    from spbe.frameworks.services import shipped_load

    shipped_load()
    demo_load()


def _timed(function) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder))
        from spbe.evaluations.models import Cycle
        from spbe.reports.documents.lhe import lhe_context, lhe_pdf

        cycle = Cycle.objects.get(
            instansi__instansi_key="provinsi-kalimantan-timur",
            framework__code="spbe-59-2020",
            year=2024,
        )
        indicators = cycle.assessments.count()
        contexts = [_timed(lambda: lhe_context(cycle)) for _ in range(RUNS)]
        pdfs = [_timed(lambda: lhe_pdf(cycle)) for _ in range(RUNS)]
        size = len(pdfs[-1][2])
        print(f"LHE PDF, {indicators} indikator ({cycle.name}), {RUNS} kali, target < 5 s:")
        for label, runs in (("konteks (selektor)", contexts), ("PDF lengkap", pdfs)):
            walls = [r[0] for r in runs]
            cpus = [r[1] for r in runs]
            print(
                f"  {label:20s} median {statistics.median(walls):6.2f} s dinding, "
                f"{statistics.median(cpus):6.2f} s CPU (terburuk {max(walls):.2f} s)"
            )
        print(f"  ukuran PDF {size / 1024:.0f} KiB; beban mesin {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
