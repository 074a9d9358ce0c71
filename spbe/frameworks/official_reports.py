"""What the official documents of each shipped framework say about themselves: the one
reader of the `official_report` blocks (docs/framework-format.md, "Hasil resmi").

The official-results app asks here for the label of a framework in the index history, which
framework was in force in a given year (succession: a framework's `first_year`, its
`predecessor`), which framework the LHE PDF reader reads, and the printed names of its domains
and aspects. Read from the shipped files (not the database) because the LHE reader and its
command work before any framework is loaded; read once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from spbe.frameworks.loader import file_check, shipped_framework_files


@dataclass(frozen=True)
class OfficialReport:
    """The `official_report` facts of one shipped framework file."""

    code: str
    label: str
    first_year: int
    lhe_pdf: bool
    path: Path
    predecessor: tuple[str, str] | None = None  # (code, label) of a framework not shipped
    group_names: dict[str, str] = field(default_factory=dict)  # "D1"/"A1" -> printed name


@functools.cache
def official_reports() -> tuple[OfficialReport, ...]:
    """Every shipped framework that declares `official_report`, oldest first_year first."""
    reports = []
    for path in shipped_framework_files():
        checked = file_check(path)
        doc = checked.document
        block = doc.get("official_report") or {}
        if checked.is_mapping or not block:
            continue
        predecessor = block.get("predecessor")
        reports.append(
            OfficialReport(
                code=doc["code"],
                label=block["label"],
                first_year=block["first_year"],
                lhe_pdf=block["lhe_pdf"],
                path=path,
                predecessor=(predecessor["code"], predecessor["label"]) if predecessor else None,
                group_names={g["code"]: g["name"] for g in (*doc["domains"], *doc["aspects"])},
            )
        )
    return tuple(sorted(reports, key=lambda r: r.first_year))


def published_framework_labels() -> dict[str, str]:
    """Framework code -> label for recorded published results, predecessors included."""
    labels: dict[str, str] = {}
    for report in official_reports():
        labels[report.code] = report.label
        if report.predecessor:
            labels.setdefault(*report.predecessor)
    return labels


def framework_in_force(year: int) -> str:
    """The code of the framework an evaluation of `year` was made under (its predecessor's
    code before the first shipped framework's first year)."""
    in_force = [r for r in official_reports() if r.first_year <= year]
    if in_force:
        return in_force[-1].code
    first = official_reports()[0]
    return first.predecessor[0] if first.predecessor else first.code


def lhe_report() -> OfficialReport:
    """The framework whose KemenPANRB report (LHE) the PDF reader reads."""
    return next(r for r in official_reports() if r.lhe_pdf)
