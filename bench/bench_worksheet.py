"""Benchmark of the lembar kerja: export and import of the demo's 47-indicator SPBE 2024
cycle (and the 20-indicator Pemdi 2026 one) as the koordinator.

Prints wall-clock and CPU time of: writing the XLSX, planning an unchanged file (the round
trip), and planning then applying a file with every indicator's final level changed. Runs on
a throw-away in-memory SQLite database with the demo loaded (its files in a temporary
folder); asserts nothing.
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _timed(label: str, run):
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"  {label:<46} {wall * 1000:8.0f} ms wall {cpu * 1000:8.0f} ms CPU")
    return result


def main() -> None:
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    # the demo's evidence files go to a throw-away folder, never into ./media
    media = tempfile.mkdtemp(prefix="spbe-bench-")
    atexit.register(shutil.rmtree, media, ignore_errors=True)
    os.environ["MEDIA_ROOT"] = media
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from openpyxl import load_workbook

    call_command("migrate", verbosity=0)
    from spbe.demo.loader import demo_load
    from spbe.evaluations.models import Cycle
    from spbe.evaluations.services import cycle_reopen
    from spbe.worksheets.services import worksheet_import_apply, worksheet_import_plan
    from spbe.worksheets.xlsx import worksheet_export

    demo_load()
    koord = get_user_model().objects.get(username="koordinator")
    print("Lembar kerja (demo, sebagai koordinator):")
    for cycle in Cycle.objects.filter(year__in=[2024, 2026]).order_by("year"):
        if cycle.is_locked:  # the finished 2024 cycle: reopened, as a correction would be
            cycle = cycle_reopen(actor=koord, cycle=cycle, reason="benchmark")
        count = cycle.assessments.count()
        external = set(
            cycle.framework.indicators.filter(source="external").values_list("number", flat=True)
        )
        print(f" {cycle.name} ({count} indikator)")
        data = _timed("ekspor XLSX", lambda c=cycle: worksheet_export(user=koord, cycle=c))
        _timed(
            "impor tanpa perubahan (rencana)",
            lambda c=cycle, d=data: worksheet_import_plan(
                actor=koord, cycle=c, fileobj=io.BytesIO(d), filename="lk.xlsx"
            ),
        )
        book = load_workbook(io.BytesIO(data))
        keys = [
            k
            for k in next(book["_spbe"].iter_rows(min_row=5, max_row=5, values_only=True))[1:]
            if k
        ]
        column = keys.index("stage:visitasi") + 1
        low = 1 if cycle.framework.value_kind == "integer" else 1.5
        sheet = book["Lembar Kerja"]
        for row in range(5, 5 + count):
            if sheet.cell(row=row, column=1).value not in external:
                sheet.cell(row=row, column=column).value = low
        out = io.BytesIO()
        book.save(out)
        edited = out.getvalue()
        plan = _timed(
            f"impor {count - len(external)} perubahan (rencana, uji kering)",
            lambda c=cycle, d=edited: worksheet_import_plan(
                actor=koord, cycle=c, fileobj=io.BytesIO(d), filename="lk.xlsx"
            ),
        )
        if plan.errors:
            print("   ditolak:", plan.errors[:3])
            continue
        _timed(
            f"terapkan {plan.cell_count} sel",
            lambda c=cycle, p=plan: worksheet_import_apply(actor=koord, cycle=c, changes=p.changes),
        )


if __name__ == "__main__":
    main()
