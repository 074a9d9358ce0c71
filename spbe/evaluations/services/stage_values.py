"""Stage values: one entered by hand, many of one stage at once, and the one bulk writer.

`stage_values_write` is shared by bulk entry and the official import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.evaluations.access import ensure_coordinates
from spbe.evaluations.models import Assessment, Cycle, StageValue
from spbe.evaluations.services._common import (
    as_text,
    bump_revision,
    check_text_lengths,
    check_value,
    ensure_unlocked,
    refuse_external,
)
from spbe.frameworks.selectors import framework_indicators
from spbe.frameworks.stages import is_stage, recorded_stages, stage_codes


@transaction.atomic
def stage_value_set(
    *,
    actor,
    assessment: Assessment,
    stage: str,
    value,
    fakta: str = "",
    analisis: str = "",
    notes: str = "",
    revision: int | None = None,
    request=None,
) -> StageValue:
    """The koordinator enters an external stage value by hand (dokumen, interviu, visitasi,
    final), with the assessors' explanation. Mandiri goes through `assessment_decide`."""
    ensure_coordinates(actor, assessment.cycle)
    ensure_unlocked(assessment.cycle)
    if stage not in {s.code for s in recorded_stages(assessment.cycle.framework)}:
        raise ValidationError({"stage": _("Tahap %(s)s tidak diisi di sini.") % {"s": stage}})
    refuse_external(assessment.cycle, assessment.indicator)
    if value not in ("", None):
        value = check_value(assessment.cycle, assessment.indicator, value)
    else:
        value = None
    check_text_lengths(fakta=fakta, analisis=analisis, notes=notes)
    bump_revision(assessment, actor=actor, expected=revision)
    row, _created = StageValue.objects.get_or_create(assessment=assessment, stage=stage)
    before = {
        "value": as_text(row.value),
        "fakta": row.fakta,
        "analisis": row.analisis,
        "notes": row.notes,
    }
    row.value, row.fakta, row.analisis, row.notes = value, fakta, analisis, notes
    row.set_by, row.set_at = actor, timezone.now()
    row.save()
    audit_record(
        actor=actor,
        action="stage_value.set",
        target=assessment,
        instansi=assessment.cycle.instansi,
        changes=diff_fields(
            before,
            {"value": as_text(value), "fakta": fakta, "analisis": analisis, "notes": notes},
        ),
        extra={"stage": stage},
        request=request,
    )
    return row


@dataclass
class StageValuesWritten:
    """What `stage_values_write` did: per stage the values created, changed and unchanged,
    the notes set, and every value change as (indicator number, stage) → [old, new]."""

    per_stage: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: int = 0
    changes: dict[tuple[int, str], list] = field(default_factory=dict)

    @property
    def written(self) -> int:
        return sum(c["created"] + c["changed"] for c in self.per_stage.values())


