"""The work on one indicator: assignment, the respondent's self-assessment (level claim,
FAKTA/ANALISIS, draft, submit) and stage values entered by hand or in bulk.

Every write checks access (`spbe.evaluations.access`: 404 unseen, 403 seen but not allowed),
refuses a locked cycle, claims the next revision of the assessment with a conditional UPDATE
(a form based on an older revision is refused with `StaleRevision`, nothing overwritten) and
writes its audit event in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.evaluations.access import ensure_coordinates, ensure_fills_in
from spbe.evaluations.models import Assessment, ClaimRevision, Cycle, Stage, StageValue
from spbe.evaluations.services import notifications
from spbe.evaluations.services._common import (
    LOCKED_MESSAGE,
    bump_revision,
    check_text_lengths,
    check_value,
    ensure_unlocked,
    refuse_external,
)
from spbe.frameworks.selectors import framework_indicators
from spbe.frameworks.stages import is_stage, recorded_stages, self_assessment_stage, stage_codes
from spbe.organizations.models import Role, RoleGrant, Unit

Status = Assessment.Status
OPEN_STATUSES = Assessment.OPEN_STATUSES
SELF_ASSESSMENT_STATES = frozenset({Cycle.State.PERSIAPAN, Cycle.State.MANDIRI})
UNSET = object()
# The stage a claim made during each cycle state feeds (the self-assessment feeds mandiri; a
# returned indicator fixed later feeds the stage then under way).
CLAIM_STAGE_OF_STATE = {
    Cycle.State.PERSIAPAN: Stage.MANDIRI,
    Cycle.State.MANDIRI: Stage.MANDIRI,
    Cycle.State.DOKUMEN: Stage.DOKUMEN,
    Cycle.State.INTERVIU: Stage.INTERVIU,
    Cycle.State.VISITASI: Stage.VISITASI,
    Cycle.State.FINALISASI: Stage.FINAL,
    Cycle.State.SELESAI: Stage.FINAL,
}


def _plain(value):
    return None if value is None else str(value)


def _mandiri(assessment: Assessment) -> StageValue:
    code = self_assessment_stage(assessment.cycle.framework).code
    value, _created = StageValue.objects.get_or_create(assessment=assessment, stage=code)
    return value


def claim_stage(cycle: Cycle) -> str:
    """The stage a claim saved now feeds: mandiri while the self-assessment is open, else the
    stage the cycle is in. The value of a stage that has closed is history and never changes."""
    return CLAIM_STAGE_OF_STATE[cycle.state]


def _latest_claim(assessment: Assessment) -> ClaimRevision | None:
    # the respondent's latest saved claim revision (None before the first save)
    return ClaimRevision.objects.filter(assessment=assessment).order_by("-pk").first()


def _record_claim(*, actor, assessment: Assessment, stage: str, fakta, analisis, submitted):
    return ClaimRevision.objects.create(
        assessment=assessment,
        stage=stage,
        value=assessment.claimed_value,
        fakta=fakta,
        analisis=analisis,
        submitted=submitted,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )


def self_assessment_refusal(assessment: Assessment, *, status: str | None = None) -> str | None:
    """Why the respondent may not edit or (re)submit this indicator now; None when they may.

    THE rule, used by the services (save, submit, and the asesor's return: an indicator is only
    returned when the respondent can then fix it) and by the page (form or the reason):
    - a finalised cycle: nothing;
    - "perlu perbaikan" (returned by the asesor): in any unlocked stage, since the evaluation
      process allows clarification until the cycle is final;
    - "belum diisi" / "draf": only while the cycle is in persiapan or mandiri;
    - diajukan / disetujui: not by the respondent (the asesor reviews it).
    `status` asks about the indicator as it would be (e.g. after a return).
    """
    cycle = assessment.cycle
    status = status or assessment.status
    if cycle.is_locked:
        return _(LOCKED_MESSAGE)
    if status == Status.PERLU_PERBAIKAN:
        return None
    if status not in OPEN_STATUSES:
        return _("Indikator berstatus %(s)s; tidak dapat diubah responden.") % {
            "s": Status(status).label
        }
    if cycle.state not in SELF_ASSESSMENT_STATES:
        return _(
            "Penilaian mandiri ditutup pada tahap %(s)s; hanya indikator yang dikembalikan "
            "asesor yang dapat diperbaiki."
        ) % {"s": cycle.get_state_display()}
    return None


def _check_self_assessment_open(assessment: Assessment) -> None:
    refusal = self_assessment_refusal(assessment)
    if refusal:
        raise ValidationError(refusal)


# -- self-assessment --------------------------------------------------------------------------
@transaction.atomic
def assessment_save(
    *,
    actor,
    assessment: Assessment,
    revision: int,
    value,
    fakta: str,
    analisis: str,
    subject_name: str | None = None,
    submit: bool = False,
    request=None,
) -> Assessment:
    """Save the respondent's level claim and explanation as a draft (status draf); with
    `submit`, also submit it for review (status diajukan).

    Every save is kept as a `ClaimRevision` (who, when) feeding `claim_stage`: while the
    self-assessment is open the claim becomes the mandiri stage value until the koordinator
    decides otherwise (a new claim clears an earlier decision); a returned indicator fixed in a
    later stage leaves the closed mandiri value as it was. Claiming a level without its typical
    evidence is allowed; the page shows `claim_warnings`.
    """
    ensure_fills_in(actor, assessment)
    _check_self_assessment_open(assessment)
    indicator = assessment.indicator
    refuse_external(assessment.cycle, indicator)
    value = None if value in ("", None) else check_value(assessment.cycle, indicator, value)
    fakta, analisis = (fakta or "").strip(), (analisis or "").strip()
    check_text_lengths(fakta=fakta, analisis=analisis)
    bump_revision(assessment, actor=actor, expected=revision)
    stage = claim_stage(assessment.cycle)
    previous = _latest_claim(assessment)
    mandiri = _mandiri(assessment)
    explained = previous or mandiri
    before = {
        "claimed_value": _plain(assessment.claimed_value),
        "fakta": explained.fakta,
        "analisis": explained.analisis,
        "subject_name": assessment.subject_name,
        "status": assessment.status,
    }
    assessment.claimed_value = value
    # a returned indicator stays "perlu perbaikan" until resubmitted: after the mandiri stage
    # a draft would no longer be editable, and the asesor's return is still outstanding
    if assessment.status != Status.PERLU_PERBAIKAN:
        assessment.status = Status.DRAF
    assessment.final_source = ""
    assessment.decided_by = None
    assessment.decided_at = None
    if subject_name is not None and indicator.subject_chosen:
        assessment.subject_name = subject_name.strip()[:300]
    assessment.save(
        update_fields=[
            "claimed_value",
            "status",
            "final_source",
            "decided_by",
            "decided_at",
            "subject_name",
        ]
    )
    if stage == Stage.MANDIRI:
        # the self-assessment is open: the mandiri value follows the claim
        mandiri.value = value
        mandiri.fakta = fakta
        mandiri.analisis = analisis
        mandiri.set_by = actor
        mandiri.set_at = timezone.now()
        mandiri.save()
    claim = _record_claim(
        actor=actor,
        assessment=assessment,
        stage=stage,
        fakta=fakta,
        analisis=analisis,
        submitted=False,
    )
    after = {
        "claimed_value": _plain(value),
        "fakta": fakta,
        "analisis": analisis,
        "subject_name": assessment.subject_name,
        "status": assessment.status,
    }
    audit_record(
        actor=actor,
        action="assessment.saved",
        target=assessment,
        instansi=assessment.cycle.instansi,
        changes=diff_fields(before, after),
        extra={"claim_revision": claim.pk, "stage": stage},
        request=request,
    )
    if submit:
        return assessment_submit(
            actor=actor, assessment=assessment, revision=assessment.revision, request=request
        )
    return assessment


@transaction.atomic
def assessment_submit(*, actor, assessment: Assessment, revision: int, request=None) -> Assessment:
    """Submit the self-assessment for review (diajukan); needs a level, FAKTA and ANALISIS.
    Notifies the reviewer (every asesor of the instansi when none is assigned)."""
    ensure_fills_in(actor, assessment)
    _check_self_assessment_open(assessment)
    explained = _latest_claim(assessment) or (
        StageValue.objects.filter(
            assessment=assessment, stage=self_assessment_stage(assessment.cycle.framework).code
        ).first()
    )
    errors = {}
    if assessment.claimed_value is None:
        errors["value"] = _("Pilih level sebelum mengajukan.")
    if explained is None or not explained.fakta.strip():
        errors["fakta"] = _("FAKTA wajib diisi sebelum mengajukan.")
    if explained is None or not explained.analisis.strip():
        errors["analisis"] = _("ANALISIS wajib diisi sebelum mengajukan.")
    if errors:
        raise ValidationError(errors)
    bump_revision(assessment, actor=actor, expected=revision)
    before = assessment.status
    assessment.status = Status.DIAJUKAN
    assessment.submitted_by = actor
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_by", "submitted_at"])
    claim = _latest_claim(assessment)
    if claim is not None:
        ClaimRevision.objects.filter(pk=claim.pk).update(submitted=True)
    audit_record(
        actor=actor,
        action="assessment.submitted",
        target=assessment,
        instansi=assessment.cycle.instansi,
        changes={"status": [before, assessment.status]},
        extra={
            "claimed_value": _plain(assessment.claimed_value),
            "claim_revision": claim.pk if claim else None,
            "stage": claim.stage if claim else Stage.MANDIRI,
        },
        request=request,
    )
    notifications.notify_submitted(actor=actor, assessment=assessment)
    return assessment


# -- assignment -------------------------------------------------------------------------------
def _check_assignment(cycle: Cycle, lead_unit, contributing, reviewer) -> None:
    errors = {}
    units = [u for u in [lead_unit, *(contributing or [])] if u is not None]
    if any(u.instansi_id != cycle.instansi_id for u in units):
        errors["lead_unit"] = _("Unit harus dari instansi siklus ini.")
    if (
        reviewer is not None
        and not RoleGrant.objects.filter(
            user=reviewer, instansi_id=cycle.instansi_id, role__in=[Role.ASESOR, Role.KOORDINATOR]
        ).exists()
    ):
        errors["reviewer"] = _("Asesor harus memegang peran asesor di instansi ini.")
    if errors:
        raise ValidationError(errors)


def _assign_one(
    *, actor, assessment, lead_unit, contributing_units, reviewer, due_date, revision, request
):
    bump_revision(assessment, actor=actor, expected=revision)
    before_units = {u.pk for u in assessment.contributing_units.all()}
    before = {
        "lead_unit": assessment.lead_unit,
        "contributing_units": sorted(before_units),
        "reviewer": assessment.reviewer,
        "due_date": assessment.due_date,
    }
    if lead_unit is not UNSET:
        assessment.lead_unit = lead_unit
    if reviewer is not UNSET:
        assessment.reviewer = reviewer
    if due_date is not UNSET:
        assessment.due_date = due_date
    assessment.save(update_fields=["lead_unit", "reviewer", "due_date"])
    after_units = before_units
    if contributing_units is not UNSET:
        after_units = {u.pk for u in contributing_units or []} - {assessment.lead_unit_id}
        assessment.contributing_units.set(after_units)
    after = {
        "lead_unit": assessment.lead_unit,
        "contributing_units": sorted(after_units),
        "reviewer": assessment.reviewer,
        "due_date": assessment.due_date,
    }
    changes = diff_fields(before, after)
    if not changes:
        return False
    audit_record(
        actor=actor,
        action="assessment.assigned",
        target=assessment,
        instansi=assessment.cycle.instansi,
        changes=changes,
        request=request,
    )
    new_units = (after_units | {assessment.lead_unit_id}) - (
        before_units | {before["lead_unit"].pk if before["lead_unit"] else None}
    )
    if new_units - {None} or "due_date" in changes:
        notifications.notify_assigned(actor=actor, assessment=assessment)
    return True


@transaction.atomic
def assessment_assign(
    *,
    actor,
    assessment: Assessment,
    lead_unit: Unit | None,
    contributing_units: Iterable[Unit] = (),
    reviewer=None,
    due_date: datetime.date | None = None,
    revision: int | None = None,
    request=None,
) -> Assessment:
    """Assign one indicator: lead unit, contributing units, reviewer (asesor), due date.
    The units' respondents are notified (in-app and e-mail)."""
    ensure_coordinates(actor, assessment.cycle)
    ensure_unlocked(assessment.cycle)
    contributing_units = list(contributing_units or [])
    _check_assignment(assessment.cycle, lead_unit, contributing_units, reviewer)
    _assign_one(
        actor=actor,
        assessment=assessment,
        lead_unit=lead_unit,
        contributing_units=contributing_units,
        reviewer=reviewer,
        due_date=due_date,
        revision=revision,
        request=request,
    )
    return assessment


