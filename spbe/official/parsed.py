"""What an official result file says once read: its stages, columns, values and errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from spbe.frameworks.models import Framework
from spbe.frameworks.stages import recorded_stages

OPTIONAL_COLUMNS = {"nama", "catatan_asesor"}
# Which level column of a two-year report to take.
COLUMN_AUTO, COLUMN_REPORT, COLUMN_PREVIOUS = "auto", "report", "previous"


def import_stages(framework: Framework) -> tuple[str, ...]:
    """The stage codes an official result carries: the assessor stages and the final one,
    in the framework's order (the template's value columns)."""
    return tuple(s.code for s in recorded_stages(framework))


def template_columns(framework: Framework) -> list[str]:
    """The template's header: indicator, name, one column per importable stage, the note."""
    return ["indikator", "nama", *import_stages(framework), "catatan_asesor"]


class OfficialImportError(ValidationError):
    """A file that cannot be imported; `messages` lists every problem (Bahasa Indonesia).

    `code` tells the cases apart (e.g. "framework_lama"); `details` carries what could still
    be read, such as the printed index of an old-framework report for index-only history.
    """

    def __init__(self, messages, *, code: str, details: dict[str, Any] | None = None):
        super().__init__(messages if isinstance(messages, list) else [messages], code=code)
        self.code = code
        self.details = details or {}


@dataclass
class ParsedImport:
    """What one file says about a cycle's official result."""

    source: str  # "xlsx", "csv" or "pdf"
    filename: str
    sha256: str
    values: dict[int, dict[str, Decimal]]  # indicator number → stage → value
    notes: dict[int, str] = field(default_factory=dict)  # indicator number → assessor's note
    report: dict[str, Any] | None = None  # PDF only: what the report printed (JSON-friendly)

    def stages_in(self, framework: Framework) -> list[str]:
        """Stages with at least one value, in the framework's order."""
        present = {stage for row in self.values.values() for stage in row}
        return [stage for stage in import_stages(framework) if stage in present]

    def as_payload(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "filename": self.filename,
            "sha256": self.sha256,
            "values": {
                str(n): {stage: str(v) for stage, v in row.items()}
                for n, row in sorted(self.values.items())
            },
            "notes": {str(n): note for n, note in sorted(self.notes.items())},
            "report": self.report,
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> ParsedImport:
        return cls(
            source=data["source"],
            filename=data["filename"],
            sha256=data["sha256"],
            values={
                int(n): {stage: Decimal(v) for stage, v in row.items()}
                for n, row in data["values"].items()
            },
            notes={int(n): note for n, note in data["notes"].items()},
            report=data.get("report"),
        )
