"""Opening a cycle: one assessment per indicator, optionally copying last cycle's work forward.

The caller resolved the instansi with a selector (404 for outsiders); `cycle_create` checks
that the actor coordinates it (403).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.evaluations.access import ensure_coordinates
from spbe.evaluations.models import Assessment, Cycle, EvidenceLink, StageValue
from spbe.evaluations.services.cycles import deadline_problem
from spbe.evidence.selectors.freshness import cycle_as_of, document_freshness
from spbe.frameworks.models import Framework, IndicatorMapping
from spbe.frameworks.selectors import framework_indicators
from spbe.frameworks.stages import self_assessment_stage

COPY_PARTS = frozenset({"assignments", "explanations", "subjects", "evidence"})


class _Probe:
    """Stands in for a cycle of an instansi that has none yet, for the access check."""

    def __init__(self, instansi):
        self.instansi_id = instansi.pk


def _shift_year(day: datetime.date | None, years: int) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def cycle_create(
    *,
    actor,
    instansi,
    framework: Framework,
    year: int,
    kind: str,
    name: str,
    self_assessment_due: datetime.date | None = None,
    review_due: datetime.date | None = None,
    copy_from: Cycle | None = None,
    copy_parts: frozenset[str] | set[str] = COPY_PARTS,
    shift_due_dates: bool = True,
    request=None,
) -> Cycle:
    """Open a cycle with one assessment per indicator of `framework`.

    With `copy_from` (an earlier cycle of the same instansi), the chosen `copy_parts` are
    carried forward: "assignments" (lead/contributing units, reviewer, due date shifted by the
    years between the cycles, or cleared when `shift_due_dates` is False), "explanations"
    (FAKTA/ANALISIS of the mandiri stage as a starting draft: status draf, no level),
    "subjects" (names of the services chosen for SPBE 45-47) and "evidence" (links to
    documents still valid at the new cycle's reference date). When the frameworks differ
    (SPBE 2025 → Pemdi 2026), assignments and evidence follow `IndicatorMapping`;
    explanations and subjects are copied only within the same framework.
    """
    ensure_coordinates(actor, _Probe(instansi))
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Nama siklus wajib diisi.")
    if kind not in Cycle.Kind.values:
        errors["kind"] = _("Jenis siklus tidak dikenal.")
    if not 2000 <= int(year) <= 2100:
        errors["year"] = _("Tahun tidak wajar.")
    if copy_from is not None and copy_from.instansi_id != instansi.pk:
        errors["copy_from"] = _("Siklus asal harus dari instansi yang sama.")
    unknown = set(copy_parts) - COPY_PARTS
    if unknown:
        errors["copy_parts"] = _("Bagian salinan tidak dikenal: %(p)s") % {
            "p": ", ".join(sorted(unknown))
        }
    deadline_error = deadline_problem(self_assessment_due, review_due)
    if deadline_error:
        errors["review_due"] = deadline_error
    if Cycle.objects.filter(instansi=instansi, year=year, kind=kind, name=name).exists():
        errors["name"] = _("Siklus dengan nama, tahun dan jenis ini sudah ada.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            cycle = Cycle.objects.create(
                instansi=instansi,
                framework=framework,
                year=year,
                kind=kind,
                name=name,
                self_assessment_due=self_assessment_due,
                review_due=review_due,
                copied_from=copy_from,
                created_by=actor,
            )
    except IntegrityError:
        raise ValidationError({"name": _("Siklus dengan nama ini sudah ada.")}) from None
    indicators = list(framework_indicators(framework))
    Assessment.objects.bulk_create(Assessment(cycle=cycle, indicator=i) for i in indicators)
    copied: dict[str, int] = {}
    if copy_from is not None and copy_parts:
        copied = _copy_forward(
            cycle=cycle,
            source=copy_from,
            parts=set(copy_parts),
            shift_due_dates=shift_due_dates,
            actor=actor,
        )
    audit_record(
        actor=actor,
        action="cycle.created",
        target=cycle,
        instansi=instansi,
        changes=diff_fields(
            {},
            {
                "name": name,
                "year": year,
                "kind": kind,
                "framework": str(framework),
                "self_assessment_due": self_assessment_due,
                "review_due": review_due,
            },
        ),
        extra={"copied_from": copy_from.pk if copy_from else None, "copied": copied},
        request=request,
    )
    return cycle


def _indicator_links(source: Cycle, target: Cycle) -> dict[int, list[int]]:
    """Target indicator id → source indicator ids it inherits from."""
    if source.framework_id == target.framework_id or (
        source.framework.code == target.framework.code
    ):
        by_number = dict(
            Assessment.objects.filter(cycle=source).values_list("indicator__number", "indicator_id")
        )
        return {
            ind_id: [by_number[number]]
            for number, ind_id in Assessment.objects.filter(cycle=target).values_list(
                "indicator__number", "indicator_id"
            )
            if number in by_number
        }
    links: dict[int, list[int]] = {}
    for src, dst in (
        IndicatorMapping.objects.filter(
            source__framework=source.framework, target__framework=target.framework
        )
        .order_by("source__order")
        .values_list("source_id", "target_id")
    ):
        links.setdefault(dst, []).append(src)
    return links


def _copy_forward(*, cycle: Cycle, source: Cycle, parts: set[str], shift_due_dates, actor):
    same_framework = source.framework.code == cycle.framework.code
    links = _indicator_links(source, cycle)
    old = {
        a.indicator_id: a
        for a in Assessment.objects.filter(cycle=source)
        .select_related("indicator")
        .prefetch_related("contributing_units")
    }
    new = {a.indicator_id: a for a in Assessment.objects.filter(cycle=cycle)}
    years = cycle.year - source.year
    counts = {"assignments": 0, "explanations": 0, "subjects": 0, "evidence": 0}
    mandiri = {
        sv.assessment_id: sv
        for sv in StageValue.objects.filter(
            assessment__cycle=source, stage=self_assessment_stage(source.framework).code
        )
    }
    to_update: list[Assessment] = []
    explanations: list[StageValue] = []
    for ind_id, assessment in new.items():
        sources = [old[s] for s in links.get(ind_id, []) if s in old]
        if not sources:
            continue
        changed = False
        if "assignments" in parts:
            lead = next((s for s in sources if s.lead_unit_id), None)
            if lead is not None:
                assessment.lead_unit_id = lead.lead_unit_id
                assessment.reviewer_id = lead.reviewer_id
                assessment.due_date = _shift_year(lead.due_date, years) if shift_due_dates else None
                contributing = {u.pk for s in sources for u in s.contributing_units.all()}
                contributing.discard(lead.lead_unit_id)
                if contributing:
                    assessment.contributing_units.set(contributing)
                counts["assignments"] += 1
                changed = True
        if same_framework and "subjects" in parts and sources[0].subject_name:
            assessment.subject_name = sources[0].subject_name
            counts["subjects"] += 1
            changed = True
        explanation = mandiri.get(sources[0].pk)
        if (
            same_framework
            and "explanations" in parts
            and explanation is not None
            and (explanation.fakta or explanation.analisis)
        ):
            explanations.append(
                StageValue(
                    assessment=assessment,
                    stage=self_assessment_stage(cycle.framework).code,
                    value=None,
                    fakta=explanation.fakta,
                    analisis=explanation.analisis,
                    set_by=actor,
                    set_at=timezone.now(),
                )
            )
            assessment.status = Assessment.Status.DRAF
            counts["explanations"] += 1
            changed = True
        if changed:
            to_update.append(assessment)
    Assessment.objects.bulk_update(
        to_update, ["lead_unit", "reviewer", "due_date", "subject_name", "status"]
    )
    StageValue.objects.bulk_create(explanations)
    if "evidence" in parts:
        counts["evidence"] = _copy_evidence(cycle, source, links, new, actor)
    return counts


def _copy_evidence(cycle, source, links, new, actor) -> int:
    """Link the source cycle's evidence to the new assessments, except archived documents
    (nobody may link them) and documents the evidence engine judges stale for the new cycle."""
    as_of = cycle_as_of(cycle)
    top = int(cycle.framework.value_max)
    by_source: dict[int, list[EvidenceLink]] = {}
    for link in EvidenceLink.objects.filter(assessment__cycle=source).select_related(
        "document", "assessment"
    ):
        by_source.setdefault(link.assessment.indicator_id, []).append(link)
    rows: dict[tuple[int, int, int], EvidenceLink] = {}
    for ind_id, assessment in new.items():
        for src in links.get(ind_id, []):
            for link in by_source.get(src, []):
                document = link.document
                if document.is_archived:
                    continue
                if document_freshness(document, cycle.framework, as_of).is_stale:
                    continue
                level = min(link.level, top)
                key = (assessment.pk, link.document_id, level)
                rows.setdefault(
                    key,
                    EvidenceLink(
                        assessment=assessment,
                        document_id=link.document_id,
                        level=level,
                        note=link.note,
                        linked_by=actor,
                    ),
                )
    EvidenceLink.objects.bulk_create(rows.values())
    return len(rows)