def stage_values_write(
    *,
    actor,
    cycle: Cycle,
    values: Mapping[int, Mapping[str, object]],
    notes: Mapping[int, str] | None = None,
    notes_stage: str | None = None,
    allow_zero: bool = False,
) -> StageValuesWritten:
    """The one writer of many stage values at once (bulk entry, official import), in a fixed
    number of queries. The caller checks the permission, holds the cycle row
    (`select_for_update`), refuses a locked cycle and records its own audit event from the
    returned changes, in the same transaction.

    `values` maps indicator numbers (int or str) to {stage: value}; every value is checked
    against the framework (`allow_zero` admits 0, which only official results hold) and any
    problem refuses the whole set, listing every problem. `notes` (number → the assessors'
    note) go to `notes_stage`; an empty note changes nothing. A value equal to the stored one
    is left alone. Every assessment whose value or note changes gets a new revision, so a form
    opened on it before is refused as stale. An indicator of the framework without an
    assessment in the cycle gets one.
    """
    indicators = {i.number: i for i in framework_indicators(cycle.framework)}
    errors: list[str] = []

    def number_of(raw) -> int | None:
        try:
            number = int(raw)
        except (TypeError, ValueError):
            errors.append(_("Nomor indikator '%(n)s' tidak valid.") % {"n": raw})
            return None
        if number not in indicators:
            errors.append(_("Indikator %(n)s tidak ada pada kerangka siklus ini.") % {"n": number})
            return None
        return number

    clean: dict[int, dict[str, Decimal]] = {}
    for raw_number, row in values.items():
        number = number_of(raw_number)
        if number is None:
            continue
        for stage, raw in row.items():
            if not is_stage(cycle.framework, stage):
                errors.append(_("Tahap tidak dikenal: %(s)s.") % {"s": stage})
                continue
            try:
                value = check_value(cycle, indicators[number], raw, allow_zero=allow_zero)
            except ValidationError as exc:
                errors.extend(exc.messages)
                continue
            clean.setdefault(number, {})[stage] = value
    clean_notes: dict[int, str] = {}
    for raw_number, note in (notes or {}).items():
        number = number_of(raw_number)
        if number is not None and str(note or "").strip():
            clean_notes[number] = str(note)
    if errors:
        raise ValidationError(errors)
    if clean_notes and not is_stage(cycle.framework, notes_stage):
        raise ValidationError({"stage": _("Tahap catatan tidak dikenal.")})

    assessments = {
        a.indicator.number: a
        for a in Assessment.objects.filter(cycle=cycle).select_related("indicator")
    }
    absent = sorted((set(clean) | set(clean_notes)) - set(assessments))
    if absent:
        Assessment.objects.bulk_create(
            Assessment(cycle=cycle, indicator=indicators[n]) for n in absent
        )
        assessments = {
            a.indicator.number: a
            for a in Assessment.objects.filter(cycle=cycle).select_related("indicator")
        }
    stages = {s for row in clean.values() for s in row} | ({notes_stage} if clean_notes else set())
    existing = {
        (sv.assessment_id, sv.stage): sv
        for sv in StageValue.objects.filter(assessment__cycle=cycle, stage__in=stages)
    }
    result = StageValuesWritten(
        per_stage={
            s: {"created": 0, "changed": 0, "unchanged": 0}
            for s in stage_codes(cycle.framework)
            if any(s in row for row in clean.values())
        }
    )
    now = timezone.now()
    created: dict[tuple[int, str], StageValue] = {}
    updated: dict[tuple[int, str], StageValue] = {}
    touched: set[int] = set()

    def slot(number: int, stage: str) -> tuple[StageValue, bool]:
        key = (assessments[number].pk, stage)
        if key in created:
            return created[key], True
        if key in existing:
            return existing[key], False
        created[key] = StageValue(assessment=assessments[number], stage=stage)
        return created[key], True

    for number, row in sorted(clean.items()):
        for stage, value in row.items():
            sv, new = slot(number, stage)
            if not new and sv.value == value:
                result.per_stage[stage]["unchanged"] += 1
                continue
            result.per_stage[stage]["created" if new else "changed"] += 1
            result.changes[(number, stage)] = [as_text(sv.value), str(value)]
            sv.value, sv.set_by, sv.set_at = value, actor, now
            updated[(sv.assessment_id, stage)] = sv
            touched.add(sv.assessment_id)
    for number, note in sorted(clean_notes.items()):
        sv, _new = slot(number, notes_stage)
        if sv.notes == note:
            continue
        sv.notes, sv.set_by, sv.set_at = note, actor, now
        updated[(sv.assessment_id, notes_stage)] = sv
        touched.add(sv.assessment_id)
        result.notes += 1
    StageValue.objects.bulk_create(created.values())
    StageValue.objects.bulk_update(
        [sv for key, sv in updated.items() if key not in created],
        ["value", "notes", "set_by", "set_at"],
    )
    if touched:
        Assessment.objects.filter(pk__in=touched).update(
            revision=F("revision") + 1, updated_by=actor, updated_at=now
        )
    return result


@transaction.atomic
def stage_values_set_bulk(
    *,
    actor,
    cycle: Cycle,
    stage: str,
    values: Mapping[int, Decimal],
    notes: Mapping[int, str] | None = None,
    allow_zero: bool = False,
    source: str,
    request=None,
) -> int:
    """Set many indicators' values of one stage at once (e.g. an official result typed in).

    `values` maps indicator numbers to values, validated against the framework (`allow_zero`
    admits 0, which only imported official results may hold); `notes` optional per number;
    `source` says where they came from (kept in the audit event ``stage_values.bulk_set``).
    All or nothing (`stage_values_write`): any invalid value or unknown indicator refuses the
    whole set, listing every problem. Changed assessments get a new revision (open forms on
    them become stale). Returns the number of stage values given.
    """
    ensure_coordinates(actor, cycle)
    cycle = (
        Cycle.objects.select_for_update().select_related("framework", "instansi").get(pk=cycle.pk)
    )
    ensure_unlocked(cycle)
    if not is_stage(cycle.framework, stage):
        raise ValidationError({"stage": _("Tahap tidak dikenal.")})
    written = stage_values_write(
        actor=actor,
        cycle=cycle,
        values={number: {stage: value} for number, value in values.items()},
        notes=notes,
        notes_stage=stage,
        allow_zero=allow_zero,
    )
    audit_record(
        actor=actor,
        action="stage_values.bulk_set",
        target=cycle,
        instansi=cycle.instansi,
        changes={str(number): change for (number, _s), change in written.changes.items()},
        extra={"stage": stage, "source": source, "count": len(values), "allow_zero": allow_zero},
        request=request,
    )
    return len(values)
