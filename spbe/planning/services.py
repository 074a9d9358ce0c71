"""Writes for planning: the cycle's target, action items (one by one or from a proposal) and
overdue reminders. Each write is one transaction with its audit event."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.core.numbers import fmt_id, fmt_level
from spbe.evaluations.models import Cycle, Notification
from spbe.evaluations.selectors.figures import CycleFigures
from spbe.frameworks.models import Indicator
from spbe.frameworks.stages import is_stage
from spbe.organizations.models import Role, RoleGrant, Unit
from spbe.planning.models import ActionItem, Target
from spbe.planning.selectors import (
    OPEN_STATUSES,
    PlannerInput,
    Proposal,
    default_due_date,
    default_owner_persons,
    planner_propose,
)

User = get_user_model()

ITEM_FIELDS = (
    "indicator",
    "from_value",
    "target_value",
    "description",
    "owner_unit",
    "owner_person",
    "due_date",
    "status",
    "budget_estimate",
    "effort",
    "progress_notes",
)


def _text(value) -> str | None:
    return None if value is None else str(value)


def target_set(
    *, actor, cycle: Cycle, inputs: PlannerInput, request=None, figures: CycleFigures | None = None
) -> Target:
    """Save the cycle's target and planner inputs (creating or replacing them)."""
    _check_inputs(cycle, inputs, figures)
    with transaction.atomic():
        target = Target.objects.select_for_update().filter(cycle=cycle).first()
        before = _target_snapshot(target) if target else {}
        target = target or Target(cycle=cycle)
        target.target_index = inputs.target
        target.base_stage = inputs.stage
        target.max_steps = inputs.max_steps
        keys = sorted(set(inputs.efforts) | set(inputs.costs), key=_number_order)
        target.efforts = {
            key: {
                "effort": _text(inputs.efforts.get(key)),
                "cost": _text(inputs.costs.get(key)),
            }
            for key in keys
        }
        target.frozen = sorted(inputs.frozen, key=_number_order)
        target.set_by = actor
        target.save()
        audit_record(
            actor=actor,
            action="planning.target_set",
            target=target,
            instansi=cycle.instansi,
            changes=diff_fields(before, _target_snapshot(target)),
            request=request,
        )
    return target


def _number_order(key: str):
    return (0, int(key)) if key.isdigit() else (1, key)


def _target_snapshot(target: Target) -> dict:
    return {
        "target_index": str(target.target_index),
        "base_stage": target.base_stage,
        "max_steps": target.max_steps,
        "efforts": target.efforts,
        "frozen": target.frozen,
    }


def _check_inputs(cycle: Cycle, inputs: PlannerInput, figures: CycleFigures | None) -> None:
    errors = {}
    if inputs.stage and not is_stage(cycle.framework, inputs.stage):
        errors["stage"] = _("Tahap tidak dikenal.")
    if inputs.max_steps is not None and inputs.max_steps < 0:
        errors["max_steps"] = _("Batas kenaikan tidak boleh negatif.")
    if any(v < 0 for v in (*inputs.efforts.values(), *inputs.costs.values())):
        errors["efforts"] = _("Usaha dan biaya tidak boleh negatif.")
    if figures is not None:
        spec = figures.spec
        if not spec.value_min <= inputs.target <= spec.value_max:
            errors["target"] = _("Target indeks harus di antara %(lo)s dan %(hi)s.") % {
                "lo": fmt_id(spec.value_min),
                "hi": fmt_id(spec.value_max),
            }
        unknown = (set(inputs.efforts) | set(inputs.costs) | inputs.frozen) - set(spec.keys)
        if unknown:
            errors["efforts"] = _("Indikator tidak dikenal: %(keys)s.") % {
                "keys": ", ".join(sorted(unknown))
            }
    if errors:
        raise ValidationError(errors)


