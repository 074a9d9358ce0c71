"""Writes on budget items: create, update, delete and the Diskominfo consultation. Each checks
the actor (a unit's respondent keeps their unit's items, the coordinator every item and the
consultation) and writes an audit event in its transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.budget.codes import code_errors
from spbe.budget.models import BudgetItem
from spbe.inventory import access
from spbe.organizations.models import Instansi

FIELDS = (
    "unit",
    "fiscal_year",
    "program_code",
    "program_name",
    "activity_code",
    "activity_name",
    "sub_activity_code",
    "sub_activity_name",
    "description",
    "builds_application",
    "category",
    "amount",
    "funding_source",
    "status",
    "realised_amount",
    "indicators",
    "applications",
    "infrastructure",
)
M2M = ("indicators", "applications", "infrastructure")
CONSULTATION_FIELDS = ("consultation_date", "consultation_outcome", "consultation_note")


def _check(instansi: Instansi, values: dict) -> None:
    errors: dict[str, Any] = dict(
        code_errors(
            values.get("program_code") or "",
            values.get("activity_code") or "",
            values.get("sub_activity_code") or "",
        )
    )
    amount = values.get("amount")
    if amount is None or amount < 0:
        errors["amount"] = _("Pagu wajib diisi dengan Rupiah bulat, tidak negatif.")
    realised = values.get("realised_amount")
    if realised is not None and realised < 0:
        errors["realised_amount"] = _("Realisasi tidak boleh negatif.")
    year = values.get("fiscal_year")
    if not year or not 2000 <= year <= timezone.localdate().year + 5:
        errors["fiscal_year"] = _("Tahun anggaran tidak masuk akal.")
    if not (values.get("description") or "").strip():
        errors["description"] = _("Uraian wajib diisi.")
    unit = values.get("unit")
    if unit is None or unit.instansi_id != instansi.pk:
        errors["unit"] = _("Unit harus dari instansi yang sama.")
    for name in ("applications", "infrastructure"):
        if any(row.instansi_id != instansi.pk for row in values.get(name) or ()):
            errors[name] = _("Semua pilihan harus dari instansi yang sama.")
    if errors:
        raise ValidationError(errors)


def _snapshot(item: BudgetItem) -> dict:
    out = {name: getattr(item, name) for name in FIELDS if name not in M2M}
    for name in M2M:
        out[name] = ", ".join(sorted(str(r) for r in getattr(item, name).all())) if item.pk else ""
    return out


def _save(item: BudgetItem, plain: dict, m2m: dict) -> None:
    for name, value in plain.items():
        setattr(item, name, value)
    try:
        item.full_clean(exclude=["instansi", "updated_by", "unit"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    item.save()
    for name, rows in m2m.items():
        getattr(item, name).set(rows)


def budget_item_create(
    *, actor, instansi: Instansi, values: dict[str, Any], request=None
) -> BudgetItem:
    """Register a planned ICT item for a unit; the actor must keep that unit's items."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    access.ensure_sees_instansi(actor, instansi)
    unit = values.get("unit")
    if (
        unit is not None
        and unit.instansi_id == instansi.pk
        and not access.edits_owner(actor, instansi, unit)
    ):
        raise PermissionDenied
    _check(instansi, values)
    plain = {k: v for k, v in values.items() if k not in M2M}
    m2m = {k: list(v) for k, v in values.items() if k in M2M}
    with transaction.atomic():
        item = BudgetItem(instansi=instansi, updated_by=_user(actor))
        _save(item, plain, m2m)
        audit_record(
            actor=actor,
            action="budget.item_created",
            target=item,
            instansi=instansi,
            changes=diff_fields({}, _snapshot(item)),
            request=request,
        )
    return item


def budget_item_update(*, actor, item: BudgetItem, values: dict[str, Any], request=None):
    """Change an item (old and new unit must be the actor's to keep); audited old -> new."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    ensure_edits(actor, item)
    if "unit" in values and not access.edits_owner(actor, item.instansi, values["unit"]):
        raise PermissionDenied
    before = _snapshot(item)
    merged = {**before, **{k: getattr(item, k) for k in FIELDS if k not in M2M}}
    merged.update({k: list(getattr(item, k).all()) for k in M2M})
    merged.update(values)
    _check(item.instansi, merged)
    with transaction.atomic():
        item.updated_by = _user(actor)
        _save(
            item,
            {k: v for k, v in values.items() if k not in M2M},
            {k: list(v) for k, v in values.items() if k in M2M},
        )
        changes = diff_fields(before, _snapshot(item))
        if changes:
            audit_record(
                actor=actor,
                action="budget.item_updated",
                target=item,
                instansi=item.instansi,
                changes=changes,
                request=request,
            )
    return item


def budget_item_consult(
    *, actor, item: BudgetItem, date, outcome: str, note: str = "", request=None
) -> BudgetItem:
    """Record the Diskominfo consultation (coordinator only): date, outcome, note."""
    access.ensure_manages(actor, item.instansi)
    if outcome not in BudgetItem.Outcome.values or not outcome:
        raise ValidationError({"consultation_outcome": _("Pilih hasil konsultasi.")})
    if date is None or date > timezone.localdate():
        raise ValidationError(
            {"consultation_date": _("Tanggal konsultasi wajib diisi dan tidak di masa depan.")}
        )
    before = {f: getattr(item, f) for f in CONSULTATION_FIELDS}
    after = {
        "consultation_date": date,
        "consultation_outcome": outcome,
        "consultation_note": (note or "").strip(),
    }
    with transaction.atomic():
        for name, value in after.items():
            setattr(item, name, value)
        item.updated_by = _user(actor)
        item.save()
        audit_record(
            actor=actor,
            action="budget.item_consulted",
            target=item,
            instansi=item.instansi,
            changes=diff_fields(before, after),
            request=request,
        )
    return item


def budget_item_delete(*, actor, item: BudgetItem, request=None) -> None:
    ensure_edits(actor, item)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="budget.item_deleted",
            target=item,
            instansi=item.instansi,
            extra={"description": item.description, "amount": item.amount},
            request=request,
        )
        item.delete()


def ensure_edits(actor, item: BudgetItem) -> None:
    """Raise 404 when the actor does not see the item, 403 when they see but may not edit."""
    if access.edits_owner(actor, item.instansi, item.unit):
        return
    from spbe.organizations.permissions import scope_for

    scope = scope_for(actor)
    if scope.sees_whole_instansi(item.instansi_id) or item.unit_id in scope.unit_ids:
        raise PermissionDenied
    from django.http import Http404

    raise Http404


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
