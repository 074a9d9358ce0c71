"""Writes on the inventory: items of the six domains and duplicate decisions. Every write
checks the actor with `spbe.inventory.access` and records an audit event in its transaction.

Imports live in `spbe.inventory.imports` (they call the same checks and write one audit event
per import, all rows or none).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.inventory import access
from spbe.inventory.domains import Domain, domain_of
from spbe.inventory.models import Application, DuplicateDecision
from spbe.organizations.models import Instansi


def _split(domain: Domain, values: dict[str, Any]) -> tuple[dict, dict]:
    """Plain field values and many-to-many values (applied after the row exists)."""
    unknown = set(values) - set(domain.fields)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    m2m = {f.name for f in domain.model._meta.many_to_many}
    return (
        {k: v for k, v in values.items() if k not in m2m},
        {k: list(v) for k, v in values.items() if k in m2m},
    )


def _check_same_instansi(instansi: Instansi, plain: dict, m2m: dict) -> None:
    """Every related row must belong to the item's instansi: a unit or application of another
    instansi is refused, never silently linked."""
    errors = {}
    for name, value in plain.items():
        if isinstance(value, models.Model) and getattr(value, "instansi_id", instansi.pk) != (
            instansi.pk
        ):
            errors[name] = _("Harus dari instansi yang sama.")
    for name, rows in m2m.items():
        if any(getattr(row, "instansi_id", instansi.pk) != instansi.pk for row in rows):
            errors[name] = _("Semua pilihan harus dari instansi yang sama.")
    if errors:
        raise ValidationError(errors)


def _validate(item: models.Model) -> None:
    try:
        item.full_clean(exclude=["instansi", "updated_by"], validate_unique=True)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    value = getattr(item, "contract_value", None)
    if value is not None and value < 0:
        raise ValidationError({"contract_value": _("Nilai kontrak tidak boleh negatif.")})


def _snapshot(item: models.Model, domain: Domain) -> dict[str, Any]:
    out = {}
    for name in domain.fields:
        field = item._meta.get_field(name)
        if field.many_to_many:
            out[name] = (
                ", ".join(sorted(str(r) for r in getattr(item, name).all())) if item.pk else ""
            )
        else:
            out[name] = getattr(item, name)
    return out


def inventory_item_create(
    *, actor, domain: Domain, instansi: Instansi, values: dict[str, Any], request=None
) -> models.Model:
    """Create one item of `domain` in `instansi`; the actor must keep its owner unit (a
    respondent their own unit, the coordinator any); audited with every value set."""
    plain, m2m = _split(domain, values)
    access.ensure_sees_instansi(actor, instansi)
    if not access.edits_owner(actor, instansi, plain.get("owner_unit")):
        raise PermissionDenied
    _check_same_instansi(instansi, plain, m2m)
    item = domain.model(instansi=instansi, updated_by=_user(actor), **plain)
    _validate(item)
    try:
        with transaction.atomic():
            item.save()
            for name, rows in m2m.items():
                getattr(item, name).set(rows)
            audit_record(
                actor=actor,
                action=f"inventory.{domain.model._meta.model_name}_created",
                target=item,
                instansi=instansi,
                changes=diff_fields({}, _snapshot(item, domain)),
                request=request,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"name": _("Nama ini sudah terdaftar untuk unit pemilik yang sama.")}
        ) from exc
    return item


def inventory_item_update(
    *, actor, item: models.Model, values: dict[str, Any], request=None
) -> models.Model:
    """Change an item; both the old and (when it changes) the new owner unit must be the
    actor's to keep. Audited with old and new values; no change, no event."""
    domain = domain_of(item)
    plain, m2m = _split(domain, values)
    access.ensure_edits_item(actor, item)
    if "owner_unit" in plain and not access.edits_owner(actor, item.instansi, plain["owner_unit"]):
        raise PermissionDenied
    _check_same_instansi(item.instansi, plain, m2m)
    before = _snapshot(item, domain)
    for name, value in plain.items():
        setattr(item, name, value)
    _validate(item)
    try:
        with transaction.atomic():
            item.updated_by = _user(actor)
            item.save()
            for name, rows in m2m.items():
                getattr(item, name).set(rows)
            changes = diff_fields(before, _snapshot(item, domain))
            if changes:
                audit_record(
                    actor=actor,
                    action=f"inventory.{domain.model._meta.model_name}_updated",
                    target=item,
                    instansi=item.instansi,
                    changes=changes,
                    request=request,
                )
    except IntegrityError as exc:
        raise ValidationError(
            {"name": _("Nama ini sudah terdaftar untuk unit pemilik yang sama.")}
        ) from exc
    return item


def inventory_item_delete(*, actor, item: models.Model, request=None) -> None:
    """Delete an item (its links go with it); the audit event keeps what it was."""
    domain = domain_of(item)
    access.ensure_edits_item(actor, item)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=f"inventory.{domain.model._meta.model_name}_deleted",
            target=item,
            instansi=item.instansi,
            changes=diff_fields(_snapshot(item, domain), {}) or {},
            extra={"name": item.name},
            request=request,
        )
        item.delete()


def duplicate_decide(
    *,
    actor,
    a: Application,
    b: Application,
    verdict: str,
    keep: Application | None = None,
    note: str = "",
    request=None,
) -> DuplicateDecision:
    """Remember the coordinator's decision on a candidate pair: duplikat (consolidated into
    `keep`, one of the two) or bukan duplikat. Deciding again replaces the decision; audited
    with the old and new verdict."""
    if a.instansi_id != b.instansi_id or a.pk == b.pk:
        raise ValidationError(_("Pasangan harus dua aplikasi berbeda dari instansi yang sama."))
    access.ensure_manages(actor, a.instansi)
    if verdict not in DuplicateDecision.Verdict.values:
        raise ValidationError({"verdict": _("Pilih keputusan: duplikat atau bukan duplikat.")})
    if verdict == DuplicateDecision.Verdict.DUPLIKAT:
        if keep is None or keep.pk not in (a.pk, b.pk):
            raise ValidationError(
                {"keep": _("Pilih aplikasi tujuan konsolidasi (salah satu dari pasangan).")}
            )
    else:
        keep = None
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError({"note": _("Catatan paling panjang 500 karakter.")})
    first, second = sorted((a, b), key=lambda app: app.pk)
    with transaction.atomic():
        decision = (
            DuplicateDecision.objects.select_for_update().filter(first=first, second=second).first()
        )
        before = {"verdict": decision.verdict, "keep": decision.keep} if decision else {}
        if decision is None:
            decision = DuplicateDecision(instansi=a.instansi, first=first, second=second)
        decision.verdict, decision.keep, decision.note = verdict, keep, note
        decision.decided_by = _user(actor)
        decision.save()
        audit_record(
            actor=actor,
            action="inventory.duplicate_decided",
            target=decision,
            instansi=a.instansi,
            changes=diff_fields(before, {"verdict": verdict, "keep": keep}),
            extra={"a": first.name, "b": second.name, "note": note},
            request=request,
        )
    return decision


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
