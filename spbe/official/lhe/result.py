"""What the reader of an official result report returns, and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


class LheReadError(Exception):
    """The report cannot be read or what was read does not add up.

    `message` is in Bahasa Indonesia and meant for the user as is. `code` lets callers (the
    import preview, the CLI, tests) tell the cases apart without parsing the text; `details`
    carries what could be read anyway (e.g. the printed index of an old-framework report, which
    is still useful as index-only history).
    """

    def __init__(self, message: str, *, code: str, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details or {}

    def __str__(self) -> str:
        return self.message


def unknown_format(why: str) -> LheReadError:
    """The error for a PDF that is not a known LHE/LHP layout, saying what was missing."""
    return LheReadError(
        "Format laporan tidak dikenali: "
        + why
        + ". Yang dapat dibaca adalah Laporan Hasil Evaluasi atau Laporan Hasil Pemantauan "
        "SPBE dari Kementerian PANRB (PermenPANRB 59/2020).",
        code="format_tidak_dikenal",
    )


@dataclass
class LheResult:
    """The content of one Laporan Hasil Evaluasi / Laporan Hasil Pemantauan SPBE.

    Numbers are kept exactly as printed (Decimal with the printed number of places); levels are
    integers, 0 meaning "not assessed". For a report that prints two years side by side,
    `levels` is the report year's column and `previous_levels` the other one.
    """

    year: int
    instansi: str
    index: Decimal
    domains: dict[str, Decimal]
    levels: dict[int, int]
    kind: str = ""  # "evaluasi" or "pemantauan", from the report's own title
    predikat: str = ""  # as printed under the index, e.g. "Kurang"
    aspects: dict[str, Decimal] = field(default_factory=dict)
    indicator_names: dict[int, str] = field(default_factory=dict)  # best effort, as printed
    previous_year: int | None = None
    previous_levels: dict[int, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # per aspect section, as printed
    recommendation: str = ""
    warnings: list[str] = field(default_factory=list)
    checked: bool = False  # True once check_lhe() found levels and printed values consistent

    def as_json(self) -> dict[str, Any]:
        """The shape `spbe lhe read --json` prints: strings for decimals, string keys."""
        data: dict[str, Any] = {
            "year": self.year,
            "instansi": self.instansi,
            "kind": self.kind,
            "predikat": self.predikat,
            "index": _two_places(self.index),
            "domains": {code: _two_places(value) for code, value in self.domains.items()},
            "aspects": {code: _two_places(value) for code, value in self.aspects.items()},
            "levels": {str(number): level for number, level in sorted(self.levels.items())},
        }
        if self.previous_year is not None:
            data["previous_year"] = self.previous_year
            data["previous_levels"] = {
                str(number): level for number, level in sorted(self.previous_levels.items())
            }
        data["checked"] = self.checked
        data["warnings"] = list(self.warnings)
        return data


def _two_places(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))
