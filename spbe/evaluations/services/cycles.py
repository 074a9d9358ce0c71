"""The life of an open cycle: state transitions, deadlines, external index values, finalise, reopen.

The caller resolved the cycle with a selector (404 for outsiders); these functions check that
the actor coordinates it (403) and that the cycle is not locked."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.core.numbers import NumberParseError, parse_decimal
from spbe.evaluations.access import ensure_coordinates
from spbe.evaluations.models import Cycle
from spbe.evaluations.services._common import ensure_unlocked
from spbe.frameworks.stages import stages_of
from spbe.scoring import ScoringError, convert_external

State = Cycle.State


def next_states(cycle: Cycle) -> tuple[str, ...]:
    """The states a cycle may move to next, from its framework's stages: persiapan → each
    stage before the final one, in order → finalisasi; an optional stage (visitasi) may be
    skipped. Finalisasi goes on only through cycle_finalise, selesai only back (reopen)."""
    path = [s for s in stages_of(cycle.framework) if not s.is_final]
    steps = [State.PERSIAPAN, *(s.code for s in path), State.FINALISASI]
    if cycle.state not in steps[:-1]:
        return ()
    here = steps.index(cycle.state)
    allowed = [steps[here + 1]]
    for s in path[here:]:  # path[here] is the stage right after the current state
        if not s.optional:
            break
        allowed.append(steps[steps.index(s.code) + 1])
    return tuple(allowed)


DEADLINE_FIELDS = ("self_assessment_due", "review_due")


def deadline_problem(self_assessment_due, review_due) -> str | None:
    """The one deadline rule, on creating a cycle and on changing its deadlines: the review
    follows the self-assessment, never the reverse."""
    if self_assessment_due and review_due and review_due < self_assessment_due:
        return _("Batas reviu tidak boleh sebelum batas penilaian mandiri.")
    return None


@transaction.atomic
def cycle_set_external_values(
    *, actor, cycle: Cycle, values: Mapping[str, object], request=None
) -> Cycle:
    """Record the other agencies' indices the cycle's externally sourced indicators take
    (Pemdi: SDI, SJIG, IPS, IKASANDI), e.g. ``{"sdi": "58.20", "sjig": None}``.

    They are the value of those indicators at every stage (`cycles_stage_values`); None or
    "" means not published yet (the framework's missing value, shown as pending). Codes must
    be the framework's external indices, each value within its conversion table's range
    (comma or point decimals); any problem refuses the whole set. Audited as
    ``cycle.external_values_changed``.
    """
    ensure_coordinates(actor, cycle)
    cycle = (
        Cycle.objects.select_for_update().select_related("framework", "instansi").get(pk=cycle.pk)
    )
    ensure_unlocked(cycle)
    tables = cycle.framework.external_indices or {}
    errors: dict[str, list[str]] = {}
    after = dict(cycle.external_values or {})
    for code, raw in values.items():
        if code not in tables:
            errors[code] = [
                _("Indeks %(c)s tidak dikenal pada kerangka ini; pilihan: %(all)s.")
                % {"c": code, "all": ", ".join(sorted(tables)) or "–"}
            ]
            continue
        text = "" if raw is None else str(raw).strip()
        if not text:
            after[code] = None
            continue
        try:
            text = str(parse_decimal(text))  # "58,20" as typed on the page
        except NumberParseError as exc:
            errors[code] = [str(exc)]
            continue
        try:
            convert_external(tables[code], text)
        except ScoringError as exc:
            errors[code] = [str(exc)]
            continue
        after[code] = str(Decimal(text))
    if errors:
        raise ValidationError(errors)
    before = dict(cycle.external_values or {})
    if after == before:
        return cycle
    cycle.external_values = after
    cycle.save(update_fields=["external_values"])
    audit_record(
        actor=actor,
        action="cycle.external_values_changed",
        target=cycle,
        instansi=cycle.instansi,
        changes=diff_fields(before, after),
        request=request,
    )
    return cycle


@transaction.atomic
def cycle_set_deadlines(
    *,
    actor,
    cycle: Cycle,
    self_assessment_due: datetime.date | None,
    review_due: datetime.date | None,
    request=None,
) -> Cycle:
    """Set the cycle's self-assessment and internal review deadlines."""
    ensure_coordinates(actor, cycle)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    ensure_unlocked(cycle)
    deadline_error = deadline_problem(self_assessment_due, review_due)
    if deadline_error:
        raise ValidationError({"review_due": deadline_error})
    before = {f: getattr(cycle, f) for f in DEADLINE_FIELDS}
    cycle.self_assessment_due = self_assessment_due
    cycle.review_due = review_due
    cycle.save(update_fields=list(DEADLINE_FIELDS))
    audit_record(
        actor=actor,
        action="cycle.deadlines_changed",
        target=cycle,
        changes=diff_fields(before, {f: getattr(cycle, f) for f in DEADLINE_FIELDS}),
        request=request,
    )
    return cycle


@transaction.atomic
def cycle_transition(*, actor, cycle: Cycle, state: str, request=None) -> Cycle:
    """Move the cycle one step forward (persiapan → mandiri → dokumen → interviu →
    [visitasi] → finalisasi). Going back, skipping, or finishing is refused here."""
    ensure_coordinates(actor, cycle)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    ensure_unlocked(cycle)
    if state not in State.values:
        raise ValidationError({"state": _("Tahap tidak dikenal.")})
    if state == State.SELESAI:
        raise ValidationError({"state": _("Gunakan Finalisasi untuk menyelesaikan siklus.")})
    allowed = next_states(cycle)
    if state not in allowed:
        raise ValidationError(
            {
                "state": _("Tahap hanya dapat maju: dari %(now)s ke %(next)s, tidak ke %(to)s.")
                % {
                    "now": cycle.get_state_display(),
                    "next": " / ".join(str(State(s).label) for s in allowed) or "-",
                    "to": State(state).label,
                }
            }
        )
    before = cycle.state
    cycle.state = state
    cycle.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action="cycle.state_changed",
        target=cycle,
        changes={"state": [before, state]},
        request=request,
    )
    return cycle


