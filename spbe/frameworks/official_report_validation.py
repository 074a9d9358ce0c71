"""Checks the `official_report` block of a framework file (docs/framework-format.md,
"Hasil resmi"): the facts of the official KemenPANRB documents that the official-results app
reads through spbe.frameworks.official_reports (labels, first year, LHE reader, predecessor).
"""

from __future__ import annotations

from typing import Any

KEYS = ("label", "first_year", "lhe_pdf", "predecessor")
YEARS = range(2000, 2101)


def check_official_report(c, value: Any) -> dict:
    """The normalised block: {label, first_year, lhe_pdf, predecessor: {code, label} | None}."""
    if value is None:
        return {}
    block = c.mapping(value, "official_report")
    for key in block:
        if key not in KEYS:
            c.add(f"official_report: kunci '{key}' tidak dikenal ({', '.join(KEYS)})")
    first_year = block.get("first_year")
    if not isinstance(first_year, int) or isinstance(first_year, bool) or first_year not in YEARS:
        c.add("official_report first_year: harus tahun 2000–2100")
        first_year = None
    lhe_pdf = block.get("lhe_pdf", False)
    if not isinstance(lhe_pdf, bool):
        c.add("official_report lhe_pdf: harus true atau false")
        lhe_pdf = False
    return {
        "label": c.text(block.get("label"), "official_report label"),
        "first_year": first_year,
        "lhe_pdf": lhe_pdf,
        "predecessor": _check_predecessor(c, block.get("predecessor")),
    }


def _check_predecessor(c, value: Any) -> dict | None:
    if value is None:
        return None
    item = c.mapping(value, "official_report predecessor")
    for key in item:
        if key not in ("code", "label"):
            c.add(f"official_report predecessor: kunci '{key}' tidak dikenal (code, label)")
    return {
        "code": c.text(item.get("code"), "official_report predecessor code"),
        "label": c.text(item.get("label"), "official_report predecessor label"),
    }