@transaction.atomic
def assessments_assign_bulk(
    *,
    actor,
    cycle: Cycle,
    assessment_ids: Iterable[int],
    lead_unit=UNSET,
    contributing_units=UNSET,
    reviewer=UNSET,
    due_date=UNSET,
    request=None,
) -> int:
    """Assign many indicators of one cycle at once (e.g. select indicators, pick a unit).

    Only the arguments given are changed (others keep their values). All or nothing.
    Returns how many assessments changed.
    """
    ensure_coordinates(actor, cycle)
    ensure_unlocked(cycle)
    ids = {int(pk) for pk in assessment_ids}
    if not ids:
        raise ValidationError(_("Pilih minimal satu indikator."))
    if all(arg is UNSET for arg in (lead_unit, contributing_units, reviewer, due_date)):
        raise ValidationError(_("Tidak ada yang diubah: pilih unit, asesor atau batas waktu."))
    rows = list(
        Assessment.objects.filter(cycle=cycle, pk__in=ids)
        .select_related("cycle", "cycle__instansi", "indicator", "lead_unit", "reviewer")
        .prefetch_related("contributing_units")
    )
    if len(rows) != len(ids):
        raise ValidationError(_("Sebagian indikator bukan milik siklus ini."))
    _check_assignment(
        cycle,
        None if lead_unit is UNSET else lead_unit,
        [] if contributing_units is UNSET else list(contributing_units or []),
        None if reviewer is UNSET else reviewer,
    )
    changed = 0
    for assessment in rows:
        changed += _assign_one(
            actor=actor,
            assessment=assessment,
            lead_unit=lead_unit,
            contributing_units=contributing_units,
            reviewer=reviewer,
            due_date=due_date,
            revision=None,
            request=request,
        )
    return changed


# -- stage values -----------------------------------------------------------------------------
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
        "value": _plain(row.value),
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
            {"value": _plain(value), "fakta": fakta, "analisis": analisis, "notes": notes},
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
            result.changes[(number, stage)] = [_plain(sv.value), str(value)]
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
