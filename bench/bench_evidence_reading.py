"""Accuracy and speed of reading real evidence files (issue 14, "Measured, in bench/").

Reads every file of the labelled table (tests/evidence/data/bukti_dukung_labels.csv) from
../shared/artifacts/bukti-dukung exactly as the worker does (sandboxed child process, OCR for
scans and images) and prints:

- kind / number / year accuracy, drafts found, foreign-government documents flagged (the
  corpus is read as if it were Kaltim's evidence, so every named issuer is foreign);
- OCR character accuracy of the Permenko 4/2023 scan's first page against a hand-typed
  passage (tests/evidence/data/ocr_reference_permenko_4_2023_p1.txt);
- time per page, text-layer files and OCR'd files apart.

Run: ``.venv/bin/python bench/bench_evidence_reading.py`` (or ``make bench``). Skips with a
message where ../shared or the OCR engine is absent. Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

HOME = "provinsi:kalimantan timur"


def main() -> None:
    import django

    django.setup()
    from django.conf import settings

    from spbe.evidence.understanding import accuracy
    from spbe.evidence.understanding.limits import ReadingLimits
    from spbe.evidence.understanding.ocr import ocr_engine_problem, ocr_file

    base = Path(settings.SHARED_DIR) / "artifacts" / "bukti-dukung"
    if not base.is_dir():
        print(f"evidence reading: skipped, {base} absent")
        return
    if problem := ocr_engine_problem():
        print(f"evidence reading: skipped, {problem}")
        return
    labels = accuracy.load_labels()
    limits = ReadingLimits.from_settings()
    results = accuracy.read_corpus(base, labels, limits, sandbox=True)
    facts = {name: reading.document_facts for name, (reading, _) in results.items()}
    report = accuracy.score(labels, facts, home_key=HOME)
    print(f"== Evidence reading on {report.total} real files (../shared/artifacts/bukti-dukung)")
    for name in report.correct:
        print(f"{name:>8}: {report.correct[name]}/{report.total} = {report.rate(name):.0%}")
    print(f"  drafts: {report.drafts_found}/{report.drafts} found, {report.false_drafts} false")
    print(f" foreign: {report.foreign_found}/{report.foreign} flagged")
    print(f" targets: {'met' if report.meets_targets else 'NOT met'}")
    for miss in report.misses:
        print(f"    miss: {miss[0]} {miss[1]}: expected {miss[2]!r}, read {miss[3]!r}")
    _print_speed(results)
    scan = base / "kemenko-perekonomian" / "Permenko_4_2023_SPBE_di_Kemenko_Perekonomian_scan.pdf"
    page_one = ocr_file(scan, "pdf", max_pages=1, page_count=20).pages[0]
    reference = accuracy.OCR_REFERENCE.read_text(encoding="utf-8")
    rate = accuracy.char_accuracy(reference, page_one)
    print(
        f"OCR character accuracy (Permenko 4/2023 p.1, {len(reference.split())} words): {rate:.1%}"
    )


def _print_speed(results: dict) -> None:
    groups = {"text layer": [0.0, 0], "OCR": [0.0, 0]}
    for reading, seconds in results.values():
        pages = len(reading.page_starts) or 1
        group = groups["OCR" if reading.ocr_used else "text layer"]
        group[0] += seconds
        group[1] += pages
    for name, (seconds, pages) in groups.items():
        if pages:
            print(f"  {name:>10}: {pages} pages in {seconds:.1f} s = {seconds / pages:.2f} s/page")


if __name__ == "__main__":
    main()
