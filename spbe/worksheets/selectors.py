"""Reads of the lembar kerja: one row per indicator the user sees, as the pages show it now.

The export writes these rows and the import compares an edited file against them, so an
unchanged file is, by construction, no change. A fixed number of queries whatever the size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from spbe.evaluations.models import Assessment, Cycle, EvidenceLink, StageValue
from spbe.evaluations.selectors import (
    assessment_visible,
    claim_explanations,
    cycle_assessments,
    cycle_external_values,
)
from spbe.frameworks.stages import stages_of
from spbe.worksheets.columns import stage_key


@dataclass(frozen=True)
class EvidenceItem:
    level: int
    title: str
    url: str


@dataclass
class WorksheetRow:
    """One indicator: `cells` maps column keys to values (Decimal/None for levels, text)."""

    assessment: Assessment
    cells: dict[str, object]
    evidence: list[EvidenceItem] = field(default_factory=list)
    external: bool = False


def clean_text(value) -> str:
    """Text as a worksheet cell keeps it: no control characters XLSX cannot hold, Windows
    line ends as plain ones, no surrounding blanks (the services strip them too)."""
    text = "" if value is None else str(value)
    return ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n")).strip()


def _assessments(*, user, cycle: Cycle) -> list[Assessment]:
    if user is None:
        return list(cycle_assessments(cycle))
    return list(assessment_visible(user=user, cycle=cycle))


def worksheet_rows(*, user, cycle: Cycle, base_url: str = "") -> list[WorksheetRow]:
    """The worksheet of `cycle` as `user` sees it (None: every indicator, for the command
    line). Evidence links point at `base_url` + the document page."""
    assessments = _assessments(user=user, cycle=cycle)
    ids = [a.pk for a in assessments]
    stage_values: dict[int, dict[str, StageValue]] = {}
    for sv in StageValue.objects.filter(assessment_id__in=ids):
        stage_values.setdefault(sv.assessment_id, {})[sv.stage] = sv
    evidence: dict[int, list[EvidenceItem]] = {}
    links = (
        EvidenceLink.objects.filter(assessment_id__in=ids)
        .select_related("document")
        .order_by("level", "document__title", "pk")
    )
    for link in links:
        url = base_url + reverse("evidence:document_detail", args=[link.document_id])
        evidence.setdefault(link.assessment_id, []).append(
            EvidenceItem(link.level, clean_text(link.document.title), url)
        )
    external = cycle_external_values(cycle)
    stages = stages_of(cycle.framework)
    explained = claim_explanations(cycle, ids)
    return [
        _row(
            a,
            stage_values.get(a.pk, {}),
            explained.get(a.pk),
            evidence.get(a.pk, []),
            external,
            stages,
        )
        for a in assessments
    ]


def _row(
    assessment, values: dict[str, StageValue], explained, evidence, external, stages
) -> WorksheetRow:
    """`explained`: where FAKTA and ANALISIS are read (`claim_explanations`), or None."""
    indicator = assessment.indicator
    ext = external.get(str(indicator.number))
    cells: dict[str, object] = {
        "number": indicator.number,
        "code": indicator.code,
        "name": clean_text(indicator.name),
        "aspect": clean_text(indicator.aspect.name),
        "lead_unit": clean_text(assessment.lead_unit.name if assessment.lead_unit else ""),
        "status": str(assessment.get_status_display()),
        "claim": assessment.claimed_value,
        "fakta": clean_text(explained.fakta if explained else ""),
        "analisis": clean_text(explained.analisis if explained else ""),
        "reviewed": assessment.reviewed_value,
        "review_note": clean_text(assessment.review_note),
        "stage_notes": "\n".join(
            f"{stage.label}: {clean_text(values[stage.code].notes)}"
            for stage in stages
            if stage.code in values and clean_text(values[stage.code].notes)
        ),
        "evidence": "\n".join(f"L{item.level}: {item.title}" for item in evidence),
        "revision": assessment.revision,
    }
    for stage in stages:
        sv = values.get(stage.code)
        # an externally sourced indicator takes the recorded agency index at every stage
        cells[stage_key(stage.code)] = ext[0] if ext is not None else (sv.value if sv else None)
    return WorksheetRow(assessment, cells, evidence, external=ext is not None)


def level_equal(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return Decimal(a) == Decimal(b)