def action_items_from_proposal(
    *,
    actor,
    figures: CycleFigures,
    inputs: PlannerInput,
    due_date: datetime.date | None = None,
    request=None,
) -> list[ActionItem]:
    """Turn the planner's proposal into action items in one step, saving the target too.

    The proposal is recomputed here from `inputs` (the engine is deterministic), so what is
    saved is exactly the plan the engine proves optimal, never numbers posted by a browser.
    One item per change: indicator, from → target level, owner = lead unit, person = that
    unit's only respondent (none when it has several), due date = `default_due_date`, effort,
    budget = cost when given. All or nothing, each item audited.
    """
    cycle = figures.cycle
    proposal: Proposal = planner_propose(figures=figures, inputs=inputs)
    if not proposal.changes:
        raise ValidationError(_("Usulan tidak berisi perubahan; tidak ada rencana aksi dibuat."))
    due = due_date or default_due_date(cycle)
    persons = default_owner_persons(
        pc.row.lead_unit.pk for pc in proposal.changes if pc.row.lead_unit
    )
    indicators = {
        str(i.number): i for i in Indicator.objects.filter(framework_id=cycle.framework_id)
    }
    with transaction.atomic():
        target_set(actor=actor, cycle=cycle, inputs=inputs, request=request, figures=figures)
        items = []
        for pc in proposal.changes:
            change = pc.change
            item = ActionItem.objects.create(
                cycle=cycle,
                indicator=indicators[change.indicator],
                from_value=change.from_value,
                target_value=change.to_value,
                description=_("Naikkan indikator %(code)s dari level %(a)s ke %(b)s.")
                % {
                    "code": pc.row.code,
                    "a": fmt_level(change.from_value, cycle.framework.value_kind),
                    "b": fmt_level(change.to_value, cycle.framework.value_kind),
                },
                owner_unit=pc.row.lead_unit,
                owner_person=persons.get(pc.row.lead_unit.pk) if pc.row.lead_unit else None,
                due_date=due,
                effort=change.effort,
                budget_estimate=pc.cost,
                progress_notes=pc.reason,
                from_planner=True,
                created_by=actor,
            )
            audit_record(
                actor=actor,
                action="planning.action_item_created",
                target=item,
                instansi=cycle.instansi,
                changes=_item_changes({}, item),
                request=request,
                extra={"from_planner": True, "target_index": str(inputs.target)},
            )
            items.append(item)
    return items


def _item_snapshot(item: ActionItem) -> dict:
    return {
        name: _text(getattr(item, f"{name}_id" if name in _FK_FIELDS else name))
        for name in ITEM_FIELDS
    }


_FK_FIELDS = {"indicator", "owner_unit", "owner_person"}


def _item_changes(before: dict, item: ActionItem) -> dict:
    return diff_fields(before, _item_snapshot(item))


def _validate_item(cycle: Cycle, data: dict) -> None:
    errors = {}
    indicator: Indicator | None = data.get("indicator")
    if indicator is not None and indicator.framework_id != cycle.framework_id:
        errors["indicator"] = _("Indikator bukan bagian dari kerangka siklus ini.")
    fw = cycle.framework
    target_value = data.get("target_value")
    if target_value is not None and not fw.value_min <= target_value <= fw.value_max:
        errors["target_value"] = _("Level target harus di antara %(lo)s dan %(hi)s.") % {
            "lo": fmt_level(fw.value_min, fw.value_kind),
            "hi": fmt_level(fw.value_max, fw.value_kind),
        }
    unit: Unit | None = data.get("owner_unit")
    if unit is not None and unit.instansi_id != cycle.instansi_id:
        errors["owner_unit"] = _("Unit pelaksana harus unit dari instansi siklus ini.")
    person = data.get("owner_person")
    if (
        person is not None
        and not RoleGrant.objects.filter(user=person, instansi_id=cycle.instansi_id).exists()
    ):
        errors["owner_person"] = _("Penanggung jawab harus pengguna di instansi ini.")
    budget = data.get("budget_estimate")
    if budget is not None and budget < 0:
        errors["budget_estimate"] = _("Perkiraan anggaran tidak boleh negatif.")
    if "description" in data and not (data["description"] or "").strip():
        errors["description"] = _("Uraian kegiatan wajib diisi.")
    if data.get("status") and data["status"] not in ActionItem.Status.values:
        errors["status"] = _("Status tidak dikenal.")
    if errors:
        raise ValidationError(errors)


