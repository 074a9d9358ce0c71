"""The respondent's self-assessment of one indicator: level claim, explanation, draft, submit.

`self_assessment_refusal` is the one rule of when the respondent may edit it.

Every write checks access (`spbe.evaluations.access`: 404 unseen, 403 seen but not allowed),
refuses a locked cycle, claims the next revision of the assessment with a conditional UPDATE
(a form based on an older revision is refused with `StaleRevision`, nothing overwritten) and
writes its audit event in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.evaluations.access import ensure_fills_in
from spbe.evaluations.models import Assessment, ClaimRevision, Cycle, Stage, StageValue
from spbe.evaluations.selectors.assessments import claim_explanations
from spbe.evaluations.services import notifications
from spbe.evaluations.services._common import (
    LOCKED_MESSAGE,
    as_text,
    bump_revision,
    check_text_lengths,
    check_value,
    refuse_external,
)
from spbe.frameworks.stages import self_assessment_stage

Status = Assessment.Status
OPEN_STATUSES = Assessment.OPEN_STATUSES
SELF_ASSESSMENT_STATES = frozenset({Cycle.State.PERSIAPAN, Cycle.State.MANDIRI})
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
        "claimed_value": as_text(assessment.claimed_value),
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
        "claimed_value": as_text(value),
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
    explained = claim_explanations(assessment.cycle, [assessment.pk]).get(assessment.pk)
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
            "claimed_value": as_text(assessment.claimed_value),
            "claim_revision": claim.pk if claim else None,
            "stage": claim.stage if claim else Stage.MANDIRI,
        },
        request=request,
    )
    notifications.notify_submitted(actor=actor, assessment=assessment)
    return assessment
