"""Checks the domains, aspects and indicators of a framework file, and their weights."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from spbe.frameworks.checker import Checker, extra_levels, fmt, int_keys, known_kind

# Weights are percentages: a framework's indicators add up to this.
TOTAL_WEIGHT = Decimal("100")
SOURCES = ("evidence", "external")


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


def check_domains(c: Checker, value: Any) -> list[dict]:
    if value is None:
        return []
    return [
        {k: g[k] for k in ("code", "name", "weight")} for g in _check_groups(c, value, "domain")
    ]


def check_aspects(c: Checker, value: Any, doc: dict) -> list[dict]:
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


def check_indicators(c: Checker, value: Any, doc: dict) -> list[dict]:
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
    levels = int_keys(c.mapping(value, f"{where}: levels"))
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
                    "kind": known_kind(c, ev.get("kind"), doc, place),
                }
            )
        result.append({"level": number, "criteria": criteria, "evidence": evidence})
    extra_levels(c, levels, doc, where)
    return result


def check_weight_sums(c: Checker, doc: dict) -> None:
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
