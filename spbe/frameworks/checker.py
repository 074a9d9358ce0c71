"""The problem collector and small readers shared by every check of a framework file."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

TWO_PLACES = Decimal("0.01")
CHOICES = {
    "status": ("official", "provisional"),
    "criteria_status": ("verified", "unverified"),
    "value_kind": ("integer", "decimal"),
    "predikat_basis": ("exact", "rounded"),
    "band_boundary": ("lower_inclusive", "upper_inclusive"),
}


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


def int_keys(levels: dict) -> dict:
    """Level keys may be written 1 or "1"; both mean level 1."""
    return {int(k) if isinstance(k, str) and k.isdigit() else k: v for k, v in levels.items()}


def extra_levels(c: Checker, levels: dict, doc: dict, where: str) -> None:
    """A problem for every level outside the framework's value range."""
    if not doc["levels"]:
        return
    for number in levels:
        if number not in doc["levels"]:
            span = f"{doc['levels'][0]}..{doc['levels'][-1]}"
            c.add(f"{where}: level {number} di luar rentang nilai {span}")


def known_kind(c: Checker, kind: Any, doc: dict, where: str) -> str:
    """An evidence kind, which must be one of the file's evidence_kinds."""
    kind = c.text(kind, f"{where}: kind")
    if kind and doc["evidence_kinds"] and kind not in doc["evidence_kinds"]:
        c.add(f"{where}: jenis bukti '{kind}' tidak ada di evidence_kinds")
    return kind