@transaction.atomic
def cycle_finalise(*, actor, cycle: Cycle, request=None) -> Cycle:
    """Lock the cycle (state selesai): from then on every change is refused everywhere."""
    ensure_coordinates(actor, cycle)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    ensure_unlocked(cycle)
    if cycle.state != State.FINALISASI:
        raise ValidationError(
            _("Siklus hanya dapat difinalkan dari tahap Finalisasi (sekarang: %(s)s).")
            % {"s": cycle.get_state_display()}
        )
    cycle.state = State.SELESAI
    cycle.finalised_at = timezone.now()
    cycle.save(update_fields=["state", "finalised_at"])
    audit_record(
        actor=actor,
        action="cycle.finalised",
        target=cycle,
        changes={"state": [State.FINALISASI, State.SELESAI]},
        request=request,
    )
    return cycle


@transaction.atomic
def cycle_reopen(*, actor, cycle: Cycle, reason: str, request=None) -> Cycle:
    """Unlock a finalised cycle (back to finalisasi); only its koordinator, with a reason
    that is kept in the audit trail."""
    ensure_coordinates(actor, cycle)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.is_locked:
        raise ValidationError(_("Siklus belum final; tidak ada yang perlu dibuka kembali."))
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": _("Alasan membuka kembali wajib diisi.")})
    cycle.state = State.FINALISASI
    cycle.finalised_at = None
    cycle.save(update_fields=["state", "finalised_at"])
    audit_record(
        actor=actor,
        action="cycle.reopened",
        target=cycle,
        changes={"state": [State.SELESAI, State.FINALISASI]},
        extra={"reason": reason},
        request=request,
    )
    return cycle
