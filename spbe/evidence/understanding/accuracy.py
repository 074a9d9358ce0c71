"""How well the reader reads: a labelled table of real files against what was read.

Used by the accuracy test (tests/evidence/test_reading_accuracy.py, which fails under the
targets) and the benchmark (bench/evidence_reading.py, which prints the figures). The labels
are in tests/evidence/data/bukti_dukung_labels.csv, written by reading the files.

Targets (issue 14): at least 90% of kind, number and year correct; every draft found; no
document of a foreign government missed (the issuer named and different from the instansi).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

LABELS = Path(__file__).resolve().parents[3] / "tests" / "evidence" / "data"
LABELS_FILE = LABELS / "bukti_dukung_labels.csv"
OCR_REFERENCE = LABELS / "ocr_reference_permenko_4_2023_p1.txt"
FIELD_TARGET = 0.90


@dataclass(frozen=True)
class Label:
    file: str
    kind: str
    number: str
    year: int | None
    is_draft: bool
    issuer_key: str
    scan: bool


@dataclass
class AccuracyReport:
    """Per field: correct / total; the misses name the file and what was read."""

    total: int = 0
    correct: dict = field(default_factory=lambda: {"kind": 0, "number": 0, "year": 0})
    drafts: int = 0
    drafts_found: int = 0
    false_drafts: int = 0
    foreign: int = 0
    foreign_found: int = 0
    misses: list = field(default_factory=list)

    def rate(self, name: str) -> float:
        return self.correct[name] / self.total if self.total else 0.0

    @property
    def meets_targets(self) -> bool:
        return (
            all(self.rate(name) >= FIELD_TARGET for name in self.correct)
            and self.drafts_found == self.drafts
            and self.foreign_found == self.foreign
        )


def load_labels(path: Path = LABELS_FILE) -> list[Label]:
    """The labelled table of the real evidence files."""
    with path.open(encoding="utf-8") as handle:
        return [
            Label(
                file=row["file"],
                kind=row["kind"],
                number=row["number"],
                year=int(row["year"]) if row["year"] else None,
                is_draft=row["is_draft"] == "1",
                issuer_key=row["issuer_key"],
                scan=row["scan"] == "1",
            )
            for row in csv.DictReader(handle)
        ]


def _norm_number(value) -> str:
    return " ".join(str(value or "").lower().split())


def score(labels: list[Label], facts_by_file: dict, *, home_key: str) -> AccuracyReport:
    """Compare readings (file -> DocumentFacts) with the labels. ``home_key``: the instansi
    whose evidence this is supposed to be (issuer key form); a labelled issuer other than it
    is a foreign document that must be flagged."""
    from .issuers import same_government

    report = AccuracyReport()
    for label in labels:
        facts = facts_by_file[label.file]
        report.total += 1
        read = {"kind": facts.kind, "number": facts.number or "", "year": facts.year}
        expected = {"kind": label.kind, "number": label.number, "year": label.year}
        for name in report.correct:
            ok = (
                _norm_number(read[name]) == _norm_number(expected[name])
                if name == "number"
                else read[name] == expected[name]
            )
            if ok:
                report.correct[name] += 1
            else:
                report.misses.append((label.file, name, expected[name], read[name]))
        if label.is_draft:
            report.drafts += 1
            report.drafts_found += facts.is_draft
        elif facts.is_draft:
            report.false_drafts += 1
            report.misses.append((label.file, "is_draft", False, True))
        if label.issuer_key and not same_government(label.issuer_key, home_key):
            report.foreign += 1
            flagged = bool(facts.issuer_key) and not same_government(facts.issuer_key, home_key)
            report.foreign_found += flagged
            if not flagged:
                report.misses.append((label.file, "issuer", label.issuer_key, facts.issuer_key))
    return report


def char_accuracy(reference: str, recognised: str) -> float:
    """1 - (edit distance of the reference to its best-matching stretch of the recognised
    text) / reference length, on whitespace-normalised text (Sellers' approximate match)."""
    ref = " ".join(reference.split())
    text = " ".join(recognised.split())
    if not ref:
        return 1.0
    previous = [0] * (len(text) + 1)  # a match may start anywhere in the recognised text
    for i, ref_char in enumerate(ref, start=1):
        current = [i] + [0] * len(text)
        for j, char in enumerate(text, start=1):
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_char != char)
            )
        previous = current
    return 1 - min(previous) / len(ref)


def kind_of_file(path: Path) -> str:
    """The detected kind of a corpus file (the same check as an upload)."""
    from spbe.evidence.files import inspect_upload

    with path.open("rb") as handle:
        inspected = inspect_upload(
            handle, filename=path.name, max_bytes=50 * 2**20, max_expanded_bytes=500 * 2**20
        )
    return inspected.detected_kind


def read_corpus(base: Path, labels: list[Label], limits, *, sandbox: bool) -> dict:
    """Read every labelled file under ``base``: file -> (DocumentReading, seconds)."""
    import time

    from .reading import read_document
    from .sandbox import read_in_sandbox

    results = {}
    for label in labels:
        path = base / label.file
        kind = kind_of_file(path)
        started = time.perf_counter()
        if sandbox:
            reading = read_in_sandbox(str(path), kind, limits).reading
        else:
            reading = read_document(str(path), kind, limits)
        results[label.file] = (reading, time.perf_counter() - started)
    return results
