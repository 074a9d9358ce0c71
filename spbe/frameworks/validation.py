"""Checks a parsed framework file and turns it into a normalised document.

Every rule adds a problem (in Bahasa Indonesia, naming the place) instead of raising, so an
administrator fixing a file sees all its faults in one run rather than one per attempt.
The normalised document keeps decimals as strings with two places ("1.30") so it can go
into JSON columns and the scoring engine's spec without ever passing through float.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from spbe.frameworks.checker import Checker, extra_levels, fmt, int_keys, known_kind
from spbe.frameworks.indicator_validation import (
    check_aspects,
    check_domains,
    check_indicators,
    check_weight_sums,
)
from spbe.frameworks.official_report_validation import check_official_report
from spbe.frameworks.planner_validation import check_planner
from spbe.frameworks.stage_validation import check_planning_base, check_stages

REQUIRED_KEYS = (
    "urn",
    "code",
    "version",
    "name",
    "short_name",
    "legal_basis",
    "status",
    "criteria_status",
    "value_kind",
    "value_min",
    "value_max",
    "predikat_basis",
    "bands",
    "stages",
    "ladders",
    "aspects",
    "indicators",
)
OPTIONAL_KEYS = (
    "official_report",
    "predikat_basis_by_year",
    "notes",
    "band_boundary",
    "planning_base",
    "domains",
    "evidence_kinds",
    "evidence_rules",
    "external_indices",
    "planner",
)


def check_framework(data: Any) -> tuple[dict, list[str]]:
    """Validate a parsed framework file; return (normalised document, problems)."""
    checker = Checker()
    if not isinstance(data, dict):
        checker.add("isi berkas harus berupa pemetaan kunci: nilai di tingkat teratas")
        return {}, checker.problems
    doc = _check_header(checker, data)
    doc["bands"] = _check_bands(checker, data.get("bands"), doc)
    doc["stages"] = check_stages(checker, data.get("stages"))
    doc["planning_base"] = check_planning_base(checker, data.get("planning_base"), doc["stages"])
    doc["official_report"] = check_official_report(checker, data.get("official_report"))
    doc["ladders"] = _check_ladders(checker, data.get("ladders"), doc)
    doc["evidence_kinds"] = _check_evidence_kinds(checker, data.get("evidence_kinds"))
    doc["evidence_rules"] = _check_evidence_rules(checker, data.get("evidence_rules"), doc)
    doc["external_indices"] = _check_external_indices(checker, data.get("external_indices"), doc)
    doc["domains"] = check_domains(checker, data.get("domains"))
    doc["aspects"] = check_aspects(checker, data.get("aspects"), doc)
    doc["indicators"] = check_indicators(checker, data.get("indicators"), doc)
    doc["planner"] = check_planner(checker, data.get("planner"), doc, _level_numbers(doc))
    check_weight_sums(checker, doc)
    return _as_strings(doc), checker.problems


def _as_strings(doc: dict) -> dict:
    """Decimals leave the checker as two-place strings, ready for JSON and the engine."""

    def text(value):
        return fmt(value) if isinstance(value, Decimal) else value

    for key in ("value_min", "value_max"):
        doc[key] = text(doc[key])
    for group in (*doc["domains"], *doc["aspects"], *doc["indicators"]):
        group["weight"] = text(group["weight"])
    return doc


# -- header ----------------------------------------------------------------------------


def _check_header(c: Checker, data: dict) -> dict:
    for key in REQUIRED_KEYS:
        if key not in data:
            c.add(f"kunci wajib '{key}' tidak ada")
    for key in data:
        if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
            c.add(f"kunci '{key}' tidak dikenal")
    doc: dict[str, Any] = {
        "urn": c.text(data.get("urn"), "urn"),
        "code": c.text(data.get("code"), "code"),
        "version": c.positive_int(data.get("version"), "version") if "version" in data else None,
        "name": c.text(data.get("name"), "name"),
        "short_name": c.text(data.get("short_name"), "short_name"),
        "legal_basis": c.text(data.get("legal_basis"), "legal_basis"),
        "notes": c.text(data.get("notes"), "notes", required=False),
        "band_boundary": c.choice(
            data.get("band_boundary", "lower_inclusive"), "band_boundary", "band_boundary"
        ),
    }
    if doc["urn"] and not doc["urn"].startswith("urn:"):
        c.add(f"urn: '{doc['urn']}' harus diawali 'urn:'")
    for key in ("status", "criteria_status", "value_kind", "predikat_basis"):
        doc[key] = c.choice(data.get(key), key, key) if key in data else ""
    doc["value_min"] = (
        c.decimal(data.get("value_min"), "value_min") if "value_min" in data else None
    )
    doc["value_max"] = (
        c.decimal(data.get("value_max"), "value_max") if "value_max" in data else None
    )
    low, high = doc["value_min"], doc["value_max"]
    if low is not None and high is not None and low >= high:
        c.add("value_min harus lebih kecil dari value_max")
        doc["value_min"] = doc["value_max"] = None
    doc["predikat_basis_by_year"] = _check_basis_by_year(c, data.get("predikat_basis_by_year"))
    doc["levels"] = _level_numbers(doc)
    return doc


def _check_basis_by_year(c: Checker, value: Any) -> dict[str, str]:
    """Per-year predikat rule; years become string keys because JSON columns need them."""
    result: dict[str, str] = {}
    for year, basis in c.mapping(value or {}, "predikat_basis_by_year").items():
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 < year < 2200:
            c.add(f"predikat_basis_by_year: '{year}' bukan tahun")
            continue
        if c.choice(basis, "predikat_basis", f"predikat_basis_by_year {year}"):
            result[str(year)] = basis
    return result


def _level_numbers(doc: dict) -> list[int]:
    """The whole levels a ladder must define: every integer in value_min..value_max."""
    low, high = doc["value_min"], doc["value_max"]
    if low is None or high is None:
        return []
    return list(range(math.ceil(low), math.floor(high) + 1))


# -- predikat bands --------------------------------------------------------------------


def _check_bands(c: Checker, value: Any, doc: dict) -> list[dict]:
    bands = []
    for i, raw in enumerate(c.sequence(value, "bands"), start=1):
        band = c.mapping(raw, f"predikat ke-{i}")
        name = c.text(band.get("name"), f"predikat ke-{i}: name")
        where = f"predikat '{name or i}'"
        low = c.decimal(band.get("min"), f"{where}: min")
        high = c.decimal(band.get("max"), f"{where}: max")
        if low is None or high is None:
            continue
        if low >= high:
            c.add(f"{where}: min ({low}) harus lebih kecil dari max ({high})")
            continue
        bands.append(
            {
                "name": name,
                "name_en": c.text(band.get("name_en"), f"{where}: name_en", False),
                "min": low,
                "max": high,
            }
        )
    if value is not None and not bands:
        c.add("bands: tidak ada rentang predikat yang sah")
        return []
    _check_band_continuity(c, bands, doc)
    return [{**b, "min": fmt(b["min"]), "max": fmt(b["max"])} for b in bands]


def _check_band_continuity(c: Checker, bands: list[dict], doc: dict) -> None:
    """Bands must tile value_min..value_max: no gap, no overlap, nothing left uncovered."""
    for before, after in zip(bands, bands[1:], strict=False):
        if after["min"] > before["max"]:
            c.add(
                f"predikat: ada celah antara '{before['name']}' (max {before['max']}) "
                f"dan '{after['name']}' (min {after['min']})"
            )
        elif after["min"] < before["max"]:
            c.add(
                f"predikat: '{before['name']}' (max {before['max']}) tumpang tindih dengan "
                f"'{after['name']}' (min {after['min']})"
            )
    low, high = doc["value_min"], doc["value_max"]
    if bands and low is not None and bands[0]["min"] != low:
        c.add(f"predikat: rentang pertama mulai {bands[0]['min']}, seharusnya value_min {low}")
    if bands and high is not None and bands[-1]["max"] != high:
        c.add(
            f"predikat: rentang terakhir berakhir {bands[-1]['max']}, seharusnya value_max {high}"
        )


# -- ladders and evidence vocabulary ---------------------------------------------------


def _check_ladders(c: Checker, value: Any, doc: dict) -> dict:
    ladders = {}
    for code, raw in c.mapping(value, "ladders").items():
        ladder = c.mapping(raw, f"jenjang {code}")
        levels = int_keys(c.mapping(ladder.get("levels"), f"jenjang {code}: levels"))
        out_levels = {}
        for number in doc["levels"]:
            if number not in levels:
                c.add(f"jenjang {code}: level {number} tidak ada")
                continue
            level = c.mapping(levels[number], f"jenjang {code}: level {number}")
            out_levels[str(number)] = {
                "name": c.text(level.get("name"), f"jenjang {code}: level {number}: name"),
                "name_en": c.text(level.get("name_en"), "name_en", required=False),
                "description": c.text(level.get("description"), "description", required=False),
            }
        extra_levels(c, levels, doc, f"jenjang {code}")
        ladders[str(code)] = {
            "name": c.text(ladder.get("name"), f"jenjang {code}: name"),
            "levels": out_levels,
        }
    if value is not None and not ladders:
        c.add("ladders: tidak ada jenjang level")
    return ladders


def _check_evidence_kinds(c: Checker, value: Any) -> dict[str, str]:
    kinds = c.mapping(value or {}, "evidence_kinds")
    return {str(code): c.text(name, f"evidence_kinds {code}") for code, name in kinds.items()}


def _check_evidence_rules(c: Checker, value: Any, doc: dict) -> list[dict]:
    rules = []
    for i, raw in enumerate(c.sequence(value or [], "evidence_rules"), start=1):
        rule = c.mapping(raw, f"aturan bukti ke-{i}")
        where = f"aturan bukti '{rule.get('code', i)}'"
        rules.append(
            {
                "code": c.text(rule.get("code"), f"{where}: code"),
                "name": c.text(rule.get("name"), f"{where}: name"),
                "kind": known_kind(c, rule.get("kind"), doc, where),
                "max_age_months": c.positive_int(
                    rule.get("max_age_months"), f"{where}: max_age_months"
                ),
            }
        )
    return rules


# -- external indices --------------------------------------------------------------------


def _check_external_indices(c: Checker, value: Any, doc: dict) -> dict:
    indices = {}
    for code, raw in c.mapping(value or {}, "external_indices").items():
        where = f"indeks eksternal {code}"
        index = c.mapping(raw, where)
        low = c.decimal(index.get("scale_min"), f"{where}: scale_min", None)
        high = c.decimal(index.get("scale_max"), f"{where}: scale_max", None)
        missing = c.decimal(index.get("missing_value"), f"{where}: missing_value")
        if missing is not None:
            _within_values(c, missing, doc, f"{where}: missing_value")
        rows = _check_conversion(c, index.get("conversion"), low, high, doc, where)
        indices[str(code)] = {
            "name": c.text(index.get("name"), f"{where}: name"),
            "agency": c.text(index.get("agency"), f"{where}: agency", required=False),
            "scale_min": str(low) if low is not None else None,
            "scale_max": str(high) if high is not None else None,
            "missing_value": fmt(missing) if missing is not None else None,
            "conversion": rows,
        }
    return indices


def _within_values(c: Checker, value: Decimal, doc: dict, where: str) -> None:
    low, high = doc["value_min"], doc["value_max"]
    if low is not None and high is not None and not low <= value <= high:
        c.add(f"{where}: {value} di luar rentang nilai {low}..{high}")


def _check_conversion(c, value, low, high, doc, where) -> list[dict]:
    """Piecewise conversion rows: source ranges tile the index scale, targets stay in range."""
    rows = []
    for i, raw in enumerate(c.sequence(value, f"{where}: conversion"), start=1):
        row = c.mapping(raw, f"{where}: baris konversi {i}")
        source = c.sequence(row.get("from"), f"{where}: baris konversi {i}: from")
        if len(source) != 2:
            c.add(f"{where}: baris konversi {i}: from harus berisi dua angka")
            continue
        a = c.decimal(source[0], f"{where}: baris {i}: from", None)
        b = c.decimal(source[1], f"{where}: baris {i}: from", None)
        targets = row.get("to")
        targets = targets if isinstance(targets, list) else [targets]
        to = [c.decimal(t, f"{where}: baris {i}: to") for t in targets]
        if None in (a, b) or None in to or len(to) not in (1, 2):
            continue
        if a >= b:
            c.add(f"{where}: baris konversi {i}: awal rentang ({a}) harus < akhir ({b})")
        for t in to:
            _within_values(c, t, doc, f"{where}: baris konversi {i}: to")
        rows.append({"from": [a, b], "to": to})
    _check_conversion_tiling(c, rows, low, high, where)
    return [
        {"from": [str(r["from"][0]), str(r["from"][1])], "to": [fmt(t) for t in r["to"]]}
        for r in rows
    ]


def _check_conversion_tiling(c, rows, low, high, where) -> None:
    if not rows:
        c.add(f"{where}: tabel konversi kosong")
        return
    for i, (before, after) in enumerate(zip(rows, rows[1:], strict=False), start=2):
        if after["from"][0] != before["from"][1]:
            c.add(f"{where}: baris konversi {i} tidak bersambung dengan baris sebelumnya")
    if low is not None and rows[0]["from"][0] != low:
        c.add(f"{where}: konversi harus mulai dari scale_min {low}")
    if high is not None and rows[-1]["from"][1] != high:
        c.add(f"{where}: konversi harus berakhir di scale_max {high}")