def action_item_create(*, actor, cycle: Cycle, request=None, evidence=(), **data) -> ActionItem:
    """Create one action item of a cycle (fields as in `ITEM_FIELDS`)."""
    unknown = set(data) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _validate_item(cycle, {"description": "", **data})
    with transaction.atomic():
        item = ActionItem.objects.create(cycle=cycle, created_by=actor, **data)
        item.evidence.set(evidence)
        audit_record(
            actor=actor,
            action="planning.action_item_created",
            target=item,
            instansi=cycle.instansi,
            changes=_item_changes({}, item),
            request=request,
        )
    return item


def action_item_update(
    *, actor, item: ActionItem, request=None, evidence=None, **data
) -> ActionItem:
    """Change some fields of an action item (only the given ones)."""
    unknown = set(data) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _validate_item(item.cycle, data)
    with transaction.atomic():
        before = _item_snapshot(item)
        for name, value in data.items():
            setattr(item, name, value)
        item.save()
        if evidence is not None:
            item.evidence.set(evidence)
        audit_record(
            actor=actor,
            action="planning.action_item_updated",
            target=item,
            instansi=item.cycle.instansi,
            changes=_item_changes(before, item),
            request=request,
        )
    return item


def action_item_delete(*, actor, item: ActionItem, request=None) -> None:
    """Delete an action item (prefer status "batal" to keep the history of a plan)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="planning.action_item_deleted",
            target=item,
            instansi=item.cycle.instansi,
            changes={k: [v, None] for k, v in _item_snapshot(item).items() if v is not None},
            request=request,
        )
        item.delete()


def action_reminders_send(*, today: datetime.date | None = None) -> int:
    """Notify owners of overdue open action items (the coordinators when nobody owns one).

    Idempotent: one notification per (recipient, item, due date), so the scheduled command
    can run as often as wanted. Returns the number of notifications created.
    """
    today = today or timezone.localdate()
    items = list(
        ActionItem.objects.filter(due_date__lt=today, status__in=OPEN_STATUSES)
        .select_related("indicator", "cycle", "owner_person")
        .order_by("pk")
    )
    if not items:
        return 0
    coordinators: dict[int, list[int]] = {}
    for user_id, instansi_id in RoleGrant.objects.filter(
        role=Role.KOORDINATOR, instansi_id__in={i.cycle.instansi_id for i in items}
    ).values_list("user_id", "instansi_id"):
        coordinators.setdefault(instansi_id, []).append(user_id)
    wanted = []
    for item in items:
        recipients = (
            [item.owner_person_id]
            if item.owner_person_id
            else coordinators.get(item.cycle.instansi_id, [])
        )
        key = f"action_overdue:{item.pk}:{item.due_date.isoformat()}"
        wanted.extend((user_id, key, item) for user_id in recipients)
    existing = set(
        Notification.objects.filter(
            kind=Notification.Kind.ACTION_OVERDUE, dedupe_key__in={k for _u, k, _i in wanted}
        ).values_list("recipient_id", "dedupe_key")
    )
    new = [
        Notification(
            recipient_id=user_id,
            kind=Notification.Kind.ACTION_OVERDUE,
            message=_("Rencana aksi lewat batas waktu %(date)s: %(item)s")
            % {"date": item.due_date.strftime("%d-%m-%Y"), "item": item.description[:300]},
            url=reverse("planning:action_item_edit", args=[item.cycle_id, item.pk]),
            dedupe_key=key,
        )
        for user_id, key, item in wanted
        if (user_id, key) not in existing
    ]
    with transaction.atomic():
        Notification.objects.bulk_create(new)
    return len(new)
