"""Internal review of a submitted self-assessment, and the koordinator's final decision.

diajukan ──accept──▶ disetujui            (asesor agrees with the claim)
diajukan ──return──▶ perlu perbaikan      (with a note; respondents notified; only when the
                                         respondent may then fix it: `self_assessment_refusal`)
diajukan ──set level──▶ disetujui          (asesor records their own level and a note)
disetujui may be reviewed again (the asesor changes their mind) until the cycle moves on.
decide: the koordinator picks the final self-assessment level (responden's, asesor's or
their own); it becomes the mandiri stage value.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.evaluations.access import ensure_coordinates, ensure_reviews
from spbe.evaluations.models import Assessment, Comment, StageValue
from spbe.evaluations.services import notifications
from spbe.evaluations.services._common import bump_revision, check_value, ensure_unlocked
from spbe.evaluations.services.assessments import self_assessment_refusal
from spbe.frameworks.stages import self_assessment_stage

Status = Assessment.Status
Source = Assessment.FinalSource
REVIEWABLE = frozenset({Status.DIAJUKAN, Status.DISETUJUI})


def _check_reviewable(assessment: Assessment) -> None:
    ensure_unlocked(assessment.cycle)
    if assessment.status not in REVIEWABLE:
        raise ValidationError(
            _("Hanya indikator yang sudah diajukan yang dapat direviu (status: %(s)s).")
            % {"s": assessment.get_status_display()}
        )


def _check_returnable(assessment: Assessment) -> None:
    """Return only what the respondent can then fix (the same rule as their form)."""
    _check_reviewable(assessment)
    refusal = self_assessment_refusal(assessment, status=Status.PERLU_PERBAIKAN)
    if refusal:
        raise ValidationError(refusal)


def _record(*, actor, assessment, action, before_status, note="", extra=None, request=None):
    audit_record(
        actor=actor,
        action=action,
        target=assessment,
        instansi=assessment.cycle.instansi,
        changes={"status": [before_status, assessment.status]}
        if before_status != assessment.status
        else {},
        extra={"note": note, **(extra or {})},
        request=request,
    )
    if note:
        Comment.objects.create(
            assessment=assessment, author=actor, kind=Comment.Kind.REVIEW, body=note
        )


@transaction.atomic
def review_accept(
    *, actor, assessment: Assessment, revision: int, note: str = "", request=None
) -> Assessment:
    """The asesor accepts the claimed level (disetujui); the respondents are told."""
    ensure_reviews(actor, assessment)
    _check_reviewable(assessment)
    bump_revision(assessment, actor=actor, expected=revision)
    before = assessment.status
    assessment.status = Status.DISETUJUI
    assessment.reviewed_value = assessment.claimed_value
    assessment.review_note = note.strip()
    assessment.reviewed_by, assessment.reviewed_at = actor, timezone.now()
    assessment.save(
        update_fields=["status", "reviewed_value", "review_note", "reviewed_by", "reviewed_at"]
    )
    _record(
        actor=actor,
        assessment=assessment,
        action="assessment.accepted",
        before_status=before,
        note=assessment.review_note,
        request=request,
    )
    notifications.notify_approved(actor=actor, assessment=assessment)
    return assessment


@transaction.atomic
def review_return(
    *, actor, assessment: Assessment, revision: int, note: str, request=None
) -> Assessment:
    """The asesor returns the indicator for revision (perlu perbaikan) with a note."""
    ensure_reviews(actor, assessment)
    _check_returnable(assessment)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan catatan perbaikan untuk responden.")})
    bump_revision(assessment, actor=actor, expected=revision)
    before = assessment.status
    assessment.status = Status.PERLU_PERBAIKAN
    assessment.review_note = note
    assessment.reviewed_by, assessment.reviewed_at = actor, timezone.now()
    assessment.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    _record(
        actor=actor,
        assessment=assessment,
        action="assessment.returned",
        before_status=before,
        note=note,
        request=request,
    )
    notifications.notify_returned(actor=actor, assessment=assessment, note=note)
    return assessment


@transaction.atomic
def review_set_level(
    *, actor, assessment: Assessment, revision: int, value, note: str, request=None
) -> Assessment:
    """The asesor records their own level for the indicator, with the reason; the
    koordinator later decides between the respondent's and the asesor's level."""
    ensure_reviews(actor, assessment)
    _check_reviewable(assessment)
    value = check_value(assessment.cycle, assessment.indicator, value)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan alasan level reviu.")})
    bump_revision(assessment, actor=actor, expected=revision)
    before_status, before_value = assessment.status, assessment.reviewed_value
    assessment.status = Status.DISETUJUI
    assessment.reviewed_value = value
    assessment.review_note = note
    assessment.reviewed_by, assessment.reviewed_at = actor, timezone.now()
    assessment.save(
        update_fields=["status", "reviewed_value", "review_note", "reviewed_by", "reviewed_at"]
    )
    _record(
        actor=actor,
        assessment=assessment,
        action="assessment.reviewed_level",
        before_status=before_status,
        note=note,
        request=request,
        extra={
            "reviewed_value": [str(before_value) if before_value is not None else None, str(value)]
        },
    )
    notifications.notify_approved(actor=actor, assessment=assessment)
    return assessment


REVIEW_DECISIONS = ("accept", "return", "set_level")


def review_decide(
    *,
    actor,
    assessment: Assessment,
    decision: str,
    revision: int,
    note: str = "",
    value=None,
    request=None,
) -> Assessment:
    """The asesor's review in one call, as the page and the API both post it: `decision`
    "accept" (`review_accept`), "return" (`review_return`) or "set_level" (`review_set_level`
    with `value`). Each of those checks, writes and audits its own change."""
    common = {
        "actor": actor,
        "assessment": assessment,
        "revision": revision,
        "note": note,
        "request": request,
    }
    if decision == "accept":
        return review_accept(**common)
    if decision == "return":
        return review_return(**common)
    if decision == "set_level":
        return review_set_level(value=value, **common)
    raise ValidationError({"decision": _("Keputusan reviu tidak dikenal.")})


@transaction.atomic
def assessment_decide(
    *,
    actor,
    assessment: Assessment,
    revision: int | None,
    source: str,
    value=None,
    note: str = "",
    request=None,
) -> Assessment:
    """The koordinator decides the final self-assessment level: the respondent's claim
    (`source="responden"`), the asesor's level ("asesor") or their own ("koordinator", with
    `value`). It becomes the mandiri stage value; the indicator counts as disetujui."""
    ensure_coordinates(actor, assessment.cycle)
    ensure_unlocked(assessment.cycle)
    if source == Source.RESPONDEN:
        chosen = assessment.claimed_value
        if chosen is None:
            raise ValidationError({"source": _("Responden belum memilih level.")})
    elif source == Source.ASESOR:
        chosen = assessment.reviewed_value
        if chosen is None:
            raise ValidationError({"source": _("Asesor belum menetapkan level.")})
    elif source == Source.KOORDINATOR:
        if value in (None, ""):
            raise ValidationError({"value": _("Pilih level.")})
        chosen = value
    else:
        raise ValidationError({"source": _("Sumber level tidak dikenal.")})
    chosen = check_value(assessment.cycle, assessment.indicator, chosen)
    bump_revision(assessment, actor=actor, expected=revision)
    own_stage = self_assessment_stage(assessment.cycle.framework).code
    mandiri, _created = StageValue.objects.get_or_create(assessment=assessment, stage=own_stage)
    before_value, before_status = mandiri.value, assessment.status
    mandiri.value, mandiri.set_by, mandiri.set_at = chosen, actor, timezone.now()
    if note.strip():
        mandiri.notes = note.strip()
    mandiri.save()
    assessment.final_source = source
    assessment.decided_by, assessment.decided_at = actor, timezone.now()
    assessment.status = Status.DISETUJUI
    assessment.save(update_fields=["final_source", "decided_by", "decided_at", "status"])
    audit_record(
        actor=actor,
        action="assessment.decided",
        target=assessment,
        instansi=assessment.cycle.instansi,
        changes={
            own_stage: [str(before_value) if before_value is not None else None, str(chosen)],
            **(
                {"status": [before_status, assessment.status]}
                if before_status != assessment.status
                else {}
            ),
        },
        extra={"source": source, "note": note.strip()},
        request=request,
    )
    return assessment
