"""Checks a parsed framework file and turns it into a normalised document.

Every rule adds a problem (in Bahasa Indonesia, naming the place) instead of raising, so an
administrator fixing a file sees all its faults in one run rather than one per attempt.
The normalised document keeps decimals as strings with two places ("1.30") so it can go
into JSON columns and the scoring engine's spec without ever passing through float.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any

from spbe.frameworks.official_report_validation import check_official_report
from spbe.frameworks.planner_validation import check_planner
from spbe.frameworks.stage_validation import check_planning_base, check_stages

# Weights are percentages: a framework's indicators add up to this.
TOTAL_WEIGHT = Decimal("100")
TWO_PLACES = Decimal("0.01")

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
CHOICES = {
    "status": ("official", "provisional"),
    "criteria_status": ("verified", "unverified"),
    "value_kind": ("integer", "decimal"),
    "predikat_basis": ("exact", "rounded"),
    "band_boundary": ("lower_inclusive", "upper_inclusive"),
}
SOURCES = ("evidence", "external")


def fmt(value: Decimal) -> str:
    """Two-decimal string form used everywhere a decimal leaves the loader."""
    return str(value.quantize(TWO_PLACES))


class Checker:
    """Collects problems while reading one framework document."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, message: str) -> None:
        self.problems.append(message)

    # -- primitive readers -------------------------------------------------------------

    def text(self, value: Any, where: str, required: bool = True) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(f"{where}: tidak boleh kosong")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.add(f"{where}: harus berupa teks")
            return ""
        return str(value).strip()

    def decimal(self, value: Any, where: str, max_places: int | None = 2) -> Decimal | None:
        """A decimal written as a string (or an integer); floats are refused as lossy."""
        if isinstance(value, float):
            self.add(f'{where}: tulis angka sebagai string, mis. "{value}" (bukan {value})')
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.add(f'{where}: harus berupa angka dalam string, mis. "1.30"')
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            self.add(f"{where}: '{value}' bukan angka")
            return None
        if not number.is_finite():
            self.add(f"{where}: '{value}' bukan angka")
            return None
        if max_places is not None and -number.as_tuple().exponent > max_places:
            self.add(f"{where}: '{value}' lebih dari {max_places} angka desimal")
            return None
        return number

    def choice(self, value: Any, key: str, where: str) -> str:
        allowed = CHOICES[key]
        if value not in allowed:
            self.add(f"{where}: nilai '{value}' tidak dikenal (pilihan: {', '.join(allowed)})")
            return ""
        return value

    def mapping(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            self.add(f"{where}: harus berupa pemetaan kunci: nilai")
            return {}
        return value

    def sequence(self, value: Any, where: str) -> list:
        if not isinstance(value, list):
            self.add(f"{where}: harus berupa daftar")
            return []
        return value

    def positive_int(self, value: Any, where: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.add(f"{where}: harus bilangan bulat ≥ 1")
            return None
        return value


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
    doc["domains"] = _check_domains(checker, data.get("domains"))
    doc["aspects"] = _check_aspects(checker, data.get("aspects"), doc)
    doc["indicators"] = _check_indicators(checker, data.get("indicators"), doc)
    doc["planner"] = check_planner(checker, data.get("planner"), doc, _level_numbers(doc))
    _check_weight_sums(checker, doc)
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
        levels = _int_keys(c.mapping(ladder.get("levels"), f"jenjang {code}: levels"))
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
        _extra_levels(c, levels, doc, f"jenjang {code}")
        ladders[str(code)] = {
            "name": c.text(ladder.get("name"), f"jenjang {code}: name"),
            "levels": out_levels,
        }
    if value is not None and not ladders:
        c.add("ladders: tidak ada jenjang level")
    return ladders


def _int_keys(levels: dict) -> dict:
    """Level keys may be written 1 or "1"; both mean level 1."""
    return {int(k) if isinstance(k, str) and k.isdigit() else k: v for k, v in levels.items()}


def _extra_levels(c: Checker, levels: dict, doc: dict, where: str) -> None:
    if not doc["levels"]:
        return
    for number in levels:
        if number not in doc["levels"]:
            span = f"{doc['levels'][0]}..{doc['levels'][-1]}"
            c.add(f"{where}: level {number} di luar rentang nilai {span}")


def _check_evidence_kinds(c: Checker, value: Any) -> dict[str, str]:
    kinds = c.mapping(value or {}, "evidence_kinds")
    return {str(code): c.text(name, f"evidence_kinds {code}") for code, name in kinds.items()}


def _known_kind(c: Checker, kind: Any, doc: dict, where: str) -> str:
    kind = c.text(kind, f"{where}: kind")
    if kind and doc["evidence_kinds"] and kind not in doc["evidence_kinds"]:
        c.add(f"{where}: jenis bukti '{kind}' tidak ada di evidence_kinds")
    return kind


def _check_evidence_rules(c: Checker, value: Any, doc: dict) -> list[dict]:
    rules = []
    for i, raw in enumerate(c.sequence(value or [], "evidence_rules"), start=1):
        rule = c.mapping(raw, f"aturan bukti ke-{i}")
        where = f"aturan bukti '{rule.get('code', i)}'"
        rules.append(
            {
                "code": c.text(rule.get("code"), f"{where}: code"),
                "name": c.text(rule.get("name"), f"{where}: name"),
                "kind": _known_kind(c, rule.get("kind"), doc, where),
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


# -- domains, aspects, indicators --------------------------------------------------------


def _check_groups(c: Checker, value: Any, label: str) -> list[dict]:
    groups, seen = [], set()
    for i, raw in enumerate(c.sequence(value, label), start=1):
        group = c.mapping(raw, f"{label} ke-{i}")
        code = c.text(group.get("code"), f"{label} ke-{i}: code")
        where = f"{label} {code or i}"
        if code in seen:
            c.add(f"{where}: kode dipakai lebih dari sekali")
        seen.add(code)
        weight = c.decimal(group.get("weight"), f"{where}: bobot")
        if weight is not None and weight <= 0:
            c.add(f"{where}: bobot harus lebih dari 0")
        groups.append(
            {
                "code": code,
                "name": c.text(group.get("name"), f"{where}: name"),
                "weight": weight,
                "domain": group.get("domain"),
            }
        )
    return groups


def _check_domains(c: Checker, value: Any) -> list[dict]:
    if value is None:
        return []
    return [
        {k: g[k] for k in ("code", "name", "weight")} for g in _check_groups(c, value, "domain")
    ]


def _check_aspects(c: Checker, value: Any, doc: dict) -> list[dict]:
    aspects = _check_groups(c, value, "aspek")
    domain_codes = {d["code"] for d in doc["domains"]}
    for code in domain_codes & {a["code"] for a in aspects}:
        c.add(f"kode {code} dipakai untuk domain dan aspek sekaligus")
    for aspect in aspects:
        domain = aspect["domain"]
        if doc["domains"] and domain is None:
            c.add(f"aspek {aspect['code']}: domain wajib diisi karena kerangka ini punya domain")
        elif domain is not None and str(domain) not in domain_codes:
            c.add(f"aspek {aspect['code']}: domain '{domain}' tidak dikenal")
        aspect["domain"] = str(domain) if domain is not None else None
    if value is not None and not aspects:
        c.add("aspects: tidak ada aspek")
    return aspects


def _check_indicators(c: Checker, value: Any, doc: dict) -> list[dict]:
    indicators, numbers, codes = [], set(), set()
    for i, raw in enumerate(c.sequence(value, "indicators"), start=1):
        item = c.mapping(raw, f"indikator ke-{i}")
        number = c.positive_int(item.get("number"), f"indikator ke-{i}: number")
        where = f"indikator {number if number is not None else f'ke-{i}'}"
        if number is not None and number in numbers:
            c.add(f"{where}: nomor dipakai lebih dari sekali")
        numbers.add(number)
        code = c.text(item.get("code"), f"{where}: code")
        if code and code in codes:
            c.add(f"{where}: kode '{code}' dipakai lebih dari sekali")
        codes.add(code)
        indicators.append(_check_indicator(c, item, where, number, code, doc))
    if value is not None and not indicators:
        c.add("indicators: tidak ada indikator")
    return indicators


def _check_indicator(c: Checker, item: dict, where: str, number, code, doc) -> dict:
    aspect = str(item.get("aspect", ""))
    if aspect not in {a["code"] for a in doc["aspects"]}:
        c.add(f"{where}: aspek '{aspect}' tidak dikenal")
    ladder = str(item.get("ladder", ""))
    if ladder not in doc["ladders"]:
        c.add(f"{where}: jenjang '{ladder}' tidak dikenal")
    weight = c.decimal(item.get("weight"), f"{where}: bobot")
    if weight is not None and weight <= 0:
        c.add(f"{where}: bobot harus lebih dari 0")
    source = item.get("source", "evidence")
    if source not in SOURCES:
        c.add(f"{where}: source '{source}' tidak dikenal (pilihan: {', '.join(SOURCES)})")
    external = item.get("external_index") or ""
    if external and external not in doc["external_indices"]:
        c.add(f"{where}: indeks eksternal '{external}' tidak dikenal")
    if source == "external" and not external:
        c.add(f"{where}: source external memerlukan external_index")
    subject_chosen = item.get("subject_chosen", False)
    if not isinstance(subject_chosen, bool):
        c.add(f"{where}: subject_chosen harus true atau false")
    return {
        "number": number,
        "code": code,
        "aspect": aspect,
        "weight": weight,
        "ladder": ladder,
        "name": c.text(item.get("name"), f"{where}: name"),
        "short_name": c.text(item.get("short_name"), f"{where}: short_name"),
        "subject_chosen": subject_chosen is True,
        "source": source,
        "external_index": external,
        "levels": _check_indicator_levels(c, item.get("levels"), where, doc),
    }


def _check_indicator_levels(c: Checker, value: Any, where: str, doc: dict) -> list[dict]:
    levels = _int_keys(c.mapping(value, f"{where}: levels"))
    result = []
    for number in doc["levels"]:
        if number not in levels:
            c.add(f"{where}: level {number} tidak ada")
            continue
        level = c.mapping(levels[number], f"{where}: level {number}")
        criteria = c.text(level.get("criteria"), f"{where}: level {number}: kriteria")
        evidence = []
        items = c.sequence(level.get("evidence"), f"{where}: level {number}: evidence")
        if isinstance(level.get("evidence"), list) and not items:
            c.add(f"{where}: level {number} tidak punya bukti dukung")
        for j, raw in enumerate(items, start=1):
            ev = c.mapping(raw, f"{where}: level {number}: bukti ke-{j}")
            place = f"{where}: level {number}: bukti ke-{j}"
            evidence.append(
                {
                    "text": c.text(ev.get("text"), f"{place}: text"),
                    "kind": _known_kind(c, ev.get("kind"), doc, place),
                }
            )
        result.append({"level": number, "criteria": criteria, "evidence": evidence})
    _extra_levels(c, levels, doc, where)
    return result


def _check_weight_sums(c: Checker, doc: dict) -> None:
    """Nested weights must add up: indicators → aspect, aspects → domain, everything → 100."""
    by_aspect: dict[str, Decimal] = {}
    for ind in doc["indicators"]:
        if ind["weight"] is not None:
            by_aspect[ind["aspect"]] = by_aspect.get(ind["aspect"], Decimal(0)) + ind["weight"]
    for aspect in doc["aspects"]:
        total = by_aspect.get(aspect["code"], Decimal(0))
        if aspect["weight"] is not None and total != aspect["weight"]:
            c.add(
                f"aspek {aspect['code']}: bobot indikator berjumlah {fmt(total)}, "
                f"seharusnya {fmt(aspect['weight'])} (bobot aspek)"
            )
    _check_group_sums(c, doc)
    weights = [i["weight"] for i in doc["indicators"]]
    if doc["indicators"] and None not in weights and sum(weights) != TOTAL_WEIGHT:
        c.add(f"bobot semua indikator berjumlah {fmt(sum(weights))}, seharusnya {TOTAL_WEIGHT}")


def _check_group_sums(c: Checker, doc: dict) -> None:
    aspects = [a for a in doc["aspects"] if a["weight"] is not None]
    if doc["domains"]:
        for domain in doc["domains"]:
            total = sum((a["weight"] for a in aspects if a["domain"] == domain["code"]), Decimal(0))
            if domain["weight"] is not None and total != domain["weight"]:
                c.add(
                    f"domain {domain['code']}: bobot aspek berjumlah {fmt(total)}, "
                    f"seharusnya {fmt(domain['weight'])} (bobot domain)"
                )
        weights = [d["weight"] for d in doc["domains"]]
        if None not in weights and sum(weights) != TOTAL_WEIGHT:
            c.add(f"bobot domain berjumlah {fmt(sum(weights))}, seharusnya {TOTAL_WEIGHT}")
    elif aspects and len(aspects) == len(doc["aspects"]):
        total = sum(a["weight"] for a in aspects)
        if total != TOTAL_WEIGHT:
            c.add(f"bobot aspek berjumlah {fmt(total)}, seharusnya {TOTAL_WEIGHT}")


# -- mapping files ---------------------------------------------------------------------

MAPPING_KEYS = ("source", "target", "kind", "links")
MAPPING_KINDS = ("official", "practitioner")
MAPPING_STATUSES = ("reuse", "update", "partial")


def check_mapping(data: Any) -> tuple[dict, list[str]]:
    """Validate the shape of a mapping file; indicator numbers are resolved by the service."""
    c = Checker()
    if not isinstance(data, dict):
        return {}, ["isi berkas harus berupa pemetaan kunci: nilai di tingkat teratas"]
    for key in MAPPING_KEYS:
        if key not in data:
            c.add(f"kunci wajib '{key}' tidak ada")
    for key in data:
        if key not in (*MAPPING_KEYS, "note", "source_version", "target_version"):
            c.add(f"kunci '{key}' tidak dikenal")
    kind = data.get("kind")
    if "kind" in data and kind not in MAPPING_KINDS:
        c.add(f"kind: nilai '{kind}' tidak dikenal (pilihan: {', '.join(MAPPING_KINDS)})")
    doc = {
        "source": c.text(data.get("source"), "source"),
        "target": c.text(data.get("target"), "target"),
        "source_version": _optional_version(c, data, "source_version"),
        "target_version": _optional_version(c, data, "target_version"),
        "kind": kind,
        "note": c.text(data.get("note"), "note", required=False),
        "links": _check_links(c, data.get("links")),
    }
    return doc, c.problems


def _optional_version(c: Checker, data: dict, key: str) -> int | None:
    return c.positive_int(data[key], key) if key in data else None


def _numbers(c: Checker, value: Any, where: str) -> list[int]:
    values = value if isinstance(value, list) else [value]
    good = [v for v in values if isinstance(v, int) and not isinstance(v, bool) and v >= 1]
    if len(good) != len(values) or not values:
        c.add(f"{where}: harus nomor indikator atau daftar nomor indikator")
    return good


def _check_links(c: Checker, value: Any) -> list[dict]:
    """Expand each link to (from, to) pairs; a pair may appear only once."""
    pairs, seen = [], set()
    for i, raw in enumerate(c.sequence(value, "links"), start=1):
        link = c.mapping(raw, f"tautan ke-{i}")
        where = f"tautan ke-{i}"
        status = link.get("status")
        if status not in MAPPING_STATUSES:
            c.add(
                f"{where}: status '{status}' tidak dikenal (pilihan: {', '.join(MAPPING_STATUSES)})"
            )
        note = c.text(link.get("note"), f"{where}: note", required=False)
        for source in _numbers(c, link.get("from"), f"{where}: from"):
            for target in _numbers(c, link.get("to"), f"{where}: to"):
                if (source, target) in seen:
                    c.add(f"{where}: pasangan {source} -> {target} sudah ada")
                seen.add((source, target))
                pairs.append({"from": source, "to": target, "status": status, "note": note})
    return pairs
