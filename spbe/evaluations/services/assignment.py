"""Assignment of indicators (lead/contributing units, reviewer, due date), one or many at once.

Each change is audited and the newly assigned units' respondents are notified.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.evaluations.access import ensure_coordinates
from spbe.evaluations.models import Assessment, Cycle
from spbe.evaluations.services import notifications
from spbe.evaluations.services._common import bump_revision, ensure_unlocked
from spbe.organizations.models import Role, RoleGrant, Unit

UNSET = object()


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
