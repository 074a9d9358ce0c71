"""Checks the shape of a mapping file (which indicators of one framework become which)."""

from __future__ import annotations

from typing import Any

from spbe.frameworks.checker import Checker

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
